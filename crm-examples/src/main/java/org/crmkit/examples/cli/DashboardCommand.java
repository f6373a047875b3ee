package org.crmkit.examples.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.LeadSourceConversion;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.WinRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crmkit dashboard --from 2017-01-01 --to 2017-12-31 --segment product}: the sales dashboard. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Prints the sales dashboard for a period: pipeline by stage and owner, win rates, deal size, "
        + "cycle length, funnel, forecast by month, leads by source and their conversion rates.")
final class DashboardCommand implements Callable<Integer> {
  @ParentCommand
  CrmCli cli;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first day of the period")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last day of the period")
  LocalDate to;

  @Option(names = "--segment", paramLabel = "DIMENSION", description = "segment dimension for win rates, "
      + "e.g. product")
  String segment;

  @Override
  public Integer call() {
    if (to.isBefore(from)) {
      throw new CrmCli.CliException("--to " + to + " is before --from " + from);
    }
    try (Session s = cli.open()) {
      DashboardQuery q = DashboardQuery.of(from, to);
      SalesDashboard d = s.crm.reports().dashboard(cli.actor(), segment == null ? q : q.withSegment(segment));
      PrintWriter out = cli.spec.commandLine().getOut();
      out.println("Sales dashboard " + from + " .. " + to);
      out.println();
      out.println("Pipeline by stage (open stages)");
      Table.print(d.pipelineByStage(), out);
      out.println();
      out.println("Pipeline by owner (open stages)");
      Table.print(d.pipelineByOwner(), out);
      winRates(out, "Win rate by owner", d.winRateByOwner());
      if (segment != null) {
        winRates(out, "Win rate by " + segment, d.winRateBySegment());
      }
      winRates(out, "Win rate by lead source", d.winRateBySource());
      out.println();
      out.println("Average deal size (won): " + d.averageDealSize());
      out.println("Average sales cycle (days): " + n(d.averageSalesCycleDays()));
      out.println();
      out.println("Funnel (stage, reached, rate to next, average days)");
      for (FunnelStep f : d.funnel()) {
        out.printf("  %-16s %8d %8s %8s%n", f.stage(), f.reached(), n(f.rateToNext()), n(f.averageDaysInStage()));
      }
      out.println();
      out.println("Forecast by month (month, total, weighted, committed)");
      for (ForecastMonth m : d.forecastByMonth()) {
        out.printf("  %-8s %s | %s | %s%n", m.month(), m.total(), m.weighted(), m.committed());
      }
      out.println();
      out.println("Leads created in the period by source and status");
      Table.print(d.leadsBySourceAndStatus(), out);
      out.println();
      out.println("Lead conversion by source (source, leads, converted, rate)");
      for (LeadSourceConversion c : d.leadConversionBySource()) {
        out.printf("  %-24s %8d %8d %8s%n", c.source() == null ? "(none)" : c.source(), c.leads(), c.converted(),
            n(c.rate()));
      }
      return 0;
    }
  }

  private static String n(Object value) {
    return value == null ? "-" : value.toString();
  }

  private static void winRates(PrintWriter out, String title, List<WinRate> rates) {
    out.println();
    out.println(title + " (closed in the period: won, lost, rate)");
    for (WinRate w : rates) {
      out.printf("  %-24s %8d %8d %8s%n", w.key() == null ? "(none)" : w.key(), w.won(), w.lost(), n(w.rate()));
    }
  }
}
