package org.crmkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmCliTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return CrmCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path accounts() throws IOException {
    return file("accounts.csv", """
        account,sector,year_established,revenue,employees,office_location,subsidiary_of
        Acme Corporation,technolgy,1996,1100.04,2822,United States,
        Betasoloin,medical,1999,251.41,495,United States,
        """);
  }

  private Path pipeline() throws IOException {
    return file("pipeline.csv", """
        opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
        1C1I7A6R,Moses Frase,GTX Plus Basic,Acme Corporation,Won,2016-10-20,2017-03-01,1054
        Z063OYW0,Darcel Schlecht,GTXPro,Betasoloin,Lost,2016-10-25,2017-03-11,0
        EC4QE1BX,Moses Frase,GTXPro,,Engaging,2016-10-25,,
        ZZZZZZZZ,Moses Frase,GTX Basic,Nobody Ltd,Won,2016-10-25,2017-03-11,100
        """);
  }

  @Test
  void importsWithAShippedMappingAndExitsOneNamingEachRejectedRow() throws IOException {
    int status = run("--load", "maven-accounts=" + accounts(), "import", "-m", "maven-pipeline",
        pipeline().toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("4 read, 3 imported, 0 updated, 1 rejected")
        .contains("rejected line 5, column 'account': no account with external id 'Nobody Ltd'");
    assertThat(err.toString()).contains("2 read, 2 imported").contains("pipeline.csv [####################] 100%");
  }

  @Test
  void exportsWhatWasLoadedAsCsvWithTheMappedValues() throws IOException {
    int status = run("--load", "maven-accounts=" + accounts(), "export", "accounts");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("Acme Corporation").contains("technology").doesNotContain("technolgy");
  }

  @Test
  void anH2FileKeepsDataBetweenRunsAndASecondImportUpdates() throws IOException {
    String store = "file:" + dir.resolve("crm");
    assertThat(run("--store", store, "import", "-m", "maven-accounts", accounts().toString())).isZero();
    assertThat(run("--store", store, "import", "-m", "maven-accounts", accounts().toString())).isZero();

    assertThat(out.toString()).contains("2 read, 2 imported, 0 updated, 0 rejected")
        .contains("2 read, 0 imported, 2 updated, 0 rejected");
  }

  @Test
  void badInputGivesAClearMessageAndExitStatusTwo() throws IOException {
    assertThat(run("import", "-m", "maven-pipeline", dir.resolve("missing.csv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no CSV file");

    assertThat(run("import", "-m", "no-such-mapping", accounts().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no mapping file 'no-such-mapping'").contains("shipped: maven-accounts");

    assertThat(run("import", "-m", "maven-pipeline", accounts().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("the CSV file has no column 'opportunity_id' (for name), 'sales_agent' (for owner)");

    Path broken = file("broken.json", "{\"target\": \"OPPORTUNITIES\", \"columns\": {\"stag\": \"x\"}}");
    assertThat(run("import", "-m", broken.toString(), accounts().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("'stag' is not a target field of OPPORTUNITIES");

    assertThat(run("--store", "floppy", "export", "leads")).isEqualTo(2);
    assertThat(run("export", "widgets")).isEqualTo(2);
    assertThat(run("export", "leads", "-o", dir.resolve("no/such/leads.csv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("there is no directory " + dir.resolve("no/such"));
  }

  @Test
  void abortOnBadRowWritesNothing() throws IOException {
    int status = run("--load", "maven-accounts=" + accounts(), "import", "--abort-on-bad-row", "-m",
        "maven-pipeline", pipeline().toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("aborted: nothing written");
  }

  @Test
  void runsAShippedReportDefinitionAsATableAndAsCsv() throws IOException {
    String load = "maven-accounts=" + accounts();
    String pipeline = "maven-pipeline=" + pipeline();

    assertThat(run("--load", load, "--load", pipeline, "report", "won-by-sector")).isZero();
    assertThat(out.toString()).containsPattern("technology\\s+1\\s+1054.00 USD")
        .containsPattern("total\\s+1\\s+1054.00 USD");

    assertThat(run("--load", load, "--load", pipeline, "report", "win-rate-by-product", "--format", "csv")).isZero();
    assertThat(out.toString()).contains("group,GTX Pro,1,0.00").contains("group,GTX Plus Basic,1,100.00");
  }

  @Test
  void runsAReportDefinitionFileAndRefusesABadOneWithExitStatusTwo() throws IOException {
    Path good = file("by-owner.json", """
        { "source": "OPPORTUNITIES", "groups": [ { "field": "owner" } ],
          "aggregates": [ { "function": "COUNT" } ], "sorts": [ { "column": "owner" } ] }
        """);
    assertThat(run("--load", "maven-accounts=" + accounts(), "--load", "maven-pipeline=" + pipeline(), "report",
        good.toString())).isZero();
    assertThat(out.toString()).containsPattern("Moses Frase\\s+2");

    Path bad = file("bad.json", "{ \"source\": \"OPPORTUNITIES\", \"groups\": [ { \"field\": \"colour\" } ] }");
    assertThat(run("report", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("colour");
    assertThat(run("report", "no-such-report")).isEqualTo(2);
    assertThat(err.toString()).contains("shipped: pipeline-by-stage");
  }

  @Test
  void printsTheDashboardWithWinRatesBySegment() throws IOException {
    int status = run("--load", "maven-accounts=" + accounts(), "--load", "maven-pipeline=" + pipeline(),
        "dashboard", "--from", "2017-01-01", "--to", "2017-12-31", "--segment", "product");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("Win rate by product").containsPattern("GTX Plus Basic\\s+1\\s+0\\s+100")
        .contains("Pipeline by stage");
    assertThat(run("dashboard", "--from", "2017-12-31", "--to", "2017-01-01")).isEqualTo(2);
  }

  @Test
  void takesTodaysSnapshotByDefaultAndFillsInARangeOfDays() throws IOException {
    String load = "maven-accounts=" + accounts();
    String pipeline = "maven-pipeline=" + pipeline();
    LocalDate before = LocalDate.now(ZoneOffset.UTC);

    assertThat(run("--load", load, "--load", pipeline, "snapshot")).isZero();
    LocalDate after = LocalDate.now(ZoneOffset.UTC);

    // the open deal (EC4QE1BX) is in the day's state; the deals closed in 2017 are past the 90-day window
    assertThat(out.toString()).containsAnyOf(before + "  copied from the opportunities", after
        + "  copied from the opportunities").containsPattern("\\s1 opportunities\\s+1 rows stored")
        .contains("1 day kept");

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(run("--load", load, "--load", pipeline, "snapshot", "--from", today.minusDays(2).toString(), "--to",
        today.toString())).isZero();
    // imported today, the deals have no history before today: the rebuilt past days hold nothing
    assertThat(out.toString()).contains(today.minusDays(2) + "  rebuilt from stage history")
        .containsPattern(today.minusDays(1) + "  rebuilt from stage history\\s+0 opportunities")
        .contains("3 days kept");
  }

  @Test
  void refusesASnapshotOfAFutureDayOrAHalfGivenRangeWithExitStatusTwo() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(run("snapshot", "--day", today.plusDays(2).toString())).isEqualTo(2);
    assertThat(err.toString()).contains(today.plusDays(2).toString());

    assertThat(run("snapshot", "--from", "2017-01-01")).isEqualTo(2);
    assertThat(err.toString()).contains("--from and --to go together");
    assertThat(run("snapshot", "--day", "2017-01-01", "--from", "2017-01-01", "--to", "2017-01-02")).isEqualTo(2);
    assertThat(err.toString()).contains("not both");
  }
}
