package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.budget.CardForecastRow;
import org.crmkit.budget.CardWonRow;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;

/**
 * {@link AccountCardRepository} as two queries that join and filter in the database: the forecast lines of an
 * account's opportunities in the counted stages within the range of months, and the account's won opportunities
 * closed within the range. Amounts are read as stored; all arithmetic stays in the core.
 */
public final class JpaAccountCardRepository implements AccountCardRepository {
  private static final String FORECAST_ROWS =
      "select o.id, o.stage, o.probability, l.month, l.amount, l.currency"
          + " from CrmOpportunity o join CrmBillingForecast f on f.id = o.id join f.lines l"
          + " where o.accountId = :account and o.stage in :stages"
          + " and l.month >= :from and l.month <= :to and l.currency = :currency";
  private static final String WON_ROWS =
      "select o.id, o.closeDate, o.amount, o.currency from CrmOpportunity o"
          + " where o.accountId = :account and o.stage in :stages"
          + " and o.closeDate >= :from and o.closeDate <= :to"
          + " and o.amount is not null and o.currency = :currency";

  private final EntityManagers ems;

  public JpaAccountCardRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  @Override
  public List<CardForecastRow> forecastRows(AccountCardQuery q) {
    Objects.requireNonNull(q, "query");
    if (q.forecastStages().isEmpty()) {
      return List.of(); // "in ()" is not valid SQL, and no stage means no row
    }
    try {
      return ems.current().createQuery(FORECAST_ROWS, Object[].class)
          .setParameter("account", q.accountId().value())
          .setParameter("stages", q.forecastStages())
          .setParameter("from", q.from().atDay(1))
          .setParameter("to", q.to().atDay(1))
          .setParameter("currency", q.currency().getCurrencyCode())
          .getResultList().stream()
          .map(r -> new CardForecastRow(
              OpportunityId.of((UUID) r[0]),
              (String) r[1],
              Probability.of(((Number) r[2]).intValue()),
              YearMonth.from((LocalDate) r[3]),
              Mappers.money((BigDecimal) r[4], (String) r[5])))
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<CardWonRow> wonRows(AccountCardQuery q) {
    Objects.requireNonNull(q, "query");
    if (q.wonStages().isEmpty()) {
      return List.of();
    }
    try {
      return ems.current().createQuery(WON_ROWS, Object[].class)
          .setParameter("account", q.accountId().value())
          .setParameter("stages", q.wonStages())
          .setParameter("from", q.firstDay())
          .setParameter("to", q.lastDay())
          .setParameter("currency", q.currency().getCurrencyCode())
          .getResultList().stream()
          .map(r -> new CardWonRow(
              OpportunityId.of((UUID) r[0]),
              (LocalDate) r[1],
              Mappers.money((BigDecimal) r[2], (String) r[3])))
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
