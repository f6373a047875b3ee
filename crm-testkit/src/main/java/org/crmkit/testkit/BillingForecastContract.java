package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.forecast.AmountChangePolicy;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Contract: billing forecasts on opportunities — helpers, rules, amount-change policies, history, atomicity. */
public interface BillingForecastContract extends ContractSupport {
  YearMonth APRIL = YearMonth.of(2026, 4);

  private Opportunity opportunity(Crm crm, String amount) {
    return crm.opportunities().create(ALICE, CreateOpportunity.named("Fleet deal").amount(Money.of(amount, "EUR")));
  }

  private static List<String> amounts(BillingForecast f) {
    return f.lines().stream().map(l -> l.amount().amount().toPlainString()).toList();
  }

  private Crm crmWith(AmountChangePolicy policy) {
    return crm(b -> b.pipeline(Pipeline.defaults().withForecastOnAmountChange(policy)));
  }

  @Test
  default void anOpportunityStartsWithAnEmptyForecast() {
    Opportunity o = opportunity(crm(), "100.00");

    BillingForecast f = crm().forecasts().get(ALICE, o.id());

    assertThat(f.lines()).isEmpty();
    assertThat(f.version()).isZero();
    assertThat(crm().forecasts().history(ALICE, o.id())).isEmpty();
  }

  @Test
  default void splitsTheOpportunityAmountEvenlyWithTheRemainderOnTheLastMonth() {
    Opportunity o = opportunity(crm(), "100.00");

    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 3));

    BillingForecast stored = crm().forecasts().get(ALICE, o.id());
    assertThat(amounts(stored)).containsExactly("33.33", "33.33", "33.34");
    assertThat(stored.lines()).extracting(ForecastLine::month).containsExactly(APRIL, APRIL.plusMonths(1), APRIL.plusMonths(2));
    assertThat(stored.total()).contains(Money.of("100.00", "EUR"));
    assertThat(stored.version()).isEqualTo(1);
  }

  @Test
  default void splitsAGivenTotalAndRepeatsAMonthlyAmount() {
    Opportunity o = opportunity(crm(), "1000.00");

    crm().forecasts().splitEvenly(ALICE, SplitForecast.of(o.id(), Money.of("0.01", "EUR"), APRIL, 2));
    assertThat(amounts(crm().forecasts().get(ALICE, o.id()))).containsExactly("0.00", "0.01");

    crm().forecasts().repeat(ALICE, RepeatForecast.of(o.id(), Money.of("99.99", "EUR"), APRIL, 12));
    BillingForecast repeated = crm().forecasts().get(ALICE, o.id());
    assertThat(repeated.lines()).hasSize(12);
    assertThat(repeated.total()).contains(Money.of("1199.88", "EUR"));
  }

  @Test
  default void splitsInCurrenciesWithZeroAndThreeDecimals() {
    Opportunity yen = crm().opportunities().create(ALICE, CreateOpportunity.named("Tokyo").amount(Money.of("1000", "JPY")));
    Opportunity dinar = crm().opportunities().create(ALICE, CreateOpportunity.named("Manama").amount(Money.of("10.000", "BHD")));

    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(yen.id(), APRIL, 3));
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(dinar.id(), APRIL, 3));

    assertThat(amounts(crm().forecasts().get(ALICE, yen.id()))).containsExactly("333", "333", "334");
    assertThat(amounts(crm().forecasts().get(ALICE, dinar.id()))).containsExactly("3.333", "3.333", "3.334");
  }

  @Test
  default void entersLinesByHandAndEditsOneLine() {
    Opportunity o = opportunity(crm(), "300.00");
    crm().forecasts().enter(ALICE, EnterForecast.of(o.id(), List.of(
        new ForecastLine(APRIL.plusMonths(1), Money.of("200.00", "EUR"), "delivery"),
        ForecastLine.of(APRIL, Money.of("100.00", "EUR")))));

    crm().forecasts().editLine(ALICE,
        EditForecastLine.of(o.id(), APRIL, Money.of("120.00", "EUR")).note("deposit").expectedVersion(1L));

    BillingForecast f = crm().forecasts().get(ALICE, o.id());
    assertThat(amounts(f)).containsExactly("120.00", "200.00");
    assertThat(f.lines()).extracting(ForecastLine::note).containsExactly("deposit", "delivery");
    assertThat(f.version()).isEqualTo(2);

    crm().forecasts().removeLine(ALICE, o.id(), 2L, APRIL);
    assertThat(amounts(crm().forecasts().get(ALICE, o.id()))).containsExactly("200.00");
  }

  @Test
  default void rejectsTwoLinesForOneMonthAndWritesNothing() {
    Opportunity o = opportunity(crm(), "300.00");

    assertThatThrownBy(() -> crm().forecasts().enter(ALICE, EnterForecast.of(o.id(), List.of(
            ForecastLine.of(APRIL, Money.of("100.00", "EUR")), ForecastLine.of(APRIL, Money.of("200.00", "EUR"))))))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("lines[2026-04].month"));
    assertThat(crm().forecasts().get(ALICE, o.id()).version()).isZero();
  }

  @Test
  default void rejectsNegativeAmounts() {
    Opportunity o = opportunity(crm(), "300.00");

    assertThatThrownBy(() -> crm().forecasts().editLine(ALICE, EditForecastLine.of(o.id(), APRIL, Money.of("-1.00", "EUR"))))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("lines[2026-04].amount"));
    assertThatThrownBy(() -> crm().forecasts().repeat(ALICE, RepeatForecast.of(o.id(), Money.of("-5.00", "EUR"), APRIL, 2)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE, SplitForecast.of(o.id(), Money.of("-5.00", "EUR"), APRIL, 2)))
        .isInstanceOf(ValidationException.class);
    assertThat(crm().forecasts().get(ALICE, o.id()).version()).isZero();
  }

  @Test
  default void rejectsLinesInAnotherCurrencyThanTheOpportunitysAmount() {
    Opportunity o = opportunity(crm(), "300.00");

    assertThatThrownBy(() -> crm().forecasts().repeat(ALICE, RepeatForecast.of(o.id(), Money.of("10.00", "USD"), APRIL, 2)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("lines[2026-04].amount", "lines[2026-05].amount"))
        .hasMessageContaining("EUR");
  }

  @Test
  default void needsTheOpportunityAmountToKnowTheCurrency() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("No amount yet"));

    assertThatThrownBy(() -> crm().forecasts().repeat(ALICE, RepeatForecast.of(o.id(), Money.of("10.00", "EUR"), APRIL, 2)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("lines"));
    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 2)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("total"));
  }

  @Test
  default void rejectsAMonthCountOutOfRangeThroughValidation() {
    Opportunity o = opportunity(crm(), "300.00");
    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 0)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("months"));
  }

  @Test
  default void rejectsAForecastForAnUnknownOpportunity() {
    OpportunityId unknown = OpportunityId.parse("00000000-0000-0000-0000-00000000abcd");
    assertThatThrownBy(() -> crm().forecasts().get(ALICE, unknown)).isInstanceOf(RecordNotFoundException.class);
    assertThatThrownBy(() -> crm().forecasts().repeat(ALICE, RepeatForecast.of(unknown, Money.of("1.00", "EUR"), APRIL, 1)))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  default void aStaleForecastVersionConflicts() {
    Opportunity o = opportunity(crm(), "300.00");
    crm().forecasts().repeat(ALICE, RepeatForecast.of(o.id(), Money.of("100.00", "EUR"), APRIL, 3).expectedVersion(0L));

    assertThatThrownBy(() -> crm().forecasts().repeat(BOB,
            RepeatForecast.of(o.id(), Money.of("50.00", "EUR"), APRIL, 6).expectedVersion(0L)))
        .isInstanceOf(ConflictException.class);
    assertThat(amounts(crm().forecasts().get(ALICE, o.id()))).containsExactly("100.00", "100.00", "100.00");
  }

  @Test
  default void recordsWhoChangedTheForecastWhenWithOldAndNewLines() {
    Opportunity o = opportunity(crm(), "300.00");
    crm().forecasts().repeat(ALICE, RepeatForecast.of(o.id(), Money.of("100.00", "EUR"), APRIL, 3));
    clock().advance(Duration.ofHours(2));
    crm().forecasts().editLine(BOB, EditForecastLine.of(o.id(), APRIL, Money.of("150.00", "EUR")));
    clock().advance(Duration.ofHours(2));
    crm().forecasts().clear(ALICE, o.id(), null);

    List<ForecastHistoryEntry> history = crm().forecasts().history(ALICE, o.id());

    assertThat(history).extracting(ForecastHistoryEntry::cause)
        .containsExactly(ForecastChangeCause.REPEATED, ForecastChangeCause.LINE_EDITED, ForecastChangeCause.CLEARED);
    assertThat(history).extracting(ForecastHistoryEntry::version).containsExactly(1L, 2L, 3L);
    ForecastHistoryEntry edit = history.get(1);
    assertThat(edit.changedBy()).isEqualTo(BOB.userId());
    assertThat(edit.changedAt()).isEqualTo(java.time.Instant.parse("2026-03-02T11:00:00Z"));
    assertThat(edit.before()).extracting(l -> l.amount().amount().toPlainString()).containsExactly("100.00", "100.00", "100.00");
    assertThat(edit.after()).extracting(l -> l.amount().amount().toPlainString()).containsExactly("150.00", "100.00", "100.00");
    assertThat(history.get(2).after()).isEmpty();
    assertThat(history.get(0).before()).isEmpty();
  }

  @Test
  default void keepsAndFlagsTheDifferenceByDefaultWhenTheAmountChanges() {
    Opportunity o = opportunity(crm(), "100.00");
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 3));

    Opportunity changed = crm().opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("120.00", "EUR")));

    assertThat(changed.amount()).contains(Money.of("120.00", "EUR"));
    BillingForecast f = crm().forecasts().get(ALICE, o.id());
    assertThat(amounts(f)).containsExactly("33.33", "33.33", "33.34");
    assertThat(f.flaggedDifference()).contains(Money.of("20.00", "EUR"));
    ForecastHistoryEntry last = crm().forecasts().history(ALICE, o.id()).get(1);
    assertThat(last.cause()).isEqualTo(ForecastChangeCause.AMOUNT_FLAGGED);
    assertThat(last.changedBy()).isEqualTo(BOB.userId());
    assertThat(last.flaggedDifference()).isEqualTo(Money.of("20.00", "EUR"));

    crm().forecasts().editLine(ALICE, EditForecastLine.of(o.id(), APRIL.plusMonths(2), Money.of("53.34", "EUR")));
    assertThat(crm().forecasts().get(ALICE, o.id()).flagged()).isFalse();
  }

  @Test
  default void rescalesTheLinesWhenThePipelineSaysSo() {
    Crm crm = crmWith(AmountChangePolicy.RESCALE);
    Opportunity o = opportunity(crm, "100.00");
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 3));

    crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("200.00", "EUR")));

    BillingForecast f = crm.forecasts().get(ALICE, o.id());
    assertThat(amounts(f)).containsExactly("66.66", "66.66", "66.68");
    assertThat(f.total()).contains(Money.of("200.00", "EUR"));
    assertThat(f.flagged()).isFalse();
    assertThat(crm.forecasts().history(ALICE, o.id())).extracting(ForecastHistoryEntry::cause)
        .containsExactly(ForecastChangeCause.SPLIT, ForecastChangeCause.AMOUNT_RESCALED);
  }

  @Test
  default void rescaleFallsBackToAFlagWhenTheAmountIsCleared() {
    Crm crm = crmWith(AmountChangePolicy.RESCALE);
    Opportunity o = opportunity(crm, "100.00");
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 2));

    crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).clearAmount());

    BillingForecast f = crm.forecasts().get(ALICE, o.id());
    assertThat(amounts(f)).containsExactly("50.00", "50.00");
    assertThat(f.flaggedDifference()).contains(Money.of("-100.00", "EUR"));
  }

  @Test
  default void rejectsAnAmountChangeThatLeavesTheForecastWhenThePipelineSaysSo() {
    Crm crm = crmWith(AmountChangePolicy.REJECT);
    Opportunity o = opportunity(crm, "100.00");
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 2));

    assertThatThrownBy(() -> crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("150.00", "EUR"))))
        .isInstanceOf(RuleViolationException.class)
        .hasMessageContaining("REJECT");
    assertThat(crm.opportunities().get(ALICE, o.id()).amount()).contains(Money.of("100.00", "EUR"));
    assertThat(crm.opportunities().get(ALICE, o.id()).version()).isEqualTo(o.version());

    crm.forecasts().editLine(ALICE, EditForecastLine.of(o.id(), APRIL, Money.of("100.00", "EUR")));
    Opportunity changed = crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("150.00", "EUR")));
    assertThat(changed.amount()).contains(Money.of("150.00", "EUR"));
  }

  @Test
  default void rejectsChangingTheAmountsCurrencyWhileTheForecastHasLines() {
    for (AmountChangePolicy policy : AmountChangePolicy.values()) {
      Crm crm = crmWith(policy);
      Opportunity o = opportunity(crm, "100.00");
      crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 2));

      assertThatThrownBy(() -> crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("100.00", "USD"))))
          .as(policy.name())
          .isInstanceOf(RuleViolationException.class)
          .hasMessageContaining("clear the forecast first");

      crm.forecasts().clear(ALICE, o.id(), null);
      assertThat(crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("100.00", "USD"))).amount())
          .contains(Money.of("100.00", "USD"));
    }
  }

  @Test
  default void anAmountChangeWithoutForecastTouchesNoForecast() {
    Crm crm = crmWith(AmountChangePolicy.REJECT);
    Opportunity o = opportunity(crm, "100.00");

    crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("100.00", "USD")));

    assertThat(crm.forecasts().get(ALICE, o.id()).version()).isZero();
    assertThat(crm.forecasts().history(ALICE, o.id())).isEmpty();
  }

  @Test
  default void aForecastChangeFailingMidwayWritesNothing() {
    Opportunity o = opportunity(crm(), "100.00");
    storage().failNext(FaultyStorage.Operation.APPEND_FORECAST_HISTORY);

    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 3)))
        .isInstanceOf(FaultyStorage.InjectedFault.class);

    assertThat(crm().forecasts().get(ALICE, o.id()).lines()).isEmpty();
    assertThat(crm().forecasts().history(ALICE, o.id())).isEmpty();
  }

  @Test
  default void anAmountChangeWhoseRescaleFailsWritesNothing() {
    Crm crm = crmWith(AmountChangePolicy.RESCALE);
    Opportunity o = opportunity(crm, "100.00");
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 2));
    storage().failNext(FaultyStorage.Operation.SAVE_FORECAST);

    assertThatThrownBy(() -> crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("300.00", "EUR"))))
        .isInstanceOf(FaultyStorage.InjectedFault.class);

    assertThat(crm.opportunities().get(ALICE, o.id()).amount()).contains(Money.of("100.00", "EUR"));
    assertThat(amounts(crm.forecasts().get(ALICE, o.id()))).containsExactly("50.00", "50.00");
    assertThat(crm.opportunities().history(ALICE, o.id())).hasSize(1);
  }

  @Test
  default void deletingTheOpportunityDeletesItsForecastButKeepsTheHistory() {
    Opportunity o = opportunity(crm(), "100.00");
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), APRIL, 2));

    crm().opportunities().delete(BOB, o.id(), null);

    assertThatThrownBy(() -> crm().forecasts().get(ALICE, o.id())).isInstanceOf(RecordNotFoundException.class);
    List<ForecastHistoryEntry> history = crm().forecasts().history(ALICE, o.id());
    assertThat(history).extracting(ForecastHistoryEntry::cause)
        .containsExactly(ForecastChangeCause.SPLIT, ForecastChangeCause.DELETED);
    assertThat(history.get(1).before()).hasSize(2);
    assertThat(history.get(1).after()).isEmpty();
  }
}
