package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Tenants and visibility in SQL, on a real PostgreSQL server, and the tenant-led indexes its look-ups use. */
class PostgresTenantIT extends JpaTenantScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  /**
   * The scoped look-ups of a conversion and of the lists use the V8 indexes that lead with tenant_id: 20,000 rows
   * per table spread over 10 tenants and 50 owners, analysed, then the planner's own choice for each statement
   * shape the adapter sends (literals in place of its parameters).
   */
  @Test
  void theScopedLookUpsUseTheIndexesThatLeadWithTheTenant() throws SQLException {
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
      s.executeUpdate("insert into crm_opportunity (tenant_id, id, version, owner_id, name, account_id, probability,"
          + " probability_manual, stage, created_at, updated_at) select " + tenant + ", " + id + ", 1, " + owner
          + ", 'n' || g, " + id + ", 10, false, 'qualification', " + at + ", " + at + rows);
      s.executeUpdate("insert into crm_stage_history (tenant_id, id, opportunity_id, version, kind, origin, stage,"
          + " probability, changed_at, changed_by) select " + tenant + ", " + id + ", " + id + ", 1, 'CREATED',"
          + " 'DIRECT', 'qualification', 10, " + at + ", 'u'" + rows);
      s.executeUpdate("insert into crm_conversion_record (tenant_id, id, version, lead_id, policy_id, policy_version,"
          + " account_action, account_disposition, account_version_after, contact_action, contact_disposition,"
          + " contact_version_after, opportunity_action, opportunity_disposition, opportunity_version_after,"
          + " automatic, converted_by, converted_at, lead_version, lead_owner_id, lead_status, lead_created_at,"
          + " lead_updated_at) select " + tenant + ", " + id + ", 1, " + id + ", 'standard', 1, 'CREATE', 'CREATED',"
          + " 1, 'CREATE', 'CREATED', 1, 'CREATE', 'CREATED', 1, false, 'u', " + at + ", 1, 'u', 'new', " + at + ", "
          + at + rows);
      for (String table : new String[] {"crm_account", "crm_contact", "crm_lead", "crm_opportunity",
          "crm_stage_history", "crm_conversion_record"}) {
        s.execute("analyze " + table);
      }
    }
    String someId = "'00000000-0000-0000-0000-000000000457'";

    assertThat(plan("select id from crm_account where tenant_id = 't7' and name_normalized = 'n1117'"))
        .contains("crm_account_name_normalized_idx");
    assertThat(plan("select id from crm_account where tenant_id = 't7' and match_domain = 'd1117.example'"))
        .contains("crm_account_match_domain_idx");
    assertThat(plan("select id from crm_account where tenant_id = 't7' and owner_id in ('u7', 'u17')"
        + " and (match_key_version is null or match_key_version < 2 or name_normalized = 'n1117'"
        + " or match_domain = 'd1117.example') order by created_at, id fetch first 20 rows only"))
        .as("the duplicate check: the three keys' indexes, no scan of the table")
        .contains("crm_account_name_normalized_idx", "crm_account_match_domain_idx").doesNotContain("Seq Scan");
    assertThat(plan("select id from crm_contact where tenant_id = 't7' and email_normalized = 'c1117@x.example'"))
        .contains("crm_contact_email_idx");
    assertThat(plan("select id from crm_lead where tenant_id = 't7' and email_normalized = 'l1117@x.example'"))
        .contains("crm_lead_email_idx");
    assertThat(plan("select count(*) from crm_opportunity where tenant_id = 't7' and account_id = " + someId))
        .contains("crm_opportunity_account");
    assertThat(plan("select count(*) from crm_contact where tenant_id = 't7' and account_id = " + someId))
        .contains("crm_contact_account_idx");
    assertThat(plan("select id from crm_conversion_record where tenant_id = 't7' and lead_id = " + someId
        + " order by converted_at, id")).contains("crm_conversion_record_lead_idx");
    assertThat(plan("select id from crm_stage_history where tenant_id = 't7' and opportunity_id = " + someId
        + " order by version")).contains("crm_stage_history_opportunity_version_uk");
    assertThat(plan("select id from crm_lead where tenant_id = 't7' order by created_at, id"
        + " fetch first 10 rows only")).as("a page of a list in creation order").contains("crm_lead_created_idx");
  }

  private String plan(String sql) throws SQLException {
    StringJoiner plan = new StringJoiner("\n");
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("explain " + sql)) {
        while (rs.next()) {
          plan.add(rs.getString(1));
        }
      }
    }
    System.out.println("[crmkit] " + sql + "\n" + plan);
    return plan.toString();
  }
}
