package org.crmkit.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.crmkit.Crm;
import org.crmkit.bi.BiSettings;
import org.crmkit.bi.MovementKind;
import org.crmkit.bi.PipelineAsOf;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.TrendPoint;
import org.crmkit.bi.Waterfall;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.Actor;

/**
 * BI daily snapshots on PostgreSQL (issue 12), measured by a plain program because it is one long sequence of days
 * rather than a repeatable operation: {@code N} opportunities (default 1,000,000) written with set-based SQL, then
 * 30 days, each with 5% of the opportunities changed by SQL (amount, close date, and for a third of them the stage)
 * before the day is kept twice, in the same database and the same run:
 *
 * <ul>
 *   <li>crmkit: {@code crm.bi().takeDailySnapshot(actor, day)}, which stores a row only for the opportunities whose
 *       state changed (on PostgreSQL one statement: an INSERT ... SELECT of the new states and an UPDATE ending
 *       the rows they replace);
 *   <li>the baseline: a hand-written {@code INSERT INTO bi_full_copy SELECT day, ...} of every opportunity's state
 *       (the same columns, the same rows, the same per-row weighted rounding), primary key (day, opportunity).
 * </ul>
 *
 * The order of the two alternates by day. Then it prints the time per day of both, the bytes of both
 * ({@code pg_total_relation_size}, tables with their indexes) after 30 days, and the day-level reports through
 * {@code crm.bi()} beside the same reports in SQL over the full copies (median of 5 after 2 warm-up runs): the
 * pipeline as of day 15 by stage, the waterfall from day 1 to day 30, the trend over the 30 days. crmkit's and the
 * baseline's answers are compared before anything is timed.
 *
 * <pre>{@code
 * mvn -o -q -pl crm-benchmarks -am package -DskipTests
 * java -Xms2g -Xmx2g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.JpaBiScale 1000000
 * }</pre>
 *
 * Runs on an embedded PostgreSQL, or on the server at {@code CRM_PG_URL} ({@code CRM_PG_USER},
 * {@code CRM_PG_PASSWORD}).
 */
public final class JpaBiScale {
  static final int DAYS = 30;
  static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
  static final Actor ADMIN = Actor.user("admin");

  /** The state of every opportunity as the snapshot defines it, for the default pipeline, hand-written. */
  static final String FULL_COPY_SELECT = "SELECT ?, o.id, o.stage,"
      + " CASE WHEN o.stage IN ('closed_won') THEN 'WON' WHEN o.stage IN ('closed_lost') THEN 'LOST' ELSE 'OPEN' END,"
      + " CASE o.stage WHEN 'qualification' THEN 'PIPELINE' WHEN 'needs_analysis' THEN 'PIPELINE'"
      + " WHEN 'proposal' THEN 'BEST_CASE' WHEN 'negotiation' THEN 'COMMIT' WHEN 'closed_won' THEN 'CLOSED'"
      + " ELSE 'OMITTED' END,"
      + " o.amount, o.currency, round(o.amount * o.probability / 100, 2), o.probability, o.close_date, o.owner_id,"
      + " o.account_id, o.segments, b.total, b.currency"
      + " FROM crm_opportunity o LEFT JOIN (SELECT opportunity_id, sum(amount) AS total, min(currency) AS currency"
      + " FROM crm_billing_forecast_line WHERE tenant_id = 'default' GROUP BY opportunity_id) b"
      + " ON b.opportunity_id = o.id WHERE o.tenant_id = 'default' AND (o.stage IN ('qualification', 'needs_analysis',"
      + " 'proposal', 'negotiation') OR (o.stage IN ('closed_won', 'closed_lost')"
      + " AND (o.close_date IS NULL OR o.close_date >= ?)))";

  static final String PIPELINE_SQL = "SELECT stage, currency, count(*), sum(amount), sum(weighted) FROM bi_full_copy"
      + " WHERE snapshot_day = ? AND stage_kind = 'OPEN' GROUP BY stage, currency";
  static final String TREND_SQL = "SELECT snapshot_day, currency, count(*), sum(amount), sum(weighted)"
      + " FROM bi_full_copy WHERE snapshot_day >= ? AND snapshot_day <= ? AND stage_kind = 'OPEN'"
      + " GROUP BY snapshot_day, currency";
  /** The stage order of the default pipeline, for the shifts (moved forward or back). */
  static final String ORDER = "CASE %s WHEN 'qualification' THEN 1 WHEN 'needs_analysis' THEN 2 WHEN 'proposal'"
      + " THEN 3 WHEN 'negotiation' THEN 4 END";
  /**
   * The waterfall from the two days' full copies: one full join of the rows that differ, each classified into its
   * bridge movement (with its amount) and its shifts, grouped in SQL.
   */
  static final String WATERFALL_SQL = "SELECT kind, count(*), sum(delta), sum(forward), sum(back), sum(pushed),"
      + " sum(pulled) FROM (SELECT CASE"
      + " WHEN (a.stage_kind IS DISTINCT FROM 'OPEN') AND b.stage_kind = 'OPEN' THEN 'NEW'"
      + " WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'WON' THEN 'WON'"
      + " WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'LOST' THEN 'LOST'"
      + " WHEN a.stage_kind = 'OPEN' AND b.opportunity_id IS NULL THEN 'REMOVED'"
      + " WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'OPEN' AND coalesce(b.amount, 0) > coalesce(a.amount, 0)"
      + " THEN 'AMOUNT_UP'"
      + " WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'OPEN' AND coalesce(b.amount, 0) < coalesce(a.amount, 0)"
      + " THEN 'AMOUNT_DOWN' END AS kind,"
      + " coalesce(CASE WHEN b.stage_kind = 'OPEN' THEN b.amount END, 0)"
      + " - coalesce(CASE WHEN a.stage_kind = 'OPEN' THEN a.amount END, 0) AS delta,"
      + " CASE WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'OPEN' AND " + String.format(ORDER, "b.stage") + " > "
      + String.format(ORDER, "a.stage") + " THEN 1 ELSE 0 END AS forward,"
      + " CASE WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'OPEN' AND " + String.format(ORDER, "b.stage") + " < "
      + String.format(ORDER, "a.stage") + " THEN 1 ELSE 0 END AS back,"
      + " CASE WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'OPEN' AND b.close_date > a.close_date THEN 1 ELSE 0 END"
      + " AS pushed,"
      + " CASE WHEN a.stage_kind = 'OPEN' AND b.stage_kind = 'OPEN' AND b.close_date < a.close_date THEN 1 ELSE 0 END"
      + " AS pulled"
      + " FROM (SELECT * FROM bi_full_copy WHERE snapshot_day = ?) a"
      + " FULL JOIN (SELECT * FROM bi_full_copy WHERE snapshot_day = ?) b ON b.opportunity_id = a.opportunity_id"
      + " WHERE a.opportunity_id IS NULL OR b.opportunity_id IS NULL OR a.stage <> b.stage"
      + " OR a.amount IS DISTINCT FROM b.amount OR a.close_date IS DISTINCT FROM b.close_date) m GROUP BY kind";

  private JpaBiScale() {}

  /** A clock the program moves from day to day (23:00 UTC of the day being kept). */
  static final class DayClock extends Clock {
    volatile Instant now;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  public static void main(String[] args) throws SQLException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (Database db = Database.start("postgresql");
        JpaStorage storage = JpaStorage.builder().dataSource(db.dataSource).build()) {
      // TRUNCATE, not DELETE: the files of an earlier run's rows would stay, and their space count as this run's.
      db.execute("DROP TABLE IF EXISTS bi_full_copy", "TRUNCATE crm_bi_state, crm_bi_day");
      db.clean();
      db.execute("CREATE TABLE bi_full_copy (snapshot_day DATE NOT NULL, opportunity_id UUID NOT NULL,"
          + " stage VARCHAR(40) NOT NULL, stage_kind VARCHAR(4) NOT NULL, forecast_category VARCHAR(9) NOT NULL,"
          + " amount NUMERIC(19, 4), currency VARCHAR(3), weighted NUMERIC(19, 4), probability SMALLINT NOT NULL,"
          + " close_date DATE, owner_id VARCHAR(100) NOT NULL, account_id UUID, segments VARCHAR(4000),"
          + " billing_total NUMERIC(19, 4), billing_currency VARCHAR(3),"
          + " CONSTRAINT bi_full_copy_pk PRIMARY KEY (snapshot_day, opportunity_id))");
      long start = System.nanoTime();
      seed(db, n);
      System.out.printf("[crmkit] %s: %,d opportunities (10%% with a 3-month billing forecast) written and analysed"
          + " in %.1f s%n", db.description, n, (System.nanoTime() - start) / 1e9);

      DayClock clock = new DayClock();
      Crm crm = Crm.builder().storage(storage).clock(clock).bi(BiSettings.defaults()).build();
      double[] crmkitMs = new double[DAYS];
      double[] copyMs = new double[DAYS];
      long[] rows = new long[DAYS];
      for (int d = 0; d < DAYS; d++) {
        LocalDate day = FIRST.plusDays(d);
        if (d > 0) {
          change(db, d);
        }
        clock.now = day.atTime(23, 0).toInstant(ZoneOffset.UTC);
        Supplier<Double> ours = () -> time(() -> rows[dayIndex(day)] = crm.bi().takeDailySnapshot(ADMIN, day)
            .rowsStored());
        Supplier<Double> theirs = () -> time(() -> copy(db, day));
        if (d % 2 == 0) {
          crmkitMs[d] = ours.get();
          copyMs[d] = theirs.get();
        } else {
          copyMs[d] = theirs.get();
          crmkitMs[d] = ours.get();
        }
        System.out.printf("[crmkit] day %2d %s: crmkit %,8.0f ms (%,d rows stored), full copy %,8.0f ms%n", d + 1, day,
            crmkitMs[d], rows[d], copyMs[d]);
      }
      System.out.printf("[crmkit] time per day, median: crmkit %.0f ms, full copy %.0f ms, ratio %.2f;"
              + " after the first day: crmkit %.0f ms, full copy %.0f ms, ratio %.2f%n",
          median(crmkitMs), median(copyMs), median(crmkitMs) / median(copyMs),
          median(Arrays.copyOfRange(crmkitMs, 1, DAYS)), median(Arrays.copyOfRange(copyMs, 1, DAYS)),
          median(Arrays.copyOfRange(crmkitMs, 1, DAYS)) / median(Arrays.copyOfRange(copyMs, 1, DAYS)));
      sizes(db, "as written (autovacuum on, as in production)");
      db.execute("VACUUM crm_bi_state", "VACUUM crm_bi_day", "VACUUM bi_full_copy");
      sizes(db, "after a plain VACUUM of both");
      db.analyze();

      LocalDate mid = FIRST.plusDays(14);
      LocalDate last = FIRST.plusDays(DAYS - 1);
      check(db, crm, mid, last);
      report("pipeline as of day 15 by stage", () -> crm.bi().pipelineAsOf(ADMIN, mid, PipelineGrouping.byStage()),
          () -> rows(db, PIPELINE_SQL, mid));
      report("waterfall day 1 -> day 30", () -> crm.bi().waterfall(ADMIN, FIRST, last),
          () -> rows(db, WATERFALL_SQL, FIRST, last));
      report("trend over 30 days", () -> crm.bi().trend(ADMIN, FIRST, last),
          () -> rows(db, TREND_SQL, FIRST, last));
      db.execute("DROP TABLE bi_full_copy", "DELETE FROM crm_bi_state", "DELETE FROM crm_bi_day");
      db.clean();
    }
  }

  private static int dayIndex(LocalDate day) {
    return (int) (day.toEpochDay() - FIRST.toEpochDay());
  }

  /** Opportunities over the default pipeline's stages, 20 owners, two currencies, encoded segments. */
  private static void seed(Database db, int n) {
    String id = "cast(lpad(to_hex(g), 32, '0') as uuid)";
    String rows = " FROM generate_series(1, " + n + ") g";
    String at = "timestamp with time zone '2025-12-01 00:00:00+00'";
    db.execute("INSERT INTO crm_opportunity (tenant_id, id, version, owner_id, name, probability, probability_manual,"
        + " stage, amount, currency, close_date, segments, created_at, updated_at) SELECT 'default', " + id + ", 1,"
        + " 'rep-' || (g % 20), 'Deal ' || g, (array[10, 20, 50, 80, 100, 0])[1 + g % 6], false,"
        + " (array['qualification', 'needs_analysis', 'proposal', 'negotiation', 'closed_won', 'closed_lost'])"
        + "[1 + g % 6], (g % 1000) * 10 + 0.01 * (g % 100), CASE WHEN g % 5 = 0 THEN 'USD' ELSE 'EUR' END,"
        + " date '2025-10-01' + (g % 240), 'region' || chr(9) || (array['north','south','east','west'])[1 + (g / 6) % 4],"
        + " " + at + ", " + at + rows,
        // The forecasts' foreign key checks look the opportunities up: planned on statistics that say the table
        // is empty (it was emptied before), each check would scan it.
        "ANALYZE crm_opportunity",
        "INSERT INTO crm_billing_forecast (tenant_id, opportunity_id, version, updated_at) SELECT 'default', " + id
        + ", 1, " + at + rows + " WHERE g % 10 = 0",
        "INSERT INTO crm_billing_forecast_line (tenant_id, opportunity_id, line_month, amount, currency) SELECT"
        + " 'default', " + id + ", date '2026-01-01' + (m * interval '1 month'), 100.00 * m,"
        + " CASE WHEN g % 5 = 0 THEN 'USD' ELSE 'EUR' END" + rows + ", generate_series(0, 2) m WHERE g % 10 = 0");
    db.analyze();
  }

  /**
   * Day {@code d}'s changes, by SQL: 5% of the opportunities (a different 5% each day) get 100 more, a close date a
   * week later, and a third of them the next stage (negotiation is won, a closed one is reopened).
   */
  private static void change(Database db, int d) {
    String number = "('x' || right(replace(cast(id AS text), '-', ''), 8))::bit(32)::int";
    db.execute("UPDATE crm_opportunity SET amount = amount + 100, close_date = close_date + 7,"
        + " stage = CASE WHEN " + number + " % 3 = 0 THEN CASE stage WHEN 'qualification' THEN 'needs_analysis'"
        + " WHEN 'needs_analysis' THEN 'proposal' WHEN 'proposal' THEN 'negotiation' WHEN 'negotiation'"
        + " THEN 'closed_won' ELSE 'qualification' END ELSE stage END,"
        + " version = version + 1, updated_at = updated_at + interval '1 day'"
        + " WHERE tenant_id = 'default' AND (" + number + " + " + (d * 37) + ") % 20 = 0");
  }

  private static void copy(Database db, LocalDate day) {
    try (Connection c = db.dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO bi_full_copy " + FULL_COPY_SELECT)) {
      s.setObject(1, day);
      s.setObject(2, day.minusDays(BiSettings.defaults().closedWithinDays()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sizes(Database db, String when) throws SQLException {
    long ours = number(db, "SELECT pg_total_relation_size('crm_bi_state') + pg_total_relation_size('crm_bi_day')");
    long theirs = number(db, "SELECT pg_total_relation_size('bi_full_copy')");
    long ourRows = number(db, "SELECT count(*) FROM crm_bi_state");
    long theirRows = number(db, "SELECT count(*) FROM bi_full_copy");
    System.out.printf("[crmkit] bytes after %d days, %s: crmkit %,d (%,d rows), full copy %,d (%,d rows),"
        + " ratio %.1f%%%n", DAYS, when, ours, ourRows, theirs, theirRows, 100.0 * ours / theirs);
  }

  private static long number(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** crmkit's reports and the SQL over the full copies must agree before either is timed. */
  private static void check(Database db, Crm crm, LocalDate mid, LocalDate last) {
    PipelineAsOf p = crm.bi().pipelineAsOf(ADMIN, mid, PipelineGrouping.byStage());
    List<Object[]> plain = rows(db, PIPELINE_SQL, mid);
    long count = plain.stream().mapToLong(r -> ((Number) r[2]).longValue()).sum();
    BigDecimal eur = plain.stream().filter(r -> "EUR".equals(r[1])).map(r -> (BigDecimal) r[4])
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (p.total().count() != count
        || p.total().weighted().in("EUR").orElseThrow().amount().compareTo(eur) != 0) {
      throw new IllegalStateException("pipeline disagrees: " + p.total() + " vs " + count + " " + eur);
    }
    Waterfall w = crm.bi().waterfall(ADMIN, FIRST, last);
    long[] shifts = new long[4];
    for (Object[] r : rows(db, WATERFALL_SQL, FIRST, last)) {
      for (int i = 0; i < 4; i++) {
        shifts[i] += ((Number) r[3 + i]).longValue();
      }
      if (r[0] == null) {
        continue;
      }
      long ours = w.movement(MovementKind.valueOf((String) r[0])).count();
      if (ours != ((Number) r[1]).longValue()) {
        throw new IllegalStateException("waterfall disagrees on " + r[0] + ": " + ours + " vs " + r[1]);
      }
    }
    MovementKind[] shiftKinds = {MovementKind.MOVED_FORWARD, MovementKind.MOVED_BACK, MovementKind.PUSHED_OUT,
        MovementKind.PULLED_IN};
    for (int i = 0; i < 4; i++) {
      if (w.movement(shiftKinds[i]).count() != shifts[i]) {
        throw new IllegalStateException("waterfall disagrees on " + shiftKinds[i] + ": "
            + w.movement(shiftKinds[i]).count() + " vs " + shifts[i]);
      }
    }
    List<TrendPoint> t = crm.bi().trend(ADMIN, FIRST, last);
    List<Object[]> trend = rows(db, TREND_SQL, FIRST, last);
    long ourCount = t.stream().mapToLong(TrendPoint::count).sum();
    long theirCount = trend.stream().mapToLong(r -> ((Number) r[2]).longValue()).sum();
    if (t.size() != DAYS || ourCount != theirCount) {
      throw new IllegalStateException("trend disagrees: " + t.size() + " days, " + ourCount + " vs " + theirCount);
    }
    System.out.printf("[crmkit] reports agree: %,d open on day 15; waterfall %s; %,d open day-rows over %d days%n",
        count, w.movements().stream().filter(m -> m.count() > 0).map(m -> m.kind() + "=" + m.count()).toList(),
        ourCount, DAYS);
  }

  private static List<Object[]> rows(Database db, String sql, Object... parameters) {
    try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i] instanceof LocalDate d ? Date.valueOf(d) : parameters[i]);
      }
      List<Object[]> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getObject(i + 1);
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void report(String name, Supplier<?> crmkit, Supplier<?> sql) {
    for (int i = 0; i < 2; i++) {
      crmkit.get();
      sql.get();
    }
    double[] ours = new double[5];
    double[] theirs = new double[5];
    for (int i = 0; i < 5; i++) {
      ours[i] = time(crmkit::get);
      theirs[i] = time(sql::get);
    }
    System.out.printf("[crmkit] %s: crm.bi() %.1f ms, SQL on the full copies %.1f ms, ratio %.2f%n", name,
        median(ours), median(theirs), median(ours) / median(theirs));
  }

  private static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
