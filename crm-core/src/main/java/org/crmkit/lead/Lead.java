package org.crmkit.lead;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.customfield.CustomFields;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.pipeline.LeadStatusKind;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Text;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

/**
 * A lead: a prospect captured before it is known to be a real customer (from a web form, a list, a call). A
 * lead holds only its own data and links to nothing; converting it creates or links the account, contact and
 * opportunity it becomes.
 *
 * <p>Lifecycle: a lead starts in the pipeline's first open status, moves through open statuses, may become
 * qualified or unqualified (with a reason), and ends converted. A converted lead is read-only: every change
 * throws {@link RecordReadOnlyException}; only {@link #revertConversion} (undo of a conversion) reopens it.
 *
 * <p>Not thread-safe: load, change and save one instance per unit of work.
 */
public final class Lead {
  private final LeadId id;
  private final long version;
  private final Instant createdAt;
  private UserId owner;
  private LeadDetails details;
  private String status;
  private String unqualifiedReason;
  private CustomFields customFields;
  private LeadConversionInfo conversion;
  private Instant updatedAt;

  private Lead(LeadSnapshot s) {
    this.id = Objects.requireNonNull(s.id(), "id");
    this.version = s.version();
    this.owner = Objects.requireNonNull(s.owner(), "owner");
    this.details = Objects.requireNonNull(s.details(), "details");
    this.status = Objects.requireNonNull(s.status(), "status");
    this.unqualifiedReason = s.unqualifiedReason();
    this.customFields = Objects.requireNonNull(s.customFields(), "customFields");
    this.conversion = s.conversion();
    this.createdAt = Objects.requireNonNull(s.createdAt(), "createdAt");
    this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
  }

  /**
   * Captures a new lead in the given initial status.
   *
   * @throws ValidationException when the status is not an open status
   */
  public static Lead capture(
      LeadId id, UserId owner, LeadDetails details, CustomFields customFields, LeadStatus status, Instant now) {
    Objects.requireNonNull(status, "status");
    if (status.kind() == LeadStatusKind.CONVERTED || status.kind() == LeadStatusKind.UNQUALIFIED) {
      throw ValidationException.of(
          "status", "a new lead cannot start as " + status.key() + "; use an open or qualified status");
    }
    return new Lead(new LeadSnapshot(id, 0, owner, details, status.key(), null, customFields, null, now, now));
  }

  /** Rebuilds a lead from stored state, checking its invariants. */
  public static Lead restore(LeadSnapshot snapshot) {
    return new Lead(Objects.requireNonNull(snapshot, "snapshot"));
  }

  /** @return the complete current state */
  public LeadSnapshot snapshot() {
    return new LeadSnapshot(
        id, version, owner, details, status, unqualifiedReason, customFields, conversion, createdAt, updatedAt);
  }

  /** Replaces the lead's standard data and custom fields. */
  public void edit(LeadDetails newDetails, CustomFields newCustomFields, Instant now) {
    requireNotConverted();
    this.details = Objects.requireNonNull(newDetails, "details");
    this.customFields = Objects.requireNonNull(newCustomFields, "customFields");
    this.updatedAt = now;
  }

  /** Gives the lead to another owner. */
  public void assignTo(UserId newOwner, Instant now) {
    requireNotConverted();
    this.owner = Objects.requireNonNull(newOwner, "owner");
    this.updatedAt = now;
  }

  /**
   * Moves the lead to another status. Unqualified statuses need a reason; converted statuses are reached only
   * by converting the lead.
   *
   * @param reason why the lead is unqualified; required for unqualified statuses, ignored otherwise
   */
  public void changeStatus(LeadStatus newStatus, String reason, Instant now) {
    requireNotConverted();
    Objects.requireNonNull(newStatus, "status");
    if (newStatus.isConverted()) {
      throw new RuleViolationException(
          "lead " + id + " cannot be set to converted status " + newStatus.key() + " by hand; convert the lead instead");
    }
    if (newStatus.kind() == LeadStatusKind.UNQUALIFIED) {
      String why = Text.multiline("reason", reason, Limits.REASON);
      if (why == null) {
        throw ValidationException.of("reason", "a reason is required to mark a lead unqualified");
      }
      this.unqualifiedReason = why;
    } else {
      this.unqualifiedReason = null;
    }
    this.status = newStatus.key();
    this.updatedAt = now;
  }

  /**
   * Marks the lead converted: sets a converted status and records what it became. From now on the lead is
   * read-only.
   *
   * @throws RecordReadOnlyException when the lead is already converted
   */
  public void markConverted(LeadStatus convertedStatus, LeadConversionInfo info) {
    requireNotConverted();
    Objects.requireNonNull(convertedStatus, "convertedStatus");
    Objects.requireNonNull(info, "info");
    if (!convertedStatus.isConverted()) {
      throw new IllegalArgumentException(convertedStatus.key() + " is not a status flagged as converted");
    }
    this.status = convertedStatus.key();
    this.conversion = info;
    this.updatedAt = info.convertedAt();
  }

  /**
   * Undoes a conversion: the lead is editable again, in the given status. Only the conversion undo use case
   * calls this.
   *
   * @throws RuleViolationException when the lead is not converted
   */
  public void revertConversion(LeadStatus restoredStatus, Instant now) {
    if (conversion == null) {
      throw new RuleViolationException("lead " + id + " is not converted; there is nothing to undo");
    }
    if (restoredStatus.isConverted()) {
      throw new IllegalArgumentException("an undone conversion cannot restore converted status " + restoredStatus.key());
    }
    this.conversion = null;
    this.status = restoredStatus.key();
    this.updatedAt = now;
  }

  private void requireNotConverted() {
    if (conversion != null) {
      throw new RecordReadOnlyException(
          "lead " + id + " was converted on " + conversion.convertedAt() + " and is read-only; change the records it became instead");
    }
  }

  public LeadId id() {
    return id;
  }

  public long version() {
    return version;
  }

  public UserId owner() {
    return owner;
  }

  public LeadDetails details() {
    return details;
  }

  /** @return the status key */
  public String status() {
    return status;
  }

  public Optional<String> unqualifiedReason() {
    return Optional.ofNullable(unqualifiedReason);
  }

  public CustomFields customFields() {
    return customFields;
  }

  public boolean isConverted() {
    return conversion != null;
  }

  public Optional<LeadConversionInfo> conversion() {
    return Optional.ofNullable(conversion);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
