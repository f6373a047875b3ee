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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more decimals than EUR allows (2)");
    assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
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
