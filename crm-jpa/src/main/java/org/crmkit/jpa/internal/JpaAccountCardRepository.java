package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.CardAccount;
import org.crmkit.budget.CardFigures;
import org.crmkit.budget.CardForecastMonth;
import org.crmkit.budget.CardWonMonth;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/**
 * {@link AccountCardRepository} as two plain JDBC statements on the unit of work's connection
 * ({@code EntityManager.callWithConnection}), with every value bound as a parameter: the account's owner joined with
 * its budget months, then one statement whose two {@code GROUP BY} halves ({@code UNION ALL}) sum the forecast lines
 * of the account's opportunities by month (weighting and rounding each line as
 * {@link org.crmkit.budget.AccountCards#weigh} does) and the won opportunities by month of their close date. Only one
 * row per month comes back, and no entity is loaded. Every table is scoped to the unit of work's tenant, and the sums
 * count only the opportunities the given visibility admits (a condition on their owner in the same statement).
 *
 * <p>JDBC rather than JPQL because the card is a hot read whose statements are fixed: the provider's query handling
 * (creating the query, binding, reading results into arrays) cost more than the database's work on H2 (see
 * docs/PERFORMANCE.md, issue 16). The SQL is portable between PostgreSQL and H2; tables are qualified with the
 * persistence unit's {@code hibernate.default_schema} when it has one, as the provider's own SQL is.
 */
public final class JpaAccountCardRepository implements AccountCardRepository {
  /** The persistence-unit property that puts crmkit's tables in a schema of their own (see JpaStorage). */
  private static final String DEFAULT_SCHEMA = "hibernate.default_schema";

  private final EntityManagers ems;
  /** {@code "schema".} or empty, read from the factory on first use (the same for every unit of work). */
  private volatile String tablePrefix;

  public JpaAccountCardRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  @Override
  public Optional<CardAccount> findAccount(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    EntityManager em = ems.current();
    String p = prefix(em);
    // Budget lines join the budget's table directly: a budget without lines has no months, as the aggregate says.
    String sql = "SELECT a.owner_id, l.budget_month, l.amount, l.currency FROM " + p + "crm_account a"
        + " LEFT JOIN " + p + "crm_account_budget_line l ON l.tenant_id = a.tenant_id AND l.account_id = a.id"
        + " WHERE a.tenant_id = ? AND a.id = ?";
    String tenant = ems.tenant().value();
    return call(em, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, tenant);
        ps.setObject(2, accountId.value());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          UserId owner = UserId.of(rs.getString(1));
          List<BudgetLine> budget = new ArrayList<>();
          do {
            LocalDate month = rs.getObject(2, LocalDate.class);
            if (month != null) {
              budget.add(new BudgetLine(YearMonth.from(month),
                  new Money(rs.getBigDecimal(3), Currency.getInstance(rs.getString(4)))));
            }
          } while (rs.next());
          return Optional.of(new CardAccount(accountId, owner, budget));
        }
      }
    });
  }

  @Override
  public CardFigures figures(AccountCardQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visible, "visible");
    List<String> owners = List.of();
    if (visible instanceof Visibility.Owners o) {
      if (o.isEmpty()) {
        return CardFigures.none(); // no visible opportunity: nothing to send
      }
      owners = padded(Where.owners(o));
    }
    List<String> forecastStages = padded(new TreeSet<>(q.forecastStages()));
    List<String> wonStages = padded(new TreeSet<>(q.wonStages()));
    if (forecastStages.isEmpty() && wonStages.isEmpty()) {
      return CardFigures.none(); // no stage counts: no line and no amount
    }
    EntityManager em = ems.current();
    String p = prefix(em);
    String ownerCondition = owners.isEmpty() ? "" : " AND o.owner_id IN " + marks(owners.size());
    int digits = Money.fractionDigits(q.currency());
    List<String> parts = new ArrayList<>(2);
    List<Object> parameters = new ArrayList<>();
    if (!forecastStages.isEmpty()) {
      // kind 0, the forecast by line month. ROUND(amount * percent, digits - 2) / 100 is ROUND(amount * percent / 100,
      // digits) without a division whose scale each database picks differently; ROUND rounds half up like
      // Money.percent (amounts are not negative). With no won stage, no line is won.
      String won = wonStages.isEmpty() ? "1 = 0" : "o.stage IN " + marks(wonStages.size());
      parts.add("SELECT 0, l.line_month, SUM(l.amount),"
          + " SUM(ROUND(l.amount * CASE WHEN " + won + " THEN 100 ELSE o.probability END, " + (digits - 2) + ")),"
          + " SUM(CASE WHEN " + won + " THEN l.amount ELSE 0 END)"
          + " FROM " + p + "crm_opportunity o JOIN " + p + "crm_billing_forecast_line l"
          + " ON l.tenant_id = o.tenant_id AND l.opportunity_id = o.id"
          + " WHERE o.tenant_id = ? AND o.account_id = ? AND o.stage IN " + marks(forecastStages.size())
          + ownerCondition
          + " AND l.line_month >= ? AND l.line_month <= ? AND l.currency = ?"
          + " GROUP BY l.line_month");
      parameters.addAll(wonStages);
      parameters.addAll(wonStages);
      parameters.add(ems.tenant().value());
      parameters.add(q.accountId().value());
      parameters.addAll(forecastStages);
      parameters.addAll(owners);
      parameters.add(q.from().atDay(1));
      parameters.add(q.to().atDay(1));
      parameters.add(q.currency().getCurrencyCode());
    }
    if (!wonStages.isEmpty()) {
      // kind 1, the won amounts by month of the close date (its first day stands for the month)
      parts.add("SELECT 1, MIN(o.close_date), SUM(o.amount), 0, 0 FROM " + p + "crm_opportunity o"
          + " WHERE o.tenant_id = ? AND o.account_id = ? AND o.stage IN " + marks(wonStages.size()) + ownerCondition
          + " AND o.close_date >= ? AND o.close_date <= ? AND o.amount IS NOT NULL AND o.currency = ?"
          + " GROUP BY EXTRACT(YEAR FROM o.close_date), EXTRACT(MONTH FROM o.close_date)");
      parameters.add(ems.tenant().value());
      parameters.add(q.accountId().value());
      parameters.addAll(wonStages);
      parameters.addAll(owners);
      parameters.add(q.firstDay());
      parameters.add(q.lastDay());
      parameters.add(q.currency().getCurrencyCode());
    }
    String sql = String.join(" UNION ALL ", parts);
    Currency currency = q.currency();
    return call(em, c -> {
      List<CardForecastMonth> forecast = new ArrayList<>();
      List<CardWonMonth> won = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          ps.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            YearMonth month = YearMonth.from(rs.getObject(2, LocalDate.class));
            if (rs.getInt(1) == 0) {
              forecast.add(new CardForecastMonth(month, money(rs.getBigDecimal(3), currency),
                  money(rs.getBigDecimal(4).movePointLeft(2), currency), money(rs.getBigDecimal(5), currency)));
            } else {
              won.add(new CardWonMonth(month, money(rs.getBigDecimal(3), currency)));
            }
          }
        }
      }
      return new CardFigures(forecast, won);
    });
  }

  /** A JDBC step on the unit of work's connection; SQL and provider failures become crmkit's exceptions. */
  private interface Step<T> {
    T run(Connection connection) throws SQLException;
  }

  private static <T> T call(EntityManager em, Step<T> step) {
    try {
      return em.callWithConnection((Connection c) -> {
        try {
          return step.run(c);
        } catch (SQLException e) {
          throw new PersistenceException(e.getMessage(), e);
        }
      });
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private String prefix(EntityManager em) {
    String known = tablePrefix;
    if (known == null) {
      Object schema = em.getEntityManagerFactory().getProperties().get(DEFAULT_SCHEMA);
      known = schema == null || schema.toString().isBlank() ? "" : schema.toString().strip() + ".";
      tablePrefix = known;
    }
    return known;
  }

  /**
   * @return the values padded to a power of two by repeating the last (as {@link InList} does), so that sets of
   *     different sizes share a few statements in the database's and the driver's statement caches; empty for none
   */
  private static List<String> padded(java.util.Collection<String> values) {
    return values.isEmpty() ? List.of() : InList.of("p", values).values().stream().map(String.class::cast).toList();
  }

  /** @return {@code (?, ?, ...)} with {@code n} marks */
  private static String marks(int n) {
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    return sql.append(')').toString();
  }

  private static Money money(BigDecimal value, Currency currency) {
    return new Money(value, currency);
  }
}
