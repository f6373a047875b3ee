package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.shared.OpportunityId;
import org.flywaydb.core.Flyway;

/**
 * The upgrade to V4 (the manual flag of stage history entries) on a database that holds history rows written
 * before it, run by {@link H2UpgradeTest} and {@link PostgresUpgradeIT}: the column is added, existing rows are
 * derived from the opportunity where possible, and the adapter reads them back.
 */
final class StageHistoryUpgrade {
  static final UUID OPPORTUNITY = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

  private StageHistoryUpgrade() {}

  /**
   * Migrates an empty schema to V3, writes an opportunity with a manual probability and its history, then migrates
   * to the newest version.
   */
  static void upgradesHistoryRowsFromV3(DataSource ds) throws Exception {
    Flyway.configure().dataSource(ds).locations("classpath:" + CrmkitSchema.MIGRATIONS)
        .table(CrmkitSchema.HISTORY_TABLE).target("3").load().migrate();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into crm_opportunity (id, version, owner_id, name, probability, probability_manual,"
          + " stage, created_at, updated_at) values ('" + OPPORTUNITY + "', 2, 'alice', 'Rockets', 35, TRUE,"
          + " 'qualification', TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00',"
          + " TIMESTAMP WITH TIME ZONE '2025-01-02 10:00:00+00')");
      s.executeUpdate(history(1, "CREATED", 10, "2025-01-01 10:00:00+00"));
      s.executeUpdate(history(2, "UPDATED", 35, "2025-01-02 10:00:00+00"));
    }

    assertThat(CrmkitSchema.migrate(ds)).as("V4 and whatever else is newer than V3").isGreaterThanOrEqualTo(1);

    try (JpaStorage storage = JpaStorage.builder().dataSource(ds).migrate(false).validateSchema(true).build()) {
      List<StageHistoryEntry> entries = storage.unitOfWork().execute(() ->
          storage.stageHistory().findByOpportunity(OpportunityId.of(OPPORTUNITY)));
      assertThat(entries).extracting(StageHistoryEntry::version, StageHistoryEntry::probabilityManual)
          .as("the entry of the opportunity's current version takes its flag; older entries are not known: false")
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, false),
              org.assertj.core.groups.Tuple.tuple(2L, true));
    }
  }

  private static String history(long version, String kind, int probability, String at) {
    return "insert into crm_stage_history (id, opportunity_id, version, kind, origin, stage, probability, changed_at,"
        + " changed_by) values ('" + new UUID(0xb0, version) + "', '" + OPPORTUNITY + "', " + version + ", '" + kind
        + "', 'DIRECT', 'qualification', " + probability + ", TIMESTAMP WITH TIME ZONE '" + at + "', 'alice')";
  }
}
