package org.crmkit.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.budget.AccountCard;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads through the JPA adapter against hand-written JDBC on the same database, the same connection pool and the
 * same {@link Seed} data (10,000 opportunities, 100 accounts):
 *
 * <ul>
 *   <li>{@code listSummaries}: page 3 (rows 200..299) of one owner's 1,000 opportunities with account names and
 *       the total: crmkit's {@code listSummaries} vs. one {@code LEFT JOIN ... WHERE owner_id = ? ORDER BY
 *       created_at, id LIMIT 100 OFFSET 200} plus the {@code count(*)}, mapped to the same summary records.
 *   <li>{@code find}: one opportunity by id (cycling over 1,000 ids), fully mapped to an aggregate vs. a
 *       {@code SELECT * ... WHERE id = ?} mapped to a plain record.
 *   <li>{@code card}: the account card of an account with 100 opportunities, 12 months of forecast lines each,
 *       a budget and won deals, over 12 months: crmkit's {@code accountCards().card} (in a read-only unit of work:
 *       the account's owner with its budget months in one statement, forecast and won amounts summed by a
 *       {@code GROUP BY} each in the database, plain JDBC) vs. four statements by hand, with the same tenant
 *       condition.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class JpaReadBenchmark {
  static final String SUMMARIES =
      "SELECT o.id, o.name, o.stage, o.amount, o.currency, o.probability, o.close_date, o.owner_id, o.account_id,"
          + " a.name FROM crm_opportunity o LEFT JOIN crm_account a ON a.id = o.account_id"
          + " WHERE o.owner_id = ? ORDER BY o.created_at, o.id LIMIT ? OFFSET ?";
  static final String COUNT = "SELECT count(*) FROM crm_opportunity o WHERE o.owner_id = ?";
  static final String FIND =
      "SELECT id, version, owner_id, name, account_id, contact_id, amount, currency, probability,"
          + " probability_manual, stage, close_date, lost_reason, lead_source, next_step, description, segments,"
          + " custom_fields, source_lead_id, created_at, updated_at FROM crm_opportunity WHERE id = ?";

  @Param({"h2", "postgresql"})
  public String database;

  Database db;
  JpaStorage storage;
  Crm crm;
  Seed seed;
  OpportunityQuery query;
  List<UUID> ids;
  int next;
  String cardForecastSql;
  String cardWonSql;
  List<String> forecastStages;
  List<String> wonStages;

  /** A plain row of {@code crm_opportunity}, what a hand-written DAO would return. */
  public record OpportunityRow(UUID id, long version, String owner, String name, UUID accountId, UUID contactId,
      BigDecimal amount, String currency, int probability, boolean probabilityManual, String stage,
      LocalDate closeDate, String lostReason, String leadSource, String nextStep, String description,
      String segments, String customFields, UUID sourceLeadId, Instant createdAt, Instant updatedAt) {}

  /** One month of the hand-written card. */
  public record CardMonth(BigDecimal budget, BigDecimal forecast, BigDecimal weighted, BigDecimal committed,
      BigDecimal won) {}

  @Setup(Level.Trial)
  public void setUp() {
    db = Database.start(database);
    storage = JpaStorage.builder().dataSource(db.dataSource).build();
    db.clean();
    Clock clock = Clock.systemUTC();
    crm = Crm.builder().storage(storage).clock(clock).build();
    seed = Seed.write(crm, storage, clock);
    db.analyze();
    query = OpportunityQuery.all().withOwner(InMemoryBenchmark.OWNER);
    List<UUID> all = new ArrayList<>(seed.opportunities.stream().map(o -> o.id().value()).toList());
    Collections.shuffle(all, new java.util.Random(42));
    ids = all.subList(0, 1000);
    forecastStages = crm.pipeline().stages().stream()
        .filter(s -> s.kind() == StageKind.WON
            || (s.kind() == StageKind.OPEN && s.forecastCategory() != ForecastCategory.OMITTED))
        .map(SalesStage::key).sorted().toList();
    wonStages = crm.pipeline().stages().stream().filter(s -> s.kind() == StageKind.WON).map(SalesStage::key)
        .sorted().toList();
    String won = "(" + String.join(", ", Collections.nCopies(wonStages.size(), "?")) + ")";
    cardForecastSql = "SELECT l.line_month, sum(l.amount),"
        + " sum(round(l.amount * o.probability / 100, 2)),"
        + " sum(CASE WHEN o.stage IN " + won + " THEN l.amount ELSE 0 END)"
        + " FROM crm_opportunity o JOIN crm_billing_forecast_line l"
        + " ON l.tenant_id = o.tenant_id AND l.opportunity_id = o.id"
        + " WHERE o.tenant_id = ? AND o.account_id = ? AND o.stage IN ("
        + String.join(", ", Collections.nCopies(forecastStages.size(), "?")) + ")"
        + " AND l.line_month >= ? AND l.line_month <= ? AND l.currency = ? GROUP BY l.line_month";
    cardWonSql = "SELECT EXTRACT(YEAR FROM close_date), EXTRACT(MONTH FROM close_date), sum(amount)"
        + " FROM crm_opportunity WHERE tenant_id = ? AND account_id = ? AND stage IN " + won
        + " AND close_date >= ? AND close_date <= ? AND amount IS NOT NULL AND currency = ?"
        + " GROUP BY EXTRACT(YEAR FROM close_date), EXTRACT(MONTH FROM close_date)";
    check();
    System.out.println("[crmkit] " + database + ": " + db);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    storage.close();
    db.close();
  }

  private UUID nextId() {
    UUID id = ids.get(next);
    next = (next + 1) % ids.size();
    return id;
  }

  private void check() {
    InMemoryBenchmark.check(listSummaries_crmkit(), listSummaries_jdbc());
    UUID id = ids.get(0);
    Opportunity o = crm.opportunities().get(Seed.ACTOR, OpportunityId.of(id));
    OpportunityRow row = find(id);
    if (!o.name().equals(row.name()) || o.version() != row.version()) {
      throw new IllegalStateException("find disagrees: " + o + " vs " + row);
    }
    AccountCard card = card_crmkit();
    Map<YearMonth, CardMonth> plain = card_jdbcGroupBy();
    for (YearMonth m = seed.firstMonth; !m.isAfter(seed.lastMonth()); m = m.plusMonths(1)) {
      CardMonth p = plain.get(m);
      var f = card.month(m);
      if (p == null || f.forecast().amount().compareTo(p.forecast()) != 0
          || f.committed().amount().compareTo(p.committed()) != 0 || f.won().amount().compareTo(p.won()) != 0
          || f.budget().amount().compareTo(p.budget()) != 0 || f.weighted().amount().compareTo(p.weighted()) != 0) {
        throw new IllegalStateException("card disagrees in " + m + ": " + f + " vs " + p);
      }
    }
  }

  @Benchmark
  public Page<OpportunitySummary> listSummaries_crmkit() {
    return crm.opportunities().listSummaries(Seed.ACTOR, query, InMemoryBenchmark.PAGE);
  }

  @Benchmark
  public Page<OpportunitySummary> listSummaries_jdbc() {
    PageRequest page = InMemoryBenchmark.PAGE;
    String owner = InMemoryBenchmark.OWNER.value();
    try (Connection c = db.dataSource.getConnection()) {
      List<OpportunitySummary> items = new ArrayList<>(page.size());
      try (PreparedStatement ps = c.prepareStatement(SUMMARIES)) {
        ps.setString(1, owner);
        ps.setInt(2, page.size());
        ps.setLong(3, page.offset());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            BigDecimal amount = rs.getBigDecimal(4);
            UUID account = rs.getObject(9, UUID.class);
            items.add(new OpportunitySummary(OpportunityId.of(rs.getObject(1, UUID.class)), rs.getString(2),
                rs.getString(3), amount == null ? null : Money.of(amount, rs.getString(5)),
                Probability.of(rs.getInt(6)), rs.getObject(7, LocalDate.class), UserId.of(rs.getString(8)),
                account == null ? null : AccountId.of(account), rs.getString(10)));
          }
        }
      }
      long total = items.size();
      if (items.size() == page.size()) {
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
          ps.setString(1, owner);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
        }
      } else {
        total = page.offset() + items.size();
      }
      return new Page<>(items, page, total);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public Optional<Opportunity> find_crmkit() {
    return crm.opportunities().find(Seed.ACTOR, OpportunityId.of(nextId()));
  }

  @Benchmark
  public OpportunityRow find_jdbc() {
    return find(nextId());
  }

  private OpportunityRow find(UUID id) {
    try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new OpportunityRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), rs.getBigDecimal(7), rs.getString(8),
            rs.getInt(9), rs.getBoolean(10), rs.getString(11), rs.getObject(12, LocalDate.class), rs.getString(13),
            rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18),
            rs.getObject(19, UUID.class), rs.getObject(20, OffsetDateTime.class).toInstant(),
            rs.getObject(21, OffsetDateTime.class).toInstant());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public AccountCard card_crmkit() {
    return crm.accountCards().card(Seed.ACTOR, seed.cardAccount().id(), seed.firstMonth, seed.lastMonth(),
        java.util.Currency.getInstance("EUR"));
  }

  /**
   * The card by hand: the account must exist, then the budget months, the forecast summed per month (weighted
   * rounded per line) and the won amounts summed per close month, each aggregated by the database.
   */
  @Benchmark
  public Map<YearMonth, CardMonth> card_jdbcGroupBy() {
    UUID account = seed.cardAccount().id().value();
    String tenant = Seed.ACTOR.tenant().value();
    LocalDate from = seed.firstMonth.atDay(1);
    LocalDate to = seed.lastMonth().atEndOfMonth();
    Map<YearMonth, BigDecimal[]> months = new TreeMap<>();
    for (YearMonth m = seed.firstMonth; !m.isAfter(seed.lastMonth()); m = m.plusMonths(1)) {
      months.put(m, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
          BigDecimal.ZERO});
    }
    try (Connection c = db.dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM crm_account WHERE tenant_id = ? AND id = ?")) {
        ps.setString(1, tenant);
        ps.setObject(2, account);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no account " + account);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT budget_month, amount FROM crm_account_budget_line"
          + " WHERE tenant_id = ? AND account_id = ? AND budget_month >= ? AND budget_month <= ? AND currency = ?")) {
        ps.setString(1, tenant);
        ps.setObject(2, account);
        ps.setObject(3, from);
        ps.setObject(4, seed.lastMonth().atDay(1));
        ps.setString(5, "EUR");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            months.get(YearMonth.from(rs.getObject(1, LocalDate.class)))[0] = rs.getBigDecimal(2);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(cardForecastSql)) {
        int i = 1;
        for (String s : wonStages) {
          ps.setString(i++, s);
        }
        ps.setString(i++, tenant);
        ps.setObject(i++, account);
        for (String s : forecastStages) {
          ps.setString(i++, s);
        }
        ps.setObject(i++, from);
        ps.setObject(i++, seed.lastMonth().atDay(1));
        ps.setString(i, "EUR");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            BigDecimal[] m = months.get(YearMonth.from(rs.getObject(1, LocalDate.class)));
            m[1] = rs.getBigDecimal(2);
            m[2] = rs.getBigDecimal(3);
            m[3] = rs.getBigDecimal(4);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(cardWonSql)) {
        int i = 1;
        ps.setString(i++, tenant);
        ps.setObject(i++, account);
        for (String s : wonStages) {
          ps.setString(i++, s);
        }
        ps.setObject(i++, from);
        ps.setObject(i++, to);
        ps.setString(i, "EUR");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            months.get(YearMonth.of(rs.getInt(1), rs.getInt(2)))[4] = rs.getBigDecimal(3);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Map<YearMonth, CardMonth> card = new TreeMap<>();
    months.forEach((m, v) -> card.put(m, new CardMonth(scale(v[0]), scale(v[1]), scale(v[2]), scale(v[3]),
        scale(v[4]))));
    return card;
  }

  private static BigDecimal scale(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN);
  }
}
