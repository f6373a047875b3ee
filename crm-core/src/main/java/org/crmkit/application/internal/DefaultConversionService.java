package org.crmkit.application.internal;

import static org.crmkit.application.internal.DefaultLeadService.requireActor;
import static org.crmkit.application.internal.RecordFields.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.account.Account;
import org.crmkit.account.AccountChanged;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.application.ConversionService;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactChanged;
import org.crmkit.contact.ContactQuery;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionProblem.Reason;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.LeadConversionUndone;
import org.crmkit.conversion.LeadConverted;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.TargetPlan;
import org.crmkit.conversion.TargetResult;
import org.crmkit.conversion.TargetRules;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadChanged;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityChanged;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.pipeline.LeadStatusKind;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

/**
 * Lead conversion in two phases inside one unit of work: {@link #plan} reads (lead, duplicates, linked records),
 * maps values and collects every problem without writing; only a plan without problems is executed. A rejection
 * therefore never leaves partial writes, even when the conversion joins an outer unit of work (a workflow).
 */
final class DefaultConversionService implements ConversionService {
  private static final int MAX_CANDIDATES = 20;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private final Context ctx;
  private final DefaultOpportunityService opportunities;
  private final Map<String, ConversionPolicy> policies;

  DefaultConversionService(Context ctx, DefaultOpportunityService opportunities, Collection<ConversionPolicy> given) {
    this.ctx = ctx;
    this.opportunities = opportunities;
    Map<String, ConversionPolicy> map = new LinkedHashMap<>();
    map.put(ConversionPolicy.DEFAULT_ID, ConversionPolicy.defaults());
    List<String> problems = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ConversionPolicy p : given) {
      Objects.requireNonNull(p, "conversion policy");
      if (!seen.add(p.id())) {
        problems.add("policy id " + p.id() + " is registered twice");
      }
      map.put(p.id(), p);
    }
    map.values().forEach(p -> checkAgainstConfiguration(p, problems));
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid conversion policies: " + String.join("; ", problems));
    }
    this.policies = Collections.unmodifiableMap(map);
  }

  private void checkAgainstConfiguration(ConversionPolicy p, List<String> problems) {
    String where = "policy " + p.id() + ": ";
    if (p.initialStage() != null) {
      Optional<SalesStage> stage = ctx.pipeline().findStage(p.initialStage());
      if (stage.isEmpty() || !stage.get().isOpen()) {
        problems.add(where + "initialStage " + p.initialStage() + " is not an open stage of the pipeline");
      }
    }
    if (p.convertedStatus() != null
        && ctx.pipeline().findLeadStatus(p.convertedStatus()).filter(LeadStatus::isConverted).isEmpty()) {
      problems.add(where + "convertedStatus " + p.convertedStatus() + " is not a converted lead status");
    }
    for (String s : p.convertibleStatuses()) {
      if (ctx.pipeline().findLeadStatus(s).isEmpty()) {
        problems.add(where + "convertibleStatuses: " + s + " is not a lead status");
      }
    }
    for (ConversionTarget t : ConversionTarget.values()) {
      TargetRules rules = p.rules(t);
      rules.fieldMap().forEach((from, to) -> {
        if (ConversionTarget.isCustom(from) && ctx.customFields().definition(RecordType.LEAD,
            ConversionTarget.customKey(from)).isEmpty()) {
          problems.add(where + "maps " + from + ", which is not a custom field of leads");
        }
        if (ConversionTarget.isCustom(to) && targetType(t, to) == null) {
          problems.add(where + "maps to " + to + ", which is not a custom field of " + t.recordType().label());
        }
      });
      java.util.stream.Stream.concat(rules.lockedFields().stream(), rules.overwriteOnLink().stream())
          .filter(ConversionTarget::isCustom)
          .filter(f -> targetType(t, f) == null)
          .forEach(f -> problems.add(where + f + " is not a custom field of " + t.recordType().label()));
    }
  }

  // ---------------------------------------------------------------- use cases

  @Override
  public ConversionOutcome convert(Actor actor, ConvertLead command) {
    requireActor(actor);
    check(command);
    return convert(actor, command, false, null);
  }

  /** Converts inside the caller's unit of work when there is one (workflows), else in a new one. */
  ConversionOutcome convert(Actor actor, ConvertLead cmd, boolean automatic, String ruleId) {
    ConversionPolicy policy = policyOf(cmd);
    checkOverrides(policy, cmd);
    return ctx.inUnitOfWork(
        () -> {
          Plan plan = plan(cmd, policy, automatic);
          if (!plan.problems.isEmpty()) {
            return new ConversionOutcome.Rejected(cmd.leadId(), plan.problems);
          }
          return new ConversionOutcome.Converted(cmd.leadId(), execute(actor, plan, automatic, ruleId));
        });
  }

  @Override
  public ConversionPreview preview(Actor actor, ConvertLead command) {
    requireActor(actor);
    check(command);
    ConversionPolicy policy = policyOf(command);
    checkOverrides(policy, command);
    return ctx.inUnitOfWork(
        () -> {
          Plan plan = plan(command, policy, false);
          Map<ConversionTarget, TargetPlan> targets = new EnumMap<>(ConversionTarget.class);
          plan.drafts.forEach((t, d) -> targets.put(t, d.toPlan()));
          return new ConversionPreview(command.leadId(), policy.id(), policy.version(), targets, plan.problems);
        });
  }

  @Override
  public BulkConversionResult convertAll(Actor actor, List<ConvertLead> commands) {
    requireActor(actor);
    Objects.requireNonNull(commands, "commands");
    for (ConvertLead c : commands) {
      Objects.requireNonNull(c, "commands must not hold null");
      Objects.requireNonNull(c.leadId(), "every command needs a lead id");
    }
    List<BulkConversionResult.Item> items = new ArrayList<>();
    for (ConvertLead c : commands) {
      try {
        items.add(new BulkConversionResult.Item(c.leadId(), convert(actor, c), null));
      } catch (RuntimeException e) {
        // Each lead ran in its own unit of work, which rolled back; report the error and go on with the next.
        items.add(new BulkConversionResult.Item(c.leadId(), null, e));
      }
    }
    return new BulkConversionResult(items);
  }

  @Override
  public BulkConversionResult convertAll(Actor actor, Collection<LeadId> leadIds, String policyId) {
    Objects.requireNonNull(leadIds, "leadIds");
    return convertAll(actor, leadIds.stream().map(id -> ConvertLead.of(id).withPolicy(policyId)).toList());
  }

  @Override
  public List<ConversionRecord> records(Actor actor, LeadId leadId) {
    requireActor(actor);
    Objects.requireNonNull(leadId, "leadId");
    return ctx.inUnitOfWork(() -> ctx.storage().conversionRecords().findByLead(leadId));
  }

  @Override
  public Optional<ConversionRecord> record(Actor actor, ConversionId id) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(() -> ctx.storage().conversionRecords().findById(id));
  }

  @Override
  public ConversionPolicy policy(String id) {
    Objects.requireNonNull(id, "id");
    ConversionPolicy p = policies.get(id);
    if (p == null) {
      throw ValidationException.of("policyId", "no conversion policy '" + id + "' is registered (known: "
          + policies.keySet() + "); register it with Crm.builder().conversionPolicies(...)");
    }
    return p;
  }

  @Override
  public Collection<ConversionPolicy> policies() {
    return policies.values();
  }

  @Override
  public UndoOutcome undo(Actor actor, LeadId leadId) {
    requireActor(actor);
    Objects.requireNonNull(leadId, "leadId");
    return ctx.inUnitOfWork(() -> undoInUnit(actor, leadId));
  }

  // ---------------------------------------------------------------- checks

  private void check(ConvertLead cmd) {
    ctx.validation().check(cmd);
    TargetChoice opp = cmd.opportunity();
    if (opp != null && opp.action() != ConversionAction.CREATE && opp.action() != ConversionAction.NONE) {
      throw ValidationException.of("opportunity",
          "an opportunity can only be created or skipped (CREATE or NONE), not " + opp.action());
    }
  }

  private ConversionPolicy policyOf(ConvertLead cmd) {
    return policy(cmd.policyId() == null ? ConversionPolicy.DEFAULT_ID : cmd.policyId());
  }

  /** Overrides are the caller's input: unknown fields, locked fields and unreadable values are misuse. */
  private void checkOverrides(ConversionPolicy policy, ConvertLead cmd) {
    List<FieldError> errors = new ArrayList<>();
    for (ConversionTarget t : ConversionTarget.values()) {
      cmd.overridesOf(t).forEach((field, value) -> {
        String path = "overrides." + t.path() + "." + field;
        FieldType type = targetType(t, field);
        if (type == null) {
          errors.add(new FieldError(path, "is not a field of " + t.recordType().label() + " (use "
              + t.standardFields() + " or a defined customFields.KEY)"));
        } else if (policy.rules(t).isLocked(field)) {
          errors.add(new FieldError(path, "is locked by conversion policy " + policy.id() + " (version "
              + policy.version() + "): its value comes from the lead and cannot be changed at conversion"));
        } else {
          try {
            RecordFields.coerce(value, type);
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, e.getMessage()));
          }
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** @return the type of a target field, or null when the target has no such field */
  private FieldType targetType(ConversionTarget t, String field) {
    if (ConversionTarget.isCustom(field)) {
      return ctx.customFields().definition(t.recordType(), ConversionTarget.customKey(field))
          .map(d -> d.type()).orElse(null);
    }
    return t.standardFieldType(field);
  }

  // ---------------------------------------------------------------- planning (reads only)

  private static final class Plan {
    final ConversionPolicy policy;
    final ConvertLead cmd;
    final Lead lead;
    final Map<String, CustomValue> leadValues;
    final List<ConversionProblem> problems = new ArrayList<>();
    final Map<ConversionTarget, Draft> drafts = new EnumMap<>(ConversionTarget.class);

    Plan(ConversionPolicy policy, ConvertLead cmd, Lead lead) {
      this.policy = policy;
      this.cmd = cmd;
      this.lead = lead;
      this.leadValues = RecordFields.lead(lead.snapshot());
    }

    void problem(Reason reason, String field, String message) {
      problems.add(ConversionProblem.of(reason, field, message));
    }
  }

  private static final class Draft {
    final ConversionAction action;
    Disposition disposition = Disposition.NONE;
    UUID existingId;
    Map<String, CustomValue> values = new LinkedHashMap<>();
    List<DuplicateCandidate> candidates = List.of();
    Account account;
    Contact contact;
    boolean moveContactToAccount;

    Draft(ConversionAction action) {
      this.action = action;
    }

    TargetPlan toPlan() {
      return new TargetPlan(action, disposition, existingId, values, candidates);
    }
  }

  private Plan plan(ConvertLead cmd, ConversionPolicy policy, boolean automatic) {
    Lead lead = ctx.storage().leads().findById(cmd.leadId())
        .orElseThrow(() -> new RecordNotFoundException(RecordType.LEAD, cmd.leadId()));
    Values.checkVersion(RecordType.LEAD, lead.id(), cmd.expectedVersion(), lead.version());
    Plan p = new Plan(policy, cmd, lead);
    if (lead.isConverted()) {
      LeadConversionInfo info = lead.conversion().orElseThrow();
      p.problem(Reason.ALREADY_CONVERTED, "lead", "lead " + lead.id() + " was already converted on "
          + info.convertedAt() + " by " + info.convertedBy() + "; undo that conversion to convert it again");
      return p;
    }
    if (!statusConvertible(policy, lead.status())) {
      p.problem(Reason.STATUS_NOT_CONVERTIBLE, "lead.status", "policy " + policy.id() + " does not convert leads in"
          + " status " + lead.status() + " (convertible: " + (policy.convertibleStatuses().isEmpty()
              ? "open and qualified statuses" : policy.convertibleStatuses()) + ")");
    }
    if (automatic && !policy.automaticConversionAllowed()) {
      p.problem(Reason.AUTOMATIC_NOT_ALLOWED, "policyId",
          "policy " + policy.id() + " does not allow automatic conversion");
    }
    planAccount(p);
    planOpportunityAction(p);
    planContact(p);
    planOpportunity(p);
    return p;
  }

  private boolean statusConvertible(ConversionPolicy policy, String status) {
    if (!policy.convertibleStatuses().isEmpty()) {
      return policy.convertibleStatuses().contains(status);
    }
    return ctx.pipeline().findLeadStatus(status)
        .map(s -> s.kind() == LeadStatusKind.OPEN || s.kind() == LeadStatusKind.QUALIFIED)
        .orElse(false);
  }

  private static ConversionAction actionOf(Plan p, ConversionTarget t) {
    TargetChoice c = p.cmd.choice(t);
    return c == null ? p.policy.defaultAction(t) : c.action();
  }

  /** The lead's values mapped to a target, with the request's overrides applied. */
  private Map<String, CustomValue> mapped(Plan p, ConversionTarget t, Map<String, CustomValue> extra) {
    TargetRules rules = p.policy.rules(t);
    Map<String, CustomValue> out = new LinkedHashMap<>();
    if (rules.sameNameDefaults()) {
      p.leadValues.forEach((field, value) -> {
        if (!rules.unmapped().contains(field) && !rules.fieldMap().containsKey(field) && targetType(t, field) != null) {
          putCoerced(p, t, out, field, value, field);
        }
      });
    }
    rules.fieldMap().forEach((from, to) -> {
      CustomValue v = p.leadValues.get(from);
      if (v != null) {
        putCoerced(p, t, out, to, v, from);
      }
    });
    extra.forEach((f, v) -> out.putIfAbsent(f, v));
    p.cmd.overridesOf(t).forEach((f, v) -> out.put(f, RecordFields.coerce(v, targetType(t, f))));
    return out;
  }

  private void putCoerced(
      Plan p, ConversionTarget t, Map<String, CustomValue> out, String field, CustomValue v, String leadField) {
    try {
      out.put(field, RecordFields.coerce(v, targetType(t, field)));
    } catch (IllegalArgumentException e) {
      p.problem(Reason.INVALID_VALUE, t.path() + "." + field,
          "the lead's " + leadField + " " + e.getMessage() + "; correct the lead or override the field");
    }
  }

  /** @return a readable hint of where a target field's value comes from */
  private static String sourceOf(Plan p, ConversionTarget t, String field) {
    TargetRules rules = p.policy.rules(t);
    for (Map.Entry<String, String> e : rules.fieldMap().entrySet()) {
      if (e.getValue().equals(field)) {
        return "the lead's " + e.getKey();
      }
    }
    return rules.sameNameDefaults() && ConversionTarget.LEAD_FIELDS.contains(field) ? "the lead's " + field
        : "no lead field";
  }

  private void missing(Plan p, ConversionTarget t, String field) {
    p.problem(Reason.MISSING_REQUIRED_VALUE, t.path() + "." + field, "is required but has no value (it is mapped from "
        + sourceOf(p, t, field) + "); fill it in on the lead, override " + t.path() + "." + field
        + ", or choose another action for the " + t.path());
  }

  private void validation(Plan p, ConversionTarget t, ValidationException e) {
    for (FieldError err : e.errors()) {
      Reason r = err.message().equals("is required") ? Reason.MISSING_REQUIRED_VALUE : Reason.INVALID_VALUE;
      p.problem(r, t.path() + "." + err.field(), err.message());
    }
  }

  private void planAccount(Plan p) {
    ConversionTarget t = ConversionTarget.ACCOUNT;
    Draft d = new Draft(actionOf(p, t));
    p.drafts.put(t, d);
    if (d.action == ConversionAction.NONE) {
      return;
    }
    Map<String, CustomValue> values = mapped(p, t, Map.of());
    if (d.action == ConversionAction.LINK) {
      AccountId id = AccountId.of(p.cmd.account().existingId());
      Account a = ctx.storage().accounts().findById(id).orElseThrow(() -> new RecordNotFoundException(RecordType.ACCOUNT, id));
      linkAccount(p, d, a, values);
      return;
    }
    String website = text(values, "website") != null ? text(values, "website") : p.lead.details().website();
    AccountMatchKey key = AccountMatchKey.of(text(values, "name"), p.lead.details().email(), website);
    List<Account> found = key.isEmpty() ? List.of() : ctx.storage().accounts().findMatching(key, MAX_CANDIDATES);
    d.candidates = found.stream()
        .map(a -> new DuplicateCandidate(t, a.id().value(), a.name(),
            key.reasonsToMatch(AccountMatchKey.of(a.details())).stream().map(Enum::name).toList()))
        .toList();
    if (d.action == ConversionAction.MATCH_OR_CREATE && !found.isEmpty()) {
      Account only = found.get(0);
      AccountMatchKey otherKey = AccountMatchKey.of(only.details());
      if (found.size() == 1 && key.reasonsToMatch(otherKey).contains(AccountMatchKey.Reason.NAME)
          && !key.domainConflicts(otherKey)) {
        linkAccount(p, d, only, values);
      } else {
        d.values = values;
        p.problems.add(new ConversionProblem(Reason.AMBIGUOUS_MATCH, "account", found.size()
            + " existing account(s) may be this company but none matches clearly; link one of them (LINK), or create"
            + " a new account (CREATE allowing duplicates)", d.candidates));
      }
      return;
    }
    if (!found.isEmpty() && !p.cmd.allowDuplicates()) {
      p.problems.add(new ConversionProblem(Reason.DUPLICATES_FOUND, "account", found.size()
          + " existing account(s) may be this company; link one (LINK or MATCH_OR_CREATE), or allow duplicates",
          d.candidates));
    }
    d.disposition = Disposition.CREATED;
    d.values = values;
    if (text(values, "name") == null) {
      missing(p, t, "name");
      return;
    }
    checkTargetValues(p, t, values);
  }

  private void linkAccount(Plan p, Draft d, Account a, Map<String, CustomValue> values) {
    d.disposition = Disposition.LINKED;
    d.existingId = a.id().value();
    d.account = a;
    Map<String, CustomValue> current = RecordFields.account(a.snapshot());
    d.values = fills(current, values, p.policy.rules(ConversionTarget.ACCOUNT).overwriteOnLink());
    Map<String, CustomValue> merged = merge(current, d.values);
    checkTargetValues(p, ConversionTarget.ACCOUNT, merged);
  }

  /**
   * Checks an account's or contact's values as the record would hold them (standard and custom fields), recording
   * any problem against the target instead of throwing.
   */
  private void checkTargetValues(Plan p, ConversionTarget t, Map<String, CustomValue> values) {
    try {
      if (t == ConversionTarget.ACCOUNT) {
        RecordFields.toAccountDetails(values);
        ctx.customFields().validate(RecordType.ACCOUNT, RecordFields.toCustomFields(values));
      } else {
        RecordFields.toContactDetails(values);
        ctx.customFields().validate(RecordType.CONTACT, RecordFields.toCustomFields(values));
      }
    } catch (ValidationException e) {
      validation(p, t, e);
    }
  }

  private void planOpportunityAction(Plan p) {
    p.drafts.put(ConversionTarget.OPPORTUNITY, new Draft(actionOf(p, ConversionTarget.OPPORTUNITY)));
  }

  private boolean contactMustBelong(Plan p) {
    return p.policy.contactMustBelongToAccount()
        || (p.drafts.get(ConversionTarget.OPPORTUNITY).action == ConversionAction.CREATE
            && ctx.opportunityRules().contactMustBelongToAccount());
  }

  private void planContact(Plan p) {
    ConversionTarget t = ConversionTarget.CONTACT;
    Draft d = new Draft(actionOf(p, t));
    p.drafts.put(t, d);
    if (d.action == ConversionAction.NONE) {
      return;
    }
    Map<String, CustomValue> values = mapped(p, t, Map.of());
    if (d.action == ConversionAction.LINK) {
      ContactId id = ContactId.of(p.cmd.contact().existingId());
      Contact c = ctx.storage().contacts().findById(id).orElseThrow(() -> new RecordNotFoundException(RecordType.CONTACT, id));
      linkContact(p, d, c, values);
      return;
    }
    EmailAddress email = parseEmail(text(values, "email"));
    List<Contact> found = email == null ? List.of()
        : ctx.storage().contacts().find(ContactQuery.all().withEmail(email), PageRequest.first(MAX_CANDIDATES)).items();
    d.candidates = found.stream()
        .map(c -> new DuplicateCandidate(t, c.id().value(), c.details().displayName(), List.of("EMAIL")))
        .toList();
    if (d.action == ConversionAction.MATCH_OR_CREATE && !found.isEmpty()) {
      if (found.size() == 1) {
        linkContact(p, d, found.get(0), values);
      } else {
        d.values = values;
        p.problems.add(new ConversionProblem(Reason.AMBIGUOUS_MATCH, "contact", found.size()
            + " existing contacts have the e-mail address " + email + "; link one of them (LINK)", d.candidates));
      }
      return;
    }
    if (!found.isEmpty() && !p.cmd.allowDuplicates()) {
      p.problems.add(new ConversionProblem(Reason.DUPLICATES_FOUND, "contact", found.size()
          + " existing contact(s) have the e-mail address " + email
          + "; link one (LINK or MATCH_OR_CREATE), or allow duplicates", d.candidates));
    }
    d.disposition = Disposition.CREATED;
    d.values = values;
    if (text(values, "lastName") == null) {
      missing(p, t, "lastName");
      return;
    }
    checkTargetValues(p, t, values);
  }

  private void linkContact(Plan p, Draft d, Contact c, Map<String, CustomValue> values) {
    d.disposition = Disposition.LINKED;
    d.existingId = c.id().value();
    d.contact = c;
    Map<String, CustomValue> current = RecordFields.contact(c.snapshot());
    d.values = fills(current, values, p.policy.rules(ConversionTarget.CONTACT).overwriteOnLink());
    Draft account = p.drafts.get(ConversionTarget.ACCOUNT);
    if (account.disposition != Disposition.NONE) {
      Optional<AccountId> own = c.accountId();
      if (own.isEmpty()) {
        d.moveContactToAccount = true;
      } else if (contactMustBelong(p)
          && (account.disposition == Disposition.CREATED || !own.get().value().equals(account.existingId))) {
        p.problem(Reason.CONTACT_NOT_IN_ACCOUNT, "contact", "contact " + c.id() + " (" + c.details().displayName()
            + ") belongs to account " + own.get() + ", not to the conversion's account; link that account, or choose"
            + " another contact");
      }
    }
    checkTargetValues(p, ConversionTarget.CONTACT, merge(current, d.values));
  }

  private void planOpportunity(Plan p) {
    ConversionTarget t = ConversionTarget.OPPORTUNITY;
    Draft d = p.drafts.get(t);
    if (d.action == ConversionAction.NONE) {
      if (p.policy.opportunityRequired()) {
        p.problem(Reason.REQUIRED_TARGET_MISSING, "opportunity",
            "policy " + p.policy.id() + " requires an opportunity; it cannot be skipped");
      }
      return;
    }
    Map<String, CustomValue> extra = new LinkedHashMap<>();
    String name = renderName(p.policy.opportunityNameTemplate(), p.leadValues);
    if (name != null) {
      extra.put("name", CustomValue.text(name));
    }
    Map<String, CustomValue> values = mapped(p, t, extra);
    String stage = text(values, "stage") != null ? text(values, "stage")
        : p.policy.initialStage() != null ? p.policy.initialStage() : ctx.pipeline().firstOpenStage().key();
    values.put("stage", CustomValue.text(stage));
    d.disposition = Disposition.CREATED;
    d.values = values;
    if (ctx.pipeline().findStage(stage).isEmpty()) {
      p.problem(Reason.INVALID_VALUE, "opportunity.stage", "'" + stage + "' is not a sales stage");
    }
    if (text(values, "name") == null) {
      p.problem(Reason.MISSING_REQUIRED_VALUE, "opportunity.name", "is required but the name template '"
          + p.policy.opportunityNameTemplate() + "' gives no text for this lead; override opportunity.name");
    } else if (text(values, "name").strip().length() > 200) {
      p.problem(Reason.INVALID_VALUE, "opportunity.name", "must be at most 200 characters");
    }
    CustomValue amount = values.get("amount");
    if (amount instanceof CustomValue.MoneyValue m && m.value().isNegative()) {
      p.problem(Reason.INVALID_VALUE, "opportunity.amount", "must not be negative, was " + m.value());
    }
    try {
      ctx.customFields().validate(RecordType.OPPORTUNITY, RecordFields.toCustomFields(values));
    } catch (ValidationException e) {
      validation(p, t, e);
    }
    boolean noAccount = p.drafts.get(ConversionTarget.ACCOUNT).disposition == Disposition.NONE;
    boolean noContact = p.drafts.get(ConversionTarget.CONTACT).disposition == Disposition.NONE;
    if (noAccount && (p.policy.opportunityRequiresAccount() || ctx.opportunityRules().accountRequired())) {
      p.problem(Reason.REQUIRED_TARGET_MISSING, "opportunity.accountId",
          "the opportunity must be linked to an account; create or link one");
    }
    if (noContact && (p.policy.opportunityRequiresContact() || ctx.opportunityRules().contactRequired())) {
      p.problem(Reason.REQUIRED_TARGET_MISSING, "opportunity.contactId",
          "the opportunity must be linked to a contact; create or link one");
    }
  }

  /** Renders {@code {a|b}} placeholders; empty ones vanish with the separators around them. */
  static String renderName(String template, Map<String, CustomValue> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = "";
      for (String f : m.group(1).split("\\|", -1)) {
        String v = RecordFields.asText(values.get(f.strip()));
        if (v != null) {
          value = v;
          break;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String s = out.toString().replaceAll("\\s+", " ")
        .replaceAll("\\s*([\\-–—:,/|])(?:\\s*[\\-–—:,/|])+", " $1")
        .replaceAll("^[\\s\\-–—:,/|]+", "").replaceAll("[\\s\\-–—:,/|]+$", "");
    return s.isBlank() ? null : s.strip();
  }

  private static Map<String, CustomValue> fills(
      Map<String, CustomValue> current, Map<String, CustomValue> values, Set<String> overwrite) {
    Map<String, CustomValue> out = new LinkedHashMap<>();
    values.forEach((f, v) -> {
      CustomValue now = current.get(f);
      if (now == null || (overwrite.contains(f) && !now.equals(v))) {
        out.put(f, v);
      }
    });
    return out;
  }

  private static Map<String, CustomValue> merge(Map<String, CustomValue> current, Map<String, CustomValue> fills) {
    Map<String, CustomValue> m = new LinkedHashMap<>(current);
    m.putAll(fills);
    return m;
  }

  private static EmailAddress parseEmail(String text) {
    try {
      return text == null ? null : EmailAddress.of(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- execution (writes)

  private ConversionRecord execute(Actor actor, Plan p, boolean automatic, String ruleId) {
    Instant now = ctx.now();
    UserId owner = p.lead.owner();
    Draft a = p.drafts.get(ConversionTarget.ACCOUNT);
    Draft c = p.drafts.get(ConversionTarget.CONTACT);
    Draft o = p.drafts.get(ConversionTarget.OPPORTUNITY);

    AccountId accountId = null;
    if (a.disposition == Disposition.CREATED) {
      Account created = Account.create(AccountId.of(ctx.ids().nextId()), owner, RecordFields.toAccountDetails(a.values),
          Segments.none(), RecordFields.toCustomFields(a.values), now);
      Account saved = ctx.storage().accounts().save(created);
      ctx.emit(new AccountChanged(ChangeKind.CREATED, null, saved.snapshot(), now, actor));
      accountId = saved.id();
    } else if (a.disposition == Disposition.LINKED) {
      accountId = a.account.id();
      if (!a.values.isEmpty()) {
        Account account = a.account;
        AccountSnapshot before = account.snapshot();
        Map<String, CustomValue> merged = merge(RecordFields.account(before), a.values);
        account.edit(RecordFields.toAccountDetails(merged), account.segments(), RecordFields.toCustomFields(merged), now);
        Account saved = ctx.storage().accounts().save(account);
        ctx.emit(new AccountChanged(ChangeKind.UPDATED, before, saved.snapshot(), now, actor));
      }
    }

    ContactId contactId = null;
    if (c.disposition == Disposition.CREATED) {
      Contact created = Contact.create(ContactId.of(ctx.ids().nextId()), owner, accountId,
          RecordFields.toContactDetails(c.values), RecordFields.toCustomFields(c.values), now);
      Contact saved = ctx.storage().contacts().save(created);
      ctx.emit(new ContactChanged(ChangeKind.CREATED, null, saved.snapshot(), now, actor));
      contactId = saved.id();
    } else if (c.disposition == Disposition.LINKED) {
      contactId = c.contact.id();
      if (!c.values.isEmpty() || c.moveContactToAccount) {
        Contact contact = c.contact;
        ContactSnapshot before = contact.snapshot();
        if (!c.values.isEmpty()) {
          Map<String, CustomValue> merged = merge(RecordFields.contact(before), c.values);
          contact.edit(RecordFields.toContactDetails(merged), RecordFields.toCustomFields(merged), now);
        }
        if (c.moveContactToAccount) {
          contact.moveToAccount(accountId, now);
        }
        Contact saved = ctx.storage().contacts().save(contact);
        ctx.emit(new ContactChanged(ChangeKind.UPDATED, before, saved.snapshot(), now, actor));
      }
    }

    OpportunityId opportunityId = null;
    if (o.disposition == Disposition.CREATED) {
      Map<String, CustomValue> v = o.values;
      CreateOpportunity command = new CreateOpportunity(owner, text(v, "name"), accountId, contactId,
          v.get("amount") instanceof CustomValue.MoneyValue m ? m.value() : null, null, text(v, "stage"),
          v.get("closeDate") instanceof CustomValue.DateValue dv ? dv.value() : null, text(v, "leadSource"),
          text(v, "nextStep"), text(v, "description"), null, RecordFields.toCustomFields(v).values());
      opportunityId = opportunities.create(actor, command, ChangeOrigin.LEAD_CONVERSION, p.lead.id()).id();
    }

    // Reload: a workflow rule fired by the writes above may have touched the lead in this unit of work.
    Lead lead = ctx.storage().leads().findById(p.lead.id()).orElseThrow();
    LeadSnapshot before = lead.snapshot();
    LeadStatus converted = p.policy.convertedStatus() == null
        ? ctx.pipeline().convertedLeadStatus() : ctx.pipeline().leadStatus(p.policy.convertedStatus());
    lead.markConverted(converted, new LeadConversionInfo(accountId, contactId, opportunityId, now, actor.userId()));
    Lead savedLead = ctx.storage().leads().save(lead);
    ctx.emit(new LeadChanged(ChangeKind.UPDATED, before, savedLead.snapshot(), now, actor));

    Map<ConversionTarget, TargetResult> results = new EnumMap<>(ConversionTarget.class);
    results.put(ConversionTarget.ACCOUNT, result(a, accountId == null ? null : accountId.value(),
        accountId == null ? 0 : ctx.storage().accounts().findById(accountId).map(Account::version).orElse(0L)));
    results.put(ConversionTarget.CONTACT, result(c, contactId == null ? null : contactId.value(),
        contactId == null ? 0 : ctx.storage().contacts().findById(contactId).map(Contact::version).orElse(0L)));
    results.put(ConversionTarget.OPPORTUNITY, result(o, opportunityId == null ? null : opportunityId.value(),
        opportunityId == null ? 0
            : ctx.storage().opportunities().findById(opportunityId).map(Opportunity::version).orElse(0L)));
    ConversionRecord record = new ConversionRecord(ConversionId.of(ctx.ids().nextId()), 0, p.lead.id(), p.policy.id(),
        p.policy.version(), results, p.lead.snapshot(), automatic, ruleId, actor.userId(), now, null, null);
    ConversionRecord saved = ctx.storage().conversionRecords().save(record);
    ctx.emit(new LeadConverted(saved, now, actor));
    return saved;
  }

  private static TargetResult result(Draft d, UUID id, long version) {
    return id == null ? TargetResult.none(d.action) : new TargetResult(d.action, d.disposition, id, version);
  }

  // ---------------------------------------------------------------- undo

  private UndoOutcome undoInUnit(Actor actor, LeadId leadId) {
    Lead lead = ctx.storage().leads().findById(leadId)
        .orElseThrow(() -> new RecordNotFoundException(RecordType.LEAD, leadId));
    ConversionRecord record = ctx.storage().conversionRecords().findByLead(leadId).stream()
        .filter(r -> !r.isUndone())
        .reduce((first, second) -> second)
        .orElse(null);
    if (record == null || !lead.isConverted()) {
      return new UndoOutcome.Refused(leadId, List.of("lead " + leadId + " is not converted; there is nothing to undo"));
    }
    List<String> reasons = new ArrayList<>();
    TargetResult ra = record.target(ConversionTarget.ACCOUNT);
    TargetResult rc = record.target(ConversionTarget.CONTACT);
    TargetResult ro = record.target(ConversionTarget.OPPORTUNITY);
    boolean accountCreated = ra.disposition() == Disposition.CREATED;
    boolean contactCreated = rc.disposition() == Disposition.CREATED;
    boolean opportunityCreated = ro.disposition() == Disposition.CREATED;

    Opportunity opportunity = null;
    if (opportunityCreated) {
      OpportunityId id = OpportunityId.of(ro.recordId());
      opportunity = ctx.storage().opportunities().findById(id).orElse(null);
      unchanged(reasons, "opportunity", id, opportunity == null ? null : opportunity.version(), ro.versionAfter());
    }
    Contact contact = null;
    if (contactCreated) {
      ContactId id = ContactId.of(rc.recordId());
      contact = ctx.storage().contacts().findById(id).orElse(null);
      unchanged(reasons, "contact", id, contact == null ? null : contact.version(), rc.versionAfter());
      if (contact != null) {
        long others = ctx.storage().opportunities().countByContact(id) - (opportunityCreated ? 1 : 0);
        if (others > 0) {
          reasons.add("contact " + id + " created by the conversion is now linked to " + others
              + " other opportunity(ies); unlink them first");
        }
      }
    }
    Account account = null;
    if (accountCreated) {
      AccountId id = AccountId.of(ra.recordId());
      account = ctx.storage().accounts().findById(id).orElse(null);
      unchanged(reasons, "account", id, account == null ? null : account.version(), ra.versionAfter());
      if (account != null) {
        long contacts = ctx.storage().contacts().countByAccount(id) - (contactCreated ? 1 : 0);
        long opps = ctx.storage().opportunities().countByAccount(id) - (opportunityCreated ? 1 : 0);
        if (contacts > 0 || opps > 0) {
          reasons.add("account " + id + " created by the conversion now has " + contacts + " other contact(s) and "
              + opps + " other opportunity(ies); move or delete them first");
        }
      }
    }
    if (!reasons.isEmpty()) {
      return new UndoOutcome.Refused(leadId, reasons);
    }

    Instant now = ctx.now();
    if (opportunity != null) {
      ctx.storage().opportunities().delete(opportunity.id(), opportunity.version());
      ctx.emit(new OpportunityChanged(ChangeKind.DELETED, ChangeOrigin.LEAD_CONVERSION, opportunity.snapshot(), null,
          now, actor));
    }
    if (contact != null) {
      ctx.storage().contacts().delete(contact.id(), contact.version());
      ctx.emit(new ContactChanged(ChangeKind.DELETED, contact.snapshot(), null, now, actor));
    }
    if (account != null) {
      ctx.storage().accounts().delete(account.id(), account.version());
      ctx.emit(new AccountChanged(ChangeKind.DELETED, account.snapshot(), null, now, actor));
    }
    LeadSnapshot before = lead.snapshot();
    LeadStatus restored = ctx.pipeline().findLeadStatus(record.leadBefore().status())
        .filter(s -> !s.isConverted())
        .orElse(ctx.pipeline().initialLeadStatus());
    lead.revertConversion(restored, now);
    Lead savedLead = ctx.storage().leads().save(lead);
    ctx.emit(new LeadChanged(ChangeKind.UPDATED, before, savedLead.snapshot(), now, actor));
    ConversionRecord undone = ctx.storage().conversionRecords().save(record.undone(actor.userId(), now));
    ctx.emit(new LeadConversionUndone(undone, now, actor));
    return new UndoOutcome.Undone(leadId, undone);
  }

  private static void unchanged(List<String> reasons, String what, Object id, Long current, long expected) {
    if (current == null) {
      reasons.add(what + " " + id + " created by the conversion no longer exists");
    } else if (current != expected) {
      reasons.add(what + " " + id + " was changed after the conversion (version " + expected + " then, " + current
          + " now); undoing would lose that change. Revert or delete it by hand");
    }
  }

}
