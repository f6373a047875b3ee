package org.crmkit.jackson2;

import java.io.IOException;
import java.util.List;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import org.crmkit.conversion.ConversionId;
import org.crmkit.json.CrmDocuments;
import org.crmkit.json.InvalidJsonException;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/** Reads an id used as the key of a JSON object (a host's {@code Map<LeadId, ...>}) as crm-json reads the id. */
final class IdKeyDeserializer extends KeyDeserializer {

  /** The types whose values are also map keys: ids and users, each written as its string. */
  static final List<Class<?>> KEY_TYPES = List.of(LeadId.class, AccountId.class, ContactId.class,
      OpportunityId.class, ConversionId.class, UserId.class);

  private final Class<?> type;
  private final CrmDocuments documents;

  IdKeyDeserializer(Class<?> type, CrmDocuments documents) {
    this.type = type;
    this.documents = documents;
  }

  @Override
  public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
    try {
      return documents.read(key, type);
    } catch (InvalidJsonException e) {
      throw ctxt.weirdKeyException(type, key, e.errors().get(0).message());
    }
  }
}
