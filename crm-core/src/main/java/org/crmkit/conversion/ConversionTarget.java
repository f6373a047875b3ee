package org.crmkit.conversion;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.crmkit.customfield.FieldType;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordId;
import org.crmkit.shared.RecordType;

/**
 * The records a lead conversion can create or link. Each target lists its standard fields, the names a
 * {@link ConversionPolicy} maps lead fields to; custom fields are addressed as {@code customFields.KEY}.
 */
public enum ConversionTarget {
  /** The customer company. */
  ACCOUNT(RecordType.ACCOUNT,
      List.of("name", "website", "industry", "phone", "email", "city", "country", "description")),
  /** The person. */
  CONTACT(RecordType.CONTACT, List.of("firstName", "lastName", "email", "phone", "title", "description")),
  /** The deal. */
  OPPORTUNITY(RecordType.OPPORTUNITY,
      List.of("name", "amount", "closeDate", "stage", "leadSource", "nextStep", "description"));

  /** The prefix of custom field names: {@code customFields.budget}. */
  public static final String CUSTOM_PREFIX = "customFields.";

  /**
   * The lead fields a policy can map from: the standard fields of a lead, plus {@code fullName} ("first last",
   * or the last name) and every {@code customFields.KEY} of the lead.
   */
  public static final List<String> LEAD_FIELDS = List.of(
      "firstName", "lastName", "fullName", "company", "title", "email", "phone", "website", "leadSource", "industry",
      "description");

  private final RecordType recordType;
  private final List<String> standardFields;
  /** The standard fields' types by name: asked for every value a conversion maps, so one hash look-up. */
  private final Map<String, FieldType> standardTypes;

  ConversionTarget(RecordType recordType, List<String> standardFields) {
    this.recordType = recordType;
    this.standardFields = standardFields;
    Map<String, FieldType> types = new HashMap<>();
    for (String field : standardFields) {
      types.put(field, recordType == RecordType.OPPORTUNITY && field.equals("amount") ? FieldType.MONEY
          : recordType == RecordType.OPPORTUNITY && field.equals("closeDate") ? FieldType.DATE : FieldType.TEXT);
    }
    this.standardTypes = Map.copyOf(types);
  }

  /** @return the record type the target creates */
  public RecordType recordType() {
    return recordType;
  }

  /** @return the standard field names of the target, never null */
  public List<String> standardFields() {
    return standardFields;
  }

  /**
   * @return the type of a standard field: MONEY for the opportunity's amount, DATE for its close date, TEXT for
   *     all others; null when the name is not a standard field of this target
   */
  public FieldType standardFieldType(String field) {
    return standardTypes.get(field);
  }

  /** @return true for {@code customFields.KEY} names */
  public static boolean isCustom(String field) {
    return field.startsWith(CUSTOM_PREFIX) && field.length() > CUSTOM_PREFIX.length();
  }

  /** @return the custom field key of a {@code customFields.KEY} name */
  public static String customKey(String field) {
    return field.substring(CUSTOM_PREFIX.length());
  }

  /** @return true when the name is a standard field of the target or a custom field name */
  public boolean accepts(String field) {
    return standardTypes.containsKey(field) || isCustom(field);
  }

  /** @return the typed id of a record of this target: an AccountId, ContactId or OpportunityId */
  public RecordId recordId(UUID value) {
    return switch (this) {
      case ACCOUNT -> AccountId.of(value);
      case CONTACT -> ContactId.of(value);
      case OPPORTUNITY -> OpportunityId.of(value);
    };
  }

  /** @return the lower-case name used in field paths, e.g. {@code account} in {@code account.name} */
  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }
}
