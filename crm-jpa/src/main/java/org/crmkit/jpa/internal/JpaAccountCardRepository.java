package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * {@link AccountCardRepository} as plain JDBC statements on the unit of work's connection
 * ({@code EntityManager.callWithConnection}), with every value bound as a parameter: the account's owner joined with
 * its budget months ({@link #findAccount}, one statement), then two {@code GROUP BY} statements ({@link #figures})
 * that sum the forecast lines of the account's opportunities by month (weighting and rounding each line as
 * {@link org.crmkit.budget.AccountCards#weigh} does) and the won opportunities by month of their close date. Only one
 * row per month comes back, and no entity is loaded. Every table is scoped to the unit of work's tenant, and the sums
 * count only the opportunities the given visibility admits (a condition on their owner in the same statement).
 *
 * <p>JDBC rather than JPQL because the card is a hot read whose statements are fixed: the provider's query handling
 * (creating the query, binding, reading results into arrays) cost more than the database's work on H2 (see
 * docs/PERFORMANCE.md, issue 16). The SQL is portable between PostgreSQL and H2; tables are qualified with the
 * persistence unit's {@code hibernate.default_schema} when it has one, as the provider's own SQL is. The statements'
 * text depends only on the pipeline's stages, the number of visible owners (padded to a power of two) and the
 * currency's decimals, so it is built once per such shape and kept.
 */
public final class JpaAccountCardRepository implements AccountCardRepository {
  /** The persistence-unit property that puts crmkit's tables in a schema of their own (see JpaStorage). */
  private static final String DEFAULT_SCHEMA = "hibernate.default_schema";
  /** More shapes than a Crm has (stage sets are fixed per pipeline): beyond this the cache starts over. */
  private static final int MAX_SHAPES = 256;

  private final EntityManagers ems;
  /** {@code "schema".} or empty, read from the factory on first use (the same for every unit of work). */
  private volatile String tablePrefix;
  private volatile String accountSql;
  private final ConcurrentMap<Shape, Statements> statements = new ConcurrentHashMap<>();

  /** What the text of the two sums' statements depends on. */
  private record Shape(Set<String> forecastStages, Set<String> wonStages, int owners, int digits) {}

  /**
   * The sums' SQL for one shape, with the stage parameters in order.
   *
   * @param forecastSql null when no stage counts in the forecast
   * @param wonSql null when no stage is won
   * @param forecastStages padded
   * @param wonStages padded
   */
  private record Statements(String forecastSql, String wonSql, List<String> forecastStages, List<String> wonStages) {}

  public JpaAccountCardRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  @Override
  public Optional<CardAccount> findAccount(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    String sql = accountSql;
    if (sql == null) {
      String p = prefix();
      // Budget lines join the account directly: a budget without lines has no months, as the aggregate says.
      sql = "SELECT a.owner_id, l.budget_month, l.amount, l.currency FROM " + p + "crm_account a"
          + " LEFT JOIN " + p + "crm_account_budget_line l ON l.tenant_id = a.tenant_id AND l.account_id = a.id"
          + " WHERE a.tenant_id = ? AND a.id = ?";
      accountSql = sql;
    }
    String query = sql;
    String tenant = ems.tenant().value();
    return call(c -> {
      try (PreparedStatement ps = c.prepareStatement(query)) {
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
                  money(rs.getBigDecimal(3), Currency.getInstance(rs.getString(4)))));
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
    if (q.forecastStages().isEmpty() && q.wonStages().isEmpty()) {
      return CardFigures.none(); // no stage counts: no line and no amount
    }
    Currency currency = q.currency();
    Statements sql = statements(new Shape(q.forecastStages(), q.wonStages(), owners.size(),
        Money.fractionDigits(currency)));
    String tenant = ems.tenant().value();
    List<Object> forecastParameters = new ArrayList<>();
    if (sql.forecastSql() != null) {
      forecastParameters.addAll(sql.wonStages()); // the weighted sum's CASE
      forecastParameters.addAll(sql.wonStages()); // the committed sum's CASE
      forecastParameters.add(tenant);
      forecastParameters.add(q.accountId().value());
      forecastParameters.addAll(sql.forecastStages());
      forecastParameters.addAll(owners);
      forecastParameters.add(q.from().atDay(1));
      forecastParameters.add(q.to().atDay(1));
      forecastParameters.add(currency.getCurrencyCode());
    }
    List<Object> wonParameters = new ArrayList<>();
    if (sql.wonSql() != null) {
      wonParameters.add(tenant);
      wonParameters.add(q.accountId().value());
      wonParameters.addAll(sql.wonStages());
      wonParameters.addAll(owners);
      wonParameters.add(q.firstDay());
      wonParameters.add(q.lastDay());
      wonParameters.add(currency.getCurrencyCode());
    }
    // Two statements on one connection rather than one UNION ALL: H2 ran a UNION of these two with parameters
    // hundreds of times slower than the two statements (measured, see docs/PERFORMANCE.md).
    return call(c -> {
      List<CardForecastMonth> forecast = new ArrayList<>();
      if (sql.forecastSql() != null) {
        try (PreparedStatement ps = prepare(c, sql.forecastSql(), forecastParameters);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            forecast.add(new CardForecastMonth(YearMonth.from(rs.getObject(1, LocalDate.class)),
                money(rs.getBigDecimal(2), currency), money(rs.getBigDecimal(3).movePointLeft(2), currency),
                money(rs.getBigDecimal(4), currency)));
          }
        }
      }
      List<CardWonMonth> won = new ArrayList<>();
      if (sql.wonSql() != null) {
        try (PreparedStatement ps = prepare(c, sql.wonSql(), wonParameters); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            won.add(new CardWonMonth(YearMonth.from(rs.getObject(1, LocalDate.class)),
                money(rs.getBigDecimal(2), currency)));
          }
        }
      }
      return new CardFigures(forecast, won);
    });
  }

  private Statements statements(Shape shape) {
    Statements known = statements.get(shape);
    if (known != null) {
      return known;
    }
    if (statements.size() >= MAX_SHAPES) {
      statements.clear();
    }
    return statements.computeIfAbsent(shape, this::build);
  }

  private Statements build(Shape shape) {
    String p = prefix();
    List<String> forecastStages = padded(new TreeSet<>(shape.forecastStages()));
    List<String> wonStages = padded(new TreeSet<>(shape.wonStages()));
    String ownerCondition = shape.owners() == 0 ? "" : " AND o.owner_id IN " + marks(shape.owners());
    String forecastSql = null;
    if (!forecastStages.isEmpty()) {
      // ROUND(amount * percent, digits - 2) / 100 is ROUND(amount * percent / 100, digits) without a division whose
      // scale each database picks differently; ROUND rounds half up like Money.percent (amounts are not negative).
      // With no won stage, no line is won.
      String won = wonStages.isEmpty() ? "1 = 0" : "o.stage IN " + marks(wonStages.size());
      forecastSql = "SELECT l.line_month, SUM(l.amount),"
          + " SUM(ROUND(l.amount * CASE WHEN " + won + " THEN 100 ELSE o.probability END, "
          + (shape.digits() - 2) + ")),"
          + " SUM(CASE WHEN " + won + " THEN l.amount ELSE 0 END)"
          + " FROM " + p + "crm_opportunity o JOIN " + p + "crm_billing_forecast_line l"
          + " ON l.tenant_id = o.tenant_id AND l.opportunity_id = o.id"
          + " WHERE o.tenant_id = ? AND o.account_id = ? AND o.stage IN " + marks(forecastStages.size())
          + ownerCondition
          + " AND l.line_month >= ? AND l.line_month <= ? AND l.currency = ?"
          + " GROUP BY l.line_month";
    }
    String wonSql = null;
    if (!wonStages.isEmpty()) {
      // by month of the close date; the group's earliest date names its month
      wonSql = "SELECT MIN(o.close_date), SUM(o.amount) FROM " + p + "crm_opportunity o"
          + " WHERE o.tenant_id = ? AND o.account_id = ? AND o.stage IN " + marks(wonStages.size()) + ownerCondition
          + " AND o.close_date >= ? AND o.close_date <= ? AND o.amount IS NOT NULL AND o.currency = ?"
          + " GROUP BY EXTRACT(YEAR FROM o.close_date), EXTRACT(MONTH FROM o.close_date)";
    }
    return new Statements(forecastSql, wonSql, forecastStages, wonStages);
  }

  private static PreparedStatement prepare(Connection c, String sql, List<Object> parameters) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 1, parameters.get(i));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** A JDBC step on the unit of work's connection. */
  private interface Step<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs the step ({@link EntityManagers#withConnection}); SQL and provider failures become crmkit's exceptions. */
  private <T> T call(Step<T> step) {
    try {
      return ems.withConnection((Connection c) -> step.run(c));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private String prefix() {
    String known = tablePrefix;
    if (known == null) {
      Object schema = ems.factory().getProperties().get(DEFAULT_SCHEMA);
      known = schema == null || schema.toString().isBlank() ? "" : schema.toString().strip() + ".";
      tablePrefix = known;
    }
    return known;
  }

  /**
   * @return the values padded to a power of two by repeating the last (as {@link InList} does), so that sets of
   *     different sizes share a few statements in the database's and the driver's statement caches; empty for none
   */
  private static List<String> padded(Collection<String> values) {
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

  /**
   * Money from a {@code NUMERIC(19,4)} sum: brought to the currency's scale here when no digit is lost, so that
   * {@link Money}'s constructor needs no stripped copy; a value with more decimals than the currency reaches the
   * constructor as read and is refused there, as everywhere.
   */
  private static Money money(BigDecimal value, Currency currency) {
    int digits = Money.fractionDigits(currency);
    BigDecimal scaled = value;
    if (value.scale() > digits) {
      try {
        scaled = value.setScale(digits, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        scaled = value;
      }
    }
    return new Money(scaled, currency);
  }
}
