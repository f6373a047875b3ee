package org.crmkit.conversion;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.shared.ConfigurationException;

/**
 * An administrator's setting that governs lead conversion: the field mapping per target, which mapped fields are
 * locked, the default action per target, which links are required, how the opportunity is named and where it
 * starts, which lead statuses may be converted and whether conversion may run automatically (from a workflow).
 *
 * <p>Plain immutable data made of strings, booleans, enums, maps and sets, so a host can store it as JSON and read it
 * back (e.g. with Jackson's record support). Identified by {@link #id()}; {@link #version()} is recorded with every
 * conversion so an audit shows which rules applied. Build one with {@link #builder(String)}, start from
 * {@link #defaults()}, or change one with {@link #toBuilder()}. Invariants are checked when constructed
 * ({@link ConfigurationException} naming every problem). Custom field names are checked against the custom field
 * schema when the policy is registered with {@code Crm.builder().conversionPolicies(...)}.
 *
 * @param id stable identifier: 1 to {@link org.crmkit.shared.Limits#RULE_ID} (100) letters, digits, {@code _} or
 *     {@code -}; never null
 * @param version the policy's version, 1 or more; bump it whenever the policy changes
 * @param targets the mapping rules of every target; never null, holds all three targets
 * @param defaultActions the action per target when a conversion request does not choose one (and for automatic
 *     conversion); never null, holds all three targets; the opportunity's is {@code CREATE} or {@code NONE}
 * @param opportunityRequired a conversion must create an opportunity (it may not be skipped)
 * @param opportunityRequiresAccount a created opportunity must be linked to an account (created or linked)
 * @param opportunityRequiresContact a created opportunity must be linked to a contact (created or linked)
 * @param opportunityNameTemplate the new opportunity's name: literal text with placeholders {@code {leadField}},
 *     or {@code {a|b}} for the first non-empty of several; empty placeholders vanish with the separators around
 *     them. Never blank.
 * @param initialStage the stage key new opportunities start in, or null for the pipeline's first open stage
 * @param contactMustBelongToAccount a linked existing contact must belong to the conversion's account (a contact
 *     without an account is moved to it)
 * @param convertibleStatuses the lead status keys that allow conversion; empty means every status of kind OPEN or
 *     QUALIFIED. Never null.
 * @param convertedStatus the converted status key the lead gets, or null for the pipeline's first converted status
 * @param automaticConversionAllowed whether a workflow rule may convert leads with this policy
 */
public record ConversionPolicy(
    String id,
    int version,
    Map<ConversionTarget, TargetRules> targets,
    Map<ConversionTarget, ConversionAction> defaultActions,
    boolean opportunityRequired,
    boolean opportunityRequiresAccount,
    boolean opportunityRequiresContact,
    String opportunityNameTemplate,
    String initialStage,
    boolean contactMustBelongToAccount,
    Set<String> convertibleStatuses,
    String convertedStatus,
    boolean automaticConversionAllowed) {

  /** The id of {@link #defaults()}, and the policy used when a request names none. */
  public static final String DEFAULT_ID = "default";

  /** In {@link TargetRules#lockedFields()}: every field of the target is locked. */
  public static final String ALL_FIELDS = "*";

  private static final Pattern ID =
      Pattern.compile("[A-Za-z0-9_-]{1," + org.crmkit.shared.Limits.RULE_ID + "}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  public ConversionPolicy {
    List<String> problems = new ArrayList<>();
    if (id == null || !ID.matcher(id).matches()) {
      problems.add("id '" + id + "' must be 1-" + org.crmkit.shared.Limits.RULE_ID + " letters, digits, _ or -");
    }
    if (version < 1) {
      problems.add("version must be 1 or more, was " + version);
    }
    targets = copy(targets, "targets", problems);
    defaultActions = copy(defaultActions, "defaultActions", problems);
    convertibleStatuses = Set.copyOf(Objects.requireNonNullElse(convertibleStatuses, Set.of()));
    if (opportunityNameTemplate == null || opportunityNameTemplate.isBlank()) {
      problems.add("opportunityNameTemplate must not be blank");
    } else {
      Matcher m = PLACEHOLDER.matcher(opportunityNameTemplate);
      while (m.find()) {
        for (String field : m.group(1).split("\\|", -1)) {
          if (!isLeadField(field.strip())) {
            problems.add("opportunityNameTemplate uses '" + field + "', which is not a lead field");
          }
        }
      }
    }
    ConversionAction opp = defaultActions.get(ConversionTarget.OPPORTUNITY);
    if (opp != null && opp != ConversionAction.CREATE && opp != ConversionAction.NONE) {
      problems.add("defaultActions.OPPORTUNITY must be CREATE or NONE, was " + opp);
    }
    targets.forEach((target, rules) -> {
      String where = "targets." + target + ".";
      rules.fieldMap().forEach((from, to) -> {
        if (!isLeadField(from)) {
          problems.add(where + "fieldMap: '" + from + "' is not a lead field (use " + ConversionTarget.LEAD_FIELDS
              + " or customFields.KEY)");
        }
        if (!target.accepts(to)) {
          problems.add(where + "fieldMap: '" + to + "' is not a field of " + target + " (use "
              + target.standardFields() + " or customFields.KEY)");
        }
      });
      rules.unmapped().stream().filter(f -> !isLeadField(f))
          .forEach(f -> problems.add(where + "unmapped: '" + f + "' is not a lead field"));
      rules.lockedFields().stream().filter(f -> !f.equals(ALL_FIELDS) && !target.accepts(f))
          .forEach(f -> problems.add(where + "lockedFields: '" + f + "' is not a field of " + target));
      rules.overwriteOnLink().stream().filter(f -> !target.accepts(f))
          .forEach(f -> problems.add(where + "overwriteOnLink: '" + f + "' is not a field of " + target));
    });
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid conversion policy " + id + ": " + String.join("; ", problems));
    }
  }

  /**
   * The shipped policy {@value #DEFAULT_ID}, version 1: account from the company (name) plus same-name fields except
   * e-mail and description; contact by same names; opportunity by same names except description, named after the
   * company (or the person), in the first open stage. Accounts and contacts are matched or created, an opportunity is
   * created but may be skipped; nothing is locked or overwritten; open and qualified leads convert; automatic
   * conversion is not allowed (enable it with {@code toBuilder().automaticConversionAllowed(true)}).
   */
  public static ConversionPolicy defaults() {
    return builder(DEFAULT_ID).build();
  }

  /** @return a builder starting from the values of {@link #defaults()} with the given id */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** @return a builder holding this policy's values (remember to bump the version) */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.version = version;
    b.targets.putAll(targets);
    b.defaultActions.putAll(defaultActions);
    b.opportunityRequired = opportunityRequired;
    b.opportunityRequiresAccount = opportunityRequiresAccount;
    b.opportunityRequiresContact = opportunityRequiresContact;
    b.opportunityNameTemplate = opportunityNameTemplate;
    b.initialStage = initialStage;
    b.contactMustBelongToAccount = contactMustBelongToAccount;
    b.convertibleStatuses = new TreeSet<>(convertibleStatuses);
    b.convertedStatus = convertedStatus;
    b.automaticConversionAllowed = automaticConversionAllowed;
    return b;
  }

  /** @return the rules of one target, never null */
  public TargetRules rules(ConversionTarget target) {
    return targets.get(target);
  }

  /** @return the default action of one target, never null */
  public ConversionAction defaultAction(ConversionTarget target) {
    return defaultActions.get(target);
  }

  /** @return true for a name in {@link ConversionTarget#LEAD_FIELDS} or a {@code customFields.KEY} name */
  public static boolean isLeadField(String field) {
    return field != null && (ConversionTarget.LEAD_FIELDS.contains(field) || ConversionTarget.isCustom(field));
  }

  private static <V> Map<ConversionTarget, V> copy(
      Map<ConversionTarget, V> map, String name, List<String> problems) {
    if (map == null) {
      problems.add(name + " must not be null");
      return Map.of();
    }
    EnumMap<ConversionTarget, V> copy = new EnumMap<>(ConversionTarget.class);
    map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, name + " key"), Objects.requireNonNull(v, name + " value")));
    for (ConversionTarget t : ConversionTarget.values()) {
      if (!copy.containsKey(t)) {
        problems.add(name + " has no entry for " + t);
      }
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** Builds a {@link ConversionPolicy}, starting from the values of {@link ConversionPolicy#defaults()}. */
  public static final class Builder {
    private final String id;
    private int version = 1;
    private final Map<ConversionTarget, TargetRules> targets = new EnumMap<>(ConversionTarget.class);
    private final Map<ConversionTarget, ConversionAction> defaultActions = new EnumMap<>(ConversionTarget.class);
    private boolean opportunityRequired;
    private boolean opportunityRequiresAccount;
    private boolean opportunityRequiresContact;
    private String opportunityNameTemplate = "{company|fullName}";
    private String initialStage;
    private boolean contactMustBelongToAccount = true;
    private Set<String> convertibleStatuses = new TreeSet<>();
    private String convertedStatus;
    private boolean automaticConversionAllowed;

    private Builder(String id) {
      this.id = id;
      targets.put(ConversionTarget.ACCOUNT,
          TargetRules.sameNames().map("company", "name").unmap("email").unmap("description"));
      targets.put(ConversionTarget.CONTACT, TargetRules.sameNames());
      targets.put(ConversionTarget.OPPORTUNITY, TargetRules.sameNames().unmap("description"));
      defaultActions.put(ConversionTarget.ACCOUNT, ConversionAction.MATCH_OR_CREATE);
      defaultActions.put(ConversionTarget.CONTACT, ConversionAction.MATCH_OR_CREATE);
      defaultActions.put(ConversionTarget.OPPORTUNITY, ConversionAction.CREATE);
    }

    public Builder version(int value) {
      this.version = value;
      return this;
    }

    /** Replaces the rules of one target. */
    public Builder rules(ConversionTarget target, TargetRules rules) {
      targets.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(rules, "rules"));
      return this;
    }

    /** Maps a lead field to a target field (adds to the target's current rules). */
    public Builder map(ConversionTarget target, String leadField, String targetField) {
      return rules(target, targets.get(target).map(leadField, targetField));
    }

    /** Locks target fields against overrides ({@link ConversionPolicy#ALL_FIELDS} for all). */
    public Builder lock(ConversionTarget target, String... targetFields) {
      return rules(target, targets.get(target).lock(targetFields));
    }

    /** Lets linked records take these fields from the lead even when they hold a value. */
    public Builder overwriteOnLink(ConversionTarget target, String... targetFields) {
      return rules(target, targets.get(target).overwriteOnLink(targetFields));
    }

    public Builder defaultAction(ConversionTarget target, ConversionAction action) {
      defaultActions.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(action, "action"));
      return this;
    }

    public Builder opportunityRequired(boolean value) {
      this.opportunityRequired = value;
      return this;
    }

    public Builder opportunityRequiresAccount(boolean value) {
      this.opportunityRequiresAccount = value;
      return this;
    }

    public Builder opportunityRequiresContact(boolean value) {
      this.opportunityRequiresContact = value;
      return this;
    }

    public Builder opportunityNameTemplate(String value) {
      this.opportunityNameTemplate = value;
      return this;
    }

    /** @param value a stage key, or null for the pipeline's first open stage */
    public Builder initialStage(String value) {
      this.initialStage = value;
      return this;
    }

    public Builder contactMustBelongToAccount(boolean value) {
      this.contactMustBelongToAccount = value;
      return this;
    }

    /** @param statusKeys the statuses that allow conversion; none means every open or qualified status */
    public Builder convertibleStatuses(String... statusKeys) {
      this.convertibleStatuses = new TreeSet<>(List.of(statusKeys));
      return this;
    }

    /** @param value a converted status key, or null for the pipeline's first */
    public Builder convertedStatus(String value) {
      this.convertedStatus = value;
      return this;
    }

    public Builder automaticConversionAllowed(boolean value) {
      this.automaticConversionAllowed = value;
      return this;
    }

    /** @throws ConfigurationException naming every problem */
    public ConversionPolicy build() {
      return new ConversionPolicy(id, version, targets, defaultActions, opportunityRequired,
          opportunityRequiresAccount, opportunityRequiresContact, opportunityNameTemplate, initialStage,
          contactMustBelongToAccount, convertibleStatuses, convertedStatus, automaticConversionAllowed);
    }
  }
}
