package org.crmkit.bi;

import java.util.Objects;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * The fields of an opportunity's day state that stage history does not record, as the opportunity has them now: a
 * day rebuilt from history takes them for the opportunities no kept day holds
 * ({@link PipelineSnapshotRepository#untrackedFieldsNow}). Immutable.
 *
 * @param opportunityId never null
 * @param owner never null
 * @param accountId the account, or null
 * @param segments the segment values; never null (may be empty)
 * @param billingForecastTotal the total of the opportunity's billing forecast lines, or null when it has none
 */
public record UntrackedFields(
    OpportunityId opportunityId, UserId owner, AccountId accountId, Segments segments, Money billingForecastTotal) {

  public UntrackedFields {
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(segments, "segments");
  }
}
