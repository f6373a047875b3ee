package org.crmkit.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crmkit.csv.CsvExporter;
import org.crmkit.csv.ImportTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crmkit export opportunities}: writes records as CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes every LEADS, ACCOUNTS, CONTACTS or OPPORTUNITIES record you may see as CSV "
        + "(spreadsheet formulas neutralised).")
final class ExportCommand implements Callable<Integer> {
  @ParentCommand
  CrmCli cli;

  @Parameters(paramLabel = "TYPE", description = "LEADS, ACCOUNTS, CONTACTS or OPPORTUNITIES")
  ImportTarget type;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of the screen")
  Path output;

  @Override
  public Integer call() {
    try (Session s = cli.open()) {
      CsvExporter exporter = CsvExporter.over(s.crm);
      if (output == null) {
        exporter.export(cli.actor(), type, cli.spec.commandLine().getOut());
        cli.spec.commandLine().getOut().flush();
        return 0;
      }
      try (Writer w = Files.newBufferedWriter(output)) {
        long n = exporter.export(cli.actor(), type, w);
        cli.spec.commandLine().getErr().println(n + " records written to " + output);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CrmCli.CliException("cannot write " + output + ": there is no directory "
            + output.toAbsolutePath().normalize().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
      }
      return 0;
    }
  }
}
