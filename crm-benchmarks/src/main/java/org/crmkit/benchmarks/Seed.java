package org.crmkit.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.BudgetLine;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.UserId;
import org.crmkit.storage.CrmStorage;

/**
 * The data every read benchmark works on, written through crmkit's public API: {@value #ACCOUNTS} accounts and
 * {@value #OPPORTUNITIES} opportunities (each with its creation history entry), opportunity {@code i} belonging to
 * account {@code i % ACCOUNTS} and owner {@code rep-(i % OWNERS)}, in one of the four open stages.
 *
 * <p>The first account ("the card account") also has a 12-month budget, a 12-month billing forecast on each of
 * its {@value #OPPORTUNITIES}/{@value #ACCOUNTS} opportunities, and every fifth of them won.
 */
final class Seed {
  static final int ACCOUNTS = 100;
  static final int OPPORTUNITIES = 10_000;
  static final int OWNERS = 10;
  static final String[] STAGES = {"qualification", "needs_analysis", "proposal", "negotiation"};
  static final Actor ACTOR = Actor.user("bench");

  final List<Account> accounts = new ArrayList<>();
  final List<Opportunity> opportunities = new ArrayList<>();
  final YearMonth firstMonth;

  private Seed(YearMonth firstMonth) {
    this.firstMonth = firstMonth;
  }

  /** The creation command of opportunity number {@code i}. */
  static CreateOpportunity command(int i, AccountId account, LocalDate today) {
    return CreateOpportunity.named("Opportunity " + i)
        .owner(owner(i % OWNERS))
        .accountId(account)
        .amount(Money.of(BigDecimal.valueOf(1000 + i), "EUR"))
        .stage(STAGES[i % STAGES.length])
        .closeDate(today.plusDays(i % 365));
  }

  static UserId owner(int n) {
    return UserId.of("rep-" + n);
  }

  /** Writes the data set through {@code crm}, 1,000 opportunities per unit of work. */
  static Seed write(Crm crm, CrmStorage storage, Clock clock) {
    LocalDate today = LocalDate.now(clock);
    Seed seed = new Seed(YearMonth.from(today));
    storage.unitOfWork().run(() -> {
      for (int a = 0; a < ACCOUNTS; a++) {
        seed.accounts.add(crm.accounts().create(ACTOR, CreateAccount.named(String.format("Account %03d Oy", a))));
      }
    });
    for (int from = 0; from < OPPORTUNITIES; from += 1000) {
      int start = from;
      storage.unitOfWork().run(() -> {
        for (int i = start; i < start + 1000; i++) {
          seed.opportunities.add(
              crm.opportunities().create(ACTOR, command(i, seed.accounts.get(i % ACCOUNTS).id(), today)));
        }
      });
    }
    Account card = seed.cardAccount();
    List<BudgetLine> budget = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      budget.add(BudgetLine.of(seed.firstMonth.plusMonths(m), Money.of("20000.00", "EUR")));
    }
    crm.budgets().setMonths(ACTOR, SetBudgetMonths.of(card.id(), budget));
    storage.unitOfWork().run(() -> {
      for (int i = 0; i < OPPORTUNITIES; i += ACCOUNTS) {
        Opportunity o = seed.opportunities.get(i);
        crm.forecasts().repeat(ACTOR, RepeatForecast.of(o.id(), Money.of("500.00", "EUR"), seed.firstMonth, 12));
        if ((i / ACCOUNTS) % 5 == 0) {
          crm.opportunities().win(ACTOR, WinOpportunity.of(o.id(), o.version()));
        }
      }
    });
    return seed;
  }

  Account cardAccount() {
    return accounts.get(0);
  }

  YearMonth lastMonth() {
    return firstMonth.plusMonths(11);
  }
}
