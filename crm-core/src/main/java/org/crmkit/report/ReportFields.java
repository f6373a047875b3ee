package org.crmkit.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.shared.Limits;

/**
 * The whitelist of report fields per {@link ReportSource}. Standard fields are listed below; besides them
 * {@code account.name}, {@code account.industry}, {@code account.city}, {@code account.country} and
 * {@code account.owner} reach the linked account (opportunities, contacts, forecast lines),
 * {@code segment.DIMENSION} a segment value (opportunities, accounts, stage history and forecast lines: the
 * opportunity's), and {@code custom.KEY} a custom field defined in the Crm's {@link CustomFieldSchema} for the
 * source's record type (text, picklist, number, date and boolean fields; money custom fields are not reportable).
 *
 * <table>
 *   <caption>Standard fields</caption>
 *   <tr><th>source</th><th>fields</th></tr>
 *   <tr><td>OPPORTUNITIES</td><td>name, owner, stage, amount (money), currency, probability, closeDate, leadSource,
 *       lostReason, createdAt, updatedAt, accountId</td></tr>
 *   <tr><td>LEADS</td><td>firstName, lastName, company, email, leadSource, industry, status, owner, createdAt,
 *       convertedAt</td></tr>
 *   <tr><td>ACCOUNTS</td><td>name, website, industry, city, country, owner, createdAt</td></tr>
 *   <tr><td>CONTACTS</td><td>firstName, lastName, email, title, owner, createdAt, accountId</td></tr>
 *   <tr><td>STAGE_HISTORY</td><td>stage, previousStage, amount, currency, probability, closeDate, changedBy,
 *       changedAt, owner (the opportunity's), opportunityId, version (the opportunity's version after the change:
 *       orders an opportunity's entries)</td></tr>
 *   <tr><td>FORECAST_LINES</td><td>month (first day), amount, currency, and the opportunity's stage, probability,
 *       owner, closeDate, leadSource, opportunityId</td></tr>
 * </table>
 *
 * <p>Ids ({@code accountId}, {@code opportunityId}) are text in the standard UUID form.
 */
public final class ReportFields {
  private static final Map<ReportSource, Map<String, ValueType>> STANDARD = new EnumMap<>(ReportSource.class);
  private static final Map<String, ValueType> ACCOUNT_FIELDS = new LinkedHashMap<>();

  static {
    ACCOUNT_FIELDS.put("name", ValueType.TEXT);
    ACCOUNT_FIELDS.put("industry", ValueType.TEXT);
    ACCOUNT_FIELDS.put("city", ValueType.TEXT);
    ACCOUNT_FIELDS.put("country", ValueType.TEXT);
    ACCOUNT_FIELDS.put("owner", ValueType.TEXT);
    put(ReportSource.OPPORTUNITIES, "name", ValueType.TEXT, "owner", ValueType.TEXT, "stage", ValueType.TEXT,
        "amount", ValueType.MONEY, "currency", ValueType.TEXT, "probability", ValueType.INTEGER,
        "closeDate", ValueType.DATE, "leadSource", ValueType.TEXT, "lostReason", ValueType.TEXT,
        "createdAt", ValueType.TIMESTAMP, "updatedAt", ValueType.TIMESTAMP, "accountId", ValueType.TEXT);
    put(ReportSource.LEADS, "firstName", ValueType.TEXT, "lastName", ValueType.TEXT, "company", ValueType.TEXT,
        "email", ValueType.TEXT, "leadSource", ValueType.TEXT, "industry", ValueType.TEXT, "status", ValueType.TEXT,
        "owner", ValueType.TEXT, "createdAt", ValueType.TIMESTAMP, "convertedAt", ValueType.TIMESTAMP);
    put(ReportSource.ACCOUNTS, "name", ValueType.TEXT, "website", ValueType.TEXT, "industry", ValueType.TEXT,
        "city", ValueType.TEXT, "country", ValueType.TEXT, "owner", ValueType.TEXT, "createdAt", ValueType.TIMESTAMP);
    put(ReportSource.CONTACTS, "firstName", ValueType.TEXT, "lastName", ValueType.TEXT, "email", ValueType.TEXT,
        "title", ValueType.TEXT, "owner", ValueType.TEXT, "createdAt", ValueType.TIMESTAMP,
        "accountId", ValueType.TEXT);
    put(ReportSource.STAGE_HISTORY, "stage", ValueType.TEXT, "previousStage", ValueType.TEXT,
        "amount", ValueType.MONEY, "currency", ValueType.TEXT, "probability", ValueType.INTEGER,
        "closeDate", ValueType.DATE, "changedBy", ValueType.TEXT, "changedAt", ValueType.TIMESTAMP,
        "owner", ValueType.TEXT, "opportunityId", ValueType.TEXT, "version", ValueType.INTEGER);
    put(ReportSource.FORECAST_LINES, "month", ValueType.DATE, "amount", ValueType.MONEY,
        "currency", ValueType.TEXT, "stage", ValueType.TEXT, "probability", ValueType.INTEGER,
        "owner", ValueType.TEXT, "closeDate", ValueType.DATE, "leadSource", ValueType.TEXT,
        "opportunityId", ValueType.TEXT);
  }

  private static void put(ReportSource source, Object... pairs) {
    Map<String, ValueType> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put((String) pairs[i], (ValueType) pairs[i + 1]);
    }
    STANDARD.put(source, Collections.unmodifiableMap(fields));
  }

  private ReportFields() {}

  /** @return the standard fields of {@code source} and their types, in a stable order */
  public static Map<String, ValueType> standard(ReportSource source) {
    return STANDARD.get(source);
  }

  /** @return true when rows of {@code source} link an account */
  public static boolean hasAccount(ReportSource source) {
    return source == ReportSource.OPPORTUNITIES || source == ReportSource.CONTACTS
        || source == ReportSource.FORECAST_LINES;
  }

  /** @return true when rows of {@code source} carry segments (their own, or their opportunity's) */
  public static boolean hasSegments(ReportSource source) {
    return source != ReportSource.LEADS && source != ReportSource.CONTACTS;
  }

  /** @return true when rows of {@code source} have an amount and a probability (weighted amount) */
  public static boolean hasWeightedAmount(ReportSource source) {
    return source == ReportSource.OPPORTUNITIES || source == ReportSource.STAGE_HISTORY
        || source == ReportSource.FORECAST_LINES;
  }

  /**
   * Looks a name up in the whitelist.
   *
   * @param source never null
   * @param name a field name from a definition; never null
   * @param customFields the Crm's custom fields; never null
   * @return the field, or empty when the source has no such (reportable) field
   */
  public static Optional<ReportField> resolve(ReportSource source, String name, CustomFieldSchema customFields) {
    if (name.length() > ReportLimits.MAX_FIELD_NAME) {
      return Optional.empty();
    }
    ValueType standard = STANDARD.get(source).get(name);
    if (standard != null) {
      return Optional.of(new ReportField(name, standard, ReportField.Kind.STANDARD, name));
    }
    if (name.startsWith("account.") && hasAccount(source)) {
      String key = name.substring("account.".length());
      ValueType type = ACCOUNT_FIELDS.get(key);
      return type == null ? Optional.empty()
          : Optional.of(new ReportField(name, type, ReportField.Kind.ACCOUNT, key));
    }
    if (name.startsWith("segment.") && hasSegments(source)) {
      String key = name.substring("segment.".length());
      return validKey(key, Limits.SEGMENT_KEY)
          ? Optional.of(new ReportField(name, ValueType.TEXT, ReportField.Kind.SEGMENT, key))
          : Optional.empty();
    }
    if (name.startsWith("custom.")) {
      String key = name.substring("custom.".length());
      Optional<CustomFieldDefinition> def = customFields.definition(source.customFieldType(), key);
      if (def.isEmpty()) {
        return Optional.empty();
      }
      ValueType type;
      switch (def.get().type()) {
        case TEXT:
        case PICKLIST:
          type = ValueType.TEXT;
          break;
        case NUMBER:
          type = ValueType.DECIMAL;
          break;
        case DATE:
          type = ValueType.DATE;
          break;
        case BOOLEAN:
          type = ValueType.BOOLEAN;
          break;
        default:
          return Optional.empty();
      }
      return Optional.of(new ReportField(name, type, ReportField.Kind.CUSTOM, key));
    }
    return Optional.empty();
  }

  /** Segment keys are free-form but bounded; only plain key characters are reportable. */
  private static boolean validKey(String key, int max) {
    if (key.isEmpty() || key.length() > max) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }
}
