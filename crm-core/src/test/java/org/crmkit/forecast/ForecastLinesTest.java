package org.crmkit.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ForecastLinesTest {
  private static final YearMonth JAN = YearMonth.of(2026, 1);

  private static List<String> amounts(List<ForecastLine> lines) {
    return lines.stream().map(l -> l.amount().amount().toPlainString()).toList();
  }

  private static List<YearMonth> months(List<ForecastLine> lines) {
    return lines.stream().map(ForecastLine::month).toList();
  }

  @Test
  void splits100EurOverThreeMonthsWithTheRemainderOnTheLastLine() {
    List<ForecastLine> lines = ForecastLines.splitEvenly(Money.of("100.00", "EUR"), JAN, 3);

    assertThat(amounts(lines)).containsExactly("33.33", "33.33", "33.34");
    assertThat(months(lines)).containsExactly(JAN, JAN.plusMonths(1), JAN.plusMonths(2));
    assertThat(ForecastLines.total(lines)).contains(Money.of("100.00", "EUR"));
  }

  @Test
  void splitsOneCentOverTwoMonthsAsZeroThenOneCent() {
    assertThat(amounts(ForecastLines.splitEvenly(Money.of("0.01", "EUR"), JAN, 2))).containsExactly("0.00", "0.01");
  }

  @Test
  void splitsALargeAmountExactly() {
    Money total = Money.of("1000000000000.00", "EUR");
    List<ForecastLine> lines = ForecastLines.splitEvenly(total, JAN, 7);

    assertThat(amounts(lines)).containsExactly("142857142857.14", "142857142857.14", "142857142857.14",
        "142857142857.14", "142857142857.14", "142857142857.14", "142857142857.16");
    assertThat(ForecastLines.total(lines)).contains(total);
  }

  @Test
  void splitsYenWithoutDecimals() {
    assertThat(amounts(ForecastLines.splitEvenly(Money.of("1000", "JPY"), JAN, 3))).containsExactly("333", "333", "334");
  }

  @Test
  void splitsBahrainiDinarToThreeDecimals() {
    assertThat(amounts(ForecastLines.splitEvenly(Money.of("10.000", "BHD"), JAN, 3)))
        .containsExactly("3.333", "3.333", "3.334");
    assertThat(amounts(ForecastLines.splitEvenly(Money.of("0.001", "BHD"), JAN, 3)))
        .containsExactly("0.000", "0.000", "0.001");
  }

  @Test
  void splitsZeroAndASingleMonth() {
    assertThat(amounts(ForecastLines.splitEvenly(Money.zero("EUR"), JAN, 2))).containsExactly("0.00", "0.00");
    assertThat(amounts(ForecastLines.splitEvenly(Money.of("99.99", "EUR"), JAN, 1))).containsExactly("99.99");
  }

  @Test
  void splitRunsOverTheYearEnd() {
    assertThat(months(ForecastLines.splitEvenly(Money.of("90.00", "EUR"), YearMonth.of(2026, 11), 3)))
        .containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12), YearMonth.of(2027, 1));
  }

  @Test
  void rejectsANegativeTotalAndAMonthCountOutOfRange() {
    assertThatThrownBy(() -> ForecastLines.splitEvenly(Money.of("-1.00", "EUR"), JAN, 2))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("total"));
    assertThatThrownBy(() -> ForecastLines.splitEvenly(Money.of("1.00", "EUR"), JAN, 0))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("months"));
    assertThatThrownBy(() -> ForecastLines.repeat(Money.of("1.00", "EUR"), JAN, ForecastLines.MAX_MONTHS + 1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ForecastLines.repeat(Money.of("-0.01", "EUR"), JAN, 2))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("amount"));
  }

  @Test
  void repeatsAnAwkwardMonthlyAmount() {
    List<ForecastLine> lines = ForecastLines.repeat(Money.of("99.99", "EUR"), JAN, 12);

    assertThat(lines).hasSize(12).allSatisfy(l -> assertThat(l.amount()).isEqualTo(Money.of("99.99", "EUR")));
    assertThat(lines.get(11).month()).isEqualTo(YearMonth.of(2026, 12));
    assertThat(ForecastLines.total(lines)).contains(Money.of("1199.88", "EUR"));
  }

  @Test
  void repeatsInZeroAndThreeDecimalCurrenciesAndLargeAmounts() {
    assertThat(amounts(ForecastLines.repeat(Money.of("500", "JPY"), JAN, 3))).containsExactly("500", "500", "500");
    assertThat(ForecastLines.total(ForecastLines.repeat(Money.of("1.234", "BHD"), JAN, 3)))
        .contains(Money.of("3.702", "BHD"));
    assertThat(ForecastLines.total(ForecastLines.repeat(Money.of("999999999999.99", "EUR"), JAN, 600)))
        .contains(Money.of("599999999999994.00", "EUR"));
  }

  @Test
  void rescalesProportionallyToAnExactNewTotal() {
    List<ForecastLine> lines = ForecastLines.splitEvenly(Money.of("100.00", "EUR"), JAN, 3);

    assertThat(amounts(ForecastLines.rescale(lines, Money.of("200.00", "EUR")))).containsExactly("66.66", "66.66", "66.68");
    assertThat(amounts(ForecastLines.rescale(
        ForecastLines.repeat(Money.of("50.00", "EUR"), JAN, 2), Money.of("33.33", "EUR"))))
        .containsExactly("16.66", "16.67");
  }

  @Test
  void rescaleKeepsNotesAndZeroLines() {
    List<ForecastLine> lines = List.of(
        new ForecastLine(JAN, Money.of("0", "EUR"), "pause"), new ForecastLine(JAN.plusMonths(1), Money.of("10.00", "EUR"), "go"));

    List<ForecastLine> scaled = ForecastLines.rescale(lines, Money.of("15.00", "EUR"));

    assertThat(amounts(scaled)).containsExactly("0.00", "15.00");
    assertThat(scaled).extracting(ForecastLine::note).containsExactly("pause", "go");
  }

  @RepeatedTest(50)
  void rescaleIsExactAndNeverNegative(RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    String currency = List.of("EUR", "JPY", "BHD").get(random.nextInt(3));
    int digits = Money.fractionDigits(java.util.Currency.getInstance(currency));
    List<ForecastLine> lines = new ArrayList<>();
    int n = 1 + random.nextInt(24);
    for (int i = 0; i < n; i++) {
      lines.add(ForecastLine.of(JAN.plusMonths(i), new Money(BigDecimal.valueOf(random.nextInt(100_000), digits), java.util.Currency.getInstance(currency))));
    }
    lines.set(0, ForecastLine.of(JAN, new Money(BigDecimal.valueOf(1 + random.nextInt(100_000), digits), java.util.Currency.getInstance(currency))));
    Money target = new Money(BigDecimal.valueOf(random.nextLong(10_000_000L), digits), java.util.Currency.getInstance(currency));

    List<ForecastLine> scaled = ForecastLines.rescale(lines, target);

    assertThat(ForecastLines.total(scaled)).contains(target);
    assertThat(scaled).noneMatch(l -> l.amount().isNegative());
    assertThat(months(scaled)).isEqualTo(months(lines));
  }
}
