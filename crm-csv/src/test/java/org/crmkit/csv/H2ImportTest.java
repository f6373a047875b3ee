package org.crmkit.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.crmkit.Crm;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import on the JPA adapter (H2) with the external ids in {@link JdbcExternalIdStore}. */
class H2ImportTest {
  private static final String URL = "jdbc:h2:mem:crm-csv-test;DB_CLOSE_DELAY=-1";
  private static JpaStorage storage;
  private static JdbcExternalIdStore ids;

  @BeforeAll
  static void open() {
    storage = JpaStorage.builder().jdbcUrl(URL, "sa", "").build();
    ids = JdbcExternalIdStore.open(URL, "sa", "");
  }

  @AfterAll
  static void close() {
    ids.close();
    storage.close();
  }

  private static ByteArrayInputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reimportOnTheDatabaseUpdatesTheRowsItCreatedAndABadRowInABatchLosesNoOther() {
    Crm crm = Crm.builder().storage(storage).build();
    Actor ann = Actor.user("ann").in(TenantId.of("h2-reimport"));
    long before = crm.leads().list(ann, LeadQuery.all(), PageRequest.first(100)).total();
    CsvMapping m = CsvMapping.of(ImportTarget.LEADS).withExternalId("web", "id").withColumn("lastName", "name")
        .withColumn("email", "email").withPolicy(BadRowPolicy.SKIP, 3);
    String file = "id,name,email\n1,A,\n2,B,bad\n3,C,\n4,D,\n5,E,\n";

    ImportReport first = CsvImporter.over(crm, storage, ids).run(ann, m, csv(file));
    ImportReport second = CsvImporter.over(crm, storage, ids).run(ann, m, csv(file.replace("bad", "")));

    assertThat(first.summary()).isEqualTo("5 read, 4 imported, 0 updated, 1 rejected");
    assertThat(second.summary()).isEqualTo("5 read, 1 imported, 4 updated, 0 rejected");
    assertThat(crm.leads().list(ann, LeadQuery.all(), PageRequest.first(100)).total()).isEqualTo(before + 5);
    assertThat(ids.find(ann.tenant(), ImportTarget.LEADS, "web", "2")).isPresent();
    assertThat(ids.find(TenantId.of("other"), ImportTarget.LEADS, "web", "2")).isEmpty();
  }

  @Test
  void abortAllOnTheDatabaseWritesNothing() {
    Crm crm = Crm.builder().storage(storage).build();
    Actor ann = Actor.user("ann").in(TenantId.of("h2-abort"));
    CsvMapping m = CsvMapping.of(ImportTarget.LEADS).withExternalId("web", "id").withColumn("lastName", "name")
        .withColumn("email", "email").withPolicy(BadRowPolicy.ABORT, 2);
    long before = crm.leads().list(ann, LeadQuery.all(), PageRequest.first(100)).total();

    ImportReport r = CsvImporter.over(crm, storage, ids).run(ann, m, csv("id,name,email\n1,A,\n2,B,\n3,C,bad\n"));

    assertThat(r.aborted()).isTrue();
    assertThat(crm.leads().list(ann, LeadQuery.all(), PageRequest.first(100)).total()).isEqualTo(before);
    assertThat(ids.find(ann.tenant(), ImportTarget.LEADS, "web", "1")).isEmpty();
  }
}
