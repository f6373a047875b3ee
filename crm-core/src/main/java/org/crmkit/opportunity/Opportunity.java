package org.crmkit.opportunity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.customfield.CustomFields;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.Segments;
import org.crmkit.shared.Text;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

/**
 * An opportunity: a possible sale moving through the sales stages of a {@link Pipeline}.
 *
 * <p>Invariants: it always has a name, a stage and a probability. Probability follows the stage's default
 * unless set by hand ({@link #probabilityManual()}); a manual probability survives moves between open stages.
 * Won means probability 100 and a close date; lost means probability 0, a close date and an optional reason.
 * A closed opportunity changes stage only through an explicit {@link #reopen}, which restores the stage's
 * default probability.
 *
 * <p>The stage is stored as a key; what kind of stage it is (open, won, lost) is the {@link Pipeline}'s to say, so
 * every verb whose rules depend on the kind takes the pipeline, and {@link #restore(OpportunitySnapshot, Pipeline)}
 * re-checks the closed invariants of stored state.
 *
 * <p>Probability of a closed stage, one rule on every path: a won opportunity's probability is 100 and a lost
 * one's 0. A probability given for a closed stage (on creation or by {@link #changeProbability}) must be that
 * value, or it is refused with a {@link ValidationException} on {@code probability}; leaving it out takes it.
 *
 * <p>Every change of stage, amount, probability or close date is recorded in stage history by the use cases
 * (see {@link org.crmkit.history.HistoryRecorder}). Not thread-safe: one instance per unit of work.
 */
public final class Opportunity {
  private final OpportunityId id;
  private final long version;
  private final Instant createdAt;
  private final LeadId sourceLeadId;
  private UserId owner;
  private String name;
  private AccountId accountId;
  private ContactId contactId;
  private Money amount;
  private Probability probability;
  private boolean probabilityManual;
  private String stage;
  private LocalDate closeDate;
  private String lostReason;
  private String leadSource;
  private String nextStep;
  private String description;
  private Segments segments;
  private CustomFields customFields;
  private Instant updatedAt;

  private Opportunity(OpportunitySnapshot s) {
    this.id = Objects.requireNonNull(s.id(), "id");
    this.version = s.version();
    this.owner = Objects.requireNonNull(s.owner(), "owner");
    this.name = Text.required("name", s.name(), Limits.NAME);
    this.accountId = s.accountId();
    this.contactId = s.contactId();
    this.amount = s.amount();
    this.probability = Objects.requireNonNull(s.probability(), "probability");
    this.probabilityManual = s.probabilityManual();
    this.stage = Objects.requireNonNull(s.stage(), "stage");
    this.closeDate = Limits.date("closeDate", s.closeDate());
    this.lostReason = Text.multiline("lostReason", s.lostReason(), Limits.REASON);
    this.leadSource = Text.optional("leadSource", s.leadSource(), Limits.CATEGORY);
    this.nextStep = Text.optional("nextStep", s.nextStep(), Limits.NEXT_STEP);
    this.description = Text.multiline("description", s.description(), Limits.DESCRIPTION);
    this.segments = Objects.requireNonNull(s.segments(), "segments");
    this.customFields = Objects.requireNonNull(s.customFields(), "customFields");
    this.sourceLeadId = s.sourceLeadId();
    this.createdAt = Objects.requireNonNull(s.createdAt(), "createdAt");
    this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
    if (amount != null && amount.isNegative()) {
      throw ValidationException.of("amount", "must not be negative, was " + amount);
    }
  }

  private Opportunity(Opportunity o, long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
    this.id = o.id;
    this.version = version;
    this.owner = o.owner;
    this.name = o.name;
    this.accountId = o.accountId;
    this.contactId = o.contactId;
    this.amount = o.amount;
    this.probability = o.probability;
    this.probabilityManual = o.probabilityManual;
    this.stage = o.stage;
    this.closeDate = o.closeDate;
    this.lostReason = o.lostReason;
    this.leadSource = o.leadSource;
    this.nextStep = o.nextStep;
    this.description = o.description;
    this.segments = o.segments;
    this.customFields = o.customFields;
    this.sourceLeadId = o.sourceLeadId;
    this.createdAt = o.createdAt;
    this.updatedAt = o.updatedAt;
  }

  /**
   * Creates an opportunity from a draft. A draft in a won stage gets probability 100 and, without a close date,
   * {@code today}; in a lost stage probability 0 and the same close date rule.
   *
   * @throws ValidationException when the name is missing, the amount negative, the stage unknown, or the draft
   *     gives a closed stage a probability other than its own (100 for won, 0 for lost)
   */
  public static Opportunity create(
      OpportunityId id, UserId owner, OpportunityDraft draft, Pipeline pipeline, Instant now, LocalDate today) {
    Objects.requireNonNull(draft, "draft");
    SalesStage stage = draft.stage() == null ? pipeline.firstOpenStage() : pipeline.stage(draft.stage());
    Probability probability = stage.defaultProbability();
    boolean manual = false;
    if (!stage.isOpen() && draft.probability() != null) {
      requireClosedProbability(null, stage, draft.probability());
    }
    if (stage.isOpen() && draft.probability() != null && !draft.probability().equals(probability)) {
      probability = draft.probability();
      manual = true;
    }
    LocalDate closeDate = draft.closeDate();
    if (!stage.isOpen() && closeDate == null) {
      closeDate = today;
    }
    return new Opportunity(
        new OpportunitySnapshot(
            id, 0, owner, draft.name(), draft.accountId(), draft.contactId(), draft.amount(), probability, manual,
            stage.key(), closeDate, null, draft.leadSource(), draft.nextStep(), draft.description(),
            draft.segments(), draft.customFields(), draft.sourceLeadId(), now, now));
  }

  /**
   * Rebuilds an opportunity from stored state, checking the invariants that need no pipeline (what a storage
   * adapter calls). The use cases re-check loaded state with {@link #restore(OpportunitySnapshot, Pipeline)}.
   */
  public static Opportunity restore(OpportunitySnapshot snapshot) {
    return new Opportunity(Objects.requireNonNull(snapshot, "snapshot"));
  }

  /**
   * This opportunity as a storage stored it: a copy at {@code storedVersion}, the version the storage gave the state
   * {@link #snapshot()} returns. Equal to {@link #restore(OpportunitySnapshot)} of the stored snapshot, without
   * checking again what this instance's verbs and constructor already checked (what a storage adapter returns from
   * a save of this state).
   *
   * @param storedVersion the version the stored state has; 0 or more
   * @return a new opportunity; this one is unchanged
   * @throws IllegalArgumentException when {@code storedVersion} is negative
   */
  public Opportunity storedAs(long storedVersion) {
    return new Opportunity(this, storedVersion);
  }

  /**
   * Rebuilds an opportunity from stored state and checks that its stage exists in the pipeline. The closed-state
   * rules ({@link #checkClosedState}) are not checked here but before a save: a won or lost deal stored without a
   * close date by an earlier version must still load, so that it can be given a date, reopened or deleted.
   *
   * @throws org.crmkit.pipeline.UnknownStageException when the stage is not in the pipeline
   */
  public static Opportunity restore(OpportunitySnapshot snapshot, Pipeline pipeline) {
    Opportunity o = restore(snapshot);
    pipeline.stage(o.stage);
    return o;
  }

  /**
   * Checks the state about to be saved against the pipeline: a won opportunity has probability 100 and a close
   * date, a lost one probability 0 and a close date, and a closed one has no manual probability.
   *
   * @throws ValidationException on {@code probability} or {@code closeDate} when the state breaks one of these rules
   */
  public void checkClosedState(Pipeline pipeline) {
    SalesStage current = pipeline.stage(stage);
    if (current.isOpen()) {
      return;
    }
    if (!probability.equals(current.defaultProbability()) || probabilityManual) {
      throw ValidationException.of("probability", "opportunity " + id + " is " + current.kind()
          + " with probability " + probability + (probabilityManual ? " (manual)" : "")
          + "; a " + current.kind() + " opportunity has " + current.defaultProbability() + ", not set by hand");
    }
    if (closeDate == null) {
      throw ValidationException.of("closeDate", "opportunity " + id + " is " + current.kind()
          + " without a close date; give it the date it closed on, or reopen it");
    }
  }

  public OpportunitySnapshot snapshot() {
    return new OpportunitySnapshot(
        id, version, owner, name, accountId, contactId, amount, probability, probabilityManual, stage, closeDate,
        lostReason, leadSource, nextStep, description, segments, customFields, sourceLeadId, createdAt, updatedAt);
  }

  /** @return the values stage history tracks */
  public TrackedValues tracked() {
    return new TrackedValues(stage, amount, probability, closeDate);
  }

  /** Replaces the descriptive (untracked) fields. */
  public void describe(
      String newName,
      String newLeadSource,
      String newNextStep,
      String newDescription,
      Segments newSegments,
      CustomFields newCustomFields,
      Instant now) {
    this.name = Text.required("name", newName, Limits.NAME);
    this.leadSource = Text.optional("leadSource", newLeadSource, Limits.CATEGORY);
    this.nextStep = Text.optional("nextStep", newNextStep, Limits.NEXT_STEP);
    this.description = Text.multiline("description", newDescription, Limits.DESCRIPTION);
    this.segments = Objects.requireNonNull(newSegments, "segments");
    this.customFields = Objects.requireNonNull(newCustomFields, "customFields");
    this.updatedAt = now;
  }

  /** Links (or with null, unlinks) the account and the contact. */
  public void linkTo(AccountId newAccountId, ContactId newContactId, Instant now) {
    this.accountId = newAccountId;
    this.contactId = newContactId;
    this.updatedAt = now;
  }

  public void assignTo(UserId newOwner, Instant now) {
    this.owner = Objects.requireNonNull(newOwner, "owner");
    this.updatedAt = now;
  }

  /** Sets the amount, or clears it with null. */
  public void changeAmount(Money newAmount, Instant now) {
    if (newAmount != null && newAmount.isNegative()) {
      throw ValidationException.of("amount", "must not be negative, was " + newAmount);
    }
    this.amount = newAmount;
    this.updatedAt = now;
  }

  /**
   * Sets the expected (or, when closed, the actual) close date, or clears it with null while open.
   *
   * @throws RuleViolationException when the opportunity is won or lost and {@code newCloseDate} is null: a closed
   *     deal keeps the date it closed on
   */
  public void changeCloseDate(Pipeline pipeline, LocalDate newCloseDate, Instant now) {
    SalesStage current = pipeline.stage(stage);
    if (newCloseDate == null && !current.isOpen()) {
      throw new RuleViolationException("opportunity " + id + " is " + current.kind() + " on " + closeDate
          + "; a closed opportunity keeps its close date: give another date, or reopen it first");
    }
    this.closeDate = Limits.date("closeDate", newCloseDate);
    this.updatedAt = now;
  }

  /**
   * What an edit form asks for: {@code requested} sets the probability by hand (see {@link #overrideProbability});
   * null takes the stage's default again when the probability was set by hand.
   *
   * @throws ValidationException when the opportunity is closed and {@code requested} is not its fixed probability
   */
  public void changeProbability(Pipeline pipeline, Probability requested, Instant now) {
    if (requested == null) {
      if (probabilityManual) {
        resetProbability(pipeline, now);
      }
      return;
    }
    if (!requested.equals(probability)) {
      overrideProbability(pipeline, requested, now);
    }
  }

  /**
   * Sets the probability by hand; it is then marked manual. Setting the stage's own default while not manual
   * changes nothing; on a closed opportunity, giving its fixed probability changes nothing.
   *
   * @throws ValidationException when the opportunity is closed and {@code newProbability} is not its fixed
   *     probability (won is 100, lost is 0)
   */
  public void overrideProbability(Pipeline pipeline, Probability newProbability, Instant now) {
    Objects.requireNonNull(newProbability, "probability");
    SalesStage current = pipeline.stage(stage);
    if (!current.isOpen()) {
      requireClosedProbability(id, current, newProbability);
      return;
    }
    if (!probabilityManual && newProbability.equals(current.defaultProbability())) {
      return;
    }
    this.probability = newProbability;
    this.probabilityManual = true;
    this.updatedAt = now;
  }

  /** Drops a manual probability and takes the current stage's default again. */
  public void resetProbability(Pipeline pipeline, Instant now) {
    this.probability = pipeline.stage(stage).defaultProbability();
    this.probabilityManual = false;
    this.updatedAt = now;
  }

  /**
   * Moves an open opportunity to another open stage. Probability takes the new stage's default unless it was
   * set by hand. Moving to the current stage changes nothing.
   *
   * @throws IllegalStageTransitionException when the opportunity is closed (reopen it first) or the target is a
   *     won or lost stage (use {@link #win} or {@link #lose})
   */
  public void advanceTo(Pipeline pipeline, String stageKey, Instant now) {
    SalesStage current = pipeline.stage(stage);
    SalesStage target = pipeline.stage(stageKey);
    if (!current.isOpen()) {
      throw new IllegalStageTransitionException(
          "opportunity " + id + " is closed in stage " + stage + "; reopen it before moving it to " + stageKey);
    }
    if (!target.isOpen()) {
      throw new IllegalStageTransitionException(
          "stage " + stageKey + " closes the opportunity; use win or lose to close opportunity " + id);
    }
    if (target.key().equals(stage)) {
      return;
    }
    this.stage = target.key();
    if (!probabilityManual) {
      this.probability = target.defaultProbability();
    }
    this.updatedAt = now;
  }

  /**
   * Closes the opportunity as won: the pipeline's won stage, probability 100, the given close date.
   *
   * @throws IllegalStageTransitionException when it is already closed
   */
  public void win(Pipeline pipeline, LocalDate closedOn, Instant now) {
    Objects.requireNonNull(closedOn, "closedOn");
    requireOpen(pipeline, "win");
    this.stage = pipeline.wonStage().key();
    this.probability = Probability.CERTAIN;
    this.probabilityManual = false;
    this.closeDate = Limits.date("closeDate", closedOn);
    this.lostReason = null;
    this.updatedAt = now;
  }

  /**
   * Closes the opportunity as lost: the pipeline's lost stage, probability 0, the given close date, an optional
   * reason.
   *
   * @throws IllegalStageTransitionException when it is already closed
   */
  public void lose(Pipeline pipeline, String reason, LocalDate closedOn, Instant now) {
    Objects.requireNonNull(closedOn, "closedOn");
    requireOpen(pipeline, "lose");
    this.stage = pipeline.lostStage().key();
    this.probability = Probability.ZERO;
    this.probabilityManual = false;
    this.closeDate = Limits.date("closeDate", closedOn);
    this.lostReason = Text.multiline("lostReason", reason, Limits.REASON);
    this.updatedAt = now;
  }

  /**
   * Reopens a won or lost opportunity in an open stage, with that stage's default probability; the lost reason
   * is cleared, the close date kept (change it separately).
   *
   * @throws IllegalStageTransitionException when it is open, or the target stage is not open
   */
  public void reopen(Pipeline pipeline, String stageKey, Instant now) {
    SalesStage current = pipeline.stage(stage);
    SalesStage target = pipeline.stage(stageKey);
    if (current.isOpen()) {
      throw new IllegalStageTransitionException("opportunity " + id + " is open in stage " + stage + "; only closed ones can be reopened");
    }
    if (!target.isOpen()) {
      throw new IllegalStageTransitionException("reopen needs an open stage; " + stageKey + " is " + target.kind());
    }
    this.stage = target.key();
    this.probability = target.defaultProbability();
    this.probabilityManual = false;
    this.lostReason = null;
    this.updatedAt = now;
  }

  /** The one closed-probability rule: a closed stage's probability is its own (100 won, 0 lost). */
  private static void requireClosedProbability(OpportunityId id, SalesStage closed, Probability given) {
    if (!given.equals(closed.defaultProbability())) {
      throw ValidationException.of("probability", (id == null ? "an opportunity" : "opportunity " + id)
          + " in stage " + closed.key() + " is " + closed.kind() + ", so its probability is "
          + closed.defaultProbability() + ", not " + given + ": give " + closed.defaultProbability()
          + " or leave it out (reopen it to change the probability)");
    }
  }

  private void requireOpen(Pipeline pipeline, String verb) {
    StageKind kind = pipeline.stage(stage).kind();
    if (kind != StageKind.OPEN) {
      throw new IllegalStageTransitionException(
          "cannot " + verb + " opportunity " + id + ": it is already closed as " + kind + "; reopen it first");
    }
  }

  /** @return true when the current stage is open in the given pipeline */
  public boolean isOpen(Pipeline pipeline) {
    return pipeline.stage(stage).isOpen();
  }

  public OpportunityId id() {
    return id;
  }

  public long version() {
    return version;
  }

  public UserId owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  public Optional<AccountId> accountId() {
    return Optional.ofNullable(accountId);
  }

  public Optional<ContactId> contactId() {
    return Optional.ofNullable(contactId);
  }

  public Optional<Money> amount() {
    return Optional.ofNullable(amount);
  }

  public Probability probability() {
    return probability;
  }

  public boolean probabilityManual() {
    return probabilityManual;
  }

  /** @return the stage key */
  public String stage() {
    return stage;
  }

  public Optional<LocalDate> closeDate() {
    return Optional.ofNullable(closeDate);
  }

  public Optional<String> lostReason() {
    return Optional.ofNullable(lostReason);
  }

  public Optional<String> leadSource() {
    return Optional.ofNullable(leadSource);
  }

  public Optional<String> nextStep() {
    return Optional.ofNullable(nextStep);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public Segments segments() {
    return segments;
  }

  public CustomFields customFields() {
    return customFields;
  }

  public Optional<LeadId> sourceLeadId() {
    return Optional.ofNullable(sourceLeadId);
  }

  /** @return the amount times the probability, rounded to the currency; empty without an amount */
  public Optional<Money> weightedAmount() {
    return amount().map(a -> a.percent(probability));
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
