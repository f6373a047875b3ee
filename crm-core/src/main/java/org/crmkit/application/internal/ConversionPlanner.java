package org.crmkit.application.internal;

import static org.crmkit.application.internal.RecordFields.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.access.Operation;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.internal.ConversionPlan.Draft;
import org.crmkit.application.internal.DuplicateFinder.Match;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionProblem.Reason;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.pipeline.LeadStatusKind;
import org.crmkit.shared.Actor;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;

/**
 * Plans a conversion without writing: reads the lead, maps its values, finds duplicates and linked records, and
 * collects every problem. Account and contact go through one algorithm ({@link #planExisting}), each with its own
 * {@link DuplicateFinder}; the opportunity is always new. Stateless and thread-safe.
 */
final class ConversionPlanner {
  private final Context ctx;
  private final ConversionPolicies policies;
  private final ConversionMapping mapping;
  private final AccountDuplicateFinder accounts;
  private final ContactDuplicateFinder contacts;

  ConversionPlanner(Context ctx, ConversionPolicies policies) {
    this.ctx = ctx;
    this.policies = policies;
    this.mapping = new ConversionMapping(policies);
    this.accounts = new AccountDuplicateFinder(ctx);
    this.contacts = new ContactDuplicateFinder(ctx);
  }

  /**
   * @param actor who converts: the lead must be visible to them (else not found) and the policy must let them
   *     convert it; duplicates and linked records are only what they see
   * @throws org.crmkit.shared.RecordNotFoundException when the lead or a linked record is missing or hidden
   * @throws org.crmkit.shared.AccessDeniedException when the policy refuses CONVERT on the lead or CREATE of a
   *     record the plan would create
   */
  ConversionPlan plan(Actor actor, ConvertLead cmd, ConversionPolicy policy, boolean automatic) {
    Lead lead = ctx.access().lead(actor, cmd.leadId());
    ctx.access().require(actor, Operation.CONVERT, RecordType.LEAD, lead.owner(), lead.id());
    Values.checkVersion(RecordType.LEAD, lead.id(), cmd.expectedVersion(), lead.version());
    ConversionPlan p = new ConversionPlan(actor, policy, cmd, lead, automatic);
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
    planExisting(p, accounts);
    p.drafts.put(ConversionTarget.OPPORTUNITY, new Draft(actionOf(p, ConversionTarget.OPPORTUNITY)));
    planExisting(p, contacts);
    planOpportunity(p);
    requireCreate(p);
    return p;
  }

  /**
   * Conversion is CONVERT on the lead plus CREATE of each record it creates (owned by the lead's owner), asked
   * while planning so that a dry run refuses exactly what the conversion would.
   */
  private void requireCreate(ConversionPlan p) {
    for (ConversionTarget t : ConversionTarget.values()) {
      Draft d = p.draft(t);
      if (d != null && d.disposition == Disposition.CREATED) {
        RecordType type = switch (t) {
          case ACCOUNT -> RecordType.ACCOUNT;
          case CONTACT -> RecordType.CONTACT;
          case OPPORTUNITY -> RecordType.OPPORTUNITY;
        };
        ctx.access().require(p.actor, Operation.CREATE, type, p.lead.owner(),
            () -> Access.aRecord(type, p.lead.owner()) + " (converting lead " + p.lead.id() + ")");
      }
    }
  }

  private boolean statusConvertible(ConversionPolicy policy, String status) {
    if (!policy.convertibleStatuses().isEmpty()) {
      return policy.convertibleStatuses().contains(status);
    }
    return ctx.pipeline().findLeadStatus(status)
        .map(s -> s.kind() == LeadStatusKind.OPEN || s.kind() == LeadStatusKind.QUALIFIED)
        .orElse(false);
  }

  private static ConversionAction actionOf(ConversionPlan p, ConversionTarget t) {
    TargetChoice c = p.cmd.choice(t);
    return c == null ? p.policy.defaultAction(t) : c.action();
  }

  /**
   * The one planning algorithm of a target that may already exist: LINK loads the record; otherwise duplicates
   * are looked up first. MATCH_OR_CREATE links the only candidate when it is exact and else refuses with the
   * candidates (AMBIGUOUS_MATCH); CREATE refuses when candidates exist (DUPLICATES_FOUND) unless duplicates are
   * allowed. Never links a candidate that is only alike.
   */
  private <R> void planExisting(ConversionPlan p, DuplicateFinder<R, ?> finder) {
    ConversionTarget t = finder.target();
    Draft d = new Draft(actionOf(p, t));
    p.drafts.put(t, d);
    if (d.action == ConversionAction.NONE) {
      return;
    }
    Map<String, CustomValue> values = mapping.mapped(p, t, Map.of());
    if (d.action == ConversionAction.LINK) {
      link(p, finder, d, finder.load(p.actor, p.cmd.choice(t).existingId()), values);
      return;
    }
    List<Match<R>> found = finder.candidates(p, values);
    d.candidates = found.stream().map(Match::candidate).toList();
    String label = t.path();
    if (d.action == ConversionAction.MATCH_OR_CREATE && !found.isEmpty()) {
      if (found.size() == 1 && found.get(0).exact()) {
        link(p, finder, d, found.get(0).record(), values);
      } else {
        d.values = values;
        p.problems.add(new ConversionProblem(Reason.AMBIGUOUS_MATCH, label, found.size() + " existing " + label
            + "(s) may be this customer but none matches clearly (" + describe(d.candidates) + "); link one of them"
            + " (LINK), or create a new " + label + " (CREATE allowing duplicates)", d.candidates));
      }
      return;
    }
    if (!found.isEmpty() && !p.cmd.allowDuplicates()) {
      p.problems.add(new ConversionProblem(Reason.DUPLICATES_FOUND, label, found.size() + " existing " + label
          + "(s) may be this customer (" + describe(d.candidates) + "); link one (LINK or MATCH_OR_CREATE), or allow"
          + " duplicates", d.candidates));
    }
    d.disposition = Disposition.CREATED;
    d.values = values;
    if (text(values, finder.requiredField()) == null) {
      mapping.missing(p, t, finder.requiredField());
      return;
    }
    d.details = check(p, finder, values);
  }

  private static String describe(List<DuplicateCandidate> candidates) {
    return String.join(", ", candidates.stream().map(c -> "'" + c.label() + "' by " + c.matchedOn()).toList());
  }

  private <R> void link(ConversionPlan p, DuplicateFinder<R, ?> finder, Draft d, R record, Map<String, CustomValue> values) {
    ConversionTarget t = finder.target();
    Map<String, CustomValue> current = finder.values(record);
    d.disposition = Disposition.LINKED;
    finder.attach(d, record);
    d.existingId = Optional.of(finder.id(record));
    d.current = current;
    d.values = ConversionMapping.fills(current, values, p.policy.rules(t).overwriteOnLink());
    finder.checkLink(p, d, record);
    check(p, finder, ConversionMapping.merge(current, d.values));
  }

  /** @return the details the values make, or null when they are not valid (the plan then has problems) */
  private static <R> Object check(ConversionPlan p, DuplicateFinder<R, ?> finder, Map<String, CustomValue> values) {
    try {
      return finder.check(values);
    } catch (ValidationException e) {
      validation(p, finder.target(), e);
      return null;
    }
  }

  private static void validation(ConversionPlan p, ConversionTarget t, ValidationException e) {
    for (FieldError err : e.errors()) {
      Reason r = err.message().equals("is required") ? Reason.MISSING_REQUIRED_VALUE : Reason.INVALID_VALUE;
      p.problem(r, t.path() + "." + err.field(), err.message());
    }
  }

  private void planOpportunity(ConversionPlan p) {
    ConversionTarget t = ConversionTarget.OPPORTUNITY;
    Draft d = p.draft(t);
    if (d.action == ConversionAction.NONE) {
      if (p.policy.opportunityRequired()) {
        p.problem(Reason.REQUIRED_TARGET_MISSING, "opportunity",
            "policy " + p.policy.id() + " requires an opportunity; it cannot be skipped");
      }
      return;
    }
    Map<String, CustomValue> extra = new LinkedHashMap<>();
    String name = ConversionNameTemplate.render(p.policy.opportunityNameTemplate(), p.leadValues);
    if (name != null) {
      extra.put("name", CustomValue.text(name));
    }
    Map<String, CustomValue> values = mapping.mapped(p, t, extra);
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
    boolean noAccount = p.draft(ConversionTarget.ACCOUNT).disposition == Disposition.NONE;
    boolean noContact = p.draft(ConversionTarget.CONTACT).disposition == Disposition.NONE;
    if (noAccount && (p.policy.opportunityRequiresAccount() || ctx.opportunityRules().accountRequired())) {
      p.problem(Reason.REQUIRED_TARGET_MISSING, "opportunity.accountId",
          "the opportunity must be linked to an account; create or link one");
    }
    if (noContact && (p.policy.opportunityRequiresContact() || ctx.opportunityRules().contactRequired())) {
      p.problem(Reason.REQUIRED_TARGET_MISSING, "opportunity.contactId",
          "the opportunity must be linked to a contact; create or link one");
    }
  }
}
