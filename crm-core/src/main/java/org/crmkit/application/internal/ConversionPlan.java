package org.crmkit.application.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.application.ConvertLead;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionProblem.Reason;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.FieldFill;
import org.crmkit.conversion.TargetPlan;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.shared.Actor;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.RecordId;

/**
 * What {@link ConversionPlanner} decided for one conversion, read by {@link ConversionExecutor}: the lead, a draft
 * per target and every problem found. Only a plan without problems is executed. Filled while planning, then read.
 */
final class ConversionPlan {
  /** Who converts: duplicates and linked records are what this actor may see. */
  final Actor actor;
  final ConversionPolicy policy;
  final ConvertLead cmd;
  final Lead lead;
  final Map<String, CustomValue> leadValues;
  final boolean automatic;
  final List<ConversionProblem> problems = new ArrayList<>();
  final Map<ConversionTarget, Draft> drafts = new EnumMap<>(ConversionTarget.class);
  /** The match key the account duplicate look-up used, or null when it looked none up. */
  AccountMatchKey accountKey;
  /** The e-mail address the contact duplicate look-up used, or null when it looked none up. */
  EmailAddress contactEmail;

  ConversionPlan(Actor actor, ConversionPolicy policy, ConvertLead cmd, Lead lead, boolean automatic) {
    this.actor = actor;
    this.policy = policy;
    this.cmd = cmd;
    this.lead = lead;
    this.automatic = automatic;
    this.leadValues = RecordFields.lead(lead.snapshot());
  }

  void problem(Reason reason, String field, String message) {
    problems.add(ConversionProblem.of(reason, field, message));
  }

  Draft draft(ConversionTarget target) {
    return drafts.get(target);
  }

  /** @return the plan per target, as a dry run reports it */
  Map<ConversionTarget, TargetPlan> targetPlans() {
    Map<ConversionTarget, TargetPlan> out = new EnumMap<>(ConversionTarget.class);
    drafts.forEach((t, d) -> out.put(t, d.toPlan()));
    return out;
  }

  /** What the conversion will do to one target. */
  static final class Draft {
    final ConversionAction action;
    Disposition disposition = Disposition.NONE;
    /** The values a new record receives, or the fields a linked record gets filled or overwritten. */
    Map<String, CustomValue> values = new LinkedHashMap<>();
    /** A linked record's values before the conversion (to record what the fills replace). */
    Map<String, CustomValue> current = Map.of();
    List<DuplicateCandidate> candidates = List.of();
    Optional<RecordId> existingId = Optional.empty();
    /**
     * For a record to create: its standard details as planning built and checked them from {@link #values} (so the
     * executor does not build them again), or null.
     */
    Object details;
    Account account;
    Contact contact;
    boolean moveContactToAccount;

    Draft(ConversionAction action) {
      this.action = action;
    }

    /** @return what the conversion writes into the linked record, with the values it replaces */
    List<FieldFill> fills() {
      List<FieldFill> fills = new ArrayList<>();
      values.forEach((field, value) -> fills.add(new FieldFill(field, Optional.ofNullable(current.get(field)), value)));
      return fills;
    }

    TargetPlan toPlan() {
      return new TargetPlan(action, disposition, existingId, values, candidates);
    }
  }
}
