package org.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.FieldType;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class ReportPlanTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 31);
  private static final CustomFieldSchema SCHEMA = CustomFieldSchema.of(
      CustomFieldDefinition.of(RecordType.OPPORTUNITY, "seats", "Seats", FieldType.NUMBER),
      CustomFieldDefinition.of(RecordType.OPPORTUNITY, "price", "Price", FieldType.MONEY));

  private static ReportPlan plan(ReportDefinition d, ZoneId zone) {
    return ReportPlan.of(d, SCHEMA, ReportSettings.defaults(), TODAY, zone);
  }

  private static List<String> errors(ReportDefinition d) {
    Throwable e = catchThrowable(() -> plan(d, ZoneOffset.UTC));
    assertThat(e).isInstanceOf(ValidationException.class);
    return ((ValidationException) e).errors().stream().map(FieldError::field).toList();
  }

  @Test
  void resolvesRelativePeriodsIntoDaysAndTimestampsIntoTheZonesDayBoundaries() {
    ReportPlan p = plan(ReportDefinition.builder(ReportSource.OPPORTUNITIES).columns("name")
        .where("closeDate", Operator.EQUALS, "next_quarter")
        .where("createdAt", Operator.EQUALS, "today").build(), ZoneId.of("Europe/Helsinki"));

    assertThat(p.conditions()).extracting(ReportCondition::comparison, ReportCondition::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Comparison.GE, LocalDate.of(2027, 1, 1)),
        org.assertj.core.groups.Tuple.tuple(Comparison.LE, LocalDate.of(2027, 3, 31)),
        org.assertj.core.groups.Tuple.tuple(Comparison.GE, Instant.parse("2026-12-30T22:00:00Z")),
        org.assertj.core.groups.Tuple.tuple(Comparison.LT, Instant.parse("2026-12-31T22:00:00Z")));
  }

  @Test
  void followsTheFiscalYearForRelativeQuartersAndYears() {
    assertThat(RelativeDate.resolve("this_year", LocalDate.of(2026, 3, 15), Month.APRIL)).contains(
        new RelativeDate(LocalDate.of(2025, 4, 1), LocalDate.of(2026, 3, 31)));
    assertThat(RelativeDate.resolve("last_quarter", LocalDate.of(2026, 4, 1), Month.FEBRUARY)).contains(
        new RelativeDate(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 1, 31)));
    assertThat(RelativeDate.resolve("LAST_7_DAYS", LocalDate.of(2026, 3, 2), Month.JANUARY)).contains(
        new RelativeDate(LocalDate.of(2026, 2, 24), LocalDate.of(2026, 3, 2)));
    assertThat(RelativeDate.resolve("2026-01-01", TODAY, Month.JANUARY)).isEmpty();
  }

  @Test
  void namesEveryProblemOfADefinitionWithItsPlace() {
    assertThat(errors(ReportDefinition.builder(ReportSource.LEADS).groupBy("status")
        .aggregate(ReportAggregate.weightedAmount(), ReportAggregate.sum("status"), ReportAggregate.min("nope"))
        .where("createdAt", Operator.CONTAINS, "x").where("status", Operator.IN).sortBy("count(x)").build()))
        .containsExactly("filters[0].operator", "filters[1].values", "aggregates[0].function",
            "aggregates[1].field", "aggregates[2].field", "sorts[0].column");
    assertThat(errors(ReportDefinition.builder(ReportSource.OPPORTUNITIES).groupBy("amount")
        .groupBy("createdAt").groupBy("name", DateBucket.MONTH).build()))
        .containsExactly("groups[0].field", "groups[1].field", "groups[2].bucket");
    assertThat(errors(ReportDefinition.builder(ReportSource.OPPORTUNITIES).columns("custom.price", "custom.seats")
        .aggregate(ReportAggregate.count()).build())).containsExactly("aggregates", "columns[0]");
    assertThat(errors(ReportDefinition.builder(ReportSource.OPPORTUNITIES).build())).containsExactly("columns");
  }

  @Test
  void cutsHugeOrControlCharacterNamesShortInItsMessages() {
    String huge = "x".repeat(100_000) + "\u0000";
    Throwable e = catchThrowable(() -> plan(ReportDefinition.builder(ReportSource.OPPORTUNITIES).columns(huge)
        .build(), ZoneOffset.UTC));

    assertThat(e.getMessage()).hasSizeLessThan(1_000).doesNotContain("\u0000");
  }
}
