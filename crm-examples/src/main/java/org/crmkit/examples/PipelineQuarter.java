package org.crmkit.examples;

import java.io.PrintStream;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;

/**
 * The BI example on its own: simulates a quarter of pipeline activity with daily snapshots, then prints the quarter's
 * pipeline waterfall and the daily trend and writes the trend as an SVG line chart.
 *
 * <pre>
 * mvn -q -pl crm-examples -am compile exec:java -Dexec.mainClass=org.crmkit.examples.PipelineQuarter
 * mvn -q -pl crm-examples -am compile exec:java -Dexec.mainClass=org.crmkit.examples.PipelineQuarter -Dexec.args=h2
 * </pre>
 *
 * The chart goes to {@code -Dcrmkit.charts=DIR}, else to {@code crmkit-charts} in the temporary directory.
 */
public final class PipelineQuarter {
  private PipelineQuarter() {}

  public static void main(String[] args) {
    String target = args.length == 0 ? "memory" : args[0];
    PrintStream out = System.out;
    if (target.equals("memory")) {
      out.println("crmkit BI example, on the in-memory storage");
      new PipelineQuarterStory(out, InMemoryStorage.create(), Main.charts()).run();
      return;
    }
    String url = Main.jdbcUrl(target);
    out.println("crmkit BI example, on " + url);
    try (JpaStorage storage = JpaStorage.builder()
        .jdbcUrl(url, System.getenv("CRM_PG_USER"), System.getenv("CRM_PG_PASSWORD"))
        .build()) {
      new PipelineQuarterStory(out, storage, Main.charts()).run();
    }
  }
}
