package org.crmkit.jackson2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.crmkit.json.CrmError;
import org.crmkit.json.JsonDocumentSuite;
import org.crmkit.json.JsonFixtures;
import org.crmkit.shared.Page;

/** The shared round-trip and refusal suite on Jackson 2, through a stock mapper with the module registered once. */
class Jackson2DocumentTest extends JsonDocumentSuite {

  private final ObjectMapper mapper = JsonMapper.builder().addModule(CrmJackson2Module.of(JsonFixtures.SCHEMA))
      .build();

  @Override
  protected String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  protected <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new Failure(e);
    }
  }

  @Override
  protected <T> Page<T> readPage(String json, Class<T> itemType) {
    try {
      return mapper.readValue(json, mapper.getTypeFactory().constructParametricType(Page.class, itemType));
    } catch (JsonProcessingException e) {
      throw new Failure(e);
    }
  }

  @Override
  protected <T> java.util.List<T> readList(String json, Class<T> itemType) {
    try {
      return mapper.readValue(json, mapper.getTypeFactory().constructCollectionType(java.util.List.class, itemType));
    } catch (JsonProcessingException e) {
      throw new Failure(e);
    }
  }

  @Override
  protected CrmError error(Throwable failure) {
    return CrmJackson2Module.error(failure instanceof Failure f ? f.getCause() : failure);
  }

  @Override
  protected Class<? extends Throwable> parseFailure() {
    return com.fasterxml.jackson.core.exc.StreamReadException.class;
  }

  @Override
  protected Class<? extends Throwable> mappingFailure() {
    return JsonMappingException.class;
  }

  @Override
  protected Throwable unwrap(Throwable thrown) {
    return thrown instanceof Failure f ? f.getCause() : thrown;
  }

  /** Jackson 2's checked exception, carried out of the suite's unchecked calls. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(JsonProcessingException cause) {
      super(cause.getMessage(), cause);
    }
  }

}
