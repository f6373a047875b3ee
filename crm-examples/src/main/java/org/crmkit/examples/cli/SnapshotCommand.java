package org.crmkit.examples.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code crmkit snapshot [--day DAY | --from DAY --to DAY]}: takes the daily BI snapshot ({@code crm.bi()}) of a day,
 * today in the Crm's clock by default, or fills in every day of a range that is not kept yet. Taking a kept day
 * again changes nothing, so a scheduler (cron) may run it as often as it likes.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Takes the daily BI snapshot of the opportunities: today (UTC, the tool's Crm clock) by default, "
        + "--day DAY, or every day from --from to --to not kept yet (past days are rebuilt from stage history). "
        + "A day already kept is left as it is. Prints each day with its opportunities and stored rows.")
final class SnapshotCommand implements Callable<Integer> {
  @ParentCommand
  CrmCli cli;

  @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "the day to take (default: today)")
  LocalDate day;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day of a range to fill in")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day of the range (at most today)")
  LocalDate to;

  @Override
  public Integer call() {
    if (day != null && (from != null || to != null)) {
      throw new CrmCli.CliException("give --day, or --from and --to, not both");
    }
    if ((from == null) != (to == null)) {
      throw new CrmCli.CliException("--from and --to go together (a range of days to fill in)");
    }
    if (from != null && to.isBefore(from)) {
      throw new CrmCli.CliException("--to " + to + " is before --from " + from);
    }
    try (Session s = cli.open()) {
      List<SnapshotDay> days;
      try {
        days = from != null ? s.crm.bi().backfill(cli.actor(), from, to)
            : List.of(s.crm.bi().takeDailySnapshot(cli.actor(), day != null ? day : LocalDate.now(Session.CLOCK)));
      } catch (UnsupportedOperationException e) {
        throw new CrmCli.CliException("this store keeps no daily snapshots yet (" + e.getMessage() + ")");
      }
      PrintWriter out = cli.spec.commandLine().getOut();
      for (SnapshotDay d : days) {
        out.printf("%s  %-34s %8d opportunities %8d rows stored%n", d.day(),
            d.source() == SnapshotSource.CURRENT ? "copied from the opportunities" : "rebuilt from stage history",
            d.opportunities(), d.rowsStored());
      }
      out.println(days.size() + (days.size() == 1 ? " day kept" : " days kept"));
      return 0;
    }
  }
}
