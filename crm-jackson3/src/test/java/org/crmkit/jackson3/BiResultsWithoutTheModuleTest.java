package org.crmkit.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.crmkit.json.JsonFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BI results are plain records, like crmkit's other records: a stock Jackson 3 mapper without crmkit's module
 * writes them (as bean-style JSON: ids and money as objects, amounts as JSON numbers, dates ISO) with exactly their
 * record components as properties, and a lenient stock mapper reads them back equal. The module's documents (the
 * money as decimal strings, the refusals) are what an API should send; this is what a host's mapper does by default.
 */
class BiResultsWithoutTheModuleTest {

  private static List<Object> results() {
    return List.of(JsonFixtures.snapshotDay(), JsonFixtures.dayState(), JsonFixtures.closedDayState(),
        JsonFixtures.pipelineAsOf(), JsonFixtures.pipelineAsOf().grouping(), JsonFixtures.pipelineAsOf().total(),
        JsonFixtures.waterfall(), JsonFixtures.waterfall().movements().get(1), JsonFixtures.trendPoint());
  }

  @Test
  void aStockMapperWritesEachBiResultWithExactlyItsRecordComponentsAndIsoDays() {
    JsonMapper stock = JsonMapper.builder().build();

    for (Object result : results()) {
      JsonNode json = stock.readTree(stock.writeValueAsString(result));
      List<String> names = new ArrayList<>(json.propertyNames());
      assertThat(names).as(result.getClass().getSimpleName() + " writes no derived property a reader cannot take")
          .containsExactlyElementsOf(Arrays.stream(result.getClass().getRecordComponents())
              .map(RecordComponent::getName).toList());
    }
    assertThat(stock.writeValueAsString(JsonFixtures.waterfall())).startsWith("{\"from\":\"2026-03-01\","
        + "\"to\":\"2026-03-31\"");
    assertThat(stock.writeValueAsString(JsonFixtures.snapshotDay())).contains("\"takenAt\":\"2026-03-31T21:30:00Z\"");
  }

  @Test
  void aLenientStockMapperReadsEachBiResultBackEqual() {
    JsonMapper stock = JsonMapper.builder().build();
    // Money also writes its isZero()/isNegative() (and MoneySums its isEmpty()) as properties, as for every record.
    JsonMapper lenient = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    for (Object result : results()) {
      assertThat(lenient.readValue(stock.writeValueAsString(result), result.getClass()))
          .as(result.getClass().getSimpleName()).isEqualTo(result);
    }
  }
}
