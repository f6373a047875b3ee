package org.crmkit.jackson2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.crmkit.json.CrmDocuments;

/** Writes any crmkit document through crm-json. @param <T> the type it writes */
final class DocumentSerializer<T> extends StdSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final transient CrmDocuments documents;

  DocumentSerializer(Class<T> type, CrmDocuments documents) {
    super(type);
    this.documents = documents;
  }

  @Override
  public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
    Trees.write(documents.write(value), g);
  }

  /** Writes the document alone: a crmkit document never carries type information, whatever the mapper's typing. */
  @Override
  public void serializeWithType(T value, JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer) throws IOException {
    serialize(value, g, provider);
  }
}
