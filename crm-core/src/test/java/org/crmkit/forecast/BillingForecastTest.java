package org.crmkit.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class BillingForecastTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final YearMonth APR = YearMonth.of(2026, 4);

  private final BillingForecast forecast = BillingForecast.empty(OpportunityId.of(new UUID(0, 1)), NOW);

  @Test
  void keepsLinesInMonthOrder() {
    forecast.replaceLines(List.of(ForecastLine.of(APR.plusMonths(1), Money.of("2.00", "EUR")),
        ForecastLine.of(APR, Money.of("1.00", "EUR"))), NOW);

    assertThat(forecast.lines()).extracting(ForecastLine::month).containsExactly(APR, APR.plusMonths(1));
    assertThat(forecast.total()).contains(Money.of("3.00", "EUR"));
  }

  @Test
  void rejectsTwoLinesForOneMonth() {
    assertThatThrownBy(() -> forecast.replaceLines(List.of(
            ForecastLine.of(APR, Money.of("1.00", "EUR")), ForecastLine.of(APR, Money.of("2.00", "EUR"))), NOW))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("lines[2026-04].month"));
  }

  @Test
  void rejectsNegativeAmountsAndMixedCurrencies() {
    assertThatThrownBy(() -> ForecastLine.of(APR, Money.of("-0.01", "EUR")))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("lines[2026-04].amount"));
    assertThatThrownBy(() -> forecast.replaceLines(List.of(
            ForecastLine.of(APR, Money.of("1.00", "EUR")), ForecastLine.of(APR.plusMonths(1), Money.of("2.00", "USD"))), NOW))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("lines[2026-05].amount"));
  }

  @Test
  void putLineReplacesTheMonthAndEditingClearsTheFlag() {
    forecast.replaceLines(ForecastLines.repeat(Money.of("10.00", "EUR"), APR, 2), NOW);
    forecast.flag(Money.of("25.00", "EUR"), NOW);
    assertThat(forecast.flaggedDifference()).contains(Money.of("5.00", "EUR"));

    forecast.putLine(new ForecastLine(APR, Money.of("15.00", "EUR"), "bigger first invoice"), NOW);

    assertThat(forecast.lines()).hasSize(2);
    assertThat(forecast.line(APR).map(ForecastLine::note)).contains("bigger first invoice");
    assertThat(forecast.flagged()).isFalse();
  }

  @Test
  void flagWithAMatchingAmountIsNoFlag() {
    forecast.replaceLines(ForecastLines.repeat(Money.of("10.00", "EUR"), APR, 2), NOW);
    forecast.flag(Money.of("20.00", "EUR"), NOW);
    assertThat(forecast.flagged()).isFalse();
    forecast.flag(null, NOW);
    assertThat(forecast.flaggedDifference()).contains(Money.of("-20.00", "EUR"));
  }

  @Test
  void restoresFromItsSnapshot() {
    forecast.replaceLines(ForecastLines.repeat(Money.of("10.00", "EUR"), APR, 2), NOW);
    BillingForecastSnapshot s = forecast.snapshot().withVersion(3);
    assertThat(BillingForecast.restore(s).snapshot()).isEqualTo(s);
  }
}
