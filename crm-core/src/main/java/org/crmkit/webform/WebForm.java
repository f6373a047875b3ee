package org.crmkit.webform;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.crmkit.shared.UserId;

/**
 * The definition of a web form: plain, immutable data an administrator configures. It says which submitted
 * parameter fills which lead field ({@link #fields()}) or custom field ({@link #customFields()}), which parameters
 * are required, the hidden defaults every lead of the form gets (lead source, campaign, ...), who owns the new
 * leads, the honeypot parameter that only robots fill in, which workflow rules may run when the form writes a
 * lead, and the system actor the form acts as.
 *
 * <p>Start with {@link #named(String)} and add to it; each method returns a new form:
 *
 * <pre>{@code
 * WebForm form = WebForm.named("contact-us")
 *     .field("first_name", LeadField.FIRST_NAME).field("last_name", LeadField.LAST_NAME)
 *     .field("email", LeadField.EMAIL).customField("tier", "tier")
 *     .required("last_name", "email")
 *     .defaultValue(LeadField.LEAD_SOURCE, "Web form")
 *     .owners(OwnerAssignment.roundRobin(UserId.of("ann"), UserId.of("bob")))
 *     .honeypot("website_url")
 *     .allowRules("qualify-enterprise");
 * }</pre>
 *
 * <p>Every parameter a submission sends must be one the form maps (or its honeypot): an unknown parameter is a
 * field error, never dropped silently. Checked against the custom fields and workflow rules when the Crm is built.
 *
 * @param name the form's name, letters, digits, {@code -} and {@code _}, at most 64 characters; never null
 * @param fields parameter name to standard lead field; never null
 * @param customFields parameter name to the key of a custom field of leads; never null
 * @param required parameters that must be sent with a non-blank value; never null
 * @param defaults hidden values every lead of the form gets unless a parameter fills the same field; never null
 * @param customDefaults hidden custom field values (as text, parsed by the field's type); never null
 * @param owners who owns new leads; never null
 * @param honeypot the honeypot parameter, or null for none
 * @param allowedRules the ids of the workflow rules that may run when the form writes a lead (none by default:
 *     a public form triggers no automation unless the administrator says so); never null
 * @param actingAs the user id of the system actor the form acts as (default {@code "webform"}); never null
 */
public record WebForm(
    String name,
    Map<String, LeadField> fields,
    Map<String, String> customFields,
    Set<String> required,
    Map<LeadField, String> defaults,
    Map<String, String> customDefaults,
    OwnerAssignment owners,
    String honeypot,
    Set<String> allowedRules,
    String actingAs) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  public WebForm {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("web form name '" + name
          + "' must be 1 to 64 letters, digits, '-' or '_' (it appears in URLs)");
    }
    // In the order given: a page built from the form shows its fields in that order.
    fields = ordered(fields);
    customFields = ordered(customFields);
    required = Set.copyOf(required);
    defaults = Map.copyOf(defaults);
    customDefaults = Map.copyOf(customDefaults);
    Objects.requireNonNull(owners, "owners");
    allowedRules = Set.copyOf(allowedRules);
    Objects.requireNonNull(actingAs, "actingAs");
    UserId.of(actingAs);
    for (String p : fields.keySet()) {
      parameter(p);
      if (customFields.containsKey(p)) {
        throw new IllegalArgumentException("parameter '" + p + "' is mapped twice, to a lead field and a custom field");
      }
    }
    customFields.keySet().forEach(WebForm::parameter);
    if (honeypot != null) {
      parameter(honeypot);
      if (fields.containsKey(honeypot) || customFields.containsKey(honeypot)) {
        throw new IllegalArgumentException("honeypot parameter '" + honeypot + "' must not also be a mapped field");
      }
    }
    for (String r : required) {
      if (!fields.containsKey(r) && !customFields.containsKey(r)) {
        throw new IllegalArgumentException("required parameter '" + r + "' is not mapped to a field; map it first");
      }
    }
    Set<LeadField> mapped = new LinkedHashSet<>(fields.values());
    if (mapped.size() != fields.size()) {
      throw new IllegalArgumentException("two parameters fill the same lead field: " + fields);
    }
  }

  /** An unmodifiable copy keeping the given order, refusing null keys and values as Map.copyOf does. */
  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    Map<K, V> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static void parameter(String p) {
    if (!PARAMETER.matcher(p).matches()) {
      throw new IllegalArgumentException("parameter name '" + p + "' must be 1 to 64 letters, digits, '.', '-' or '_'");
    }
  }

  /** @return a form that maps nothing yet, owned by and acting as the system actor {@code "webform"} */
  public static WebForm named(String name) {
    return new WebForm(name, Map.of(), Map.of(), Set.of(), Map.of(), Map.of(),
        OwnerAssignment.fixed(UserId.of("webform")), null, Set.of(), "webform");
  }

  /** @return this form with {@code parameter} filling the standard lead field {@code field} */
  public WebForm field(String parameter, LeadField field) {
    Map<String, LeadField> copy = new LinkedHashMap<>(fields);
    copy.put(parameter, Objects.requireNonNull(field, "field"));
    return new WebForm(name, copy, customFields, required, defaults, customDefaults, owners, honeypot, allowedRules,
        actingAs);
  }

  /** @return this form with {@code parameter} filling the lead custom field {@code key} */
  public WebForm customField(String parameter, String key) {
    Map<String, String> copy = new LinkedHashMap<>(customFields);
    copy.put(parameter, Objects.requireNonNull(key, "key"));
    return new WebForm(name, fields, copy, required, defaults, customDefaults, owners, honeypot, allowedRules,
        actingAs);
  }

  /** @return this form with the given parameters required (adding to those required before) */
  public WebForm required(String... parameters) {
    Set<String> copy = new LinkedHashSet<>(required);
    copy.addAll(Set.of(parameters));
    return new WebForm(name, fields, customFields, copy, defaults, customDefaults, owners, honeypot, allowedRules,
        actingAs);
  }

  /** @return this form with a hidden default for a standard field, e.g. lead source "Web form" */
  public WebForm defaultValue(LeadField field, String value) {
    Map<LeadField, String> copy = new LinkedHashMap<>(defaults);
    copy.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
    return new WebForm(name, fields, customFields, required, copy, customDefaults, owners, honeypot, allowedRules,
        actingAs);
  }

  /** @return this form with a hidden default for a custom field (text parsed by its type), e.g. a campaign */
  public WebForm customDefaultValue(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(customDefaults);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new WebForm(name, fields, customFields, required, defaults, copy, owners, honeypot, allowedRules,
        actingAs);
  }

  /** @return this form with its new leads owned as {@code assignment} says */
  public WebForm owners(OwnerAssignment assignment) {
    return new WebForm(name, fields, customFields, required, defaults, customDefaults, assignment, honeypot,
        allowedRules, actingAs);
  }

  /** @return this form with a honeypot parameter: a submission that fills it is reported as spam, never stored */
  public WebForm honeypot(String parameter) {
    return new WebForm(name, fields, customFields, required, defaults, customDefaults, owners,
        Objects.requireNonNull(parameter, "parameter"), allowedRules, actingAs);
  }

  /** @return this form letting the given workflow rules run when it writes a lead (adding to those before) */
  public WebForm allowRules(String... ruleIds) {
    Set<String> copy = new LinkedHashSet<>(allowedRules);
    copy.addAll(Set.of(ruleIds));
    return new WebForm(name, fields, customFields, required, defaults, customDefaults, owners, honeypot, copy,
        actingAs);
  }

  /** @return this form acting as the system actor {@code systemUser} (give it rights in the access policy) */
  public WebForm actingAs(String systemUser) {
    return new WebForm(name, fields, customFields, required, defaults, customDefaults, owners, honeypot,
        allowedRules, systemUser);
  }

  /** @return the honeypot parameter, if the form has one */
  public Optional<String> honeypotParameter() {
    return Optional.ofNullable(honeypot);
  }

  /** @return the parameter that fills the e-mail field, if any: its value identifies a resubmission */
  public Optional<String> emailParameter() {
    return fields.entrySet().stream().filter(e -> e.getValue() == LeadField.EMAIL).map(Map.Entry::getKey).findFirst();
  }
}
