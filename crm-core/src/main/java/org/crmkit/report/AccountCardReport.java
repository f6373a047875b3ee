package org.crmkit.report;

import java.util.Objects;
import org.crmkit.budget.AccountCard;

/**
 * The account card as reports: its figures by month as a result table (month, budget, forecast, weighted,
 * committed, won; money in the card's currency) and the account's opportunities by stage.
 *
 * @param card the figures as the account card service computes them; never null
 * @param figures the same figures as a result table; never null
 * @param opportunitiesByStage the account's opportunities by stage: count, sum(amount), weighted_amount; never null
 */
public record AccountCardReport(AccountCard card, ReportResult figures, ReportResult opportunitiesByStage) {
  public AccountCardReport {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(figures, "figures");
    Objects.requireNonNull(opportunitiesByStage, "opportunitiesByStage");
  }
}
