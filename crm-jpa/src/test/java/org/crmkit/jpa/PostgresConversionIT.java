package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.lead.Lead;
import org.junit.jupiter.api.Test;

/** What lead conversion sends, on a real PostgreSQL server, and the indexes its look-ups use. */
class PostgresConversionIT extends JpaConversionScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  /**
   * The very look-ups a conversion sends (captured from one conversion, their parameters replaced by literals) are
   * explained over 20,000 analysed rows per table in 10 tenants: the lead by its key, the accounts by the match key
   * (normalised name or domain) and the contacts by e-mail address each start from an index, never a scan.
   */
  @Test
  void theLookUpsOfAConversionUseIndexes() throws SQLException {
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines",
        "ada@engines.example"));
    db.statements.reset();
    crm.conversions().convert(ALICE, ConvertLead.of(lead.id()));
    List<String> selects = db.statements.statements().stream().filter(s -> s.startsWith("select")).toList();
    assertThat(selects).hasSize(3);
    seed();
    String someId = "'00000000-0000-0000-0000-000000000457'";

    for (boolean generic : new boolean[] {false, true}) {
      assertThat(plan(generic, selects.get(0), someId)).as("the lead by id")
          .containsPattern("Index (Only )?Scan").doesNotContain("Seq Scan");
      assertThat(plan(generic, selects.get(1), "'t7'", "'n1117'", "'d1117.example'", "0", "20"))
          .as("accounts by normalised name or domain")
          .contains("crm_account_name_normalized_idx", "crm_account_match_domain_idx").doesNotContain("Seq Scan");
      assertThat(plan(generic, selects.get(2), "'t7'", "'c1117@x.example'", "0", "20")).as("contacts by e-mail")
          .contains("crm_contact_email_idx").doesNotContain("Seq Scan");
    }
  }

  private void seed() throws SQLException {
    String rows = " from generate_series(1, 20000) g";
    String tenant = "'t' || (g % 10)";
    String owner = "'u' || (g % 50)";
    String id = "cast(lpad(to_hex(g), 32, '0') as uuid)";
    String at = "timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 minute'";
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into crm_account (tenant_id, id, version, owner_id, name, name_normalized, match_domain,"
          + " match_key_version, created_at, updated_at) select " + tenant + ", " + id + ", 1, " + owner + ", 'n' || g,"
          + " 'n' || g, 'd' || g || '.example', 2, " + at + ", " + at + rows);
      s.executeUpdate("insert into crm_contact (tenant_id, id, version, owner_id, account_id, last_name,"
          + " email_normalized, created_at, updated_at) select " + tenant + ", " + id + ", 1, " + owner + ", " + id
          + ", 'n' || g, 'c' || g || '@x.example', " + at + ", " + at + rows);
      s.executeUpdate("insert into crm_lead (tenant_id, id, version, owner_id, last_name, email_normalized, status,"
          + " created_at, updated_at) select " + tenant + ", " + id + ", 1, " + owner + ", 'n' || g,"
          + " 'l' || g || '@x.example', 'new', " + at + ", " + at + rows);
      for (String table : new String[] {"crm_account", "crm_contact", "crm_lead"}) {
        s.execute("analyze " + table);
      }
    }
  }

  /** Replaces the statement's {@code ?} placeholders by {@code literals}, in order. */
  private static String literal(String sql, String... literals) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        assertThat(next).as("parameters of " + sql).isLessThan(literals.length);
        out.append(literals[next++]);
      } else {
        out.append(ch);
      }
    }
    assertThat(next).as("parameters of " + sql).isEqualTo(literals.length);
    return out.toString();
  }

  /**
   * @param generic false: the plan for these values (literals in place of the parameters); true: the generic plan
   *     that the server uses for a prepared statement after a few executions (the JDBC driver prepares a statement on
   *     the server from its fifth use), where the planner does not see the values, nor the row limit
   */
  private String plan(boolean generic, String sql, String... values) throws SQLException {
    StringJoiner plan = new StringJoiner("\n");
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
      String explain;
      if (generic) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
          numbered.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        s.execute("set plan_cache_mode = force_generic_plan");
        s.execute("prepare lookup as " + numbered);
        explain = "explain execute lookup(" + String.join(", ", values) + ")";
      } else {
        explain = "explain " + literal(sql, values);
      }
      try (ResultSet rs = s.executeQuery(explain)) {
        while (rs.next()) {
          plan.add(rs.getString(1));
        }
      } finally {
        if (generic) {
          s.execute("deallocate lookup");
          s.execute("reset plan_cache_mode");
        }
      }
    }
    System.out.println("[crmkit] " + (generic ? "generic plan of " : "") + sql + "\n" + plan);
    return plan.toString();
  }
}
