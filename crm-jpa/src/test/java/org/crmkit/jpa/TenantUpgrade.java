package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.Visibility;
import org.flywaydb.core.Flyway;

/**
 * The upgrade to V8 (tenants) on a database that holds a row in every crmkit table, run by {@link H2UpgradeTest}
 * and {@link PostgresUpgradeIT}: every existing row lands in the tenant 'default', the adapter reads them in the
 * default tenant and not in another one, and a row can no longer be written without a tenant or linked across
 * tenants.
 */
final class TenantUpgrade {
  static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  static final UUID CONTACT = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
  static final UUID OPPORTUNITY = UUID.fromString("00000000-0000-0000-0000-0000000000c3");
  static final UUID LEAD = UUID.fromString("00000000-0000-0000-0000-0000000000c4");
  static final UUID HISTORY = UUID.fromString("00000000-0000-0000-0000-0000000000c5");
  static final UUID CONVERSION = UUID.fromString("00000000-0000-0000-0000-0000000000c6");
  private static final String AT = "TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00'";

  private TenantUpgrade() {}

  static void putsExistingRowsInTheDefaultTenant(DataSource ds) throws Exception {
    Flyway.configure().dataSource(ds).locations("classpath:" + CrmkitSchema.MIGRATIONS)
        .table(CrmkitSchema.HISTORY_TABLE).target("7").load().migrate();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into crm_account (id, version, owner_id, name, created_at, updated_at) values ('"
          + ACCOUNT + "', 1, 'alice', 'Acme', " + AT + ", " + AT + ")");
      s.executeUpdate("insert into crm_contact (id, version, owner_id, account_id, last_name, created_at, updated_at)"
          + " values ('" + CONTACT + "', 1, 'alice', '" + ACCOUNT + "', 'Smith', " + AT + ", " + AT + ")");
      // its segments are encoded text (key TAB value); V9's backfill gives it a crm_record_value row for reports
      s.executeUpdate("insert into crm_opportunity (id, version, owner_id, name, account_id, contact_id, probability,"
          + " probability_manual, stage, segments, created_at, updated_at) values ('" + OPPORTUNITY + "', 1, 'alice',"
          + " 'Rockets', '" + ACCOUNT + "', '" + CONTACT + "', 10, FALSE, 'qualification', 'region\tnorth', " + AT
          + ", " + AT + ")");
      s.executeUpdate("insert into crm_lead (id, version, owner_id, last_name, status, created_at, updated_at) values"
          + " ('" + LEAD + "', 1, 'alice', 'Jones', 'new', " + AT + ", " + AT + ")");
      s.executeUpdate("insert into crm_stage_history (id, opportunity_id, version, kind, origin, stage, probability,"
          + " changed_at, changed_by) values ('" + new UUID(0xc0, 1) + "', '" + OPPORTUNITY + "', 1, 'CREATED',"
          + " 'DIRECT', 'qualification', 10, " + AT + ", 'alice')");
      s.executeUpdate("insert into crm_billing_forecast (opportunity_id, version, updated_at) values ('"
          + OPPORTUNITY + "', 1, " + AT + ")");
      s.executeUpdate("insert into crm_billing_forecast_line (opportunity_id, line_month, amount, currency) values"
          + " ('" + OPPORTUNITY + "', DATE '2025-02-01', 100.00, 'EUR')");
      s.executeUpdate("insert into crm_forecast_history (id, opportunity_id, version, cause, changed_at, changed_by)"
          + " values ('" + HISTORY + "', '" + OPPORTUNITY + "', 1, 'ENTERED', " + AT + ", 'alice')");
      s.executeUpdate("insert into crm_forecast_history_line (history_id, side, line_month, amount, currency) values"
          + " ('" + HISTORY + "', 'AFTER', DATE '2025-02-01', 100.00, 'EUR')");
      s.executeUpdate("insert into crm_account_budget (account_id, version, updated_at) values ('" + ACCOUNT
          + "', 1, " + AT + ")");
      s.executeUpdate("insert into crm_account_budget_line (account_id, budget_month, amount, currency) values ('"
          + ACCOUNT + "', DATE '2025-02-01', 500.00, 'EUR')");
      s.executeUpdate("insert into crm_conversion_record (id, version, lead_id, policy_id, policy_version,"
          + " account_action, account_disposition, account_version_after, contact_action, contact_disposition,"
          + " contact_version_after, opportunity_action, opportunity_disposition, opportunity_version_after,"
          + " automatic, converted_by, converted_at, lead_version, lead_owner_id, lead_status, lead_created_at,"
          + " lead_updated_at) values ('" + CONVERSION + "', 1, '" + LEAD + "', 'standard', 1, 'CREATE', 'CREATED',"
          + " 1, 'CREATE', 'CREATED', 1, 'CREATE', 'CREATED', 1, FALSE, 'alice', " + AT + ", 1, 'alice', 'new', "
          + AT + ", " + AT + ")");
    }

    assertThat(CrmkitSchema.migrate(ds)).as("V8 and whatever else is newer than V7").isGreaterThanOrEqualTo(1);

    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String table : SchemaLimits.TABLES) {
        if (table.startsWith("crm_bi_")) {
          continue; // V10's snapshot tables start empty: nothing of before V8 is in them
        }
        try (ResultSet rs = s.executeQuery("select tenant_id, count(*) from " + table + " group by tenant_id")) {
          assertThat(rs.next()).as(table + " has its row").isTrue();
          assertThat(rs.getString(1)).as(table + ": existing rows belong to the default tenant").isEqualTo("default");
          assertThat(rs.getLong(2)).as(table).isEqualTo(1);
          assertThat(rs.next()).as(table + ": one tenant only").isFalse();
        }
      }
      assertThatThrownBy(() -> s.executeUpdate("insert into crm_account (id, version, owner_id, name, created_at,"
          + " updated_at) values ('" + new UUID(0xc0, 9) + "', 1, 'bob', 'No tenant', " + AT + ", " + AT + ")"))
          .as("the default is gone after the migration: a row without a tenant is refused")
          .isInstanceOf(java.sql.SQLException.class);
      s.executeUpdate("insert into crm_account (tenant_id, id, version, owner_id, name, created_at, updated_at)"
          + " values ('acme', '" + new UUID(0xc0, 10) + "', 1, 'bob', 'Acme B', " + AT + ", " + AT + ")");
      assertThatThrownBy(() -> s.executeUpdate("insert into crm_contact (tenant_id, id, version, owner_id,"
          + " account_id, last_name, created_at, updated_at) values ('acme', '" + new UUID(0xc0, 11) + "', 1, 'bob',"
          + " '" + ACCOUNT + "', 'Cross', " + AT + ", " + AT + ")"))
          .as("the composite foreign key refuses a contact of 'acme' linked to an account of 'default'")
          .isInstanceOf(java.sql.SQLException.class);
    }

    try (JpaStorage storage = JpaStorage.builder().dataSource(ds).migrate(false).validateSchema(true).build()) {
      storage.unitOfWork().run(() -> {
        assertThat(storage.accounts().findById(AccountId.of(ACCOUNT))).isPresent();
        assertThat(storage.contacts().findById(ContactId.of(CONTACT))).isPresent();
        assertThat(storage.opportunities().findById(OpportunityId.of(OPPORTUNITY))).isPresent();
        assertThat(storage.leads().findById(LeadId.of(LEAD))).isPresent();
        assertThat(storage.stageHistory().findByOpportunity(OpportunityId.of(OPPORTUNITY))).hasSize(1);
        assertThat(storage.forecastHistory().findByOpportunity(OpportunityId.of(OPPORTUNITY))).hasSize(1);
        assertThat(storage.billingForecasts().findByOpportunity(OpportunityId.of(OPPORTUNITY)))
            .hasValueSatisfying(f -> assertThat(f.lines()).hasSize(1));
        assertThat(storage.accountBudgets().findByAccount(AccountId.of(ACCOUNT)))
            .hasValueSatisfying(b -> assertThat(b.months()).hasSize(1));
        org.crmkit.report.ReportField region = new org.crmkit.report.ReportField("segment.region",
            org.crmkit.report.ValueType.TEXT, org.crmkit.report.ReportField.Kind.SEGMENT, "region");
        assertThat(storage.reports().details(new org.crmkit.report.DetailQuery(
            org.crmkit.report.ReportSource.OPPORTUNITIES, java.util.List.of(new org.crmkit.report.ReportCondition(
                region, org.crmkit.report.Comparison.EQ, java.util.List.of("north"))), java.util.List.of(region),
            java.util.List.of(), 0, 10), Visibility.all()).rows())
            .as("the backfilled segment is reportable").containsExactly(java.util.List.of("north"));
      });
      storage.unitOfWork().execute(TenantId.of("acme"), () -> {
        assertThat(storage.accounts().findById(AccountId.of(ACCOUNT))).as("another tenant's account").isEmpty();
        assertThat(storage.leads().findById(LeadId.of(LEAD))).isEmpty();
        assertThat(storage.leads().find(LeadQuery.all(), Visibility.all(), PageRequest.first(10)).items()).isEmpty();
        assertThat(storage.stageHistory().findByOpportunity(OpportunityId.of(OPPORTUNITY))).isEmpty();
        assertThat(storage.accountBudgets().findByAccount(AccountId.of(ACCOUNT))).isEmpty();
        return null;
      });
    }
  }
}
