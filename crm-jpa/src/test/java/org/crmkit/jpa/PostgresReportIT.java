package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportSource;
import org.junit.jupiter.api.Test;

/** The JPA report scenarios on a real PostgreSQL server, plus the planner's view of the statements reports send. */
class PostgresReportIT extends JpaReportScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  /**
   * 20,000 opportunities over 10 tenants, each with a segment value, analysed; then the very statement the adapter
   * sends for "open opportunities of region north by stage" (its parameters replaced by literals, in order) is
   * explained: the segment filter starts from crm_record_value's tenant-led value index, not a scan.
   */
  @Test
  void aSegmentFilteredReportStartsFromTheRecordValueIndex() throws SQLException {
    String rows = " from generate_series(1, 20000) g";
    String id = "cast(lpad(to_hex(g), 32, '0') as uuid)";
    String at = "timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 minute'";
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into crm_opportunity (tenant_id, id, version, owner_id, name, probability,"
          + " probability_manual, stage, amount, currency, close_date, created_at, updated_at) select 't' || (g % 10), "
          + id + ", 1, 'u' || (g % 50), 'n' || g, 10, false, 'qualification', 100.00, 'EUR', date '2026-01-01' + g % 365, "
          + at + ", " + at + rows);
      s.executeUpdate("insert into crm_record_value (tenant_id, record_type, record_id, name, text_value, text_key)"
          + " select 't' || (g % 10), 'OPPORTUNITY', " + id + ", 'segment.region', 'r' || (g % 40), 'r' || (g % 40)"
          + rows);
      s.execute("analyze crm_opportunity");
      s.execute("analyze crm_record_value");
    }
    db.statements.reset();
    ReportResult r = crm.reports().run(ALICE, ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .where("segment.region", Operator.EQUALS, "r7").groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount")).build());
    assertThat(r.total().cell(1)).as("the default tenant has none of these rows").isEqualTo(0L);
    List<String> sent = db.statements.statements();
    assertThat(sent).hasSize(1);

    // the join's field name, the tenant, the indexed text key and the value, and the group limit (maxRows + 1)
    String sql = literal(sent.get(0), "'segment.region'", "'t7'", "'r7'", "'r7'", "100001");

    assertThat(plan(sql)).contains("crm_record_value_text_idx").doesNotContain("Seq Scan on crm_record_value");
  }

  /** Replaces the statement's {@code ?} placeholders by {@code literals}, in order. */
  private static String literal(String sql, String... literals) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append(literals[next++]);
      } else {
        out.append(ch);
      }
    }
    assertThat(next).as("parameters of " + sql).isEqualTo(literals.length);
    return out.toString();
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
