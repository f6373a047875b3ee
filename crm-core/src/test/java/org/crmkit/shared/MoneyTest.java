package org.crmkit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void keepsTheCurrencysScale() {
    assertThat(Money.of("10", "EUR").amount()).isEqualByComparingTo("10.00").extracting(BigDecimal::scale).isEqualTo(2);
    assertThat(Money.of("1500", "JPY").amount().scale()).isZero();
    assertThat(Money.of("1.5", "BHD").amount().toPlainString()).isEqualTo("1.500");
  }

  @Test
  void rejectsMoreDecimalsThanTheCurrencyHasInsteadOfRoundingSilently() {
    assertThatThrownBy(() -> Money.of("10.005", "EUR"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("more decimals than EUR allows (2)");
    assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(ValidationException.class);
  }

  @Test
  void acceptsAmountsUpToTheStoredPrecisionAndRefusesTenToTheFifteenth() {
    assertThat(Money.of("999999999999999.99", "EUR").amount()).isEqualByComparingTo("999999999999999.99");
    assertThat(Money.of("-999999999999999.99", "EUR").isNegative()).isTrue();
    assertThatThrownBy(() -> Money.of("1000000000000000", "EUR"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("amount"))
        .hasMessageContaining("less than 10^15");
    assertThatThrownBy(() -> Money.of("-1E+15", "EUR")).isInstanceOf(ValidationException.class);
  }

  @Test
  void refusesHugeExponentsBeforeComputingWithThem() {
    // Scaling 1E+100000000 to two decimals would build a number of 100 million digits; the bound is checked first.
    for (String hostile : new String[] {"1E+10000000", "1E+100000000", "-9E+999999999", "1E-100000000",
        "0.000000000000000000000000000000000001"}) {
      assertThatThrownBy(() -> Money.of(hostile, "EUR")).as(hostile).isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> new Money(new BigDecimal(hostile), Currency.getInstance("EUR"))).as(hostile)
          .isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> Money.rounded(new BigDecimal("1E+100000000"), Currency.getInstance("EUR")))
        .isInstanceOf(ValidationException.class);
    assertThat(Money.rounded(new BigDecimal("1E-100000000"), Currency.getInstance("EUR")))
        .isEqualTo(Money.zero("EUR"));
    assertThat(Money.of("0E+100000000", "EUR")).isEqualTo(Money.zero("EUR"));
  }

  @Test
  void refusesTextThatIsNoNumberWithAFieldError() {
    assertThatThrownBy(() -> Money.of("12,50", "EUR"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("amount: '12,50' is not a decimal number");
  }

  @Test
  void acceptsTrailingZerosBeyondTheScale() {
    assertThat(Money.of("10.5000", "EUR")).isEqualTo(Money.of("10.50", "EUR"));
  }

  @Test
  void rejectsAnUnknownCurrencyWithAHint() {
    assertThatThrownBy(() -> Money.of("1", "EURO")).hasMessageContaining("not an ISO 4217 currency code");
  }

  @Test
  void addsAndSubtractsOnlyTheSameCurrency() {
    assertThat(Money.of("1.10", "EUR").plus(Money.of("2.25", "EUR"))).isEqualTo(Money.of("3.35", "EUR"));
    assertThat(Money.of("1.10", "EUR").minus(Money.of("2.25", "EUR")).isNegative()).isTrue();
    assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
        .hasMessageContaining("cannot combine EUR with USD");
  }

  @Test
  void weightsByProbabilityRoundingHalfUpToTheCurrencyAsSqlDoes() {
    assertThat(Money.of("100.05", "EUR").percent(Probability.of(50))).isEqualTo(Money.of("50.03", "EUR"));
    assertThat(Money.of("100.15", "EUR").percent(Probability.of(50))).isEqualTo(Money.of("50.08", "EUR"));
    assertThat(Money.of("0.01", "EUR").percent(Probability.of(50))).isEqualTo(Money.of("0.01", "EUR"));
    assertThat(Money.of("10.005", "BHD").percent(Probability.of(10))).isEqualTo(Money.of("1.001", "BHD"));
    assertThat(Money.of("999", "JPY").percent(Probability.of(10))).isEqualTo(Money.of("100", "JPY"));
  }

  @Test
  void roundsComputedAmounts() {
    assertThat(Money.rounded(new BigDecimal("2.675"), Currency.getInstance("EUR"))).isEqualTo(Money.of("2.68", "EUR"));
  }
}
