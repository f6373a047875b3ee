package org.crmkit.jpa.internal;

import org.crmkit.shared.Visibility;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.budget.CardForecastMonth;
import org.crmkit.budget.CardWonMonth;
import org.crmkit.shared.Money;

/**
 * {@link AccountCardRepository} as two {@code GROUP BY} queries: the database joins, filters and sums the forecast
 * lines of an account's opportunities by month (weighting and rounding each line as
 * {@link org.crmkit.budget.AccountCards#weigh} does), and sums the won opportunities by month of their close date.
 * Only one row per month comes back. Both are scoped to the unit of work's tenant and count only the opportunities
 * the given visibility admits (a condition on their owner in the same statement).
 */
public final class JpaAccountCardRepository implements AccountCardRepository {
  /** Stage keys never hold a space, so this set matches no stage (SQL has no empty {@code IN ()}). */
  private static final Set<String> NO_STAGE = Set.of(" ");

  private final EntityManagers ems;

  public JpaAccountCardRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  @Override
  public List<CardForecastMonth> forecastByMonth(AccountCardQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Where scope = Where.tenant("o", ems.tenant()).visible("o.ownerId", visible);
    if (q.forecastStages().isEmpty() || scope.matchesNothing()) {
      return List.of(); // no counted stage (or no visible opportunity) means no line
    }
    int digits = Money.fractionDigits(q.currency());
    // The won stages are constants of the pipeline; as literals they keep parameters out of the SELECT clause, where
    // Hibernate would inline them and translate the query anew on every call (see InList).
    String won = InList.literals("o.stage", new TreeSet<>(q.wonStages().isEmpty() ? NO_STAGE : q.wonStages()));
    scope.in("o.stage", InList.of("stage", new TreeSet<>(q.forecastStages())));
    // round(amount * percent, digits - 2) / 100 is round(amount * percent / 100, digits) without a division whose
    // scale each database picks differently; ROUND rounds half up like Money.percent (amounts are not negative).
    String jpql = "select l.month, sum(l.money.amount),"
        + " sum(round(l.money.amount * (case when " + won + " then 100 else o.probability end), "
        + (digits - 2) + ")),"
        + " sum(case when " + won + " then l.money.amount else 0 end)"
        + " from CrmOpportunity o join CrmBillingForecast f on f.tenantId = o.tenantId and f.id = o.id join f.lines l"
        + scope + " and o.accountId = :account"
        + " and l.month >= :from and l.month <= :to and l.money.currency = :currency"
        + " group by l.month";
    try {
      return scope.bind(query(jpql))
          .setParameter("account", q.accountId().value())
          .setParameter("from", q.from().atDay(1))
          .setParameter("to", q.to().atDay(1))
          .setParameter("currency", q.currency().getCurrencyCode())
          .getResultList().stream()
          .map(r -> new CardForecastMonth(
              YearMonth.from((LocalDate) r[0]),
              money(r[1], q.currency()),
              money(decimal(r[2]).movePointLeft(2), q.currency()),
              money(r[3], q.currency())))
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<CardWonMonth> wonByMonth(AccountCardQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Where scope = Where.tenant("o", ems.tenant()).visible("o.ownerId", visible);
    if (q.wonStages().isEmpty() || scope.matchesNothing()) {
      return List.of();
    }
    scope.in("o.stage", InList.of("stage", new TreeSet<>(q.wonStages())));
    String jpql = "select extract(year from o.closeDate), extract(month from o.closeDate), sum(o.money.amount)"
        + " from CrmOpportunity o"
        + scope + " and o.accountId = :account"
        + " and o.closeDate >= :from and o.closeDate <= :to"
        + " and o.money.amount is not null and o.money.currency = :currency"
        + " group by extract(year from o.closeDate), extract(month from o.closeDate)";
    try {
      return scope.bind(query(jpql))
          .setParameter("account", q.accountId().value())
          .setParameter("from", q.firstDay())
          .setParameter("to", q.lastDay())
          .setParameter("currency", q.currency().getCurrencyCode())
          .getResultList().stream()
          .map(r -> new CardWonMonth(
              YearMonth.of(((Number) r[0]).intValue(), ((Number) r[1]).intValue()),
              money(r[2], q.currency())))
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private TypedQuery<Object[]> query(String jpql) {
    return ems.current().createQuery(jpql, Object[].class);
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal b) {
      return b;
    }
    return new BigDecimal(value.toString());
  }

  private static Money money(Object value, Currency currency) {
    return new Money(decimal(value), currency);
  }
}
