package org.crmkit.budget;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;

/**
 * The budget of one account by month: the target the seller expects to invoice that customer. A separate
 * aggregate keyed by the account's id, with its own optimistic version.
 *
 * <p>Invariants: at most one amount per month, none negative, all in one currency; months in order. Not
 * thread-safe: one instance per unit of work.
 */
public final class AccountBudget {
  private final AccountId accountId;
  private final long version;
  private List<BudgetLine> months;
  private Instant updatedAt;

  private AccountBudget(AccountBudgetSnapshot s) {
    this.accountId = Objects.requireNonNull(s.accountId(), "accountId");
    this.version = s.version();
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
    this.months = checked(s.months());
    this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
  }

  /** A budget without months, not yet stored (version 0). */
  public static AccountBudget empty(AccountId accountId, Instant now) {
    return new AccountBudget(new AccountBudgetSnapshot(accountId, 0, List.of(), now));
  }

  /** Rebuilds a budget from stored state, checking its invariants. */
  public static AccountBudget restore(AccountBudgetSnapshot snapshot) {
    return new AccountBudget(Objects.requireNonNull(snapshot, "snapshot"));
  }

  public AccountBudgetSnapshot snapshot() {
    return new AccountBudgetSnapshot(accountId, version, months, updatedAt);
  }

  /**
   * Sets the amounts of the given months, keeping the other months.
   *
   * @param lines never null; one per month
   * @throws ValidationException naming {@code months[YYYY-MM].month} or {@code months[YYYY-MM].amount} for a
   *     month given twice or an amount in another currency than the budget's
   */
  public void setMonths(Collection<BudgetLine> lines, Instant now) {
    Objects.requireNonNull(lines, "lines");
    Set<YearMonth> seen = new HashSet<>();
    List<FieldError> twice = new ArrayList<>();
    for (BudgetLine l : lines) {
      if (!seen.add(l.month())) {
        twice.add(new FieldError("months[" + l.month() + "].month", "appears more than once"));
      }
    }
    if (!twice.isEmpty()) {
      throw new ValidationException(twice);
    }
    Map<YearMonth, BudgetLine> next = byMonth();
    lines.forEach(l -> next.put(l.month(), l));
    this.months = checked(List.copyOf(next.values()));
    this.updatedAt = Objects.requireNonNull(now, "now");
  }

  /** Removes the amounts of the given months (months without an amount are ignored). */
  public void removeMonths(Collection<YearMonth> toRemove, Instant now) {
    Objects.requireNonNull(toRemove, "months");
    Map<YearMonth, BudgetLine> next = byMonth();
    toRemove.forEach(next::remove);
    this.months = List.copyOf(next.values());
    this.updatedAt = Objects.requireNonNull(now, "now");
  }

  /** @return the amount of a month, if budgeted */
  public Optional<Money> amount(YearMonth month) {
    return months.stream().filter(l -> l.month().equals(month)).map(BudgetLine::amount).findFirst();
  }

  /** @return the budget's currency, or empty when no month is budgeted */
  public Optional<Currency> currency() {
    return months.isEmpty() ? Optional.empty() : Optional.of(months.get(0).amount().currency());
  }

  public AccountId accountId() {
    return accountId;
  }

  public long version() {
    return version;
  }

  /** @return the budgeted months in order; never null, unmodifiable */
  public List<BudgetLine> months() {
    return months;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  private Map<YearMonth, BudgetLine> byMonth() {
    Map<YearMonth, BudgetLine> map = new TreeMap<>();
    months.forEach(l -> map.put(l.month(), l));
    return map;
  }

  private static List<BudgetLine> checked(List<BudgetLine> candidate) {
    List<FieldError> errors = new ArrayList<>();
    Set<YearMonth> seen = new HashSet<>();
    Currency currency = null;
    for (BudgetLine l : candidate) {
      Objects.requireNonNull(l, "month");
      if (!seen.add(l.month())) {
        errors.add(new FieldError("months[" + l.month() + "].month", "appears more than once"));
      }
      if (currency == null) {
        currency = l.amount().currency();
      } else if (!currency.equals(l.amount().currency())) {
        errors.add(new FieldError("months[" + l.month() + "].amount", "is in " + l.amount().currencyCode()
            + " but the budget is in " + currency.getCurrencyCode() + "; a budget has one currency"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return candidate.stream().sorted(Comparator.comparing(BudgetLine::month)).toList();
  }
}
