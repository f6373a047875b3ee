package org.crmkit.json;

import java.util.List;
import java.util.Objects;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.json.internal.Documents;
import org.crmkit.shared.Page;

/**
 * The one description of crmkit's JSON documents, free of any JSON library: every record, command, result and error
 * of the library written as a tree of plain Java values and read back from one. crm-jackson2 and crm-jackson3 are
 * thin adapters that turn their parser's tokens into such a tree (within {@link JsonLimits}) and a tree into their
 * generator's calls; everything a document means is decided here, so both behave alike.
 *
 * <p>A tree is {@code Map<String, Object>} for a JSON object (in property order), {@code List<Object>} for an array,
 * {@code String}, {@code Boolean}, {@code BigDecimal} for any number read ({@code Integer}, {@code Long} or
 * {@code BigDecimal} for a number written), and null. The documents and their rules are in docs/API.md: money as
 * a decimal string with its currency, ids as strings, dates as ISO-8601, custom field values typed by their
 * definition in the {@link CustomFieldSchema} given here, unknown properties refused, no type information taken
 * from input.
 *
 * <p>Immutable and thread-safe.
 */
public final class CrmDocuments {

  private final Documents documents;
  private final JsonLimits limits;

  private CrmDocuments(CustomFieldSchema schema, JsonLimits limits) {
    this.documents = new Documents(schema);
    this.limits = limits;
  }

  /**
   * The documents of a Crm with these custom fields (pass {@code crm.customFields()}), with the default limits.
   *
   * @param schema the custom fields, never null
   * @return the documents, never null
   */
  public static CrmDocuments of(CustomFieldSchema schema) {
    return of(schema, JsonLimits.defaults());
  }

  /**
   * The documents of a Crm with these custom fields, with other limits.
   *
   * @param schema the custom fields, never null
   * @param limits the limits a document read must keep, never null
   * @return the documents, never null
   */
  public static CrmDocuments of(CustomFieldSchema schema, JsonLimits limits) {
    return new CrmDocuments(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(limits, "limits"));
  }

  /** @return the limits a document read must keep, never null */
  public JsonLimits limits() {
    return limits;
  }

  /**
   * The types written as documents. A subclass (or implementation) of one is written as it: every
   * {@code CrmException} as an error document, {@code ConversionOutcome.Converted} as a conversion outcome.
   *
   * @return the types, never null
   */
  public List<Class<?>> writableTypes() {
    return documents.writableTypes();
  }

  /**
   * The types read from documents ({@code Page} is read through {@link #readPage}).
   *
   * @return the types, never null
   */
  public List<Class<?>> readableTypes() {
    return documents.readableTypes();
  }

  /**
   * Writes a value as a tree.
   *
   * @param value a value of one of the {@link #writableTypes()}, never null
   * @return its tree, never null
   * @throws IllegalArgumentException if crmkit has no document for it
   */
  public Object write(Object value) {
    return documents.write(Objects.requireNonNull(value, "value"));
  }

  /**
   * Reads a tree as a document of a type.
   *
   * @param tree the tree; null is refused
   * @param type one of the {@link #readableTypes()}, never null
   * @param <T> the type
   * @return the value, never null
   * @throws InvalidJsonException if the tree is not that document, naming each property at fault
   * @throws IllegalArgumentException if crmkit has no document for the type
   */
  public <T> T read(Object tree, Class<T> type) {
    return documents.read(tree, Objects.requireNonNull(type, "type"), "");
  }

  /**
   * Reads a tree as a page of documents of a type.
   *
   * @param tree the tree; null is refused
   * @param itemType one of the {@link #readableTypes()}, never null
   * @param <T> the item type
   * @return the page, never null
   * @throws InvalidJsonException if the tree is not that page
   */
  public <T> Page<T> readPage(Object tree, Class<T> itemType) {
    if (tree == null) {
      throw new InvalidJsonException(List.of(new org.crmkit.shared.FieldError("(document)",
          "must be a page document, was null")));
    }
    return documents.readPage(tree, Objects.requireNonNull(itemType, "itemType"), "");
  }
}
