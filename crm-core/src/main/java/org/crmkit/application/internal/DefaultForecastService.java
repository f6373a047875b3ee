package org.crmkit.application.internal;

import org.crmkit.access.Operation;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.ForecastService;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SplitForecast;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;

final class DefaultForecastService implements ForecastService {
  private final Context ctx;

  DefaultForecastService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public BillingForecast get(Actor actor, OpportunityId opportunityId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(opportunityId, "opportunityId");
    return ctx.inUnitOfWork(actor, () -> {
      ctx.access().opportunity(actor, opportunityId);
      return loadForecast(opportunityId);
    });
  }

  @Override
  public BillingForecast splitEvenly(Actor actor, SplitForecast cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    Values.months("start", cmd.start(), cmd.months());
    return change(actor, cmd.opportunityId(), cmd.expectedVersion(), ForecastChangeCause.SPLIT, (o, f) -> {
      Money total = cmd.total() != null ? cmd.total() : o.amount().orElseThrow(() -> ValidationException.of(
          "total", "is required: opportunity " + o.id() + " has no amount to split"));
      f.replaceLines(ForecastLines.splitEvenly(total, cmd.start(), cmd.months()), ctx.now());
      return true;
    });
  }

  @Override
  public BillingForecast repeat(Actor actor, RepeatForecast cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    Values.months("start", cmd.start(), cmd.months());
    return change(actor, cmd.opportunityId(), cmd.expectedVersion(), ForecastChangeCause.REPEATED, (o, f) -> {
      f.replaceLines(ForecastLines.repeat(cmd.amount(), cmd.start(), cmd.months()), ctx.now());
      return true;
    });
  }

  @Override
  public BillingForecast enter(Actor actor, EnterForecast cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    List<ForecastLine> lines = new ArrayList<>(cmd.lines());
    if (lines.contains(null)) {
      throw ValidationException.of("lines", "must not contain null lines");
    }
    lines.forEach(line -> Values.month("lines", line.month()));
    ForecastChangeCause cause = lines.isEmpty() ? ForecastChangeCause.CLEARED : ForecastChangeCause.ENTERED;
    return change(actor, cmd.opportunityId(), cmd.expectedVersion(), cause, (o, f) -> {
      f.replaceLines(lines, ctx.now());
      return true;
    });
  }

  @Override
  public BillingForecast editLine(Actor actor, EditForecastLine cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    Values.month("month", cmd.month());
    ForecastLine line = new ForecastLine(cmd.month(), cmd.amount(), cmd.note());
    return change(actor, cmd.opportunityId(), cmd.expectedVersion(), ForecastChangeCause.LINE_EDITED, (o, f) -> {
      f.putLine(line, ctx.now());
      return true;
    });
  }

  @Override
  public BillingForecast removeLine(Actor actor, OpportunityId opportunityId, Long expectedVersion, YearMonth month) {
    ctx.requireActor(actor);
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(month, "month");
    return change(actor, opportunityId, expectedVersion, ForecastChangeCause.LINE_REMOVED,
        (o, f) -> f.removeLine(month, ctx.now()));
  }

  @Override
  public BillingForecast clear(Actor actor, OpportunityId opportunityId, Long expectedVersion) {
    ctx.requireActor(actor);
    Objects.requireNonNull(opportunityId, "opportunityId");
    return change(actor, opportunityId, expectedVersion, ForecastChangeCause.CLEARED, (o, f) -> {
      if (f.isEmpty() && !f.flagged()) {
        return false;
      }
      f.replaceLines(List.of(), ctx.now());
      return true;
    });
  }

  @Override
  public List<ForecastHistoryEntry> history(Actor actor, OpportunityId opportunityId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(opportunityId, "opportunityId");
    return ctx.inUnitOfWork(actor, () -> ctx.access().seesOpportunityChildren(actor, opportunityId)
        ? ctx.storage().forecastHistory().findByOpportunity(opportunityId) : List.of());
  }

  /** A change of a forecast: returns false when it changed nothing (then nothing is saved or recorded). */
  @FunctionalInterface
  private interface Change {
    boolean apply(Opportunity opportunity, BillingForecast forecast);
  }

  private BillingForecast change(
      Actor actor, OpportunityId id, Long expectedVersion, ForecastChangeCause cause, Change change) {
    return ctx.inUnitOfWork(actor, () -> {
      // the forecast follows its opportunity: visible with it, edited with EDIT_FORECAST on it
      Opportunity opportunity = ctx.access().opportunity(actor, id);
      ctx.access().require(actor, Operation.EDIT_FORECAST, RecordType.OPPORTUNITY, opportunity.owner(), id);
      BillingForecast forecast = loadForecast(id);
      Values.checkVersion(RecordType.BILLING_FORECAST, id, expectedVersion, forecast.version());
      BillingForecastSnapshot before = forecast.snapshot();
      if (!change.apply(opportunity, forecast)) {
        return forecast;
      }
      checkCurrency(opportunity, forecast);
      return new ForecastSync(ctx).save(actor, before, forecast, cause);
    });
  }

  private void checkCurrency(Opportunity opportunity, BillingForecast forecast) {
    if (forecast.isEmpty()) {
      return;
    }
    if (opportunity.amount().isEmpty()) {
      throw ValidationException.of("lines", "opportunity " + opportunity.id()
          + " has no amount; set its amount first, so the forecast's currency is known");
    }
    Money amount = opportunity.amount().get();
    Predicate<ForecastLine> wrong = l -> !l.amount().currency().equals(amount.currency());
    List<FieldError> errors = forecast.lines().stream().filter(wrong)
        .map(l -> new FieldError("lines[" + l.month() + "].amount", "is in " + l.amount().currencyCode()
            + "; it must be in " + amount.currencyCode() + ", the currency of the opportunity's amount"))
        .toList();
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private BillingForecast loadForecast(OpportunityId id) {
    return ctx.storage().billingForecasts().findByOpportunity(id).orElseGet(() -> BillingForecast.empty(id, ctx.now()));
  }
}
