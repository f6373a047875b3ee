package org.crmkit.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.storage.CrmStorage;

/**
 * Runs the examples: the sales story, lead conversion, the account card, reports (home page, dashboard, charts) and a
 * quarter of day-level BI (daily snapshots, waterfall, trend chart).
 *
 * <pre>
 * mvn -q -pl crm-examples -am compile exec:java                                   # in memory (default)
 * mvn -q -pl crm-examples -am compile exec:java -Dexec.args=h2                   # embedded H2, in memory
 * mvn -q -pl crm-examples -am compile exec:java -Dexec.args=h2:file:./crm.db     # embedded H2, in a file
 * CRM_PG_USER=crm CRM_PG_PASSWORD=secret \
 *   mvn -q -pl crm-examples -am compile exec:java -Dexec.args=jdbc:postgresql://localhost/crm
 * </pre>
 *
 * The database stories expect an empty database (or one that only crmkit's migrations have touched).
 */
public final class Main {
  /** Libraries' informational start-up logging would drown the story; held so the levels stick. */
  private static final List<Logger> QUIET = Stream.of("org.flywaydb", "org.hibernate")
      .map(Logger::getLogger).peek(l -> l.setLevel(Level.SEVERE)).toList();

  private Main() {}

  public static void main(String[] args) {
    String target = args.length == 0 ? "memory" : args[0];
    PrintStream out = System.out;
    if (target.equals("memory")) {
      out.println("crmkit examples, on the in-memory storage");
      new SalesStory(out, InMemoryStorage.create()).run();
      new LeadConversionStory(out, InMemoryStorage.create()).run();
      new AccountCardStory(out, InMemoryStorage.create()).run();
      new ReportStory(out, InMemoryStorage.create(), charts()).run();
      new PipelineQuarterStory(out, InMemoryStorage.create(), charts()).run();
      return;
    }
    String url = jdbcUrl(target);
    out.println("crmkit examples, on " + url);
    try (JpaStorage storage = JpaStorage.builder()
        .jdbcUrl(url, System.getenv("CRM_PG_USER"), System.getenv("CRM_PG_PASSWORD"))
        .build()) {
      run(out, storage);
    }
  }

  /** Runs the stories on one storage (each with its own Crm configuration). */
  static void run(PrintStream out, CrmStorage storage) {
    run(out, storage, charts());
  }

  /** Runs the stories on one storage, writing the charts of the report and BI stories into {@code charts}. */
  static void run(PrintStream out, CrmStorage storage, Path charts) {
    new SalesStory(out, storage).run();
    new LeadConversionStory(out, storage).run();
    new AccountCardStory(out, storage).run();
    new ReportStory(out, storage, charts).run();
    new PipelineQuarterStory(out, storage, charts).run();
  }

  /** Where the report story writes its SVG charts: {@code -Dcrmkit.charts=DIR}, else the temporary directory. */
  static Path charts() {
    String dir = System.getProperty("crmkit.charts");
    return dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "crmkit-charts");
  }

  static String jdbcUrl(String target) {
    String t = target.toLowerCase(Locale.ROOT);
    if (t.equals("h2")) {
      return "jdbc:h2:mem:crmkit-example;DB_CLOSE_DELAY=-1";
    }
    if (t.startsWith("h2:file:")) {
      return "jdbc:h2:file:" + target.substring("h2:file:".length());
    }
    if (t.startsWith("jdbc:")) {
      return target;
    }
    throw new IllegalArgumentException(
        "unknown storage '" + target + "'; use memory, h2, h2:file:PATH or a JDBC URL such as jdbc:postgresql://localhost/crm");
  }
}
