package org.crmkit.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * Command: replace an opportunity's data (a form save; null clears a field). The stage changes only through
 * {@link OpportunityService#changeStage}, {@code win}, {@code lose} and {@code reopen}.
 *
 * @param expectedVersion the version the change is based on, or null
 * @param owner the new owner; null keeps the owner
 * @param probability percent; null returns to the stage's default; a value different from the current one is
 *     manual. Ignored while the opportunity is closed unless it differs (then rejected).
 */
public record UpdateOpportunity(
    @NotNull OpportunityId id,
    Long expectedVersion,
    UserId owner,
    @NotBlank @Size(max = 200) String name,
    AccountId accountId,
    ContactId contactId,
    Money amount,
    @Min(0) @Max(100) Integer probability,
    LocalDate closeDate,
    @Size(max = 80) String leadSource,
    @Size(max = 255) String nextStep,
    @Size(max = 4000) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** A command that keeps every value of the given opportunity: change the fields you need with the withers. */
  public static UpdateOpportunity from(org.crmkit.opportunity.Opportunity o) {
    return new UpdateOpportunity(
        o.id(), o.version(), o.owner(), o.name(), o.accountId().orElse(null), o.contactId().orElse(null),
        o.amount().orElse(null), o.probabilityManual() ? o.probability().percent() : null,
        o.closeDate().orElse(null), o.leadSource().orElse(null), o.nextStep().orElse(null),
        o.description().orElse(null), o.segments().values(), o.customFields().values());
  }

  public UpdateOpportunity withName(String value) {
    return new UpdateOpportunity(id, expectedVersion, owner, value, accountId, contactId, amount, probability,
        closeDate, leadSource, nextStep, description, segments, customFields);
  }

  public UpdateOpportunity withAmount(Money value) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, accountId, contactId, value, probability,
        closeDate, leadSource, nextStep, description, segments, customFields);
  }

  public UpdateOpportunity withProbability(Integer value) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, accountId, contactId, amount, value, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  public UpdateOpportunity withCloseDate(LocalDate value) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, accountId, contactId, amount, probability,
        value, leadSource, nextStep, description, segments, customFields);
  }

  public UpdateOpportunity withNextStep(String value) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, accountId, contactId, amount, probability,
        closeDate, leadSource, value, description, segments, customFields);
  }

  public UpdateOpportunity withLinks(AccountId account, ContactId contact) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, account, contact, amount, probability,
        closeDate, leadSource, nextStep, description, segments, customFields);
  }

  public UpdateOpportunity withExpectedVersion(Long value) {
    return new UpdateOpportunity(id, value, owner, name, accountId, contactId, amount, probability, closeDate,
        leadSource, nextStep, description, segments, customFields);
  }

  public UpdateOpportunity withSegments(Map<String, String> value) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, accountId, contactId, amount, probability,
        closeDate, leadSource, nextStep, description, value, customFields);
  }

  public UpdateOpportunity withCustomFields(Map<String, CustomValue> value) {
    return new UpdateOpportunity(id, expectedVersion, owner, name, accountId, contactId, amount, probability,
        closeDate, leadSource, nextStep, description, segments, value);
  }
}
