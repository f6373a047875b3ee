package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.AccountCard.Series;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.CardAccount;
import org.crmkit.budget.MonthFigures;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Contract: account budgets by month and the account card figures (budget vs forecast vs won). */
public interface AccountCardContract extends ContractSupport {
  YearMonth APR_2026 = YearMonth.of(2026, 4);
  YearMonth MAY_2026 = YearMonth.of(2026, 5);
  YearMonth JUN_2026 = YearMonth.of(2026, 6);

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private Account account(String name) {
    return crm().accounts().create(ALICE, CreateAccount.named(name));
  }

  /** An opportunity of the account in a stage, with an amount, and a forecast of that amount split over months. */
  private Opportunity deal(AccountId account, String stage, String amount, Integer probability, YearMonth start, int months) {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Deal " + amount)
        .accountId(account).stage(stage).amount(eur(amount)).probability(probability));
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), start, months));
    return o;
  }

  private static List<String> plain(List<BigDecimal> values) {
    return values.stream().map(BigDecimal::toPlainString).toList();
  }

  @Test
  default void setsAndRemovesBudgetMonths() {
    Account a = account("Acme");
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(
        BudgetLine.of(APR_2026, eur("1000.00")), BudgetLine.of(MAY_2026, eur("1000.00")))));
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(
        BudgetLine.of(MAY_2026, eur("1200.00")), BudgetLine.of(JUN_2026, eur("500.00")))).expectedVersion(1L));

    AccountBudget budget = crm().budgets().get(ALICE, a.id());
    assertThat(budget.months()).extracting(BudgetLine::month).containsExactly(APR_2026, MAY_2026, JUN_2026);
    assertThat(budget.amount(MAY_2026)).contains(eur("1200.00"));
    assertThat(budget.version()).isEqualTo(2);

    crm().budgets().removeMonths(ALICE, a.id(), 2L, List.of(APR_2026));
    assertThat(crm().budgets().get(ALICE, a.id()).months()).extracting(BudgetLine::month).containsExactly(MAY_2026, JUN_2026);
  }

  @Test
  default void rejectsNegativeBudgetsAnotherCurrencyAndStaleVersions() {
    Account a = account("Acme");
    assertThatThrownBy(() -> BudgetLine.of(APR_2026, eur("-1.00"))).isInstanceOf(ValidationException.class);
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(APR_2026, eur("1.00")))));

    assertThatThrownBy(() -> crm().budgets().setMonths(ALICE,
            SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(MAY_2026, Money.of("1.00", "USD"))))))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("months[2026-05].amount"));
    assertThatThrownBy(() -> crm().budgets().setMonths(ALICE,
            SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(MAY_2026, eur("1.00")))).expectedVersion(0L)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> crm().budgets().get(ALICE, AccountId.parse("00000000-0000-0000-0000-00000000abcd")))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  default void deletingAnAccountDeletesItsBudget() {
    Account a = account("Acme");
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(APR_2026, eur("1.00")))));

    crm().accounts().delete(ALICE, a.id(), null);

    storage().unitOfWork().run(() -> assertThat(storage().accountBudgets().findByAccount(a.id())).isEmpty());
  }

  /**
   * The hand-computed case. Budget: April 1000.00, May 1000.00, June 500.00.
   * <ul>
   *   <li>A: 900.00 in Proposal (50%), split April–June: 300.00 a month, weighted 150.00.
   *   <li>B: 100.00 in Negotiation at a manual 33%, split April–June: 33.33, 33.33, 33.34, each weighted to
   *       11.00 (10.9989 and 11.0022 rounded).
   *   <li>C: 600.00, 200.00 a month May–July, won on 15 May: committed 200.00 in May and June; won 600.00 in May.
   *   <li>D: 500.00 split April–May, lost: left out.
   *   <li>E: another account's deal: left out.
   * </ul>
   */
  @Test
  default void computesTheAccountCardOnAHandComputedCase() {
    Account acme = account("Acme");
    Account other = account("Other");
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(acme.id(), List.of(
        BudgetLine.of(APR_2026, eur("1000.00")), BudgetLine.of(MAY_2026, eur("1000.00")),
        BudgetLine.of(JUN_2026, eur("500.00")))));
    deal(acme.id(), "proposal", "900.00", null, APR_2026, 3);
    deal(acme.id(), "negotiation", "100.00", 33, APR_2026, 3);
    Opportunity c = crm().opportunities().create(ALICE, CreateOpportunity.named("C").accountId(acme.id())
        .stage("negotiation").amount(eur("600.00")));
    crm().forecasts().repeat(ALICE, RepeatForecast.of(c.id(), eur("200.00"), MAY_2026, 3));
    crm().opportunities().win(ALICE, WinOpportunity.of(c.id(), c.version()).closedOn(LocalDate.of(2026, 5, 15)));
    Opportunity d = deal(acme.id(), "proposal", "500.00", null, APR_2026, 2);
    crm().opportunities().lose(ALICE, LoseOpportunity.of(d.id(), d.version()).reason("price").closedOn(LocalDate.of(2026, 3, 10)));
    deal(other.id(), "proposal", "999.00", null, APR_2026, 3);

    AccountCard card = crm().accountCards().card(ALICE, acme.id(), APR_2026, JUN_2026);

    assertThat(card.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(card.labels()).containsExactly("2026-04", "2026-05", "2026-06");
    assertThat(plain(card.series(Series.BUDGET))).containsExactly("1000.00", "1000.00", "500.00");
    assertThat(plain(card.series(Series.FORECAST))).containsExactly("333.33", "533.33", "533.34");
    assertThat(plain(card.series(Series.WEIGHTED))).containsExactly("161.00", "361.00", "361.00");
    assertThat(plain(card.series(Series.COMMITTED))).containsExactly("0.00", "200.00", "200.00");
    assertThat(plain(card.series(Series.WON))).containsExactly("0.00", "600.00", "0.00");
    assertThat(card.total(Series.FORECAST)).isEqualTo(eur("1400.00"));
    assertThat(card.month(MAY_2026)).isEqualTo(new MonthFigures(MAY_2026, eur("1000.00"), eur("533.33"),
        eur("361.00"), eur("200.00"), eur("600.00")));
  }

  @Test
  default void weightsEachOpportunityRoundedThenSums() {
    Account a = account("Acme");
    deal(a.id(), "proposal", "0.05", null, APR_2026, 1);
    deal(a.id(), "proposal", "0.05", null, APR_2026, 1);

    AccountCard card = crm().accountCards().card(ALICE, a.id(), APR_2026, APR_2026);

    // 0.05 x 50% = 0.025 rounds half up to 0.03 per opportunity: 0.06, not 0.05 from weighting the sum
    assertThat(card.month(APR_2026).weighted()).isEqualTo(eur("0.06"));
    assertThat(card.month(APR_2026).forecast()).isEqualTo(eur("0.10"));
  }

  @Test
  default void losingDropsAnOpportunityOutOfTheForecastAndReopeningBringsItBack() {
    Account a = account("Acme");
    Opportunity o = deal(a.id(), "proposal", "300.00", null, APR_2026, 3);

    Opportunity lost = crm().opportunities().lose(ALICE, LoseOpportunity.of(o.id(), o.version()));
    AccountCard afterLoss = crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026);
    assertThat(afterLoss.total(Series.FORECAST)).isEqualTo(eur("0.00"));
    assertThat(afterLoss.total(Series.WEIGHTED)).isEqualTo(eur("0.00"));
    assertThat(crm().forecasts().get(ALICE, o.id()).lines()).hasSize(3);

    crm().opportunities().reopen(ALICE, ReopenOpportunity.of(o.id(), lost.version(), "proposal"));
    assertThat(crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026).total(Series.WEIGHTED)).isEqualTo(eur("150.00"));
  }

  @Test
  default void winningCountsTheForecastAsCommittedAtFullWeight() {
    Account a = account("Acme");
    Opportunity o = deal(a.id(), "qualification", "300.00", null, APR_2026, 3);
    assertThat(crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026).total(Series.COMMITTED)).isEqualTo(eur("0.00"));

    crm().opportunities().win(ALICE, WinOpportunity.of(o.id(), o.version()).closedOn(LocalDate.of(2026, 4, 30)));

    AccountCard card = crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026);
    assertThat(plain(card.series(Series.COMMITTED))).containsExactly("100.00", "100.00", "100.00");
    assertThat(plain(card.series(Series.WEIGHTED))).containsExactly("100.00", "100.00", "100.00");
    assertThat(plain(card.series(Series.WON))).containsExactly("300.00", "0.00", "0.00");
  }

  @Test
  default void countsOnlyTheCardsCurrencyAndNeedsOneToBeKnown() {
    Account a = account("Acme");
    assertThatThrownBy(() -> crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("currency"));
    deal(a.id(), "proposal", "300.00", null, APR_2026, 3);
    Opportunity usd = crm().opportunities().create(ALICE, CreateOpportunity.named("US deal").accountId(a.id())
        .stage("proposal").amount(Money.of("1000.00", "USD")));
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(usd.id(), APR_2026, 1));

    assertThatThrownBy(() -> crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026))
        .isInstanceOf(ValidationException.class).hasMessageContaining("EUR, USD");
    assertThat(crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026, Currency.getInstance("EUR"))
        .total(Series.FORECAST)).isEqualTo(eur("300.00"));
    assertThat(crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026, Currency.getInstance("USD"))
        .total(Series.FORECAST)).isEqualTo(Money.of("1000.00", "USD"));
  }

  @Test
  default void coversEveryMonthOfTheRangeAndRejectsBadRanges() {
    Account a = account("Acme");
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(MAY_2026, eur("10.00")))));

    AccountCard card = crm().accountCards().card(ALICE, a.id(), YearMonth.of(2025, 12), YearMonth.of(2026, 12));

    assertThat(card.months()).hasSize(13);
    assertThat(card.total(Series.BUDGET)).isEqualTo(eur("10.00"));
    assertThat(card.allSeries()).containsOnlyKeys(Series.values());
    assertThatThrownBy(() -> crm().accountCards().card(ALICE, a.id(), JUN_2026, APR_2026))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm().accountCards().card(ALICE, a.id(), APR_2026, APR_2026.plusMonths(120)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm().accountCards().card(ALICE, AccountId.parse("00000000-0000-0000-0000-00000000abcd"),
            APR_2026, JUN_2026, Currency.getInstance("EUR")))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  default void monthsWithoutLinesAreZeroAndOnlyTheRangeAndTheCardsCurrencyCount() {
    Account a = account("Acme");
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(
        BudgetLine.of(APR_2026.minusMonths(1), eur("50.00")), BudgetLine.of(APR_2026, eur("100.00")),
        BudgetLine.of(JUN_2026, eur("300.00")), BudgetLine.of(JUN_2026.plusMonths(1), eur("70.00")))));
    deal(a.id(), "proposal", "40.00", null, APR_2026, 1);

    AccountCard card = crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026);

    assertThat(plain(card.series(Series.BUDGET))).as("March and July lie outside the range")
        .containsExactly("100.00", "0.00", "300.00");
    assertThat(plain(card.series(Series.FORECAST))).containsExactly("40.00", "0.00", "0.00");
    assertThat(card.month(MAY_2026)).isEqualTo(new MonthFigures(MAY_2026, eur("0.00"), eur("0.00"), eur("0.00"),
        eur("0.00"), eur("0.00")));
    AccountCard inUsd = crm().accountCards().card(ALICE, a.id(), APR_2026, JUN_2026, Currency.getInstance("USD"));
    assertThat(inUsd.allSeries().values()).as("a EUR budget and EUR deals count nothing in a USD card")
        .allSatisfy(series -> assertThat(plain(series)).containsOnly("0.00"));
  }

  @Test
  default void anUnknownAccountHasNoCardAndTheErrorNamesIt() {
    AccountId unknown = AccountId.parse("00000000-0000-0000-0000-00000000abcd");

    assertThatThrownBy(() -> crm().accountCards().card(ALICE, unknown, APR_2026, JUN_2026))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage(new RecordNotFoundException(RecordType.ACCOUNT, unknown).getMessage());
  }

  @Test
  default void theCardReadsTheAccountAsItsOwnerAndBudgetMonthsInItsTenantOnly() {
    Account a = account("Acme");
    List<BudgetLine> months = List.of(BudgetLine.of(APR_2026, eur("100.00")), BudgetLine.of(MAY_2026, eur("0.00")));
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), months));
    Account withoutBudget = account("Globex");

    Optional<CardAccount> read = storage().unitOfWork().read(ALICE.tenant(),
        () -> storage().accountCards().findAccount(a.id()));

    assertThat(read).hasValueSatisfying(c -> {
      assertThat(c.accountId()).isEqualTo(a.id());
      assertThat(c.owner()).isEqualTo(a.owner());
      assertThat(c.budget()).containsExactlyInAnyOrderElementsOf(months);
    });
    assertThat(storage().unitOfWork().read(ALICE.tenant(),
        () -> storage().accountCards().findAccount(withoutBudget.id())))
        .hasValueSatisfying(c -> assertThat(c.budget()).isEmpty());
    assertThat(storage().unitOfWork().read(TenantId.of("elsewhere"),
        () -> storage().accountCards().findAccount(a.id()))).as("another tenant's account").isEmpty();
  }

  @Test
  default void theCardInsideACallersUnitOfWorkSeesWhatThatUnitWrote() {
    Account a = account("Acme");

    AccountCard card = storage().unitOfWork().execute(ALICE.tenant(), () -> {
      crm().budgets().setMonths(ALICE, SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(APR_2026, eur("10.00")))));
      deal(a.id(), "proposal", "30.00", null, APR_2026, 1);
      return crm().accountCards().card(ALICE, a.id(), APR_2026, APR_2026);
    });

    assertThat(card.month(APR_2026).budget()).isEqualTo(eur("10.00"));
    assertThat(card.month(APR_2026).forecast()).isEqualTo(eur("30.00"));
  }
}
