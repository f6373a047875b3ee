package org.crmkit.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.report.DateBucket;
import org.crmkit.report.MoneySums;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportSource;
import org.crmkit.shared.Actor;
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
 * The report generator on PostgreSQL with {@value #ROWS} opportunities against hand-written SQL {@code GROUP BY} over
 * JDBC, on the same database, pool and rows, in the same run:
 *
 * <ul>
 *   <li>{@code pipelineByStage}: count, amount and weighted amount (rounded per row) by stage, every row of the
 *       tenant: crmkit's {@code crm.reports().run(...)} vs. {@code SELECT stage, currency, count(*), sum(amount),
 *       sum(round(amount * probability / 100, 2)) ... GROUP BY stage, currency}.
 *   <li>{@code wonBySegmentByMonth}: the won amount by the segment {@code region} and month of the close date:
 *       crmkit (a join of {@code crm_record_value}, grouped by day and currency, bucketed into months in Java) vs.
 *       the same join grouped by {@code date_trunc('month', close_date)} in SQL.
 * </ul>
 *
 * The rows are written with {@code INSERT ... SELECT generate_series} (PostgreSQL only), the way crmkit writes them:
 * encoded segments on the opportunity plus one {@code crm_record_value} row each. Setup prints the plans of both
 * hand-written statements. Before measuring, crmkit's and the baseline's totals must agree.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class JpaReportBenchmark {
  static final int ROWS = 1_000_000;
  static final String PIPELINE_SQL = "SELECT stage, currency, count(*), sum(amount),"
      + " sum(round(amount * probability / 100, 2)) FROM crm_opportunity WHERE tenant_id = ?"
      + " GROUP BY stage, currency";
  static final String WON_SQL = "SELECT v.text_value, date_trunc('month', o.close_date), o.currency, sum(o.amount)"
      + " FROM crm_opportunity o LEFT JOIN crm_record_value v ON v.tenant_id = o.tenant_id AND v.record_id = o.id"
      + " AND v.record_type = 'OPPORTUNITY' AND v.name = 'segment.region'"
      + " WHERE o.tenant_id = ? AND o.stage = ? GROUP BY v.text_value, date_trunc('month', o.close_date), o.currency";

  /** One group of a hand-written result. */
  public record Group(String key, String currency, long count, BigDecimal amount, BigDecimal weighted) {}

  @Param({"postgresql"})
  public String database;

  Database db;
  JpaStorage storage;
  Crm crm;
  ReportDefinition pipeline;
  ReportDefinition wonBySegment;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    db = Database.start(database);
    storage = JpaStorage.builder().dataSource(db.dataSource).build();
    db.clean();
    long start = System.nanoTime();
    String id = "cast(lpad(to_hex(g), 32, '0') as uuid)";
    String region = "(array['north','south','east','west'])[1 + (g / 6) % 4]";
    String rows = " FROM generate_series(1, " + ROWS + ") g";
    db.execute("INSERT INTO crm_opportunity (tenant_id, id, version, owner_id, name, probability, probability_manual,"
        + " stage, amount, currency, close_date, segments, created_at, updated_at) SELECT 'default', " + id + ", 1,"
        + " 'rep-' || (g % 10), 'Deal ' || g, (array[10, 20, 50, 80, 100, 0])[1 + g % 6], false,"
        + " (array['qualification', 'needs_analysis', 'proposal', 'negotiation', 'closed_won', 'closed_lost'])"
        + "[1 + g % 6], (g % 1000) * 10 + 0.01 * (g % 100), 'EUR', date '2025-01-01' + (g % 730),"
        + " 'region' || chr(9) || " + region + ", timestamp with time zone '2025-01-01 00:00:00+00'"
        + " + g * interval '1 second', timestamp with time zone '2025-01-01 00:00:00+00' + g * interval '1 second'"
        + rows,
        "INSERT INTO crm_record_value (tenant_id, record_type, record_id, name, text_value, text_key)"
        + " SELECT 'default', 'OPPORTUNITY', " + id + ", 'segment.region', " + region + ", " + region + rows);
    db.analyze();
    System.out.printf("[crmkit] %s: %,d opportunities written and analysed in %.1f s%n", db, ROWS,
        (System.nanoTime() - start) / 1e9);
    crm = Crm.builder().storage(storage).clock(Clock.systemUTC()).build();
    pipeline = ReportDefinition.builder(ReportSource.OPPORTUNITIES).groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount()).build();
    wonBySegment = ReportDefinition.builder(ReportSource.OPPORTUNITIES).where("stage", Operator.EQUALS, "closed_won")
        .groupBy("segment.region").groupBy("closeDate", DateBucket.MONTH).aggregate(ReportAggregate.sum("amount"))
        .build();
    System.out.println("[crmkit] plan of the hand-written pipeline:\n" + explain(PIPELINE_SQL, "'default'"));
    System.out.println("[crmkit] plan of the hand-written won by segment by month:\n"
        + explain(WON_SQL, "'default'", "'closed_won'"));
    check();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.clean();
    storage.close();
    db.close();
  }

  private String explain(String sql, String... literals) throws SQLException {
    String statement = sql;
    for (String l : literals) {
      statement = statement.replaceFirst("\\?", l);
    }
    StringJoiner plan = new StringJoiner("\n");
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN " + statement)) {
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
    }
    return plan.toString();
  }

  private void check() {
    ReportResult crmkit = pipelineByStage_crmkit();
    List<Group> plain = pipelineByStage_jdbc();
    long count = plain.stream().mapToLong(Group::count).sum();
    BigDecimal amount = plain.stream().map(Group::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal weighted = plain.stream().map(Group::weighted).reduce(BigDecimal.ZERO, BigDecimal::add);
    MoneySums sum = (MoneySums) crmkit.total().cell(2);
    MoneySums w = (MoneySums) crmkit.total().cell(3);
    if (crmkit.rows().size() != plain.size() || (Long) crmkit.total().cell(1) != count
        || sum.in("EUR").orElseThrow().amount().compareTo(amount) != 0
        || w.in("EUR").orElseThrow().amount().compareTo(weighted) != 0) {
      throw new IllegalStateException("pipeline disagrees: " + crmkit.total() + " vs " + plain);
    }
    ReportResult won = wonBySegmentByMonth_crmkit();
    List<Group> wonPlain = wonBySegmentByMonth_jdbc();
    BigDecimal wonAmount = wonPlain.stream().map(Group::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (won.rows().size() != wonPlain.size()
        || ((MoneySums) won.total().cell(2)).in("EUR").orElseThrow().amount().compareTo(wonAmount) != 0) {
      throw new IllegalStateException("won by segment disagrees: " + won.rows().size() + " groups, " + won.total()
          + " vs " + wonPlain.size() + " groups, " + wonAmount);
    }
  }

  @Benchmark
  public ReportResult pipelineByStage_crmkit() {
    return crm.reports().run(Actor.user("manager"), pipeline);
  }

  @Benchmark
  public List<Group> pipelineByStage_jdbc() {
    return groups(PIPELINE_SQL, "default");
  }

  @Benchmark
  public ReportResult wonBySegmentByMonth_crmkit() {
    return crm.reports().run(Actor.user("manager"), wonBySegment);
  }

  @Benchmark
  public List<Group> wonBySegmentByMonth_jdbc() {
    return groups(WON_SQL, "default", "closed_won");
  }

  private List<Group> groups(String sql, String... parameters) {
    try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      List<Group> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        boolean pipelineShape = rs.getMetaData().getColumnCount() == 5;
        while (rs.next()) {
          out.add(pipelineShape
              ? new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5))
              : new Group(rs.getString(1) + " " + rs.getObject(2), rs.getString(3), 0, rs.getBigDecimal(4), null));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
