package org.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.Crm;
import org.crmkit.access.TeamDirectory;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.budget.AccountCard;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.storage.CrmStorage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void theReportStoryPrintsTheHomePageAndTheDashboardAndWritesSvgCharts(@TempDir Path charts) throws Exception {
    String out = run(o -> new ReportStory(o, charts).run());

    assertThat(out)
        .contains("Carol's home page")
        .containsPattern("Spindles\\s+proposal\\s+8000.00 EUR\\s+2026-04-30")
        .containsPattern("My overdue opportunities\\s+name\\s+stage\\s+amount\\s+closeDate\\s+Spindles")
        .contains("Erin's sales dashboard, May 2026")
        .containsPattern("carol\\s+won 1 lost 0  100.00%")
        .containsPattern("dave\\s+won 0 lost 1  0.00%")
        .contains("average deal size: 40000.00 EUR; average sales cycle: 14.0 days")
        .containsPattern("Web form\\s+2\\s+1\\s+50.00%")
        .contains("row,segment.region,closeDate:month,count,sum(amount),weighted_amount")
        .contains("wrote ");
    for (String name : List.of("crmkit-pipeline-by-stage.svg", "crmkit-funnel.svg", "crmkit-account-card.svg")) {
      javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      assertThat(f.newDocumentBuilder().parse(charts.resolve(name).toFile()).getDocumentElement().getTagName())
          .isEqualTo("svg");
    }
  }

  @Test
  void thePipelineQuarterStoryPrintsAWaterfallThatAddsUpAndATrendAndWritesTheTrendChart(@TempDir Path charts)
      throws Exception {
    String out = run(o -> new PipelineQuarterStory(o, charts).run());

    assertThat(out)
        .contains("back-filled from history: [2026-02-14 (HISTORY), 2026-02-15 (HISTORY)]")
        .contains("Pipeline waterfall, end of 2026-02-28 to end of 2026-03-31")
        .containsPattern("opening\\s+\\d+\\s+\\d+\\.\\d\\d EUR")
        .containsPattern("won\\s+\\d+\\s+-\\d+\\.\\d\\d EUR")
        .contains("(holds to the cent)")
        .doesNotContain("DOES NOT HOLD")
        .containsPattern("2026-03-30\\s+\\d+\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d")
        .containsPattern("Storage: 90 kept days; \\d+ rows stored where full daily copies would hold \\d+");
    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    org.w3c.dom.Document svg = f.newDocumentBuilder().parse(charts.resolve(PipelineQuarterStory.CHART).toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getElementsByTagName("polyline").getLength()).as("the pipeline and weighted lines").isEqualTo(2);
  }

  @Test
  void allStoriesRunTheSameOnAnEmbeddedH2Database(@TempDir Path charts) {
    String out;
    try (org.crmkit.jpa.JpaStorage h2 = org.crmkit.jpa.JpaStorage.builder()
        .jdbcUrl("jdbc:h2:mem:examples-test;DB_CLOSE_DELAY=-1", null, null).build()) {
      out = run(o -> Main.run(o, h2, charts));
    }

    assertThat(out)
        .contains("won:  Acme rocket skates on 2026-03-22 at 100%")
        .contains("Joanna's lead is now converted")
        .contains("undone: the lead is new again")
        .containsPattern("2026-05\\s+20000.00\\s+22500.00\\s+16250.00\\s+10000.00\\s+0.00")
        .contains("average deal size: 40000.00 EUR; average sales cycle: 14.0 days")
        .contains("(holds to the cent)");
  }

  @Test
  void namesTheStorageTargetsItUnderstands() {
    assertThat(Main.jdbcUrl("h2")).startsWith("jdbc:h2:mem:");
    assertThat(Main.jdbcUrl("h2:file:./crm")).isEqualTo("jdbc:h2:file:./crm");
    assertThat(Main.jdbcUrl("jdbc:postgresql://localhost/crm")).isEqualTo("jdbc:postgresql://localhost/crm");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.jdbcUrl("mysql"))
        .hasMessageContaining("use memory, h2, h2:file:PATH or a JDBC URL");
  }

  // ------------------------------------------------------------------ the README's tour

  /** The java code blocks of README.md from "A tour of the API" up to "Writing your own storage adapter". */
  private static List<String> readmeTourBlocks() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String tour = readme.substring(readme.indexOf("## A tour of the API"),
        readme.indexOf("## Writing your own storage adapter"));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(tour);
    while (m.find()) {
      blocks.add(m.group(1).stripTrailing());
    }
    return blocks;
  }

  /** The blocks of ReadmeTour.java between "README: begin" and "README: end", without their indentation. */
  private static List<String> readmeTourClassBlocks() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("src/main/java/org/crmkit/examples/ReadmeTour.java"));
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines) {
      if (line.strip().equals("// README: begin")) {
        block = new StringBuilder();
      } else if (line.strip().equals("// README: end")) {
        blocks.add(block.toString().stripTrailing().stripIndent());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  @Test
  void theReadmeTourIsWordForWordTheCodeThatCompilesInReadmeTour() throws IOException {
    List<String> readme = readmeTourBlocks();

    assertThat(readme).as("the README's tour has code").hasSizeGreaterThanOrEqualTo(10);
    assertThat(readmeTourClassBlocks()).containsExactlyElementsOf(readme);
  }

  @Test
  void theReadmeAccessPolicyShowsASellerOnlyTheirOwnLeadsAndAManagerTheirTeams() {
    TeamDirectory teams = new TeamDirectory() {
      @Override
      public Set<UserId> teamOf(TenantId tenant, UserId manager) {
        return manager.value().equals("maria") ? Set.of(UserId.of("alice")) : Set.of();
      }

      @Override
      public boolean isAdministrator(TenantId tenant, UserId user) {
        return false;
      }
    };
    Crm crm = ReadmeTour.access(InMemoryStorage.create(), teams);
    Actor alice = Actor.user("alice");
    Actor bob = Actor.user("bob");
    Lead alices = crm.leads().create(alice, CreateLead.ofCompany("Acme"));
    crm.leads().create(bob, CreateLead.ofCompany("Globex"));

    assertThat(crm.leads().list(alice, LeadQuery.all(), PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactly(alices.id());
    assertThat(crm.leads().find(bob, alices.id())).as("another seller's lead is not found").isEmpty();
    assertThat(crm.leads().list(Actor.user("maria"), LeadQuery.all(), PageRequest.first(10)).total())
        .as("the manager sees her team's lead only").isEqualTo(1);
  }

  @Test
  void theReadmeTourRunsAsWritten() {
    ReadmeTour.Basics basics = ReadmeTour.basics();
    assertThat(basics.lead().status()).isEqualTo("qualified");
    assertThat(basics.lead().details().leadSource()).isEqualTo("Web form");
    Opportunity deal = basics.deal();
    assertThat(deal.stage()).isEqualTo("closed_won");
    assertThat(deal.amount()).contains(Money.of("52000.00", "EUR"));
    assertThat(deal.nextStep()).as("fields the update did not name stay").isEmpty();
    assertThat(deal.closeDate()).as("the win set a close date again after the update cleared it").isPresent();
    assertThat(basics.entries()).as("create, stage, amount and close date, win").isEqualTo(4)
        .isEqualTo(basics.history().size());
    assertThat(basics.timeInStage()).containsKeys("qualification", "proposal");

    CrmStorage storage = InMemoryStorage.create();
    Crm crm = Crm.builder().storage(storage).build();
    Actor alice = Actor.user("alice");
    assertThat(ReadmeTour.customFields(storage).leads().create(alice, CreateLead.ofCompany("Gold Inc")
        .customFields(Map.of("tier", CustomValue.picklist("gold")))).customFields().get("tier")).isPresent();
    LeadId leadId = qualifiedLead(crm, alice, "Initech");
    List<LeadId> leadIds = List.of(qualifiedLead(crm, alice, "Globex"), qualifiedLead(crm, alice, "Umbrella"));
    ReadmeTour.Conversion conversion = ReadmeTour.conversion(storage, alice, leadId, leadIds);
    assertThat(conversion.preview().problems()).isEmpty();
    assertThat(conversion.outcome()).isInstanceOf(ConversionOutcome.Converted.class);
    assertThat(conversion.bulk().convertedCount()).isEqualTo(2);
    assertThat(conversion.undo()).isInstanceOf(UndoOutcome.Undone.class);
    assertThat(crm.leads().get(alice, leadId).isConverted()).isFalse();

    ConversionPolicy webLeads = ConversionPolicy.builder("web-leads").automaticConversionAllowed(true).build();
    Crm withRules = ReadmeTour.workflows(storage, webLeads);
    Lead hooli = withRules.leads().create(alice, CreateLead.of("Gavin", "Belson", "Hooli", null));
    withRules.leads().changeStatus(alice, ChangeLeadStatus.of(hooli.id(), hooli.version(), "qualified"));
    assertThat(withRules.leads().get(alice, hooli.id()).isConverted()).isTrue();

    Account acme = crm.accounts().create(alice, CreateAccount.named("Acme Oy"));
    Opportunity skates = crm.opportunities().create(alice, CreateOpportunity.named("Skates").accountId(acme.id())
        .amount(Money.of("6000.00", "EUR")));
    AccountCard card = ReadmeTour.forecasts(storage, alice, skates.id(), acme.id());
    assertThat(card.months()).hasSize(3);
    assertThat(card.months().get(0).budget()).isEqualTo(Money.of("20000.00", "EUR"));
    assertThat(card.months().get(0).forecast()).as("repeat replaced the split").isEqualTo(Money.of("500.00", "EUR"));

    ReadmeTour.Reports reports = ReadmeTour.reports(crm, alice);
    assertThat(reports.csv()).startsWith("row,stage,closeDate:month,count,sum(amount),weighted_amount\r\n");
    assertThat(reports.home().openOpportunities().rows()).isNotEmpty();
    assertThat(reports.dashboard().query().segmentDimension()).isEqualTo("region");
    assertThat(reports.svg()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");

    assertThat(ReadmeTour.inMemory().leads().list(alice, LeadQuery.all(), PageRequest.first(1)).total()).isZero();
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:readme-tour;DB_CLOSE_DELAY=-1");
    ReadmeTour.Jpa jpa = ReadmeTour.jpa(dataSource);
    try {
      assertThat(jpa.crm().accounts().create(alice, CreateAccount.named("Stored")).version()).isEqualTo(1);
    } finally {
      jpa.storage().close();
    }
  }

  private static LeadId qualifiedLead(Crm crm, Actor actor, String company) {
    Lead lead = crm.leads().create(actor, CreateLead.of("Pat", "Doe", company, null));
    return crm.leads().changeStatus(actor, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified")).id();
  }
}
