package org.crmkit.jackson3;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

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
  public void serialize(T value, JsonGenerator g, SerializationContext provider) {
    Trees.write(documents.write(value), g);
  }

  /** Writes the document alone: a crmkit document never carries type information, whatever the mapper's typing. */
  @Override
  public void serializeWithType(T value, JsonGenerator g, SerializationContext provider, TypeSerializer typeSer) {
    serialize(value, g, provider);
  }
}
