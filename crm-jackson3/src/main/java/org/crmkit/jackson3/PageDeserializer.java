package org.crmkit.jackson3;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;

import org.crmkit.json.CrmDocuments;
import org.crmkit.json.InvalidJsonException;
import org.crmkit.shared.Page;

/** Reads a {@code Page<T>} whose item type comes from the declared type (a TypeReference or a property). */
final class PageDeserializer extends StdDeserializer<Page<?>> {

  private static final long serialVersionUID = 1L;

  private final transient CrmDocuments documents;
  private final Class<?> itemType;

  PageDeserializer(CrmDocuments documents, Class<?> itemType) {
    super(Page.class);
    this.documents = documents;
    this.itemType = itemType;
  }

  @Override
  public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
    JavaType type = property != null ? property.getType() : ctxt.getContextualType();
    JavaType item = type == null ? null : type.containedType(0);
    return new PageDeserializer(documents, item == null ? null : item.getRawClass());
  }

  @Override
  public Page<?> deserialize(JsonParser p, DeserializationContext ctxt) {
    if (itemType == null || !documents.readableTypes().contains(itemType)) {
      return ctxt.reportInputMismatch(Page.class, "A crmkit Page is read with its item type, e.g. "
          + "new TypeReference<Page<Lead>>() {}; the item type was " + itemType);
    }
    String where = p.streamReadContext().pathAsPointer().toString();
    try {
      return documents.readPage(Trees.read(p, documents.limits()), itemType);
    } catch (InvalidJsonException e) {
      throw Trees.mappingException(p, Page.class, e.under(where));
    }
  }

  /** Reads the document alone: type information in the input is never consulted, whatever the mapper's typing. */
  @Override
  public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) {
    return deserialize(p, ctxt);
  }
}
