package org.crmkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.jpa.JpaStorage;
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
 * 1,000 opportunities (linked to one account) and their 1,000 creation history rows written in one unit of work:
 * through crmkit ({@code crm.opportunities().create} 1,000 times inside one {@code storage.unitOfWork()}; Hibernate
 * sends one JDBC batch per table with crmkit's defaults: up to 1,000 rows a batch, history rows persisted last) vs.
 * one JDBC transaction with two
 * {@link PreparedStatement} batches of 1,000 rows each. Same database, same pool, same values; the tables are
 * emptied after each iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class JpaBulkInsertBenchmark {
  static final int ROWS = 1000;
  static final String INSERT_OPPORTUNITY = "INSERT INTO crm_opportunity (id, tenant_id, version, owner_id, name,"
      + " account_id, amount, currency, probability, probability_manual, stage, close_date, created_at, updated_at)"
      + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)";
  static final String INSERT_HISTORY = "INSERT INTO crm_stage_history (id, tenant_id, opportunity_id, version, kind,"
      + " origin, stage, amount, currency, probability, close_date, changed_at, changed_by)"
      + " VALUES (?, ?, ?, 1, 'CREATED', 'DIRECT', ?, ?, ?, ?, ?, ?, ?)";

  @Param({"h2", "postgresql"})
  public String database;

  Database db;
  JpaStorage storage;
  Crm crm;
  Clock clock;
  List<CreateOpportunity> commands;

  @Setup(Level.Trial)
  public void setUp() {
    db = Database.start(database);
    storage = JpaStorage.builder().dataSource(db.dataSource).build();
    db.clean();
    clock = Clock.systemUTC();
    crm = Crm.builder().storage(storage).clock(clock).build();
    Account account = crm.accounts().create(Seed.ACTOR, CreateAccount.named("Acme Oy"));
    LocalDate today = LocalDate.now(clock);
    commands = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      commands.add(Seed.command(i, account.id(), today));
    }
    System.out.println("[crmkit] " + database + ": " + db);
  }

  @TearDown(Level.Iteration)
  public void empty() {
    db.execute("DELETE FROM crm_stage_history", "DELETE FROM crm_opportunity");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    storage.close();
    db.close();
  }

  @Benchmark
  public int insert1000_crmkit() {
    return storage.unitOfWork().execute(() -> {
      int n = 0;
      for (CreateOpportunity c : commands) {
        crm.opportunities().create(Seed.ACTOR, c);
        n++;
      }
      return n;
    });
  }

  @Benchmark
  public int insert1000_jdbcBatch() throws SQLException {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    String tenant = Seed.ACTOR.tenant().value();
    try (Connection c = db.dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement opportunity = c.prepareStatement(INSERT_OPPORTUNITY);
          PreparedStatement history = c.prepareStatement(INSERT_HISTORY)) {
        for (CreateOpportunity cmd : commands) {
          UUID id = UUID.randomUUID();
          int probability = crm.pipeline().stage(cmd.stage()).defaultProbability().percent();
          opportunity.setObject(1, id);
          opportunity.setString(2, tenant);
          opportunity.setString(3, cmd.owner().value());
          opportunity.setString(4, cmd.name());
          opportunity.setObject(5, cmd.accountId().value());
          opportunity.setBigDecimal(6, cmd.amount().amount());
          opportunity.setString(7, cmd.amount().currencyCode());
          opportunity.setInt(8, probability);
          opportunity.setString(9, cmd.stage());
          opportunity.setObject(10, cmd.closeDate());
          opportunity.setObject(11, now);
          opportunity.setObject(12, now);
          opportunity.addBatch();
          history.setObject(1, UUID.randomUUID());
          history.setString(2, tenant);
          history.setObject(3, id);
          history.setString(4, cmd.stage());
          history.setBigDecimal(5, cmd.amount().amount());
          history.setString(6, cmd.amount().currencyCode());
          history.setInt(7, probability);
          history.setObject(8, cmd.closeDate());
          history.setObject(9, now);
          history.setString(10, Seed.ACTOR.userId().value());
          history.addBatch();
        }
        opportunity.executeBatch();
        history.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return commands.size();
  }
}
