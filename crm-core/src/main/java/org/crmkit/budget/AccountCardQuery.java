package org.crmkit.budget;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Limits;

/**
 * What the account card reads from storage: one account, a range of months, one currency, and which stages count.
 * Built by the use case from the pipeline, so adapters need no pipeline knowledge.
 *
 * @param accountId the account; never null
 * @param from the first month, inclusive; never null
 * @param to the last month, inclusive; never null, not before {@code from}
 * @param currency only amounts in this currency are read (nothing is converted); never null
 * @param forecastStages the stage keys whose opportunities' forecast lines count (open stages counted in the
 *     forecast, and won stages); never null (copied)
 * @param wonStages the stage keys that mean won; never null (copied)
 */
public record AccountCardQuery(
    AccountId accountId,
    YearMonth from,
    YearMonth to,
    Currency currency,
    Set<String> forecastStages,
    Set<String> wonStages) {

  public AccountCardQuery {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(currency, "currency");
    Limits.month("from", from);
    Limits.month("to", to);
    forecastStages = Set.copyOf(Objects.requireNonNull(forecastStages, "forecastStages"));
    wonStages = Set.copyOf(Objects.requireNonNull(wonStages, "wonStages"));
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** @return the first day of the range */
  public LocalDate firstDay() {
    return from.atDay(1);
  }

  /** @return the last day of the range */
  public LocalDate lastDay() {
    return to.atEndOfMonth();
  }
}
