package org.crmkit.forecast;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.ValidationException;

/**
 * The billing forecast of one opportunity: expected invoicing by month. A separate aggregate keyed by the
 * opportunity's id (so the opportunity stays small and forecast edits do not conflict with stage changes), with
 * its own optimistic version.
 *
 * <p>Invariants: at most one line per month; lines in month order; no negative amount; all lines in one currency
 * (the use cases check it is the opportunity amount's currency); a flagged difference, if any, in that currency.
 * A forecast without lines is valid (the state before anything was entered, or after clearing).
 *
 * <p>Every change replaces the lines as a whole and clears the flag, except {@link #flag}, which only records it.
 * Not thread-safe: one instance per unit of work.
 */
public final class BillingForecast {
  private final OpportunityId opportunityId;
  private final long version;
  private List<ForecastLine> lines;
  private Money flaggedDifference;
  private Instant updatedAt;

  private BillingForecast(BillingForecastSnapshot s) {
    this.opportunityId = Objects.requireNonNull(s.opportunityId(), "opportunityId");
    this.version = s.version();
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
    this.lines = checked(s.lines());
    this.flaggedDifference = s.flaggedDifference();
    this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
    if (flaggedDifference != null && !lines.isEmpty()
        && !flaggedDifference.currency().equals(lines.get(0).amount().currency())) {
      throw new IllegalArgumentException("the flagged difference must be in the forecast's currency");
    }
  }

  /** A forecast without lines for an opportunity, not yet stored (version 0). */
  public static BillingForecast empty(OpportunityId opportunityId, Instant now) {
    return new BillingForecast(new BillingForecastSnapshot(opportunityId, 0, List.of(), null, now));
  }

  /** Rebuilds a forecast from stored state, checking its invariants. */
  public static BillingForecast restore(BillingForecastSnapshot snapshot) {
    return new BillingForecast(Objects.requireNonNull(snapshot, "snapshot"));
  }

  /** @return the current state as a value */
  public BillingForecastSnapshot snapshot() {
    return new BillingForecastSnapshot(opportunityId, version, lines, flaggedDifference, updatedAt);
  }

  /**
   * Replaces all lines (by hand, or with the result of {@link ForecastLines#splitEvenly} or
   * {@link ForecastLines#repeat}) and clears the flag.
   *
   * @param newLines the new lines in any order; never null; may be empty to clear the forecast
   * @throws ValidationException naming {@code lines[YYYY-MM].month} for a month given twice, or
   *     {@code lines[YYYY-MM].amount} for a line in another currency than the first
   */
  public void replaceLines(List<ForecastLine> newLines, Instant now) {
    this.lines = checked(newLines);
    this.flaggedDifference = null;
    this.updatedAt = Objects.requireNonNull(now, "now");
  }

  /** Sets one month's line, adding it or replacing the one of that month; clears the flag. */
  public void putLine(ForecastLine line, Instant now) {
    Objects.requireNonNull(line, "line");
    List<ForecastLine> next = new ArrayList<>(lines);
    next.removeIf(l -> l.month().equals(line.month()));
    next.add(line);
    replaceLines(next, now);
  }

  /**
   * Removes one month's line; clears the flag.
   *
   * @return false (and nothing changes) when the month had no line
   */
  public boolean removeLine(YearMonth month, Instant now) {
    Objects.requireNonNull(month, "month");
    List<ForecastLine> next = new ArrayList<>(lines);
    if (!next.removeIf(l -> l.month().equals(month))) {
      return false;
    }
    replaceLines(next, now);
    return true;
  }

  /**
   * Records that the opportunity's amount no longer matches: the flag holds {@code amount} (zero when null) minus
   * the total. A zero difference clears the flag instead.
   *
   * @param amount the opportunity's new amount, or null when it was cleared; in the forecast's currency
   */
  public void flag(Money amount, Instant now) {
    Optional<Money> total = total();
    if (total.isEmpty()) {
      return;
    }
    Money target = amount == null ? Money.zero(total.get().currency()) : amount;
    Money difference = target.minus(total.get());
    this.flaggedDifference = difference.isZero() ? null : difference;
    this.updatedAt = Objects.requireNonNull(now, "now");
  }

  /** @return the sum of the lines, or empty when there are none */
  public Optional<Money> total() {
    return ForecastLines.total(lines);
  }

  /** @return the currency of the lines, or empty when there are none */
  public Optional<Currency> currency() {
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).amount().currency());
  }

  /** @return the line of a month, if any */
  public Optional<ForecastLine> line(YearMonth month) {
    return lines.stream().filter(l -> l.month().equals(month)).findFirst();
  }

  public OpportunityId opportunityId() {
    return opportunityId;
  }

  public long version() {
    return version;
  }

  /** @return the lines in month order; never null, unmodifiable */
  public List<ForecastLine> lines() {
    return lines;
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** @return true while a difference with the opportunity's amount is flagged */
  public boolean flagged() {
    return flaggedDifference != null;
  }

  /** @return the flagged difference (opportunity amount minus forecast total), if flagged */
  public Optional<Money> flaggedDifference() {
    return Optional.ofNullable(flaggedDifference);
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  private static List<ForecastLine> checked(List<ForecastLine> candidate) {
    Objects.requireNonNull(candidate, "lines");
    List<FieldError> errors = new ArrayList<>();
    Set<YearMonth> months = new HashSet<>();
    Currency currency = null;
    for (ForecastLine line : candidate) {
      Objects.requireNonNull(line, "line");
      if (!months.add(line.month())) {
        errors.add(new FieldError(ForecastLine.field(line.month(), "month"),
            "appears more than once; a forecast has one line per month"));
      }
      if (currency == null) {
        currency = line.amount().currency();
      } else if (!currency.equals(line.amount().currency())) {
        errors.add(new FieldError(ForecastLine.field(line.month(), "amount"),
            "is in " + line.amount().currencyCode() + " but the forecast is in " + currency.getCurrencyCode()
                + "; all lines must be in one currency"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return candidate.stream().sorted(Comparator.comparing(ForecastLine::month)).toList();
  }
}
