package org.crmkit.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.crmkit.shared.TenantId;
import org.junit.jupiter.api.Test;

/** What every {@link ExternalIdStore} does; run on memory, H2 and PostgreSQL. */
abstract class ExternalIdStoreContract {
  private static final TenantId A = TenantId.of("tenant-a");
  private static final TenantId B = TenantId.of("tenant-b");

  /** @return an empty store */
  abstract ExternalIdStore store();

  @Test
  void remembersAnIdPerTenantTypeAndSource() {
    ExternalIdStore s = store();
    s.putAll(List.of(new ExternalIdStore.Entry(A, ImportTarget.LEADS, "web", "17", "id-1")));

    assertThat(s.find(A, ImportTarget.LEADS, "web", "17")).contains("id-1");
    assertThat(s.find(B, ImportTarget.LEADS, "web", "17")).isEmpty();
    assertThat(s.find(A, ImportTarget.ACCOUNTS, "web", "17")).isEmpty();
    assertThat(s.find(A, ImportTarget.LEADS, "erp", "17")).isEmpty();
    assertThat(s.find(A, ImportTarget.LEADS, "web", "18")).isEmpty();
  }

  @Test
  void aSecondPutOfTheSameExternalIdReplacesTheRecordId() {
    ExternalIdStore s = store();
    s.putAll(List.of(new ExternalIdStore.Entry(A, ImportTarget.LEADS, "web", "17", "id-1")));
    s.putAll(List.of(new ExternalIdStore.Entry(A, ImportTarget.LEADS, "web", "17", "id-2"),
        new ExternalIdStore.Entry(A, ImportTarget.LEADS, "web", "18", "id-3")));

    assertThat(s.find(A, ImportTarget.LEADS, "web", "17")).contains("id-2");
    assertThat(s.find(A, ImportTarget.LEADS, "web", "18")).contains("id-3");
  }

  @Test
  void externalIdsKeepCaseAndSpaces() {
    ExternalIdStore s = store();
    s.putAll(List.of(new ExternalIdStore.Entry(A, ImportTarget.ACCOUNTS, "crm", "Acme Corp", "id-1")));

    assertThat(s.find(A, ImportTarget.ACCOUNTS, "crm", "acme corp")).isEmpty();
    assertThat(s.find(A, ImportTarget.ACCOUNTS, "crm", "Acme Corp")).contains("id-1");
  }
}
