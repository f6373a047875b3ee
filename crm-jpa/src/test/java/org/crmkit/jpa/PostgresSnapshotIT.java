package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The JPA snapshot scenarios on a real PostgreSQL server, plus the planner's view of the day-level reads. */
class PostgresSnapshotIT extends JpaSnapshotScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Override
  boolean oneStatementTakesADay() {
    return true;
  }

  /**
   * 40,000 state rows over 10 tenants and 40 kept days (1,000 rows begin on each day of each tenant), analysed:
   * the reads of an early day, of the rows that began between two days and of the rows one day stored start from
   * the tenant-led primary key (tenant_id, valid_from, opportunity_id), not a scan.
   */
  @Test
  void theDayLevelReadsUseTheTenantLedIndexes() throws SQLException {
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into crm_bi_state (tenant_id, opportunity_id, valid_from, valid_to, stage, stage_kind,"
          + " forecast_category, amount, currency, weighted, probability, owner_id) select 't' || (g % 10),"
          + " cast(lpad(to_hex(g), 32, '0') as uuid), date '2026-01-01' + (g / 10) % 40, null, 'proposal', 'OPEN',"
          + " 'BEST_CASE', 100, 'EUR', 50, 50, 'u' || (g % 7) from generate_series(1, 40000) g");
      s.execute("analyze crm_bi_state");
    }
    String day = "date '2026-01-02'";
    String validOn = "s.valid_from <= " + day + " and (s.valid_to is null or s.valid_to > " + day + ")";

    assertThat(plan("select s.stage, s.currency, count(*), sum(s.amount) from crm_bi_state s where s.tenant_id = 't3'"
        + " and " + validOn + " and s.stage_kind = 'OPEN' group by s.stage, s.currency"))
        .as("pipeline as of an early day").contains("crm_bi_state_pk").doesNotContain("Seq Scan");
    assertThat(plan("select s.opportunity_id from crm_bi_state s where s.tenant_id = 't3'"
        + " and s.valid_from > date '2026-02-05' and s.valid_from <= date '2026-02-09'"))
        .as("rows that began between two days (changes between them)").contains("crm_bi_state_pk")
        .doesNotContain("Seq Scan");
    assertThat(plan("select s.opportunity_id from crm_bi_state s where s.tenant_id = 't3'"
        + " and s.valid_from = date '2026-02-01' and s.valid_to is null"))
        .as("the rows one day stored (ending them when they change)").contains("crm_bi_state_pk")
        .doesNotContain("Seq Scan");
  }

  private String plan(String sql) throws SQLException {
    StringJoiner plan = new StringJoiner("\n");
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("explain " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
    }
    System.out.println("[crmkit] " + sql + "\n" + plan);
    return plan.toString();
  }
}
