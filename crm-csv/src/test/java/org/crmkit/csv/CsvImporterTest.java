package org.crmkit.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.CreateAccount;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.FieldType;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.junit.jupiter.api.Test;

class CsvImporterTest {
  private static final Actor ANN = Actor.user("ann");

  private final CountingStorage storage = new CountingStorage(InMemoryStorage.create());
  private final Crm crm = Crm.builder().storage(storage)
      .clock(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))
      .customFields(CustomFieldSchema.of(CustomFieldDefinition.of(RecordType.LEAD, "visits", "Visits",
          FieldType.NUMBER)))
      .build();
  private final ExternalIdStore ids = ExternalIdStore.inMemory();
  private final List<ImportReport> progress = new ArrayList<>();
  private final CsvImporter importer = CsvImporter.over(crm, storage, ids)
      .withProgress((rows, bytes, report) -> progress.add(report));

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static CsvMapping leads() {
    return CsvMapping.of(ImportTarget.LEADS).withExternalId("web", "id").withColumn("lastName", "name")
        .withColumn("leadSource", "source").withColumn("email", "email").withColumn("custom.visits", "visits")
        .withValue("leadSource", "Googel", "Google").withBlanks("Select");
  }

  private List<Lead> allLeads() {
    return crm.leads().list(ANN, LeadQuery.all(), PageRequest.first(1000)).items();
  }

  private List<Opportunity> allOpportunities() {
    return crm.opportunities().list(ANN, OpportunityQuery.all(), PageRequest.first(1000)).items();
  }

  @Test
  void importsLeadsMappingMisspelledValuesAndTreatingPlaceholdersAsBlank() {
    ImportReport r = importer.run(ANN, leads(), csv("""
        id,name,source,email,visits
        1,Smith,googel,a@example.com,3
        2,Jones,Select,,1.5
        """));

    assertThat(r.summary()).isEqualTo("2 read, 2 imported, 0 updated, 0 rejected");
    assertThat(allLeads()).extracting(l -> l.details().lastName(), l -> l.details().leadSource())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Smith", "Google"),
            org.assertj.core.groups.Tuple.tuple("Jones", null));
  }

  @Test
  void reimportingTheSameFileUpdatesInsteadOfDuplicating() {
    String file = """
        id,name,source,email,visits
        1,Smith,Google,a@example.com,3
        2,Jones,Ads,,1
        """;
    importer.run(ANN, leads(), csv(file));
    ImportReport again = importer.run(ANN, leads(), csv(file.replace("Smith", "Smythe")));

    assertThat(again.summary()).isEqualTo("2 read, 0 imported, 2 updated, 0 rejected");
    assertThat(allLeads()).hasSize(2).extracting(l -> l.details().lastName())
        .containsExactlyInAnyOrder("Smythe", "Jones");
  }

  @Test
  void reimportMovesALeadToItsNewStatusThroughTheStatusUseCase() {
    CsvMapping m = leads().withColumn("status", "status");
    importer.run(ANN, m, csv("id,name,source,email,visits,status\n1,Smith,,,,new\n"));
    ImportReport again = importer.run(ANN, m, csv("id,name,source,email,visits,status\n1,Smith,,,,contacted\n"));

    assertThat(again.updated()).isEqualTo(1);
    assertThat(allLeads()).singleElement().extracting(Lead::status).isEqualTo("contacted");
  }

  @Test
  void reimportMovesAnOpportunityThroughTheStageUseCasesSoItsHistoryRecordsEachMove() {
    CsvMapping m = CsvMapping.of(ImportTarget.OPPORTUNITIES).withExternalId("crm", "id").withColumn("name", "deal")
        .withColumn("stage", "stage").withColumn("amount", "value").withDefault("currency", "USD");
    importer.run(ANN, m, csv("id,deal,stage,value\nX1,Deal,qualification,100\n"));
    importer.run(ANN, m, csv("id,deal,stage,value\nX1,Deal,proposal,100\n"));
    ImportReport won = importer.run(ANN, m, csv("id,deal,stage,value\nX1,Deal,closed_won,120\n"));

    assertThat(won.updated()).isEqualTo(1);
    Opportunity o = allOpportunities().get(0);
    assertThat(allOpportunities()).hasSize(1);
    assertThat(o.stage()).isEqualTo("closed_won");
    assertThat(crm.opportunities().history(ANN, o.id()))
        .extracting(org.crmkit.history.StageHistoryEntry::stage)
        .containsSubsequence("qualification", "proposal", "closed_won");
  }

  @Test
  void importsAccountsWithSegmentsThenContactsLinkedByTheAccountsExternalId() {
    CsvMapping accounts = CsvMapping.of(ImportTarget.ACCOUNTS).withExternalId("erp", "no").withColumn("name", "name")
        .withColumn("segment.sector", "sector").withValue("segment.sector", "technolgy", "technology");
    CsvMapping contacts = CsvMapping.of(ImportTarget.CONTACTS).withExternalId("erp-people", "id")
        .withColumn("firstName", "first").withColumn("lastName", "last").withColumn("email", "mail")
        .withColumn("account.externalId", "company").withAccountSource("erp");

    ImportReport a = importer.run(ANN, accounts, csv("no,name,sector\nC-1,Acme Oy,technolgy\n"));
    ImportReport c = importer.run(ANN, contacts, csv("id,first,last,mail,company\n"
        + "P1,Anna,Virtanen,anna@acme.fi,C-1\nP2,Bo,Berg,,C-404\n"));

    assertThat(a.imported()).isEqualTo(1);
    assertThat(c.summary()).isEqualTo("2 read, 1 imported, 0 updated, 1 rejected");
    assertThat(c.rejections()).singleElement().satisfies(x -> {
      assertThat(x.line()).isEqualTo(3);
      assertThat(x.column()).isEqualTo("company");
    });
    var account = crm.accounts().list(ANN, AccountQuery.all(), PageRequest.first(10)).items().get(0);
    assertThat(account.snapshot().segments().get("sector")).contains("technology");
    assertThat(crm.contacts().list(ANN, org.crmkit.contact.ContactQuery.all(), PageRequest.first(10)).items())
        .singleElement().satisfies(x -> assertThat(x.snapshot().accountId()).isEqualTo(account.id()));
  }

  @Test
  void aRepeatedExternalIdWithinOneBatchUpdatesTheRecordItCreated() {
    ImportReport r = importer.run(ANN, leads(), csv("""
        id,name,source,email,visits
        1,Smith,,,
        1,Smythe,,,
        """));

    assertThat(r.summary()).isEqualTo("2 read, 1 imported, 1 updated, 0 rejected");
    assertThat(allLeads()).singleElement().extracting(l -> l.details().lastName()).isEqualTo("Smythe");
  }

  @Test
  void reportsEveryKindOfBadRowWithItsLineColumnAndReasonAndTheCountsAddUp() {
    crm.accounts().create(ANN, CreateAccount.named("Acme"));
    CsvMapping m = CsvMapping.of(ImportTarget.OPPORTUNITIES).withExternalId("crm", "id")
        .withColumn("name", "deal").withColumn("amount", "value").withColumn("closeDate", "closes")
        .withColumn("stage", "stage").withColumn("account", "account").withColumn("owner", "agent")
        .withColumn("probability", "prob").withDefault("currency", "EUR")
        .withValue("stage", "Won", "closed_won").withFormats("dd.MM.yyyy", ',', " ");

    ImportReport r = importer.run(ANN, m, csv("""
        id,deal,value,closes,stage,account,agent,prob
        1,Good one,1 500,"31.03.2026",Won,Acme,bob,
        2,Bad number,1.2.3,31.03.2026,qualification,,bob,
        3,Bad date,100,2026-03-31,qualification,,bob,
        4,Bad stage,100,31.03.2026,Maybe,,bob,
        5,No account,100,31.03.2026,qualification,Nowhere Inc,bob,
        6,,100,31.03.2026,qualification,,bob,
        7,Too few fields
        ,No id,100,31.03.2026,qualification,,bob,
        9,Negative,-5,31.03.2026,qualification,,bob,
        10,Fraction,5,31.03.2026,qualification,,bob,12.5
        11,Also good,"2 000,50",01.04.2026,qualification,acme,bob,
        """));

    assertThat(r.rejections()).extracting(RowRejection::line, RowRejection::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "value"),
            org.assertj.core.groups.Tuple.tuple(4L, "closes"),
            org.assertj.core.groups.Tuple.tuple(5L, "stage"),
            org.assertj.core.groups.Tuple.tuple(8L, ""),
            org.assertj.core.groups.Tuple.tuple(9L, "id"),
            org.assertj.core.groups.Tuple.tuple(11L, "prob"),
            org.assertj.core.groups.Tuple.tuple(6L, "account"),
            org.assertj.core.groups.Tuple.tuple(7L, "deal"),
            org.assertj.core.groups.Tuple.tuple(10L, "value"));
    assertThat(r.rejections().get(0).reason()).contains("'1.2.3' is not a number");
    assertThat(r.rejections().get(1).reason()).contains("not a date in the format dd.MM.yyyy");
    assertThat(r.rejections().get(2).reason()).contains("'Maybe' is not a stage").contains("values.stage");
    assertThat(r.rejections().get(3).reason()).contains("2 fields, the header has 8");
    assertThat(r.rejections().get(4).reason()).contains("external id is blank");
    assertThat(r.rejections().get(6).reason()).contains("no account named 'Nowhere Inc'");
    assertThat(r.read()).isEqualTo(11);
    assertThat(r.imported() + r.updated() + r.rejected()).isEqualTo(r.read());
    assertThat(r.imported()).isEqualTo(2);
    assertThat(allOpportunities()).extracting(Opportunity::name).containsExactlyInAnyOrder("Good one", "Also good");
    Opportunity good = allOpportunities().stream().filter(o -> o.name().equals("Good one")).findFirst().get();
    assertThat(good.stage()).isEqualTo("closed_won");
    assertThat(good.snapshot().amount().amount()).isEqualByComparingTo("1500");
    assertThat(good.snapshot().closeDate()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(good.snapshot().accountId()).isNotNull();
  }

  @Test
  void writesInBatchesAndRetriesAFailedBatchRowByRowSoOneBadRowLosesNoOther() {
    StringBuilder file = new StringBuilder("id,name,source,email,visits\n");
    for (int i = 1; i <= 25; i++) {
      file.append(i).append(",Lead").append(i).append(",,").append(i == 7 ? "not-an-email" : "").append(",\n");
    }
    ImportReport r = importer.run(ANN, leads().withPolicy(BadRowPolicy.SKIP, 10), csv(file.toString()));

    assertThat(r.summary()).isEqualTo("25 read, 24 imported, 0 updated, 1 rejected");
    assertThat(r.rejections()).singleElement().satisfies(x -> {
      assertThat(x.line()).isEqualTo(8);
      assertThat(x.column()).isEqualTo("email");
    });
    // batch 1 fails and is retried row by row (1 + 10 units), batches 2 and 3 commit once each
    assertThat(storage.units.get()).isEqualTo(1 + 10 + 1 + 1);
    assertThat(progress).extracting(ImportReport::read).containsExactly(10L, 20L, 25L);
    assertThat(allLeads()).hasSize(24);
  }

  @Test
  void abortAllWritesNothingWhenOneRowIsBad() {
    StringBuilder file = new StringBuilder("id,name,source,email,visits\n");
    for (int i = 1; i <= 25; i++) {
      file.append(i).append(",Lead").append(i).append(",,").append(i == 17 ? "not-an-email" : "").append(",\n");
    }
    ImportReport r = importer.run(ANN, leads().withPolicy(BadRowPolicy.ABORT, 5), csv(file.toString()));

    assertThat(r.aborted()).isTrue();
    assertThat(r.summary()).isEqualTo("17 read, 0 imported, 0 updated, 1 rejected, aborted: nothing written");
    assertThat(r.notWritten()).isEqualTo(16);
    assertThat(r.rejections()).singleElement().extracting(RowRejection::line).isEqualTo(18L);
    assertThat(allLeads()).isEmpty();
    // nothing remembered either: the same file, fixed, creates all 25
    ImportReport fixed = importer.run(ANN, leads().withPolicy(BadRowPolicy.ABORT, 5),
        csv(file.toString().replace("not-an-email", "")));
    assertThat(fixed.summary()).isEqualTo("25 read, 25 imported, 0 updated, 0 rejected");
  }

  @Test
  void readsQuotedFieldsWithDelimitersQuotesAndNewlinesAndSkipsAByteOrderMark() {
    String file = "\uFEFFid,name,source,email,visits,notes\r\n"
        + "1,\"O'Brien, \"\"Jr\"\"\",,,,\"multi\r\nline\"\r\n"
        + "2,Plain,,,,\r\n";
    ImportReport r = importer.run(ANN, leads().withColumn("description", "notes"), csv(file));

    assertThat(r.summary()).isEqualTo("2 read, 2 imported, 0 updated, 0 rejected");
    assertThat(allLeads()).extracting(l -> l.details().lastName())
        .containsExactlyInAnyOrder("O'Brien, \"Jr\"", "Plain");
    assertThat(allLeads()).extracting(l -> l.details().description()).contains("multi\r\nline");
  }

  @Test
  void aRowSpanningLinesIsReportedAtTheLineWhereItStarts() {
    ImportReport r = importer.run(ANN, leads().withColumn("description", "notes"), csv("""
        id,name,source,email,visits,notes
        1,A,,,,"two
        lines"
        2,Bad,,bad-email,,
        """));

    assertThat(r.rejections()).singleElement().extracting(RowRejection::line).isEqualTo(4L);
  }

  @Test
  void readsTheMappingsEncodingAndRefusesBytesThatAreNotInIt() {
    byte[] latin = "id,name,source,email,visits\n1,Müller,,,\n".getBytes(Charset.forName("windows-1252"));
    ImportReport r = importer.run(ANN, leads().withFile(',', "windows-1252"), new ByteArrayInputStream(latin));
    assertThat(r.imported()).isEqualTo(1);
    assertThat(allLeads()).singleElement().extracting(l -> l.details().lastName()).isEqualTo("Müller");

    assertThatThrownBy(() -> importer.run(ANN, leads(), new ByteArrayInputStream(latin)))
        .isInstanceOf(CsvImportException.class)
        .hasMessageContaining("not UTF-8 text").hasMessageContaining("encoding");
  }

  @Test
  void refusesAFileWhoseHeaderLacksAMappedColumnBeforeWritingAnything() {
    assertThatThrownBy(() -> importer.run(ANN, leads(), csv("id,name,email\n1,A,\n")))
        .isInstanceOf(CsvMappingException.class)
        .hasMessageContaining("'source' (for leadSource)").hasMessageContaining("its header is: id, name, email");
    assertThat(allLeads()).isEmpty();
  }

  @Test
  void anImportCannotLinkToAnAccountTheActorMayNotSee() {
    Crm guarded = Crm.builder().storage(storage.delegate)
        .accessPolicy(org.crmkit.access.OwnerAccessPolicy.over(new org.crmkit.access.TeamDirectory() {
          @Override
          public java.util.Set<org.crmkit.shared.UserId> teamOf(org.crmkit.shared.TenantId t,
              org.crmkit.shared.UserId manager) {
            return java.util.Set.of();
          }

          @Override
          public boolean isAdministrator(org.crmkit.shared.TenantId t, org.crmkit.shared.UserId user) {
            return false;
          }
        })).build();
    guarded.accounts().create(Actor.user("bob"), CreateAccount.named("Bob's Account"));
    CsvMapping m = CsvMapping.of(ImportTarget.OPPORTUNITIES).withColumn("name", "deal")
        .withColumn("account", "account");

    ImportReport r = CsvImporter.over(guarded, storage.delegate, ids).run(ANN, m, csv("""
        deal,account
        Mine,Bob's Account
        """));

    assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.reason()).contains("no account named"));
    assertThat(guarded.accounts().list(Actor.user("bob"), AccountQuery.all(), PageRequest.first(10)).items())
        .hasSize(1);
  }

  @Test
  void customFieldsAreReadByTheirSchemaType() {
    ImportReport r = importer.run(ANN, leads(), csv("""
        id,name,source,email,visits
        1,A,,,many
        """));

    assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.column()).isEqualTo("visits"));
  }

  @Test
  void aMappingIsPlainJsonAndAMisspeltKeyIsRefused() {
    CsvMapping m = CsvMapping.fromJson(csv("""
        { "target": "leads", "source": "web", "externalId": "id",
          "columns": { "lastName": "name", "leadSource": "source" },
          "values": { "leadSource": { "Googel": "Google" } },
          "blanks": ["Select"], "onBadRow": "abort", "batchSize": 50 }
        """));
    assertThat(m.target()).isEqualTo(ImportTarget.LEADS);
    assertThat(m.onBadRow()).isEqualTo(BadRowPolicy.ABORT);
    assertThat(m.values()).isEqualTo(Map.of("leadSource", Map.of("googel", "Google")));

    assertThatThrownBy(() -> CsvMapping.fromJson(csv("{\"target\":\"LEADS\",\"colums\":{}}")))
        .isInstanceOf(CsvMappingException.class).hasMessageContaining("unknown key 'colums'");
    assertThatThrownBy(() -> CsvMapping.fromJson(csv("{\"target\":\"LEADS\",\"columns\":{\"stage\":\"x\"}}")))
        .isInstanceOf(CsvMappingException.class).hasMessageContaining("'stage' is not a target field of LEADS");
    assertThatThrownBy(() -> CsvMapping.fromJson(csv("{\"target\":\"LEADS\",")))
        .isInstanceOf(CsvMappingException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void anImportInOneTenantCannotLinkToAnotherTenantsAccountByNameOrByExternalId() {
    Actor acme = Actor.user("ann").in(org.crmkit.shared.TenantId.of("acme"));
    Actor globex = Actor.user("ann").in(org.crmkit.shared.TenantId.of("globex"));
    importer.run(acme, CsvMapping.of(ImportTarget.ACCOUNTS).withExternalId("erp", "id").withColumn("name", "name"),
        csv("id,name\nA1,Shared Name Oy\n"));
    CsvMapping byName = CsvMapping.of(ImportTarget.OPPORTUNITIES).withColumn("name", "deal")
        .withColumn("account", "account");
    CsvMapping byId = CsvMapping.of(ImportTarget.OPPORTUNITIES).withColumn("name", "deal")
        .withColumn("account.externalId", "account").withAccountSource("erp");

    ImportReport nameInGlobex = importer.run(globex, byName, csv("deal,account\nD1,Shared Name Oy\n"));
    ImportReport idInGlobex = importer.run(globex, byId, csv("deal,account\nD2,A1\n"));
    ImportReport nameInAcme = importer.run(acme, byName, csv("deal,account\nD3,Shared Name Oy\n"));
    ImportReport idInAcme = importer.run(acme, byId, csv("deal,account\nD4,A1\n"));

    assertThat(nameInGlobex.rejections()).singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("no account named 'Shared Name Oy'"));
    assertThat(idInGlobex.rejections()).singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("no account with external id 'A1'"));
    assertThat(nameInAcme.imported() + idInAcme.imported()).isEqualTo(2);
    assertThat(crm.opportunities().list(globex, OpportunityQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }
}
