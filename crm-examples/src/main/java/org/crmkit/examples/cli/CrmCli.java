package org.crmkit.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crmkit.shared.Actor;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.TenantId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * crmkit on the command line: import CSV files with a mapping, export records, read the result (reports, the
 * dashboard), take daily BI snapshots and serve the store over HTTP with the example server. Exit status: 0 done,
 * 1 some rows were rejected (or the import aborted), 2 unusable input (a missing file, a bad mapping, an unknown
 * option, a port in use), 3 a storage failure.
 *
 * <pre>
 * mvn -q -pl crm-examples -am compile -Pcli -Dexec.args="--help"
 * </pre>
 */
@Command(name = "crmkit", mixinStandardHelpOptions = true, version = "crmkit 0.1.0-SNAPSHOT",
    description = "Runs crmkit on your data. Data lives in memory for one run unless --store file:PATH (an H2 file) "
        + "or --jdbc-url (PostgreSQL) keeps it.",
    subcommands = {ImportCommand.class, ExportCommand.class, ReportCommand.class, DashboardCommand.class,
        SnapshotCommand.class, ServeCommand.class})
public final class CrmCli implements Callable<Integer> {
  @Option(names = "--store", defaultValue = "memory", paramLabel = "memory|file:PATH",
      description = "memory (default: gone when the command ends) or file:PATH, an H2 database in PATH.mv.db")
  String store;

  @Option(names = "--jdbc-url", paramLabel = "URL", description = "a database instead, e.g. "
      + "jdbc:postgresql://localhost/crm (user and password from --jdbc-user and CRM_DB_PASSWORD)")
  String jdbcUrl;

  @Option(names = "--jdbc-user", paramLabel = "USER", defaultValue = "${env:CRM_DB_USER}")
  String jdbcUser;

  @Option(names = "--tenant", defaultValue = "default", description = "the tenant to work in (default: default)")
  String tenant;

  @Option(names = "--user", defaultValue = "cli", description = "the user the commands run as (default: cli)")
  String user;

  @Option(names = "--load", paramLabel = "MAPPING=CSV", description = "import CSV with MAPPING before the command "
      + "(repeatable; handy with the in-memory store)")
  List<String> loads = new ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the tool, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new CrmCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("crmkit: " + message(e));
      return e instanceof org.crmkit.shared.StorageException ? 3 : 2;
    });
    cli.setParameterExceptionHandler((e, args1) -> {
      e.getCommandLine().getErr().println("crmkit: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return 2;
    });
    return cli.execute(args);
  }

  private static String message(Exception e) {
    if (e instanceof CrmException || e instanceof java.io.UncheckedIOException || e instanceof CliException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  Actor actor() {
    return Actor.user(user).in(TenantId.of(tenant));
  }

  /** Opens the chosen store, with the {@code --load} imports done. */
  Session open() {
    Session s = Session.open(this);
    for (String load : loads) {
      int eq = load.indexOf('=');
      if (eq < 1) {
        s.close();
        throw new CliException("--load needs MAPPING=CSV, was '" + load + "'");
      }
      try {
        org.crmkit.csv.ImportReport r = ImportCommand.importFile(s, actor(), load.substring(0, eq),
            load.substring(eq + 1), null, spec.commandLine().getErr(), false);
        spec.commandLine().getErr().println(load.substring(eq + 1) + ": " + r.summary());
      } catch (RuntimeException e) {
        s.close();
        throw e;
      }
    }
    return s;
  }

  /** Bad input the tool itself finds (exit status 2). */
  static final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
      super(message);
    }
  }
}
