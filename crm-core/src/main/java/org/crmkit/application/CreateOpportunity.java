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
import org.crmkit.shared.Money;
import org.crmkit.shared.UserId;

/**
 * Command: create an opportunity. Only the name is required.
 *
 * @param owner the owner; null for the acting user
 * @param amount or null
 * @param probability percent 0..100, or null for the stage's default (a value that differs from it is manual)
 * @param stage stage key, or null for the pipeline's first open stage
 * @param segments segment dimension to value; null for none
 * @param customFields custom field values; null for none
 */
public record CreateOpportunity(
    UserId owner,
    @NotBlank @Size(max = 200) String name,
    AccountId accountId,
    ContactId contactId,
    Money amount,
    @Min(0) @Max(100) Integer probability,
    @Size(max = 40) String stage,
    LocalDate closeDate,
    @Size(max = 80) String leadSource,
    @Size(max = 255) String nextStep,
    @Size(max = 4000) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** An opportunity with only a name. */
  public static CreateOpportunity named(String name) {
    return new CreateOpportunity(null, name, null, null, null, null, null, null, null, null, null, null, null);
  }

  public CreateOpportunity withName(String value) {
    return new CreateOpportunity(owner, value, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  public CreateOpportunity withOwner(UserId value) {
    return new CreateOpportunity(value, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  public CreateOpportunity withAccount(AccountId value) {
    return new CreateOpportunity(owner, name, value, contactId, amount, probability, stage, closeDate, leadSource,
        nextStep, description, segments, customFields);
  }

  public CreateOpportunity withContact(ContactId value) {
    return new CreateOpportunity(owner, name, accountId, value, amount, probability, stage, closeDate, leadSource,
        nextStep, description, segments, customFields);
  }

  public CreateOpportunity withAmount(Money value) {
    return new CreateOpportunity(owner, name, accountId, contactId, value, probability, stage, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  public CreateOpportunity withProbability(Integer value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, value, stage, closeDate, leadSource,
        nextStep, description, segments, customFields);
  }

  public CreateOpportunity withStage(String value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, value, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  public CreateOpportunity withCloseDate(LocalDate value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, value, leadSource,
        nextStep, description, segments, customFields);
  }

  public CreateOpportunity withLeadSource(String value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate, value,
        nextStep, description, segments, customFields);
  }

  public CreateOpportunity withSegments(Map<String, String> value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, value, customFields);
  }

  public CreateOpportunity withCustomFields(Map<String, CustomValue> value) {
    return new CreateOpportunity(owner, name, accountId, contactId, amount, probability, stage, closeDate,
        leadSource, nextStep, description, segments, value);
  }
}
