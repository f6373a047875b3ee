package org.crmkit.jackson2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import org.crmkit.json.CrmDocuments;
import org.crmkit.json.InvalidJsonException;
import org.crmkit.shared.Page;

/** Reads a {@code Page<T>} whose item type comes from the declared type (a TypeReference or a property). */
final class PageDeserializer extends StdDeserializer<Page<?>> implements ContextualDeserializer {

  private static final long serialVersionUID = 1L;

  private final transient CrmDocuments documents;
  private final Class<?> itemType;

  PageDeserializer(CrmDocuments documents, Class<?> itemType) {
    super(Page.class);
    this.documents = documents;
    this.itemType = itemType;
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
    JavaType type = property != null ? property.getType() : ctxt.getContextualType();
    JavaType item = type == null ? null : type.containedType(0);
    return new PageDeserializer(documents, item == null ? null : item.getRawClass());
  }

  @Override
  public Page<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (itemType == null || !documents.readableTypes().contains(itemType)) {
      return ctxt.reportInputMismatch(Page.class, "A crmkit Page is read with its item type, e.g. "
          + "new TypeReference<Page<Lead>>() {}; the item type was " + itemType);
    }
    String where = p.getParsingContext().pathAsPointer().toString();
    try {
      return documents.readPage(Trees.read(p, documents.limits()), itemType);
    } catch (InvalidJsonException e) {
      throw Trees.mappingException(p, Page.class, e.under(where));
    }
  }

  /** Reads the document alone: type information in the input is never consulted, whatever the mapper's typing. */
  @Override
  public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) throws IOException {
    return deserialize(p, ctxt);
  }
}
