package org.crmkit.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.WinOpportunity;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.DateBucket;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.HomePage;
import org.crmkit.report.LeadSourceConversion;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportCsv;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportRow;
import org.crmkit.report.ReportSource;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.SvgChart;
import org.crmkit.report.WinRate;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.storage.CrmStorage;

/**
 * A sales team's month in reports: Carol's home page, the dashboard her manager Erin sees (her team's records
 * only), a report of one's own with CSV, and SVG charts written to files.
 */
final class ReportStory {
  private final PrintStream out;
  private final Path chartDirectory;
  private final StoryClock clock = new StoryClock(Instant.parse("2026-05-04T08:00:00Z"));
  private final Crm crm;
  private final Actor carol = Actor.user("carol");
  private final Actor dave = Actor.user("dave");
  private final Actor erin = Actor.user("erin");

  ReportStory(PrintStream out, CrmStorage storage, Path chartDirectory) {
    this.out = out;
    this.chartDirectory = chartDirectory;
    TeamDirectory teams = new TeamDirectory() {
      @Override
      public Set<UserId> teamOf(TenantId tenant, UserId manager) {
        return manager.value().equals("erin") ? Set.of(UserId.of("carol"), UserId.of("dave")) : Set.of();
      }

      @Override
      public boolean isAdministrator(TenantId tenant, UserId user) {
        return false;
      }
    };
    this.crm = Crm.builder().storage(storage).clock(clock).accessPolicy(OwnerAccessPolicy.over(teams)).build();
  }

  ReportStory(PrintStream out, Path chartDirectory) {
    this(out, InMemoryStorage.create(), chartDirectory);
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  void run() {
    out.println();
    out.println("The report story");
    out.println("================");
    Account nordic = crm.accounts().create(carol, CreateAccount.named("Nordic Mills").segments(Map.of("region",
        "nordics")));
    Account alpine = crm.accounts().create(dave, CreateAccount.named("Alpine Tools").segments(Map.of("region",
        "dach")));
    Opportunity looms = crm.opportunities().create(carol, CreateOpportunity.named("Looms").accountId(nordic.id())
        .amount(eur("40000.00")).closeDate(LocalDate.of(2026, 5, 29)).leadSource("Trade fair"));
    Opportunity spindles = crm.opportunities().create(carol, CreateOpportunity.named("Spindles")
        .accountId(nordic.id()).amount(eur("8000.00")).closeDate(LocalDate.of(2026, 4, 30)).stage("proposal")
        .leadSource("Web form"));
    Opportunity saws = crm.opportunities().create(dave, CreateOpportunity.named("Saws").accountId(alpine.id())
        .amount(eur("15000.00")).closeDate(LocalDate.of(2026, 6, 15)).leadSource("Web form"));
    Opportunity drills = crm.opportunities().create(dave, CreateOpportunity.named("Drills").accountId(alpine.id())
        .amount(eur("0.01")).probability(50).leadSource("Web form"));
    crm.forecasts().splitEvenly(carol, SplitForecast.ofAmount(looms.id(), YearMonth.of(2026, 5), 2));
    Lead l1 = crm.leads().create(carol, CreateLead.of("Ines", "Berg", "Fjord Fabrics", "ines@fjord.example")
        .leadSource("Web form"));
    crm.leads().create(carol, CreateLead.of("Olli", "Kivi", "Stone Works", "olli@stone.example")
        .leadSource("Web form"));
    crm.leads().create(dave, CreateLead.of("Uwe", "Fass", "Barrel GmbH", "uwe@barrel.example")
        .leadSource("Trade fair"));

    clock.pass(Duration.ofDays(3));
    looms = crm.opportunities().changeStage(carol, ChangeStage.of(looms.id(), looms.version(), "proposal"));
    saws = crm.opportunities().changeStage(dave, ChangeStage.of(saws.id(), saws.version(), "negotiation"));
    l1 = crm.leads().changeStatus(carol, ChangeLeadStatus.of(l1.id(), l1.version(), "qualified"));
    crm.conversions().convert(carol, ConvertLead.of(l1.id()));
    clock.pass(Duration.ofDays(7));
    looms = crm.opportunities().changeStage(carol, ChangeStage.of(looms.id(), looms.version(), "negotiation"));
    clock.pass(Duration.ofDays(4));
    crm.opportunities().win(carol, WinOpportunity.of(looms.id(), looms.version()));
    crm.opportunities().lose(dave, LoseOpportunity.of(drills.id(), drills.version()).reason("no budget"));
    out.println("  today is " + clock.instant() + "; Spindles' close date " + spindles.closeDate().orElseThrow()
        + " has passed, Saws is in " + saws.stage());

    HomePage home = crm.reports().homePage(carol);
    section("Carol's home page");
    table("My open opportunities by close date", home.openOpportunities());
    table("My pipeline by stage", home.pipelineByStage());
    table("Mine closing this month", home.closingThisMonth());
    table("My leads by status", home.leadsByStatus());
    table("My overdue opportunities", home.overdue());

    SalesDashboard d = crm.reports().dashboard(erin, DashboardQuery.of(LocalDate.of(2026, 5, 1),
        LocalDate.of(2026, 5, 31)).withSegment("region"));
    section("Erin's sales dashboard, May 2026 (her team's records)");
    table("Pipeline by stage", d.pipelineByStage());
    table("Pipeline by owner", d.pipelineByOwner());
    winRates("Win rate by owner", d.winRateByOwner());
    winRates("Win rate by lead source", d.winRateBySource());
    out.println("  average deal size: " + d.averageDealSize() + "; average sales cycle: "
        + d.averageSalesCycleDays() + " days");
    out.println("  Funnel (stage, reached, on to a later stage, average days in stage)");
    for (FunnelStep s : d.funnel()) {
      out.printf("    %-15s %3d %8s %6s%n", s.stage(), s.reached(), s.rateToNext() == null ? "-" : s.rateToNext()
          + "%", s.averageDaysInStage() == null ? "-" : s.averageDaysInStage());
    }
    out.println("  Billing forecast by month (total, weighted, committed)");
    for (ForecastMonth m : d.forecastByMonth()) {
      out.printf("    %s  %s  %s  %s%n", m.month(), m.total(), m.weighted(), m.committed());
    }
    out.println("  Lead sources (leads, converted, rate)");
    for (LeadSourceConversion c : d.leadConversionBySource()) {
      out.printf("    %-12s %2d %2d %7s%n", c.source(), c.leads(), c.converted(), c.rate() + "%");
    }

    section("A report of your own: open and won business by region and month");
    ReportResult byRegion = crm.reports().run(erin, ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .where("stage", Operator.NOT_EQUALS, "closed_lost")
        .groupBy("segment.region").groupBy("closeDate", DateBucket.MONTH)
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount())
        .build());
    table("Open and won by region and month", byRegion);
    out.println("  as CSV:");
    for (String line : ReportCsv.write(byRegion).split("\r\n")) {
      out.println("    " + line);
    }

    section("Charts");
    write("crmkit-pipeline-by-stage.svg",
        SvgChart.of(SvgChart.Kind.BAR, "Pipeline by stage", d.pipelineByStage(), "sum(amount)", "weighted_amount"));
    List<String> stages = new ArrayList<>();
    List<java.math.BigDecimal> reached = new ArrayList<>();
    for (FunnelStep s : d.funnel()) {
      stages.add(s.stage());
      reached.add(java.math.BigDecimal.valueOf(s.reached()));
    }
    write("crmkit-funnel.svg", SvgChart.of(SvgChart.Kind.FUNNEL, "Stage funnel, May 2026").labels(stages)
        .series("reached", reached));
    write("crmkit-account-card.svg", SvgChart.of(SvgChart.Kind.LINE, crm.reports().accountCard(carol, nordic.id(),
        YearMonth.of(2026, 4), YearMonth.of(2026, 7)).card()));
  }

  private void write(String name, SvgChart chart) {
    try {
      Files.createDirectories(chartDirectory);
      Path file = chartDirectory.resolve(name);
      Files.writeString(file, chart.toSvg(), StandardCharsets.UTF_8);
      out.println("  wrote " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void winRates(String title, List<WinRate> rates) {
    out.println("  " + title);
    for (WinRate r : rates) {
      out.printf("    %-12s won %d lost %d  %s%n", r.key(), r.won(), r.lost(), r.rate() == null ? "-" : r.rate() + "%");
    }
  }

  private void table(String title, ReportResult r) {
    out.println("  " + title);
    StringBuilder header = new StringBuilder("   ");
    r.columns().forEach(c -> header.append(String.format(" %-18s", c.name())));
    out.println(header);
    for (ReportRow row : r.rows()) {
      line(row);
    }
    for (ReportRow row : r.subtotals()) {
      line(row);
    }
    if (r.total() != null) {
      line(r.total());
    }
  }

  private void line(ReportRow row) {
    StringBuilder line = new StringBuilder(row.kind() == ReportRow.Kind.TOTAL ? "  =" : row.kind()
        == ReportRow.Kind.SUBTOTAL ? "  +" : "   ");
    for (Object cell : row.cells()) {
      line.append(String.format(" %-18s", cell == null ? "" : cell.toString()));
    }
    out.println(line.toString().stripTrailing());
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
