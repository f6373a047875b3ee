package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.crmkit.Crm;
import org.crmkit.application.CreateAccount;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.ValidationException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** How crm-jpa starts in a host: its own pool, migration options, and transactions the host starts on demand. */
class H2BootstrapTest {
  private static final Actor ALICE = Actor.user("alice");

  /** A host that starts a transaction when crmkit is called outside one, as Spring's TransactionTemplate does. */
  private static final class StartingHost implements HostTransactions {
    private final EntityManagerFactory emf;
    final ThreadLocal<EntityManager> current = new ThreadLocal<>();
    final List<Runnable> afterCommit = new ArrayList<>();
    int started;

    StartingHost(EntityManagerFactory emf) {
      this.emf = emf;
    }

    @Override
    public EntityManager entityManager() {
      return current.get();
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      if (current.get() != null) {
        return work.get();
      }
      started++;
      EntityManager em = emf.createEntityManager();
      current.set(em);
      try {
        em.getTransaction().begin();
        T result = work.get();
        em.getTransaction().commit();
        afterCommit.forEach(Runnable::run);
        return result;
      } finally {
        afterCommit.clear();
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
        em.close();
        current.remove();
      }
    }
  }

  @Test
  void startsATransactionThroughTheHostWhenTheCallerHasNone() {
    TestDatabase db = TestDatabase.h2();
    db.clean();
    StartingHost host = new StartingHost(db.hostFactory());
    List<Object> events = new ArrayList<>();
    Crm crm = Crm.builder().storage(JpaStorage.joining(host)).eventPublisher(events::add).build();

    crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    assertThatThrownBy(() -> crm.accounts().create(ALICE, CreateAccount.named(" ")))
        .isInstanceOf(ValidationException.class);

    assertThat(host.started).as("one host transaction for the use case that reached the storage").isEqualTo(1);
    assertThat(db.count("crm_account")).isEqualTo(1);
    assertThat(events).as("published after the host's commit").hasSize(1);
  }

  @Test
  void joinsTheCallersTransactionWithoutStartingOne() {
    TestDatabase db = TestDatabase.h2();
    db.clean();
    StartingHost host = new StartingHost(db.hostFactory());
    Crm crm = Crm.builder().storage(JpaStorage.joining(host)).build();
    EntityManager em = db.hostFactory().createEntityManager();
    host.current.set(em);
    try {
      em.getTransaction().begin();
      crm.accounts().create(ALICE, CreateAccount.named("Acme"));
      crm.accounts().create(ALICE, CreateAccount.named("Globex"));
      em.getTransaction().rollback();
    } finally {
      em.close();
      host.current.remove();
    }

    assertThat(host.started).isZero();
    assertThat(db.count("crm_account")).as("rolled back with the caller's transaction").isZero();
  }

  @Test
  void migratesIntoItsOwnSchemaAndHistoryTableBesideAHostsOwnV1() throws SQLException {
    try (HikariDataSource ds = pool("jdbc:h2:mem:schema-option;DB_CLOSE_DELAY=-1")) {
      Flyway.configure().dataSource(ds).locations("classpath:db/host").load().migrate();

      CrmkitSchema.Migrations migrations = CrmkitSchema.migrations().schema("crm").table("crm_migrations");
      int applied = migrations.migrate(ds);
      try (JpaStorage storage = JpaStorage.builder().dataSource(ds).migrations(migrations).build()) {
        Crm crm = Crm.builder().storage(storage).build();
        crm.accounts().create(ALICE, CreateAccount.named("Acme"));
      }

      assertThat(applied).isGreaterThanOrEqualTo(7);
      assertThat(count(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"))
          .as("the host's history holds only the host's V1").isEqualTo(1);
      assertThat(count(ds, "SELECT COUNT(*) FROM \"crm\".\"crm_migrations\" WHERE \"version\" = '1'"))
          .as("crmkit's own V1, no clash").isEqualTo(1);
      assertThat(count(ds, "SELECT COUNT(*) FROM \"crm\".CRM_ACCOUNT")).isEqualTo(1);
      assertThat(count(ds, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
          + " AND TABLE_NAME LIKE 'CRM_%'")).as("nothing of crmkit in the host's schema").isZero();
      assertThat(count(ds, "SELECT COUNT(*) FROM host_order")).isZero();
    }
  }

  @Test
  void aHostMadeFlywayConfigurationRunsCrmkitsMigrationsBesideTheHostsOwn() throws SQLException {
    try (HikariDataSource ds = pool("jdbc:h2:mem:host-flyway;DB_CLOSE_DELAY=-1")) {
      Flyway.configure().dataSource(ds).locations("classpath:db/host").load().migrate();

      int applied = CrmkitSchema.migrations().configure(Flyway.configure().dataSource(ds)).load().migrate()
          .migrationsExecuted;
      CrmkitSchema.backfill(ds);

      assertThat(applied).isGreaterThanOrEqualTo(7);
      assertThat(count(ds, "SELECT COUNT(*) FROM \"" + CrmkitSchema.HISTORY_TABLE + "\" WHERE \"version\" = '1'"))
          .isEqualTo(1);
      assertThat(count(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"))
          .as("the host's own history is untouched").isEqualTo(1);
      try (JpaStorage storage = JpaStorage.builder().dataSource(ds).migrate(false).build()) {
        assertThat(Crm.builder().storage(storage).build().accounts()
            .create(ALICE, CreateAccount.named("Acme")).version()).isEqualTo(1);
      }
    }
  }

  @Test
  void refusesASchemaOrTableNameThatIsNotAPlainIdentifier() {
    assertThatThrownBy(() -> CrmkitSchema.migrations().schema("crm; DROP TABLE x"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("plain SQL identifier");
    assertThatThrownBy(() -> CrmkitSchema.migrations().table(""))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aJdbcUrlGetsAPoolThatTheStorageClosesWithItself() {
    JpaStorage storage = JpaStorage.builder().jdbcUrl("jdbc:h2:mem:own-pool;DB_CLOSE_DELAY=-1", "sa", "").build();
    Crm crm = Crm.builder().storage(storage).build();
    crm.accounts().create(ALICE, CreateAccount.named("Acme"));

    storage.close();

    assertThatThrownBy(() -> crm.accounts().create(ALICE, CreateAccount.named("Globex")))
        .isInstanceOf(StorageException.class).hasMessageContaining("closed");
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(3);
    return new HikariDataSource(config);
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
