package org.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExamplesTest {

  private static String run(Consumer<PrintStream> story) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    story.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSalesStoryWalksLeadsOpportunitiesAndHistory() {
    String out = run(o -> new SalesStory(o).run());

    assertThat(out)
        .contains("rejected a form submission")
        .contains("open leads: 3")
        .contains("(spam)")
        .contains("won:  Acme rocket skates on 2026-03-22 at 100%")
        .contains("lost: Globex doomsday device (customer went with a competitor)")
        .contains("Bob's stale edit was refused")
        .contains("(created)")
        .contains("time in proposal        9 days")
        .containsPattern("Acme rocket skates\\s+Acme Oy\\s+closed_won");
  }

  @Test
  void theConversionStoryConvertsByHandInBulkAndByARuleThenUndoes() {
    String out = run(o -> new LeadConversionStory(o).run());

    assertThat(out)
        .containsPattern("account\\s+would be linked.*Initech Inc\\.")
        .contains("Peter: converted: account linked contact created opportunity created")
        .contains("converting Peter again: rejected")
        .contains("rejected: AMBIGUOUS_MATCH; best candidate Initech Inc. ([SIMILAR_NAME]")
        .contains("Bill, linked to the candidate by hand: converted: account linked")
        .contains("Samir Nagheenanajar: converted: account created")
        .contains("\"O'Reilly Auto Parts - first order\"")
        .contains("Joanna's lead is now converted, read-only, and became opportunity Flingers - first order")
        .contains("undone: the lead is new again")
        .contains("undone by alice");
  }

  @Test
  void theAccountCardStoryPrintsBudgetForecastAndWonByMonth() {
    String out = run(o -> new AccountCardStory(o).run());

    assertThat(out)
        .contains("segments copied from the account: {industry=manufacturing, region=nordics}")
        .containsPattern("2026-04\\s+20000.00\\s+10000.00\\s+10000.00\\s+10000.00\\s+30000.00")
        .containsPattern("2026-05\\s+20000.00\\s+22500.00\\s+16250.00\\s+10000.00\\s+0.00");
  }

  @Test
  void allStoriesRunTheSameOnAnEmbeddedH2Database() {
    String out;
    try (org.crmkit.jpa.JpaStorage h2 = org.crmkit.jpa.JpaStorage.builder()
        .jdbcUrl("jdbc:h2:mem:examples-test;DB_CLOSE_DELAY=-1", null, null).build()) {
      out = run(o -> Main.run(o, h2));
    }

    assertThat(out)
        .contains("won:  Acme rocket skates on 2026-03-22 at 100%")
        .contains("Joanna's lead is now converted")
        .contains("undone: the lead is new again")
        .containsPattern("2026-05\\s+20000.00\\s+22500.00\\s+16250.00\\s+10000.00\\s+0.00");
  }

  @Test
  void namesTheStorageTargetsItUnderstands() {
    assertThat(Main.jdbcUrl("h2")).startsWith("jdbc:h2:mem:");
    assertThat(Main.jdbcUrl("h2:file:./crm")).isEqualTo("jdbc:h2:file:./crm");
    assertThat(Main.jdbcUrl("jdbc:postgresql://localhost/crm")).isEqualTo("jdbc:postgresql://localhost/crm");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.jdbcUrl("mysql"))
        .hasMessageContaining("use memory, h2, h2:file:PATH or a JDBC URL");
  }
}
