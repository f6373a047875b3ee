package org.crmkit.application.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.lead.LeadDetails;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.RecordType;

/**
 * Records as maps of named, typed values: what conversion mapping and workflow triggers, conditions and actions
 * work on. Names are the standard field names of each record, {@code owner}, {@code status} (leads),
 * {@code stage}/{@code probability} (opportunities) and {@code customFields.KEY}. Absent values are absent keys.
 */
final class RecordFields {
  static final String CUSTOM = ConversionTarget.CUSTOM_PREFIX;

  static final List<String> LEAD = List.of("firstName", "lastName", "fullName", "company", "title", "email", "phone",
      "website", "leadSource", "industry", "description", "status", "owner");
  static final List<String> ACCOUNT = List.of("name", "website", "industry", "phone", "email", "city", "country",
      "description", "owner");
  static final List<String> CONTACT = List.of("firstName", "lastName", "email", "phone", "title", "description",
      "owner");
  static final List<String> OPPORTUNITY = List.of("name", "amount", "closeDate", "stage", "probability",
      "leadSource", "nextStep", "description", "owner");

  private RecordFields() {}

  static List<String> standardFields(RecordType type) {
    return switch (type) {
      case LEAD -> LEAD;
      case ACCOUNT -> ACCOUNT;
      case CONTACT -> CONTACT;
      case OPPORTUNITY -> OPPORTUNITY;
      case CONVERSION_RECORD, BILLING_FORECAST, ACCOUNT_BUDGET -> List.of();
    };
  }

  /** @return the type of a field of the record type, or empty when the record type has no such field */
  static Optional<FieldType> typeOf(RecordType type, String field, CustomFieldSchema schema) {
    if (field.startsWith(CUSTOM)) {
      return schema.definition(type, field.substring(CUSTOM.length())).map(CustomFieldDefinition::type);
    }
    if (!standardFields(type).contains(field)) {
      return Optional.empty();
    }
    if (type == RecordType.OPPORTUNITY) {
      switch (field) {
        case "amount":
          return Optional.of(FieldType.MONEY);
        case "closeDate":
          return Optional.of(FieldType.DATE);
        case "probability":
          return Optional.of(FieldType.NUMBER);
        default:
          break;
      }
    }
    return Optional.of(FieldType.TEXT);
  }

  /**
   * Converts a value to the type of a field, parsing text when the types differ.
   *
   * @throws IllegalArgumentException when the value cannot be read as the type
   */
  static CustomValue coerce(CustomValue value, FieldType type) {
    if (value.type() == type) {
      return value;
    }
    if (type == FieldType.TEXT) {
      return CustomValue.text(value.asText());
    }
    try {
      return CustomValue.parse(type, value.asText().strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + value.asText() + "' is not a " + type + " value", e);
    }
  }

  /**
   * @param snapshot a snapshot of a record of the given type (what a {@link org.crmkit.shared.RecordChanged} event
   *     carries)
   * @return its values by field name
   */
  static Map<String, CustomValue> of(RecordType type, Object snapshot) {
    return switch (type) {
      case LEAD -> lead((LeadSnapshot) snapshot);
      case ACCOUNT -> account((AccountSnapshot) snapshot);
      case CONTACT -> contact((ContactSnapshot) snapshot);
      case OPPORTUNITY -> opportunity((OpportunitySnapshot) snapshot);
      case CONVERSION_RECORD, BILLING_FORECAST, ACCOUNT_BUDGET ->
          throw new IllegalArgumentException(type.label() + " has no field values");
    };
  }

  static Map<String, CustomValue> lead(LeadSnapshot s) {
    Map<String, CustomValue> m = new LinkedHashMap<>();
    LeadDetails d = s.details();
    put(m, "firstName", d.firstName());
    put(m, "lastName", d.lastName());
    put(m, "fullName", d.lastName() == null ? null : d.displayName());
    put(m, "company", d.company());
    put(m, "title", d.title());
    put(m, "email", d.email() == null ? null : d.email().value());
    put(m, "phone", d.phone());
    put(m, "website", d.website());
    put(m, "leadSource", d.leadSource());
    put(m, "industry", d.industry());
    put(m, "description", d.description());
    put(m, "status", s.status());
    put(m, "owner", s.owner().value());
    custom(m, s.customFields());
    return m;
  }

  static Map<String, CustomValue> account(AccountSnapshot s) {
    Map<String, CustomValue> m = accountDetails(s.details());
    put(m, "owner", s.owner().value());
    custom(m, s.customFields());
    return m;
  }

  static Map<String, CustomValue> accountDetails(AccountDetails d) {
    Map<String, CustomValue> m = new LinkedHashMap<>();
    put(m, "name", d.name());
    put(m, "website", d.website());
    put(m, "industry", d.industry());
    put(m, "phone", d.phone());
    put(m, "email", d.email() == null ? null : d.email().value());
    put(m, "city", d.city());
    put(m, "country", d.country());
    put(m, "description", d.description());
    return m;
  }

  static Map<String, CustomValue> contact(ContactSnapshot s) {
    Map<String, CustomValue> m = contactDetails(s.details());
    put(m, "owner", s.owner().value());
    custom(m, s.customFields());
    return m;
  }

  static Map<String, CustomValue> contactDetails(ContactDetails d) {
    Map<String, CustomValue> m = new LinkedHashMap<>();
    put(m, "firstName", d.firstName());
    put(m, "lastName", d.lastName());
    put(m, "email", d.email() == null ? null : d.email().value());
    put(m, "phone", d.phone());
    put(m, "title", d.title());
    put(m, "description", d.description());
    return m;
  }

  static Map<String, CustomValue> opportunity(OpportunitySnapshot s) {
    Map<String, CustomValue> m = new LinkedHashMap<>();
    put(m, "name", s.name());
    if (s.amount() != null) {
      m.put("amount", CustomValue.money(s.amount()));
    }
    if (s.closeDate() != null) {
      m.put("closeDate", CustomValue.date(s.closeDate()));
    }
    put(m, "stage", s.stage());
    m.put("probability", CustomValue.number(java.math.BigDecimal.valueOf(s.probability().percent())));
    put(m, "leadSource", s.leadSource());
    put(m, "nextStep", s.nextStep());
    put(m, "description", s.description());
    put(m, "owner", s.owner().value());
    custom(m, s.customFields());
    return m;
  }

  /** Builds account details from standard values (custom and unknown keys ignored); validates as the record does. */
  static AccountDetails toAccountDetails(Map<String, CustomValue> v) {
    return new AccountDetails(text(v, "name"), text(v, "website"), text(v, "industry"), text(v, "phone"),
        email(v), text(v, "city"), text(v, "country"), text(v, "description"));
  }

  static ContactDetails toContactDetails(Map<String, CustomValue> v) {
    return new ContactDetails(text(v, "firstName"), text(v, "lastName"), email(v), text(v, "phone"),
        text(v, "title"), text(v, "description"));
  }

  static LeadDetails toLeadDetails(Map<String, CustomValue> v) {
    return new LeadDetails(text(v, "firstName"), text(v, "lastName"), text(v, "company"), text(v, "title"), email(v),
        text(v, "phone"), text(v, "website"), text(v, "leadSource"), text(v, "industry"), text(v, "description"));
  }

  /** @return the {@code customFields.KEY} entries as custom fields */
  static CustomFields toCustomFields(Map<String, CustomValue> v) {
    Map<String, CustomValue> custom = null;
    for (Map.Entry<String, CustomValue> e : v.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(CUSTOM)) {
        if (custom == null) {
          custom = new LinkedHashMap<>();
        }
        custom.put(k.substring(CUSTOM.length()), e.getValue());
      }
    }
    return custom == null ? CustomFields.empty() : CustomFields.of(custom);
  }

  static String text(Map<String, CustomValue> v, String key) {
    CustomValue value = v.get(key);
    return value == null ? null : value.asText();
  }

  /** @return the value as text for comparisons, null when absent or blank */
  static String asText(CustomValue value) {
    if (value == null) {
      return null;
    }
    String t = value.asText();
    return t.isBlank() ? null : t;
  }

  private static EmailAddress email(Map<String, CustomValue> v) {
    return Values.email("email", text(v, "email"));
  }

  private static void put(Map<String, CustomValue> m, String key, String value) {
    if (value != null && !value.isBlank()) {
      m.put(key, CustomValue.text(value));
    }
  }

  private static void custom(Map<String, CustomValue> m, CustomFields fields) {
    fields.values().forEach((k, v) -> m.put(CUSTOM + k, v));
  }
}
