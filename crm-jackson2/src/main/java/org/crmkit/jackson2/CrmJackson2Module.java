package org.crmkit.jackson2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.Objects;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.json.CrmDocuments;
import org.crmkit.json.CrmError;
import org.crmkit.json.JsonLimits;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.Page;

/**
 * The crmkit module for Jackson 2: one registration lets an {@code ObjectMapper} read and write every crmkit
 * document (records, commands, conversion outcomes and previews, account cards, reports, BI results, pages, errors,
 * money and ids) as {@link CrmDocuments} describes them (docs/API.md shows each).
 *
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder().addModule(CrmJackson2Module.of(crm.customFields())).build();
 * CreateLead command = mapper.readValue(body, CreateLead.class);
 * String json = mapper.writeValueAsString(crm.leads().create(actor, command));
 * Page<Lead> page = mapper.readValue(json, new TypeReference<Page<Lead>>() {});
 * }</pre>
 *
 * <p>A document that is not what it is read as fails with a {@link com.fasterxml.jackson.databind.JsonMappingException}
 * whose message names each property at fault and whose cause is crm-json's
 * {@link org.crmkit.json.InvalidJsonException} (with field errors); {@link #error(Throwable)} turns that, a parse
 * error or any crmkit exception into the error document. The module never reads type information from input and
 * checks {@link JsonLimits} on every crmkit document it reads; {@link #jsonMapper(CrmDocuments)} also sets them as the
 * parser's {@link StreamReadConstraints} (with the document length), for the whole body.
 */
public final class CrmJackson2Module extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /**
   * A module for these documents.
   *
   * @param documents the documents, never null
   */
  public CrmJackson2Module(CrmDocuments documents) {
    super("crmkit", new Version(0, 1, 0, "SNAPSHOT", "org.crmkit", "crm-jackson2"));
    Objects.requireNonNull(documents, "documents");
    for (Class<?> type : documents.writableTypes()) {
      serializer(type, documents);
    }
    for (Class<?> type : documents.readableTypes()) {
      deserializer(type, documents);
    }
    addDeserializer(Page.class, castPage(new PageDeserializer(documents, null)));
    for (Class<?> type : IdKeyDeserializer.KEY_TYPES) {
      addKeyDeserializer(type, new IdKeyDeserializer(type, documents));
    }
  }

  /**
   * A module for a Crm with these custom fields, with the default limits.
   *
   * @param schema the Crm's custom fields ({@code crm.customFields()}), never null
   * @return the module, never null
   */
  public static CrmJackson2Module of(CustomFieldSchema schema) {
    return new CrmJackson2Module(CrmDocuments.of(schema));
  }

  private <T> void serializer(Class<T> type, CrmDocuments documents) {
    addSerializer(type, new DocumentSerializer<>(type, documents));
  }

  private <T> void deserializer(Class<T> type, CrmDocuments documents) {
    addDeserializer(type, new DocumentDeserializer<>(type, documents));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static com.fasterxml.jackson.databind.JsonDeserializer<Page> castPage(PageDeserializer d) {
    return (com.fasterxml.jackson.databind.JsonDeserializer) d;
  }

  /**
   * The parser limits of a {@link JsonLimits}: string length, nesting depth and document length.
   *
   * @param limits the limits, never null
   * @return the constraints, never null
   */
  public static StreamReadConstraints streamReadConstraints(JsonLimits limits) {
    return StreamReadConstraints.builder().maxStringLength(limits.maxStringLength())
        .maxNestingDepth(limits.maxNestingDepth()).maxDocumentLength(limits.maxDocumentLength()).build();
  }

  /**
   * A mapper for a crmkit API: this module, the documents' limits as the parser's constraints, and trailing tokens
   * after the document refused.
   *
   * @param documents the documents, never null
   * @return a new mapper, never null
   */
  public static JsonMapper jsonMapper(CrmDocuments documents) {
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(streamReadConstraints(documents.limits()))
        .build();
    return JsonMapper.builder(factory).addModule(new CrmJackson2Module(documents))
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /**
   * The error document of anything reading or a use case threw: a crmkit exception (also as the cause of Jackson's)
   * as {@link CrmError#of(Throwable)} gives it, a parser limit as {@code TOO_LARGE}, malformed JSON as
   * {@code INVALID_JSON} with the parser's message, anything else as {@code INTERNAL}.
   *
   * @param failure what was thrown, never null
   * @return its error document, never null
   */
  public static CrmError error(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CrmException) {
        return CrmError.of(t);
      }
    }
    if (failure instanceof StreamConstraintsException e) {
      return CrmError.tooLarge(e.getOriginalMessage());
    }
    if (failure instanceof JsonProcessingException e) {
      return CrmError.malformed(e.getOriginalMessage());
    }
    return CrmError.of(failure);
  }
}
