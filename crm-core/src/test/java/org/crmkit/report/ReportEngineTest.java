package org.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;
import org.junit.jupiter.api.Test;

class ReportEngineTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  /** A storage that answers every aggregate read with fixed rows and records the reads. */
  private static final class Fixed implements ReportRepository {
    final List<AggregateQuery> reads = new ArrayList<>();
    final List<List<Object>> rows;

    Fixed(List<List<Object>> rows) {
      this.rows = rows;
    }

    @Override
    public List<List<Object>> aggregate(AggregateQuery query, Visibility visible) {
      reads.add(query);
      if (query.measures().get(0).kind() == ReportMeasure.Kind.COUNT_DISTINCT) {
        // a distinct count per group of the level: the first row's keys of that level, counted once
        List<Object> r = new ArrayList<>(rows.get(0).subList(0, query.keys().size()));
        r.add(1L);
        return List.of(r);
      }
      return rows;
    }

    @Override
    public DetailRows details(DetailQuery query, Visibility visible) {
      throw new AssertionError("not a detail report");
    }
  }

  private static ReportResult run(ReportSettings settings, ReportDefinition d, ReportRepository storage) {
    return new ReportEngine(settings).run(ReportPlan.of(d, CustomFieldSchema.empty(), settings, TODAY,
        ZoneOffset.UTC), storage, Visibility.all());
  }

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void addsTheInnermostGroupsUpToSubtotalsPerLevelAndAGrandTotalFromOneRead() {
    // keys: owner, stage, close date (by day), currency; measures: count, sum(amount)
    Fixed storage = new Fixed(List.of(
        row("ann", "proposal", LocalDate.of(2026, 3, 3), "EUR", 2L, new BigDecimal("10.0000")),
        row("ann", "proposal", LocalDate.of(2026, 3, 30), "USD", 1L, new BigDecimal("5.0000")),
        row("ann", "won", LocalDate.of(2026, 4, 1), "EUR", 1L, new BigDecimal("1.0000")),
        row("bob", "proposal", null, null, 3L, null)));

    ReportResult r = run(ReportSettings.defaults(), ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .groupBy("owner").groupBy("stage").groupBy("closeDate", DateBucket.MONTH)
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount")).build(), storage);

    assertThat(storage.reads).hasSize(1);
    assertThat(r.rows()).extracting(x -> x.cells()).containsExactly(
        row("ann", "proposal", "2026-03", 3L, MoneySums.of(Money.of("10.00", "EUR"), Money.of("5.00", "USD"))),
        row("ann", "won", "2026-04", 1L, MoneySums.of(Money.of("1.00", "EUR"))),
        row("bob", "proposal", null, 3L, MoneySums.none()));
    assertThat(r.subtotals()).extracting(ReportRow::level, x -> x.cells()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, row("ann", null, null, 4L,
            MoneySums.of(Money.of("11.00", "EUR"), Money.of("5.00", "USD")))),
        org.assertj.core.groups.Tuple.tuple(1, row("bob", null, null, 3L, MoneySums.none())),
        org.assertj.core.groups.Tuple.tuple(2, row("ann", "proposal", null, 3L,
            MoneySums.of(Money.of("10.00", "EUR"), Money.of("5.00", "USD")))),
        org.assertj.core.groups.Tuple.tuple(2, row("ann", "won", null, 1L, MoneySums.of(Money.of("1.00", "EUR")))),
        org.assertj.core.groups.Tuple.tuple(2, row("bob", "proposal", null, 3L, MoneySums.none())));
    assertThat(r.total().cells()).containsExactly(null, null, null, 7L,
        MoneySums.of(Money.of("11.00", "EUR"), Money.of("5.00", "USD")));
  }

  @Test
  void readsOnceMorePerLevelOnlyForCountDistinct() {
    Fixed storage = new Fixed(List.of(row("ann", "proposal", 2L)));

    run(ReportSettings.defaults(), ReportDefinition.builder(ReportSource.OPPORTUNITIES).groupBy("owner")
        .groupBy("stage").aggregate(ReportAggregate.count(), ReportAggregate.countDistinct("leadSource")).build(),
        storage);

    assertThat(storage.reads).extracting(q -> q.keys().size()).containsExactly(2, 0, 1, 2);
  }

  @Test
  void refusesMoreGroupsThanItWillAddUp() {
    List<List<Object>> many = new ArrayList<>();
    for (int i = 0; i <= ReportLimits.MAX_GROUP_ROWS; i++) {
      many.add(row("n" + i, 1L));
    }

    Throwable e = catchThrowable(() -> run(ReportSettings.defaults(), ReportDefinition
        .builder(ReportSource.OPPORTUNITIES).groupBy("name").aggregate(ReportAggregate.count()).build(),
        new Fixed(many)));

    assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("narrow it with filters");
  }

  @Test
  void convertsEachCurrencyAndDayAtItsRateRoundedOnce() {
    ReportSettings rates = ReportSettings.defaults().withExchangeRates((from, to, on) ->
        Optional.of(on.getDayOfMonth() == 1 ? new BigDecimal("0.333") : new BigDecimal("2")));
    // keys: stage, currency, rate date (close date); measure: count, sum(amount)
    Fixed storage = new Fixed(List.of(
        row("proposal", "USD", LocalDate.of(2026, 3, 1), 1L, new BigDecimal("10.00")),
        row("proposal", "USD", null, 1L, new BigDecimal("1.00")),
        row("proposal", "EUR", LocalDate.of(2026, 3, 1), 1L, new BigDecimal("7.00"))));

    ReportResult r = run(rates, ReportDefinition.builder(ReportSource.OPPORTUNITIES).groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount")).reportingCurrency("EUR").build(), storage);

    assertThat(r.rows().get(0).cells()).containsExactly("proposal", 3L, MoneySums.of(Money.of("12.33", "EUR")));
    assertThat(r.rates()).extracting(RateUsed::on).containsExactlyInAnyOrder(LocalDate.of(2026, 3, 1), TODAY);
  }
}
