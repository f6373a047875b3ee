package org.crmkit.jackson3;

import org.crmkit.json.CrmError;
import org.crmkit.json.JsonDocumentSuite;
import org.crmkit.json.JsonFixtures;
import org.crmkit.shared.Page;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** The shared round-trip and refusal suite on Jackson 3, through a stock mapper with the module registered once. */
class Jackson3DocumentTest extends JsonDocumentSuite {

  private final JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA))
      .build();

  @Override
  protected String write(Object value) {
    return mapper.writeValueAsString(value);
  }

  @Override
  protected <T> T read(String json, Class<T> type) {
    return mapper.readValue(json, type);
  }

  @Override
  protected <T> Page<T> readPage(String json, Class<T> itemType) {
    return mapper.readValue(json, mapper.getTypeFactory().constructParametricType(Page.class, itemType));
  }

  @Override
  protected <T> java.util.List<T> readList(String json, Class<T> itemType) {
    return mapper.readValue(json, mapper.getTypeFactory().constructCollectionType(java.util.List.class, itemType));
  }

  @Override
  protected CrmError error(Throwable failure) {
    return CrmJackson3Module.error(failure);
  }

  @Override
  protected Class<? extends Throwable> parseFailure() {
    return tools.jackson.core.exc.StreamReadException.class;
  }

  @Override
  protected Class<? extends Throwable> mappingFailure() {
    return DatabindException.class;
  }
}
