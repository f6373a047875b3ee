package org.crmkit.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crmkit.Crm;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.junit.jupiter.api.Test;

class CsvExporterTest {
  private static final Actor ANN = Actor.user("ann");
  private final Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();

  private static List<CSVRecord> parse(String csv) throws IOException {
    try (CSVParser p = CSVParser.parse(new StringReader(csv),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return p.getRecords();
    }
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsAFormulaGetALeadingApostrophe() {
    assertThat(CsvCells.neutralise("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
    assertThat(List.of("+1", "-2", "@SUM(A1)", "\tx", "\rx").stream().map(CsvCells::neutralise))
        .allMatch(v -> v.startsWith("'"));
    assertThat(CsvCells.neutralise("Acme = good")).isEqualTo("Acme = good");
    assertThat(CsvCells.neutralise(null)).isEmpty();
  }

  @Test
  void exportsLeadsWithFormulaCellsNeutralisedAndQuotesAndNewlinesIntact() throws IOException {
    crm.leads().create(ANN, CreateLead.ofCompany("=HYPERLINK(\"http://evil\",\"click\")")
        .description("line one\r\nline, \"two\""));
    crm.leads().create(ANN, CreateLead.ofPerson("Ann", "@Smith").leadSource("+web"));
    StringWriter out = new StringWriter();

    long n = CsvExporter.over(crm).export(ANN, ImportTarget.LEADS, out);

    assertThat(n).isEqualTo(2);
    List<CSVRecord> rows = parse(out.toString());
    assertThat(rows).extracting(r -> r.get("company"))
        .contains("'=HYPERLINK(\"http://evil\",\"click\")");
    assertThat(rows).extracting(r -> r.get("lastName")).contains("'@Smith");
    assertThat(rows).extracting(r -> r.get("leadSource")).contains("'+web");
    assertThat(rows).extracting(r -> r.get("description")).contains("line one\r\nline, \"two\"");
  }

  @Test
  void exportsOpportunitiesWithAmountCurrencyAndASegmentColumnPerDimension() throws IOException {
    var acme = crm.accounts().create(ANN, CreateAccount.named("Acme").segments(Map.of("sector", "retail")));
    crm.opportunities().create(ANN, CreateOpportunity.named("Deal").accountId(acme.id())
        .amount(Money.of("-0", "EUR").plus(Money.of("1500.50", "EUR"))).segments(Map.of("product", "GTX Pro")));
    StringWriter out = new StringWriter();

    CsvExporter.over(crm).export(ANN, ImportTarget.OPPORTUNITIES, out);
    CsvExporter.over(crm).export(ANN, ImportTarget.ACCOUNTS, out = new StringWriter());
    assertThat(parse(out.toString())).singleElement().satisfies(r -> assertThat(r.get("segment.sector"))
        .isEqualTo("retail"));

    StringWriter opps = new StringWriter();
    CsvExporter.over(crm).export(ANN, ImportTarget.OPPORTUNITIES, opps);
    CSVRecord row = parse(opps.toString()).get(0);
    assertThat(row.get("amount")).isEqualTo("1500.50");
    assertThat(row.get("amount.currency")).isEqualTo("EUR");
    assertThat(row.get("segment.product")).isEqualTo("GTX Pro");
    assertThat(row.get("accountId")).isEqualTo(acme.id().toString());
  }
}
