package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.crmkit.customfield.FieldType;
import org.crmkit.shared.Limits;

/**
 * The schema's column sizes, read from JDBC metadata, against the core's {@link Limits}: every text and amount
 * column of crmkit's tables is listed here with the limit it stores, so a column and its limit cannot drift apart,
 * and a new column without a limit fails the test until it is added.
 */
final class SchemaLimits {
  /** Columns whose size the adapter derives itself (enum names, cut match keys), not a user's input. */
  private static final Set<String> TECHNICAL = Set.of(
      "crm_stage_history.kind", "crm_stage_history.origin", "crm_forecast_history.cause",
      "crm_forecast_history_line.side", "crm_account.name_normalized", "crm_account.match_domain",
      "crm_account.match_claim",
      "crm_conversion_record.account_action", "crm_conversion_record.account_disposition",
      "crm_conversion_record.contact_action", "crm_conversion_record.contact_disposition",
      "crm_conversion_record.opportunity_action", "crm_conversion_record.opportunity_disposition",
      // report rows (V9): the record type's name, the report field name ("custom." + a key of at most 60), and
      // the indexed prefix of the text value
      "crm_record_value.record_type", "crm_record_value.name", "crm_record_value.text_key",
      // BI snapshots (V10): enum names
      "crm_bi_day.source", "crm_bi_state.stage_kind", "crm_bi_state.forecast_category");

  /** Every crmkit table. */
  static final List<String> TABLES = List.of("crm_account", "crm_contact", "crm_lead", "crm_opportunity",
      "crm_stage_history", "crm_billing_forecast", "crm_billing_forecast_line", "crm_forecast_history",
      "crm_forecast_history_line", "crm_account_budget", "crm_account_budget_line", "crm_conversion_record",
      "crm_record_value", "crm_bi_day", "crm_bi_state");

  private SchemaLimits() {}

  /** @return table.column to the exact size the core's limits require */
  static Map<String, Integer> expectedTextColumns() {
    Map<String, Integer> m = new TreeMap<>();
    String[] people = {"crm_account", "crm_contact", "crm_lead", "crm_opportunity"};
    for (String t : people) {
      m.put(t + ".owner_id", Limits.USER_ID);
      m.put(t + ".description", Limits.DESCRIPTION);
      m.put(t + ".custom_fields", customFieldsColumn());
    }
    m.put("crm_account.name", Limits.NAME);
    m.put("crm_account.name_folded", Limits.FOLDED_NAME);
    m.put("crm_account.website", Limits.WEBSITE);
    m.put("crm_account.industry", Limits.CATEGORY);
    m.put("crm_account.phone", Limits.PHONE);
    m.put("crm_account.email", Limits.EMAIL);
    m.put("crm_account.city", Limits.CATEGORY);
    m.put("crm_account.country", Limits.CATEGORY);
    m.put("crm_account.segments", segmentsColumn());
    m.put("crm_contact.first_name", Limits.PERSON_NAME);
    m.put("crm_contact.last_name", Limits.PERSON_NAME);
    m.put("crm_contact.email", Limits.EMAIL);
    m.put("crm_contact.email_normalized", Limits.EMAIL);
    m.put("crm_contact.phone", Limits.PHONE);
    m.put("crm_contact.title", Limits.JOB_TITLE);
    lead(m, "crm_lead.");
    m.put("crm_lead.email_normalized", Limits.EMAIL);
    m.put("crm_opportunity.name", Limits.NAME);
    m.put("crm_opportunity.currency", Limits.CURRENCY_CODE);
    m.put("crm_opportunity.stage", Limits.KEY);
    m.put("crm_opportunity.lost_reason", Limits.REASON);
    m.put("crm_opportunity.lead_source", Limits.CATEGORY);
    m.put("crm_opportunity.next_step", Limits.NEXT_STEP);
    m.put("crm_opportunity.segments", segmentsColumn());
    m.put("crm_stage_history.stage", Limits.KEY);
    m.put("crm_stage_history.previous_stage", Limits.KEY);
    m.put("crm_stage_history.currency", Limits.CURRENCY_CODE);
    m.put("crm_stage_history.previous_currency", Limits.CURRENCY_CODE);
    m.put("crm_stage_history.changed_by", Limits.USER_ID);
    m.put("crm_conversion_record.policy_id", Limits.RULE_ID);
    m.put("crm_conversion_record.rule_id", Limits.RULE_ID);
    m.put("crm_conversion_record.converted_by", Limits.USER_ID);
    m.put("crm_conversion_record.undone_by", Limits.USER_ID);
    lead(m, "crm_conversion_record.lead_");
    m.put("crm_conversion_record.lead_owner_id", Limits.USER_ID);
    m.put("crm_conversion_record.lead_description", Limits.DESCRIPTION);
    m.put("crm_conversion_record.lead_custom_fields", customFieldsColumn());
    // what a conversion filled into a linked record: field names and values of custom-field size
    m.put("crm_conversion_record.account_fills", customFieldsColumn());
    m.put("crm_conversion_record.contact_fills", customFieldsColumn());
    m.put("crm_billing_forecast.flagged_currency", Limits.CURRENCY_CODE);
    m.put("crm_billing_forecast_line.currency", Limits.CURRENCY_CODE);
    m.put("crm_billing_forecast_line.note", Limits.NOTE);
    m.put("crm_forecast_history.flagged_currency", Limits.CURRENCY_CODE);
    m.put("crm_forecast_history.changed_by", Limits.USER_ID);
    m.put("crm_forecast_history_line.currency", Limits.CURRENCY_CODE);
    m.put("crm_forecast_history_line.note", Limits.NOTE);
    m.put("crm_account_budget_line.currency", Limits.CURRENCY_CODE);
    m.put("crm_record_value.text_value", Limits.CUSTOM_TEXT);
    // a day's state of an opportunity (V10), copied from crm_opportunity and its forecast lines
    m.put("crm_bi_state.stage", Limits.KEY);
    m.put("crm_bi_state.currency", Limits.CURRENCY_CODE);
    m.put("crm_bi_state.owner_id", Limits.USER_ID);
    m.put("crm_bi_state.segments", segmentsColumn());
    m.put("crm_bi_state.billing_currency", Limits.CURRENCY_CODE);
    // every table carries the tenant of its rows (V8), as long as TenantId allows
    for (String t : TABLES) {
      m.put(t + ".tenant_id", Limits.TENANT_ID);
    }
    return m;
  }

  private static void lead(Map<String, Integer> m, String prefix) {
    m.put(prefix + "first_name", Limits.PERSON_NAME);
    m.put(prefix + "last_name", Limits.PERSON_NAME);
    m.put(prefix + "company", Limits.NAME);
    m.put(prefix + "title", Limits.JOB_TITLE);
    m.put(prefix + "email", Limits.EMAIL);
    m.put(prefix + "phone", Limits.PHONE);
    m.put(prefix + "website", Limits.WEBSITE);
    m.put(prefix + "lead_source", Limits.CATEGORY);
    m.put(prefix + "industry", Limits.CATEGORY);
    m.put(prefix + "status", Limits.KEY);
    m.put(prefix + "unqualified_reason", Limits.REASON);
    m.put(prefix + "converted_by", Limits.USER_ID);
  }

  /** The amount columns: NUMERIC(AMOUNT_PRECISION, AMOUNT_SCALE). */
  static Set<String> amountColumns() {
    return Set.of("crm_opportunity.amount", "crm_stage_history.amount", "crm_stage_history.previous_amount",
        "crm_billing_forecast.flagged_difference", "crm_billing_forecast_line.amount",
        "crm_forecast_history.flagged_difference", "crm_forecast_history_line.amount",
        "crm_account_budget_line.amount", "crm_bi_state.amount", "crm_bi_state.weighted",
        "crm_bi_state.billing_total");
  }

  /**
   * The segments column holds one line per dimension, {@code key TAB value}, with backslashes doubled (keys and
   * values are one-line texts, so only backslashes are escaped): its size must hold the longest such text.
   */
  static int segmentsWorstCase() {
    return Limits.SEGMENT_DIMENSIONS * (2 * Limits.SEGMENT_KEY + 1 + 2 * Limits.SEGMENT_VALUE + 1) - 1;
  }

  /** The custom fields column: {@code key TAB TYPE TAB value} per line, every character escaped at worst. */
  static int customFieldsWorstCase() {
    int longestType = 0;
    for (FieldType t : FieldType.values()) {
      longestType = Math.max(longestType, t.name().length());
    }
    return 2 * Limits.CUSTOM_FIELDS_TOTAL + Limits.CUSTOM_FIELDS * (2 + longestType + 1);
  }

  private static int segmentsColumn() {
    return 4000;
  }

  private static int customFieldsColumn() {
    return 65535;
  }

  /** Checks the database behind {@code dataSource} against the limits. */
  static void assertSchemaFollowsTheLimits(DataSource dataSource) throws SQLException {
    assertThat(segmentsWorstCase()).as("the longest stored segments fit their column")
        .isLessThanOrEqualTo(segmentsColumn());
    assertThat(customFieldsWorstCase()).as("the longest stored custom fields fit their column")
        .isLessThanOrEqualTo(customFieldsColumn());
    Map<String, Integer> texts = new TreeMap<>();
    Map<String, int[]> numerics = new TreeMap<>();
    Set<String> tables = new java.util.TreeSet<>();
    Set<String> nullableTenants = new java.util.TreeSet<>();
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          if (!table.startsWith("crm_")) {
            continue;
          }
          String column = table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
          tables.add(table);
          if (column.endsWith(".tenant_id") && rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls) {
            nullableTenants.add(column);
          }
          String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
          if (type.contains("char")) {
            texts.put(column, rs.getInt("COLUMN_SIZE"));
          } else if (type.contains("numeric") || type.contains("decimal")) {
            numerics.put(column, new int[] {rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")});
          }
        }
      }
    }
    assertThat(tables).as("crmkit's tables; each one carries tenant_id (a new table must be added to TABLES)")
        .containsExactlyInAnyOrderElementsOf(TABLES);
    assertThat(nullableTenants).as("tenant_id columns that allow NULL").isEmpty();
    Map<String, Integer> expected = expectedTextColumns();
    Map<String, Integer> actual = new TreeMap<>(texts);
    actual.keySet().removeAll(TECHNICAL);
    assertThat(actual).as("every text column of crmkit's tables and its size, as the core's Limits say")
        .containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(numerics.remove("crm_record_value.number_value")).as("custom numbers in report rows (V9)")
        .containsExactly(Limits.NUMBER_INTEGER_DIGITS + Limits.NUMBER_SCALE, Limits.NUMBER_SCALE);
    assertThat(numerics.keySet()).as("every NUMERIC column is an amount").containsExactlyInAnyOrderElementsOf(
        amountColumns());
    numerics.forEach((column, ps) -> assertThat(ps).as(column)
        .containsExactly(Limits.AMOUNT_PRECISION, Limits.AMOUNT_SCALE));
  }
}
