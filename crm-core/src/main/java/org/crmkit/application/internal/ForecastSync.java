package org.crmkit.application.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.crmkit.forecast.AmountChangePolicy;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RuleViolationException;

/**
 * Keeps billing forecasts in step with their opportunities: saves a forecast change with its history entry,
 * applies the pipeline's {@link AmountChangePolicy} when an amount changes, and removes the forecast with its
 * opportunity. Every method runs inside the caller's unit of work. Stateless; one per use.
 */
final class ForecastSync {
  private final Context ctx;

  ForecastSync(Context ctx) {
    this.ctx = ctx;
  }

  /** Saves a changed forecast and appends its history entry; returns the stored forecast. */
  BillingForecast save(Actor actor, BillingForecastSnapshot before, BillingForecast changed, ForecastChangeCause cause) {
    BillingForecast saved = ctx.storage().billingForecasts().save(changed);
    ctx.storage().forecastHistory().append(new ForecastHistoryEntry(
        ctx.ids().nextId(), saved.opportunityId(), saved.version(), cause, before.lines(), saved.lines(),
        saved.flaggedDifference().orElse(null), ctx.now(), actor.userId()));
    return saved;
  }

  /**
   * Applies the pipeline's policy when an opportunity's amount changes from {@code oldAmount} to
   * {@code newAmount}, whatever path changes it (the update use case, a workflow rule, an import): the opportunity
   * writer calls it before it saves the opportunity.
   *
   * @param id the opportunity
   * @param oldAmount the stored amount, or null
   * @param newAmount the amount about to be saved, or null
   * @throws RuleViolationException when the policy rejects the change, or the currency would change while the
   *     forecast has lines
   */
  void amountChanged(Actor actor, OpportunityId id, Money oldAmount, Money newAmount) {
    Optional<BillingForecast> found = ctx.storage().billingForecasts().findByOpportunity(id);
    if (found.isEmpty() || found.get().isEmpty() || (newAmount != null && newAmount.isNegative())) {
      // nothing to keep in step (a negative amount is rejected by the opportunity itself)
      return;
    }
    BillingForecast forecast = found.get();
    Money total = forecast.total().orElseThrow();
    if (newAmount != null && !newAmount.currency().equals(total.currency())) {
      throw new RuleViolationException("opportunity " + id + " has a billing forecast in "
          + total.currencyCode() + "; its amount cannot change to " + newAmount.currencyCode()
          + " — clear the forecast first, then enter it again in the new currency");
    }
    AmountChangePolicy policy = ctx.pipeline().forecastOnAmountChange();
    BillingForecastSnapshot before = forecast.snapshot();
    switch (policy) {
      case REJECT -> {
        if (!total.equals(newAmount)) {
          throw new RuleViolationException("opportunity " + id + " has a billing forecast totalling "
              + total + "; the pipeline's forecast policy is REJECT, so its amount can only change to that total"
              + " — edit the forecast first, then the amount");
        }
      }
      case RESCALE -> {
        if (oldAmount == null || oldAmount.isZero() || newAmount == null || total.isZero()
            || !oldAmount.currency().equals(newAmount.currency())) {
          flag(actor, forecast, before, newAmount);
        } else {
          BigDecimal targetAmount = total.amount().multiply(newAmount.amount())
              .divide(oldAmount.amount(), total.amount().scale(), RoundingMode.HALF_EVEN);
          Money target = new Money(targetAmount, total.currency());
          List<ForecastLine> scaled = ForecastLines.rescale(forecast.lines(), target);
          forecast.replaceLines(scaled, ctx.now());
          save(actor, before, forecast, ForecastChangeCause.AMOUNT_RESCALED);
        }
      }
      case KEEP_AND_FLAG -> flag(actor, forecast, before, newAmount);
    }
  }

  private void flag(Actor actor, BillingForecast forecast, BillingForecastSnapshot before, Money newAmount) {
    forecast.flag(newAmount, ctx.now());
    if (!java.util.Objects.equals(before.flaggedDifference(), forecast.flaggedDifference().orElse(null))) {
      save(actor, before, forecast, ForecastChangeCause.AMOUNT_FLAGGED);
    }
  }

  /** Deletes the opportunity's forecast, if any, recording the deletion in its history. */
  void opportunityDeleted(Actor actor, OpportunityId id) {
    ctx.storage().billingForecasts().findByOpportunity(id).ifPresent(forecast -> {
      ctx.storage().billingForecasts().delete(id, forecast.version());
      ctx.storage().forecastHistory().append(new ForecastHistoryEntry(
          ctx.ids().nextId(), id, forecast.version() + 1, ForecastChangeCause.DELETED, forecast.lines(), List.of(),
          null, ctx.now(), actor.userId()));
    });
  }
}
