package org.crmkit.budget;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;

/**
 * One forecast line as the account card reads it: the line joined with its opportunity's stage and probability.
 *
 * @param opportunityId never null
 * @param stage the opportunity's current stage key; never null
 * @param probability the opportunity's current probability; never null
 * @param month the line's month; never null
 * @param amount the line's amount; never null
 */
public record CardForecastRow(
    OpportunityId opportunityId, String stage, Probability probability, YearMonth month, Money amount) {
  public CardForecastRow {
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(amount, "amount");
  }
}
