package org.crmkit.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * Command: change some of an opportunity's data, e.g. {@code UpdateOpportunity.of(deal.id(), deal.version())
 * .amount(Money.of("52000.00", "EUR")).clearCloseDate()}. The stage changes only through
 * {@link OpportunityService#changeStage}, {@code win}, {@code lose} and {@code reopen}. A probability set by hand
 * is marked manual; while the opportunity is closed a probability different from its own (100 or 0) is refused
 * with a {@link org.crmkit.shared.ValidationException} on {@code probability}, and clearing the close date of a won
 * or lost opportunity is refused with a {@link org.crmkit.shared.RuleViolationException}.
 *
 * <p>Start with {@link #of} and name each change; a field the command does not name keeps its current value, and
 * {@code clearX()} empties an optional field, so "leave as is" and "clear" are different words.
 *
 * @param id the record to change; never null
 * @param expectedVersion the version the change is based on (the version of the record the user saw; a host that
 *     does not track versions passes the version of the record it just loaded). A different stored version is a
 *     {@link org.crmkit.shared.ConflictException} and nothing is written.
 * @param changed the fields this command changes; the others keep their current values. Never null (the
 *     canonical constructor treats null as none).
 * @param owner the new owner
 * @param name the new name (it cannot be cleared)
 * @param accountId the new account; null when the change clears it
 * @param contactId the new contact; null when the change clears it
 * @param amount the new amount; null when the change clears it
 * @param probability the new probability in percent, set by hand; null when the change returns it to the stage's
 *     default
 * @param closeDate the new expected close date; null when the change clears it
 * @param segments the complete new segment values (replacing all of them)
 * @param customFields the complete new custom field values (replacing all of them)
 */
public record UpdateOpportunity(
    @NotNull OpportunityId id,
    long expectedVersion,
    @NotNull Set<Field> changed,
    UserId owner,
    @Size(max = Limits.NAME) String name,
    AccountId accountId,
    ContactId contactId,
    Money amount,
    @Min(0) @Max(100) Integer probability,
    LocalDate closeDate,
    @Size(max = Limits.CATEGORY) String leadSource,
    @Size(max = Limits.NEXT_STEP) String nextStep,
    @Size(max = Limits.DESCRIPTION) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** The fields an {@code UpdateOpportunity} can change. */
  public enum Field {
    OWNER,
    NAME,
    ACCOUNT_ID,
    CONTACT_ID,
    AMOUNT,
    PROBABILITY,
    CLOSE_DATE,
    LEAD_SOURCE,
    NEXT_STEP,
    DESCRIPTION,
    SEGMENTS,
    CUSTOM_FIELDS
  }

  /** Copies the set of changed fields and the maps, so that the command stays immutable. */
  public UpdateOpportunity {
    changed = CommandValues.fields(changed, Field.class);
    segments = CommandValues.map(segments);
    customFields = CommandValues.map(customFields);
  }

  /**
   * A command that changes nothing yet: name the changes with the methods below.
   *
   * @param id the record to change; never null
   * @param expectedVersion the version the change is based on
   * @return a command that changes nothing yet
   */
  public static UpdateOpportunity of(OpportunityId id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    return new UpdateOpportunity(id, expectedVersion, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  /**
   * @param field a field; never null
   * @return whether this command changes the field (when it does, the field's component holds the new value, null
   *     when it clears the field)
   */
  public boolean changes(Field field) {
    return changed.contains(field);
  }

  private Set<Field> with(Field field) {
    return CommandValues.plus(changed, field);
  }

  /**
   * Changes {@code owner}.
   *
   * @param value the new value; never null (it cannot be cleared)
   * @return a copy of this command that also changes {@code owner}
   */
  public UpdateOpportunity owner(UserId value) {
    Objects.requireNonNull(value, "owner: it cannot be cleared; leave it out to keep the current value");
    return new UpdateOpportunity(id, expectedVersion, with(Field.OWNER), value, name, accountId, contactId, amount,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code name}.
   *
   * @param value the new value; never null (it cannot be cleared)
   * @return a copy of this command that also changes {@code name}
   */
  public UpdateOpportunity name(String value) {
    Objects.requireNonNull(value, "name: it cannot be cleared; leave it out to keep the current value");
    return new UpdateOpportunity(id, expectedVersion, with(Field.NAME), owner, value, accountId, contactId, amount,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code accountId}.
   *
   * @param value the new value; null is the same as {@link #clearAccountId()}
   * @return a copy of this command that also changes {@code accountId}
   */
  public UpdateOpportunity accountId(AccountId value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.ACCOUNT_ID), owner, name, value, contactId, amount,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Clears {@code accountId} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code accountId}
   */
  public UpdateOpportunity clearAccountId() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.ACCOUNT_ID), owner, name, null, contactId, amount,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code contactId}.
   *
   * @param value the new value; null is the same as {@link #clearContactId()}
   * @return a copy of this command that also changes {@code contactId}
   */
  public UpdateOpportunity contactId(ContactId value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.CONTACT_ID), owner, name, accountId, value, amount,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Clears {@code contactId} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code contactId}
   */
  public UpdateOpportunity clearContactId() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.CONTACT_ID), owner, name, accountId, null, amount,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code amount}.
   *
   * @param value the new value; null is the same as {@link #clearAmount()}
   * @return a copy of this command that also changes {@code amount}
   */
  public UpdateOpportunity amount(Money value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.AMOUNT), owner, name, accountId, contactId, value,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Clears {@code amount} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code amount}
   */
  public UpdateOpportunity clearAmount() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.AMOUNT), owner, name, accountId, contactId, null,
        probability, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code probability}.
   *
   * @param value the new value; null is the same as {@link #probabilityFromStage()}
   * @return a copy of this command that also changes {@code probability}
   */
  public UpdateOpportunity probability(Integer value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.PROBABILITY), owner, name, accountId, contactId,
        amount, value, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Returns the probability to the stage's default (it is no longer set by hand).
   *
   * @return a copy of this command that also changes {@code probability}
   */
  public UpdateOpportunity probabilityFromStage() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.PROBABILITY), owner, name, accountId, contactId,
        amount, null, closeDate, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code closeDate}.
   *
   * @param value the new value; null is the same as {@link #clearCloseDate()}
   * @return a copy of this command that also changes {@code closeDate}
   */
  public UpdateOpportunity closeDate(LocalDate value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.CLOSE_DATE), owner, name, accountId, contactId,
        amount, probability, value, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Clears {@code closeDate} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code closeDate}
   */
  public UpdateOpportunity clearCloseDate() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.CLOSE_DATE), owner, name, accountId, contactId,
        amount, probability, null, leadSource, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code leadSource}.
   *
   * @param value the new value; null is the same as {@link #clearLeadSource()}
   * @return a copy of this command that also changes {@code leadSource}
   */
  public UpdateOpportunity leadSource(String value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.LEAD_SOURCE), owner, name, accountId, contactId,
        amount, probability, closeDate, value, nextStep, description, segments, customFields);
  }

  /**
   * Clears {@code leadSource} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code leadSource}
   */
  public UpdateOpportunity clearLeadSource() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.LEAD_SOURCE), owner, name, accountId, contactId,
        amount, probability, closeDate, null, nextStep, description, segments, customFields);
  }

  /**
   * Changes {@code nextStep}.
   *
   * @param value the new value; null is the same as {@link #clearNextStep()}
   * @return a copy of this command that also changes {@code nextStep}
   */
  public UpdateOpportunity nextStep(String value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.NEXT_STEP), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, value, description, segments, customFields);
  }

  /**
   * Clears {@code nextStep} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code nextStep}
   */
  public UpdateOpportunity clearNextStep() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.NEXT_STEP), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, null, description, segments, customFields);
  }

  /**
   * Changes {@code description}.
   *
   * @param value the new value; null is the same as {@link #clearDescription()}
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateOpportunity description(String value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.DESCRIPTION), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, nextStep, value, segments, customFields);
  }

  /**
   * Clears {@code description} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateOpportunity clearDescription() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.DESCRIPTION), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, nextStep, null, segments, customFields);
  }

  /**
   * Changes {@code segments}.
   *
   * @param value the new value; null is the same as {@link #clearSegments()}
   * @return a copy of this command that also changes {@code segments}
   */
  public UpdateOpportunity segments(Map<String, String> value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.SEGMENTS), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, nextStep, description, value, customFields);
  }

  /**
   * Clears {@code segments} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code segments}
   */
  public UpdateOpportunity clearSegments() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.SEGMENTS), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, nextStep, description, null, customFields);
  }

  /**
   * Changes {@code customFields}.
   *
   * @param value the new value; null is the same as {@link #clearCustomFields()}
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateOpportunity customFields(Map<String, CustomValue> value) {
    return new UpdateOpportunity(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, nextStep, description, segments, value);
  }

  /**
   * Clears {@code customFields} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateOpportunity clearCustomFields() {
    return new UpdateOpportunity(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, name, accountId, contactId,
        amount, probability, closeDate, leadSource, nextStep, description, segments, null);
  }
}
