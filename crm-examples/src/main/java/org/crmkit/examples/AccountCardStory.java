package org.crmkit.examples;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.MonthFigures;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.segment.SegmentDimension;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.storage.CrmStorage;

/** Billing forecasts, segments and an account budget, shown as the account card: budget vs forecast vs won. */
final class AccountCardStory {
  private final PrintStream out;
  private final Crm crm;
  private final Actor bob = Actor.user("bob");

  AccountCardStory(PrintStream out, CrmStorage storage) {
    this.out = out;
    this.crm = Crm.builder()
        .storage(storage)
        .clock(new StoryClock(Instant.parse("2026-03-16T08:00:00Z")))
        .segments(SegmentCatalog.of(
            SegmentDimension.of("industry", "Industry", "manufacturing", "retail", "software"),
            SegmentDimension.of("region", "Region", "nordics", "dach", "benelux")))
        .build();
  }

  AccountCardStory(PrintStream out) {
    this(out, InMemoryStorage.create());
  }

  void run() {
    out.println();
    out.println("The account card");
    out.println("================");
    Account acme = crm.accounts().create(bob, CreateAccount.named("Acme Oy")
        .segments(Map.of("industry", "manufacturing", "region", "nordics")));
    YearMonth april = YearMonth.of(2026, 4);
    crm.budgets().setMonths(bob, SetBudgetMonths.of(acme.id(), List.of(
        BudgetLine.of(april, Money.of("20000.00", "EUR")),
        BudgetLine.of(april.plusMonths(1), Money.of("20000.00", "EUR")),
        BudgetLine.of(april.plusMonths(2), Money.of("15000.00", "EUR")))));

    Opportunity service = crm.opportunities().create(bob, CreateOpportunity.named("Maintenance contract")
        .accountId(acme.id()).amount(Money.of("30000.00", "EUR")).stage("negotiation"));
    crm.forecasts().repeat(bob, RepeatForecast.of(service.id(), Money.of("10000.00", "EUR"), april, 3));
    Opportunity skates = crm.opportunities().create(bob, CreateOpportunity.named("Rocket skates")
        .accountId(acme.id()).amount(Money.of("25000.00", "EUR")).stage("proposal"));
    crm.forecasts().splitEvenly(bob, SplitForecast.ofAmount(skates.id(), april.plusMonths(1), 2));
    Opportunity anvils = crm.opportunities().create(bob, CreateOpportunity.named("Anvils")
        .accountId(acme.id()).amount(Money.of("9000.00", "EUR")));
    crm.forecasts().splitEvenly(bob, SplitForecast.ofAmount(anvils.id(), april, 3));
    crm.opportunities().win(bob, WinOpportunity.of(service.id(), service.version()).closedOn(LocalDate.of(2026, 4, 2)));
    crm.opportunities().lose(bob, LoseOpportunity.of(anvils.id(), anvils.version()).reason("price"));
    out.println("  segments copied from the account: " + service.segments().values());

    AccountCard card = crm.accountCards().card(bob, acme.id(), april, april.plusMonths(2));
    out.printf("  %-8s %10s %10s %10s %10s %10s%n", "month", "budget", "forecast", "weighted", "committed", "won");
    for (MonthFigures m : card.months()) {
      out.printf("  %-8s %10s %10s %10s %10s %10s%n", m.month(), m.budget().amount(), m.forecast().amount(),
          m.weighted().amount(), m.committed().amount(), m.won().amount());
    }
  }
}
