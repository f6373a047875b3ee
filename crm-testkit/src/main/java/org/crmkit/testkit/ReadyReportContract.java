package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.AccountCard;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.report.AccountCardReport;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.HomePage;
import org.crmkit.report.LeadSourceConversion;
import org.crmkit.report.MoneySums;
import org.crmkit.report.ReportResult;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.WinRate;
import org.crmkit.shared.Money;
import org.junit.jupiter.api.Test;

/**
 * Contract: the ready-made reports (home page, sales dashboard, account card report) give the same figures on every
 * storage, counting only what the actor may see.
 */
public interface ReadyReportContract extends ContractSupport {

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static Object cell(ReportResult r, int row, String column) {
    return r.rows().get(row).cell(r.column(column));
  }

  @Test
  default void showsMyOpenPipelineWhatClosesThisMonthMyLeadsAndWhatIsOverdueOnTheHomePage() {
    Crm crm = crm(); // today is 2026-03-02
    crm.opportunities().create(ALICE, CreateOpportunity.named("late").stage("proposal").amount(eur("100.00"))
        .closeDate(LocalDate.of(2026, 2, 20)));
    crm.opportunities().create(ALICE, CreateOpportunity.named("march").stage("negotiation").amount(eur("10.00"))
        .closeDate(LocalDate.of(2026, 3, 31)));
    crm.opportunities().create(ALICE, CreateOpportunity.named("someday").stage("proposal"));
    Opportunity won = crm.opportunities().create(ALICE, CreateOpportunity.named("won").amount(eur("5.00")));
    crm.opportunities().win(ALICE, WinOpportunity.of(won.id(), won.version()));
    crm.opportunities().create(BOB, CreateOpportunity.named("bob's").stage("proposal").closeDate(
        LocalDate.of(2026, 3, 5)));
    crm.leads().create(ALICE, CreateLead.of("Ada", "L", "Engines", "ada@example.com"));
    crm.leads().create(BOB, CreateLead.of("Bo", "K", "Widgets", "bo@example.com"));

    HomePage home = crm.reports().homePage(ALICE);

    assertThat(home.asOf()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(home.openOpportunities().rows()).extracting(r -> r.cell(0)).containsExactly("late", "march",
        "someday");
    assertThat(home.pipelineByStage().rows()).extracting(r -> r.cell(0), r -> r.cell(1), r -> r.cell(2),
        r -> r.cell(3)).containsExactly(
            tuple("proposal", 2L, MoneySums.of(eur("100.00")), MoneySums.of(eur("50.00"))),
            tuple("negotiation", 1L, MoneySums.of(eur("10.00")), MoneySums.of(eur("8.00"))));
    assertThat(home.closingThisMonth().rows()).extracting(r -> r.cell(0)).containsExactly("march");
    assertThat(home.leadsByStatus().rows()).extracting(r -> r.cell(0), r -> r.cell(1))
        .containsExactly(tuple("new", 1L));
    assertThat(home.overdue().rows()).extracting(r -> r.cell(0)).containsExactly("late");
  }

  @Test
  default void derivesWinRatesDealSizeFunnelSalesCycleForecastAndLeadConversionOnTheDashboard() {
    Crm crm = crm(); // 2026-03-02T09:00Z
    Opportunity a = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("1000.00"))
        .leadSource("web").segments(Map.of("region", "north")));
    Opportunity b = crm.opportunities().create(ALICE, CreateOpportunity.named("b").amount(eur("3000.00"))
        .leadSource("web").segments(Map.of("region", "south")));
    Opportunity c = crm.opportunities().create(BOB, CreateOpportunity.named("c").amount(eur("500.00"))
        .leadSource("fair"));
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(b.id(), YearMonth.of(2026, 3), 2));
    clock().advance(Duration.ofDays(2));
    a = crm.opportunities().changeStage(ALICE, ChangeStage.of(a.id(), a.version(), "proposal"));
    b = crm.opportunities().changeStage(ALICE, ChangeStage.of(b.id(), b.version(), "proposal"));
    clock().advance(Duration.ofDays(4));
    crm.opportunities().win(ALICE, WinOpportunity.of(a.id(), a.version()));
    crm.opportunities().win(ALICE, WinOpportunity.of(b.id(), b.version()));
    crm.opportunities().lose(BOB, LoseOpportunity.of(c.id(), c.version()));
    Lead l1 = crm.leads().create(ALICE, CreateLead.of("Ada", "L", "Engines", "ada@example.com").leadSource("web"));
    crm.leads().create(ALICE, CreateLead.of("Bo", "K", "Widgets", "bo@example.com").leadSource("web"));
    l1 = crm.leads().changeStatus(ALICE, ChangeLeadStatus.of(l1.id(), l1.version(), "qualified"));
    crm.conversions().convert(ALICE, ConvertLead.of(l1.id()));

    SalesDashboard d = crm.reports().dashboard(ALICE, DashboardQuery.of(LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 31)).withSegment("region"));

    assertThat(d.winRateByOwner()).containsExactly(new WinRate("alice", 2, 0, new BigDecimal("100.00")),
        new WinRate("bob", 0, 1, new BigDecimal("0.00")));
    assertThat(d.winRateBySource()).containsExactly(new WinRate("fair", 0, 1, new BigDecimal("0.00")),
        new WinRate("web", 2, 0, new BigDecimal("100.00")));
    assertThat(d.winRateBySegment()).extracting(WinRate::key).containsExactly("north", "south", null);
    assertThat(d.averageDealSize()).isEqualTo(MoneySums.of(eur("2000.00")));
    assertThat(d.averageSalesCycleDays()).isEqualTo(new BigDecimal("6.0"));
    assertThat(d.funnel()).extracting(FunnelStep::stage, FunnelStep::reached).startsWith(
        tuple("qualification", 4L), tuple("needs_analysis", 0L), tuple("proposal", 2L));
    FunnelStep proposal = d.funnel().stream().filter(s -> s.stage().equals("proposal")).findFirst().orElseThrow();
    assertThat(proposal.averageDaysInStage()).isEqualTo(new BigDecimal("4.0"));
    assertThat(proposal.rateToNext()).isEqualTo(new BigDecimal("100.00"));
    assertThat(d.forecastByMonth()).as("April lies after the period").extracting(m -> m.month(), m -> m.total(),
        m -> m.weighted(), m -> m.committed()).containsExactly(tuple("2026-03", MoneySums.of(eur("1500.00")),
            MoneySums.of(eur("1500.00")), MoneySums.of(eur("1500.00"))));
    assertThat(d.leadConversionBySource()).containsExactly(
        new LeadSourceConversion("web", 2, 1, new BigDecimal("50.00")));
  }

  @Test
  default void givesTheAccountCardAsAReportWithTheAccountsOpportunitiesByStage() {
    Crm crm = crm();
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    crm.budgets().setMonths(ALICE, SetBudgetMonths.of(acme.id(),
        java.util.List.of(new org.crmkit.budget.BudgetLine(YearMonth.of(2026, 4), eur("900.00")))));
    crm.opportunities().create(ALICE, CreateOpportunity.named("x").accountId(acme.id()).stage("proposal")
        .amount(eur("200.00")));
    crm.opportunities().create(ALICE, CreateOpportunity.named("y").accountId(acme.id()).stage("proposal")
        .amount(eur("0.01")).probability(50));
    crm.opportunities().create(ALICE, CreateOpportunity.named("elsewhere").stage("proposal").amount(eur("7.00")));

    AccountCardReport r = crm.reports().accountCard(ALICE, acme.id(), YearMonth.of(2026, 4),
        YearMonth.of(2026, 5));

    assertThat(r.figures().rows()).extracting(row -> row.cell(0), row -> row.cell(1)).containsExactly(
        tuple("2026-04", MoneySums.of(eur("900.00"))), tuple("2026-05", MoneySums.of(eur("0.00"))));
    assertThat(r.figures().total().cell(1)).isEqualTo(MoneySums.of(r.card().total(AccountCard.Series.BUDGET)));
    assertThat(cell(r.opportunitiesByStage(), 0, "count")).isEqualTo(2L);
    assertThat(cell(r.opportunitiesByStage(), 0, "sum(amount)")).isEqualTo(MoneySums.of(eur("200.01")));
    assertThat(cell(r.opportunitiesByStage(), 0, "weighted_amount")).isEqualTo(MoneySums.of(eur("100.01")));
  }

  @Test
  default void countsOnlyTheActorsOwnRecordsOnTheHomePageEvenWhenTheyMaySeeMore() {
    Crm crm = crm();
    clock().set(Instant.parse("2026-03-02T09:00:00Z"));
    crm.opportunities().create(BOB, CreateOpportunity.named("bob's").stage("proposal"));

    assertThat(crm.reports().homePage(ALICE).openOpportunities().rows()).isEmpty();
    assertThat(crm.reports().homePage(BOB).openOpportunities().totalRows()).isEqualTo(1);
  }
}
