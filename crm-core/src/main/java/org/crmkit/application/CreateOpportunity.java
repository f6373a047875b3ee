package org.crmkit.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.UserId;

/**
 * Command: create an opportunity. Only the name is required: {@code CreateOpportunity.named("Rocket skates")
 * .accountId(acme.id()).amount(Money.of("48000.00", "EUR")).closeDate(LocalDate.of(2026, 6, 30))}.
 *
 * @param owner the owner; null for the acting user
 * @param name required
 * @param accountId the account; null for none (a setting, {@link OpportunityRules}, may require it)
 * @param contactId the contact; null for none
 * @param amount null for none
 * @param probability percent 0..100; null for the stage's default (a value that differs from it is manual)
 * @param stage stage key; null for the pipeline's first open stage
 * @param closeDate the expected close date; null for none
 * @param segments segment dimension to value; null for none (an account's values fill the dimensions left out)
 * @param customFields custom field values by key (validated against the custom field schema); null for none
 */
public record CreateOpportunity(
    UserId owner,
    @NotBlank @Size(max = Limits.NAME) String name,
    AccountId accountId,
    ContactId contactId,
    Money amount,
    @Min(0) @Max(100) Integer probability,
    @Size(max = Limits.KEY) String stage,
    LocalDate closeDate,
    @Size(max = Limits.CATEGORY) String leadSource,
    @Size(max = Limits.NEXT_STEP) String nextStep,
    @Size(max = Limits.DESCRIPTION) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** Copies the maps, so that the command stays immutable. */
  public CreateOpportunity {
    segments = CommandValues.map(segments);
    customFields = CommandValues.map(customFields);
  }

  /**
   * An opportunity with only a name.
   *
   * @param name required
   * @return the command; name further values with the methods below
   */
  public static CreateOpportunity named(String name) {
    return new CreateOpportunity(null, name, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** @return this command with {@code owner} set to the given value (null for none) */
  public CreateOpportunity owner(UserId value) {
    return new CreateOpportunity(value, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  /** @return this command with {@code name} set to the given value (null for none) */
  public CreateOpportunity name(String value) {
    return new CreateOpportunity(owner, value, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  /** @return this command with {@code accountId} set to the given value (null for none) */
  public CreateOpportunity accountId(AccountId value) {
    return new CreateOpportunity(owner, name, value, contactId, amount, probability, stage, closeDate, leadSource,
        nextStep, description, segments, customFields);
  }

  /** @return this command with {@code contactId} set to the given value (null for none) */
  public CreateOpportunity contactId(ContactId value) {
    return new CreateOpportunity(owner, name, accountId, value, amount, probability, stage, closeDate, leadSource,
        nextStep, description, segments, customFields);
  }

  /** @return this command with {@code amount} set to the given value (null for none) */
  public CreateOpportunity amount(Money value) {
    return new CreateOpportunity(owner, name, accountId, contactId, value, probability, stage, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  /** @return this command with {@code probability} set to the given value (null for none) */
  public CreateOpportunity probability(Integer value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, value, stage, closeDate, leadSource,
        nextStep, description, segments, customFields);
  }

  /** @return this command with {@code stage} set to the given value (null for none) */
  public CreateOpportunity stage(String value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, value, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  /** @return this command with {@code closeDate} set to the given value (null for none) */
  public CreateOpportunity closeDate(LocalDate value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, value, leadSource,
        nextStep, description, segments, customFields);
  }

  /** @return this command with {@code leadSource} set to the given value (null for none) */
  public CreateOpportunity leadSource(String value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate, value,
        nextStep, description, segments, customFields);
  }

  /** @return this command with {@code nextStep} set to the given value (null for none) */
  public CreateOpportunity nextStep(String value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, value, description, segments, customFields);
  }

  /** @return this command with {@code description} set to the given value (null for none) */
  public CreateOpportunity description(String value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, value, segments, customFields);
  }

  /** @return this command with {@code segments} set to the given value (null for none) */
  public CreateOpportunity segments(Map<String, String> value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, value, customFields);
  }

  /** @return this command with {@code customFields} set to the given value (null for none) */
  public CreateOpportunity customFields(Map<String, CustomValue> value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, segments, value);
  }
}
