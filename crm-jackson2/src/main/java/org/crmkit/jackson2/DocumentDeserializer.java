package org.crmkit.jackson2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import org.crmkit.json.CrmDocuments;
import org.crmkit.json.InvalidJsonException;

/** Reads any crmkit document through crm-json. @param <T> the type it reads */
final class DocumentDeserializer<T> extends StdDeserializer<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final transient CrmDocuments documents;

  DocumentDeserializer(Class<T> type, CrmDocuments documents) {
    super(type);
    this.type = type;
    this.documents = documents;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String where = p.getParsingContext().pathAsPointer().toString();
    try {
      return documents.read(Trees.read(p, documents.limits()), type);
    } catch (InvalidJsonException e) {
      throw Trees.mappingException(p, type, e.under(where));
    }
  }

  /** Reads the document alone: type information in the input is never consulted, whatever the mapper's typing. */
  @Override
  public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) throws IOException {
    return deserialize(p, ctxt);
  }
}
