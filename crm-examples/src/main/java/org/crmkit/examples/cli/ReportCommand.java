package org.crmkit.examples.cli;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.crmkit.report.ReportCsv;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crmkit report DEFINITION [--format csv]}: runs a report definition (JSON). */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Runs a report definition (a JSON file, or a shipped one: pipeline-by-stage, won-by-sector, "
        + "win-rate-by-product, leads-by-source, leads-by-origin) and prints it as a table or CSV.")
final class ReportCommand implements Callable<Integer> {
  enum Format { TABLE, CSV }

  @ParentCommand
  CrmCli cli;

  @Parameters(paramLabel = "DEFINITION")
  String definition;

  @Option(names = {"-f", "--format"}, defaultValue = "TABLE", description = "TABLE (default) or CSV")
  Format format;

  @Override
  public Integer call() {
    ReportDefinition d;
    try (InputStream in = Resources.open("reports", definition, Resources.REPORTS)) {
      d = ReportJson.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Session s = cli.open()) {
      s.crm.reports().check(d);
      ReportResult r = s.crm.reports().run(cli.actor(), d);
      if (format == Format.CSV) {
        cli.spec.commandLine().getOut().print(ReportCsv.write(r));
        cli.spec.commandLine().getOut().flush();
      } else {
        Table.print(r, cli.spec.commandLine().getOut());
      }
      return 0;
    }
  }
}
