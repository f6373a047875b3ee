package org.crmkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The database a JPA benchmark runs on, with one connection pool that crmkit and the hand-written JDBC baseline
 * share: {@code h2} (in memory, in this JVM) or {@code postgresql} (the server at {@code CRM_PG_URL} with
 * {@code CRM_PG_USER}/{@code CRM_PG_PASSWORD} when set, else an embedded PostgreSQL started for the fork).
 */
final class Database implements AutoCloseable {
  /** Hibernate's and Flyway's informational start-up logging would drown JMH's output; held so levels stick. */
  private static final List<Logger> QUIET = Stream.of("org.flywaydb", "org.hibernate", "com.zaxxer")
      .map(Logger::getLogger).peek(l -> l.setLevel(Level.SEVERE)).toList();

  private static final String[] TABLES = {
      "crm_record_value", "crm_conversion_record", "crm_forecast_history_line", "crm_forecast_history",
      "crm_billing_forecast_line", "crm_billing_forecast", "crm_account_budget_line", "crm_account_budget",
      "crm_stage_history", "crm_lead", "crm_opportunity", "crm_contact", "crm_account"};

  final String description;
  final HikariDataSource dataSource;
  private final EmbeddedPostgres embedded;

  private Database(String description, HikariDataSource dataSource, EmbeddedPostgres embedded) {
    this.description = description;
    this.dataSource = dataSource;
    this.embedded = embedded;
  }

  static Database start(String name) {
    if (QUIET.isEmpty()) {
      throw new IllegalStateException("unreachable");
    }
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(4);
    switch (name) {
      case "h2" -> {
        config.setJdbcUrl("jdbc:h2:mem:crmkit-bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        config.setUsername("sa");
        config.setPassword("");
        return new Database("H2 " + org.h2.engine.Constants.VERSION + " in memory", new HikariDataSource(config),
            null);
      }
      case "postgresql" -> {
        String url = System.getenv("CRM_PG_URL");
        EmbeddedPostgres embedded = null;
        if (url != null && !url.isBlank()) {
          config.setJdbcUrl(url);
          config.setUsername(System.getenv().getOrDefault("CRM_PG_USER", "postgres"));
          config.setPassword(System.getenv().getOrDefault("CRM_PG_PASSWORD", ""));
        } else {
          try {
            embedded = EmbeddedPostgres.builder().start();
          } catch (IOException e) {
            throw new IllegalStateException("could not start an embedded PostgreSQL; set CRM_PG_URL instead", e);
          }
          config.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
          config.setUsername("postgres");
        }
        HikariDataSource ds = new HikariDataSource(config);
        return new Database(serverVersion(ds) + (embedded == null ? " at " + url : " (embedded)"), ds, embedded);
      }
      default -> throw new IllegalArgumentException("unknown database " + name + "; use h2 or postgresql");
    }
  }

  private static String serverVersion(HikariDataSource ds) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select version()")) {
      rs.next();
      String v = rs.getString(1);
      int comma = v.indexOf(',');
      return comma < 0 ? v : v.substring(0, comma);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Empties every crmkit table, children first (a server given by URL may hold an earlier run's rows). */
  void clean() {
    execute(Stream.of(TABLES).map(t -> "delete from " + t).toArray(String[]::new));
  }

  /** Runs statements over plain JDBC, e.g. to empty tables between iterations. */
  void execute(String... statements) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.executeUpdate(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Updates the planner's statistics after seeding (PostgreSQL; a no-op statement on H2). */
  void analyze() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        System.err.println("could not stop embedded PostgreSQL: " + e);
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
