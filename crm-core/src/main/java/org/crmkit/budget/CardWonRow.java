package org.crmkit.budget;

import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;

/**
 * One won opportunity as the account card reads it.
 *
 * @param opportunityId never null
 * @param closeDate the date it was won; never null
 * @param amount its amount; never null
 */
public record CardWonRow(OpportunityId opportunityId, LocalDate closeDate, Money amount) {
  public CardWonRow {
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(closeDate, "closeDate");
    Objects.requireNonNull(amount, "amount");
  }
}
