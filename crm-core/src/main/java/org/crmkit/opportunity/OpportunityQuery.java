package org.crmkit.opportunity;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Filters for listing opportunities; null (or an empty stage set) matches all. Results are ordered by creation
 * time, then id. Adapters run it natively (SQL in the JPA adapter).
 *
 * @param owner only this owner's
 * @param stages only these stage keys; empty for all
 * @param accountId only those linked to this account
 * @param contactId only those linked to this contact
 * @param closeFrom only those closing on or after this date; moved into the supported range
 *     ({@link Limits#clamp}), so {@code LocalDate.MIN} means "from the first date" on every storage
 * @param closeTo only those closing on or before this date; moved into the supported range likewise
 */
public record OpportunityQuery(
    UserId owner,
    Set<String> stages,
    AccountId accountId,
    ContactId contactId,
    LocalDate closeFrom,
    LocalDate closeTo) {

  public OpportunityQuery {
    stages = Set.copyOf(Objects.requireNonNull(stages, "stages"));
    closeFrom = Limits.clamp(closeFrom);
    closeTo = Limits.clamp(closeTo);
  }

  public static OpportunityQuery all() {
    return new OpportunityQuery(null, Set.of(), null, null, null, null);
  }

  public OpportunityQuery withOwner(UserId value) {
    return new OpportunityQuery(value, stages, accountId, contactId, closeFrom, closeTo);
  }

  public OpportunityQuery withStages(Set<String> value) {
    return new OpportunityQuery(owner, value, accountId, contactId, closeFrom, closeTo);
  }

  public OpportunityQuery withAccount(AccountId value) {
    return new OpportunityQuery(owner, stages, value, contactId, closeFrom, closeTo);
  }

  public OpportunityQuery withContact(ContactId value) {
    return new OpportunityQuery(owner, stages, accountId, value, closeFrom, closeTo);
  }

  public OpportunityQuery closingBetween(LocalDate from, LocalDate to) {
    return new OpportunityQuery(owner, stages, accountId, contactId, from, to);
  }
}
