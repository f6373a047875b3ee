package org.crmkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.LeadId;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lead conversion on PostgreSQL, crmkit's public API beside hand-written JDBC doing the same look-ups and writes
 * ({@link ConversionBaseline}), on the same pool and server in the same run. Every lead is of its own company with
 * its own e-mail domain, so every conversion creates an account, a contact, an opportunity with its history row,
 * marks the lead converted and stores a conversion record.
 *
 * <ul>
 *   <li>{@code bulk10000_*}: 10,000 leads, one shot each: {@code crm.conversions().convertAll} (chunks of 100 leads
 *       per unit of work by default) vs. JDBC transactions of 100 leads with one batch per table;
 *   <li>{@code single_*}: one conversion in one transaction, sampled for p50 and p99 ({@code crm.conversions()
 *       .convert} vs. the same JDBC in a transaction of one lead);
 *   <li>{@code threads1_crmkit} and {@code threads2_crmkit}: single conversions of different leads by one and by two
 *       threads, throughput.
 * </ul>
 *
 * <p>The database holds 10,000 other accounts with a contact each, analysed ({@link #background()}). The leads are
 * inserted over JDBC before each shot or iteration (not timed) and what the conversions wrote is deleted after it.
 * The persistence unit gets {@code hibernate.order_inserts=true} (see {@code ORDER_INSERTS}) so that a chunk's inserts
 * go as one batch per table; without it the rows of one lead after another alternate between tables and every JDBC
 * batch holds one row.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class JpaConversionBenchmark {
  static final int BULK = 10_000;
  static final int PER_ITERATION = 10_000;
  static final int BACKGROUND = 10_000;

  static final String ORDER_INSERTS = "hibernate.order_inserts";
  static final String INSERT_LEAD = "INSERT INTO crm_lead (id, version, tenant_id, owner_id, first_name, last_name,"
      + " company, email, email_normalized, lead_source, status, created_at, updated_at)"
      + " VALUES (?, 1, 'default', ?, ?, ?, ?, ?, ?, 'Web', ?, ?, ?)";

  @Param({"postgresql"})
  public String database;

  /** hibernate.jdbc.batch_size of crmkit's persistence unit; "default" keeps JpaStorage's. */
  @Param({"default"})
  public String batchSize;

  Database db;
  /** Both sides' connections, counting what they send (printed after each shot or iteration). */
  CountingDataSource counting;
  JpaStorage storage;
  Crm crm;
  ConversionBaseline jdbc;
  List<UUID> leads = List.of();
  final AtomicInteger next = new AtomicInteger();
  int round;

  @Setup(Level.Trial)
  public void setUp() {
    db = Database.start(database);
    counting = new CountingDataSource(db.dataSource);
    JpaStorage.Builder builder = JpaStorage.builder().dataSource(counting).property(ORDER_INSERTS, true);
    if (!batchSize.equals("default")) {
      builder.property("hibernate.jdbc.batch_size", Integer.parseInt(batchSize));
    }
    // -Dhibernate.x=y on the command line (e.g. -jvmArgsAppend for JMH): to try a persistence unit setting
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hibernate."))
        .forEach(k -> builder.property(k, System.getProperty(k)));
    storage = builder.build();
    db.clean();
    crm = Crm.builder().storage(storage).clock(Clock.systemUTC()).build();
    background();
    jdbc = new ConversionBaseline(counting, crm.pipeline(), Seed.ACTOR.userId().value());
    System.out.println("[crmkit] " + database + ": " + db);
    compile();
  }

  /**
   * Runs both sides' code paths a few thousand times before JMH's own warm-up, so that the short iterations used on
   * a shared machine measure compiled code: a cold crmkit needed 41 s for the first 10,000 conversions and 13 to 16 s
   * for the next ones, and converted only about 20 leads in a first 1-second iteration.
   */
  void compile() {
    try {
      for (int round = 0; round < 2; round++) {
        seed(2_000);
        crm.conversions().convertAll(Seed.ACTOR, leads.subList(0, 1_000).stream().map(LeadId::of).toList(), null);
        for (UUID lead : leads.subList(1_000, 1_500)) {
          crm.conversions().convert(Seed.ACTOR, ConvertLead.of(LeadId.of(lead)));
        }
        for (int from = 1_500; from < 2_000; from += 100) {
          jdbc.convert(leads.subList(from, from + 100));
        }
        empty();
        seed(1_000);
        for (UUID lead : leads) {
          jdbc.convert(List.of(lead));
        }
        empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    storage.close();
    db.close();
  }

  /**
   * 10,000 accounts with a contact each, of other companies, analysed: the duplicate look-ups run against a table the
   * planner knows. On tables emptied and analysed when empty, PostgreSQL's generic plan for the account look-up
   * walked the creation-order index with a filter, so every look-up read the whole tenant's accounts and both sides
   * fell to about 180 conversions a second (see docs/PERFORMANCE.md).
   */
  void background() {
    String rows = " from generate_series(1, " + BACKGROUND + ") g";
    String id = "cast(lpad(to_hex(g), 32, '0') as uuid)";
    db.execute("insert into crm_account (tenant_id, id, version, owner_id, name, name_normalized, match_domain,"
        + " match_key_version, created_at, updated_at) select 'default', " + id + ", 1, 'background',"
        + " 'Background ' || g, 'background ' || g, 'bg' || g || '.example', 2, now(), now()" + rows,
        "insert into crm_contact (tenant_id, id, version, owner_id, account_id, last_name, email, email_normalized,"
        + " created_at, updated_at) select 'default', " + id + ", 1, 'background', " + id + ", 'Person ' || g,"
        + " 'p' || g || '@bg' || g || '.example', 'p' || g || '@bg' || g || '.example', now(), now()" + rows);
    db.analyze();
  }

  /** Inserts {@code n} new leads over JDBC, each of its own company and e-mail domain. */
  void seed(int n) {
    round++;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    List<UUID> ids = new ArrayList<>(n);
    try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_LEAD)) {
      c.setAutoCommit(false);
      for (int i = 0; i < n; i++) {
        UUID id = UUID.randomUUID();
        String tag = Integer.toString(round, 36) + "x" + Integer.toString(i, 36);
        s.setObject(1, id);
        s.setString(2, Seed.ACTOR.userId().value());
        s.setString(3, "Ada");
        s.setString(4, "Lead " + tag);
        s.setString(5, "Company " + tag + " Oy");
        s.setString(6, "ada@" + tag + ".example");
        s.setString(7, "ada@" + tag + ".example");
        s.setString(8, crm.pipeline().initialLeadStatus().key());
        s.setObject(9, now);
        s.setObject(10, now);
        s.addBatch();
        ids.add(id);
        if (ids.size() % 1000 == 0) {
          s.executeBatch();
        }
      }
      s.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    db.analyze();
    leads = ids;
    next.set(0);
  }

  void empty() {
    int converted = Math.min(next.get(), leads.size());
    System.out.println("[crmkit] sent for " + (converted == 0 ? leads.size() + " leads" : converted + " conversions")
        + ": " + counting.takeCounts());
    db.execute("DELETE FROM crm_conversion_record", "DELETE FROM crm_stage_history", "DELETE FROM crm_opportunity",
        "DELETE FROM crm_contact WHERE owner_id <> 'background'",
        "DELETE FROM crm_account WHERE owner_id <> 'background'", "DELETE FROM crm_lead");
  }

  UUID nextLead() {
    int i = next.getAndIncrement();
    if (i >= leads.size()) {
      throw new IllegalStateException("all " + leads.size() + " leads of this iteration are converted; lower -r");
    }
    return leads.get(i);
  }

  /** Per shot of the bulk benchmarks: 10,000 fresh leads. */
  @State(Scope.Benchmark)
  public static class Bulk {
    @Setup(Level.Invocation)
    public void seed(JpaConversionBenchmark b) {
      b.seed(BULK);
    }

    @TearDown(Level.Invocation)
    public void empty(JpaConversionBenchmark b) {
      b.empty();
    }
  }

  /** Per iteration of the single-conversion benchmarks: enough fresh leads for one iteration. */
  @State(Scope.Benchmark)
  public static class Iteration {
    @Setup(Level.Iteration)
    public void seed(JpaConversionBenchmark b) {
      b.seed(PER_ITERATION);
    }

    @TearDown(Level.Iteration)
    public void empty(JpaConversionBenchmark b) {
      b.empty();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public long bulk10000_crmkit(Bulk bulk) {
    BulkConversionResult result = crm.conversions().convertAll(Seed.ACTOR,
        leads.stream().map(LeadId::of).toList(), null);
    if (result.convertedCount() != BULK) {
      throw new IllegalStateException("converted " + result.convertedCount() + " of " + BULK + ": "
          + result.items().stream().filter(i -> !i.converted()).findFirst());
    }
    return result.convertedCount();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public long bulk10000_jdbcBatch(Bulk bulk) throws SQLException {
    int converted = 0;
    for (int from = 0; from < leads.size(); from += 100) {
      converted += jdbc.convert(leads.subList(from, Math.min(from + 100, leads.size())));
    }
    if (converted != BULK) {
      throw new IllegalStateException("converted " + converted + " of " + BULK);
    }
    return converted;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public ConversionOutcome single_crmkit(Iteration iteration) {
    ConversionOutcome outcome = crm.conversions().convert(Seed.ACTOR, ConvertLead.of(LeadId.of(nextLead())));
    if (!outcome.isConverted()) {
      throw new IllegalStateException(outcome.toString());
    }
    return outcome;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public int single_jdbc(Iteration iteration) throws SQLException {
    int converted = jdbc.convert(List.of(nextLead()));
    if (converted != 1) {
      throw new IllegalStateException("not converted");
    }
    return converted;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  @Threads(1)
  public ConversionOutcome threads1_crmkit(Iteration iteration) {
    return single_crmkit(iteration);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  @Threads(2)
  public ConversionOutcome threads2_crmkit(Iteration iteration) {
    return single_crmkit(iteration);
  }
}
