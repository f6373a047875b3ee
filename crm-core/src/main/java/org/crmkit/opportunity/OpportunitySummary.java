package org.crmkit.opportunity;

import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;

/**
 * A list row: an opportunity with its account's name, read in one query (no query per row).
 *
 * @param id never null
 * @param name never null
 * @param stage stage key; never null
 * @param amount or null
 * @param probability never null
 * @param closeDate or null
 * @param owner never null
 * @param accountId or null
 * @param accountName the linked account's name, or null without an account or when the acting user may not see
 *     the account (the access policy's visibility of accounts)
 */
public record OpportunitySummary(
    OpportunityId id,
    String name,
    String stage,
    Money amount,
    Probability probability,
    LocalDate closeDate,
    UserId owner,
    AccountId accountId,
    String accountName) {
  public OpportunitySummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(owner, "owner");
  }
}
