package org.crmkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.crmkit.Crm;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.UpdateAccount;
import org.crmkit.account.Account;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.spring.boot.app.HostApplication;
import org.crmkit.spring.boot.app.OrderService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a Spring Boot application on a real PostgreSQL (embedded, started from a Maven artifact), with
 * Hibernate validating every table, crmkit's included, against the mapping at start: so crmkit's migrations must
 * have run before the EntityManagerFactory started.
 */
@SpringBootTest(classes = HostApplication.class,
    properties = {"spring.jpa.open-in-view=false", "spring.jpa.hibernate.ddl-auto=validate"})
class CrmkitStarterPostgresIT {
  private static EmbeddedPostgres postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Autowired Crm crm;
  @Autowired OrderService orders;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void clean() {
    jdbc.update("DELETE FROM host_order");
    jdbc.update("DELETE FROM crm_stage_history");
    jdbc.update("DELETE FROM crm_opportunity");
  }

  @Test
  void aHostTransactionThatFailsRollsBackItsOwnEntityAndCrmkitsRecords() {
    assertThatThrownBy(() -> orders.placeOrder(1, "Giant magnet", true)).isInstanceOf(IllegalStateException.class);

    assertThat(count("host_order")).isZero();
    assertThat(count("crm_opportunity")).isZero();
    assertThat(count("crm_stage_history")).isZero();
  }

  @Test
  void aHostTransactionCommitsItsOwnEntityAndCrmkitsRecordsTogether() {
    orders.placeOrder(2, "Rocket skates", false);

    assertThat(count("host_order")).isEqualTo(1);
    assertThat(count("crm_opportunity")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM host_order h JOIN crm_opportunity o"
        + " ON o.id = h.opportunity_id", Long.class)).isOne();
  }

  @Test
  void aStaleVersionIsCrmkitsConflictInsideSpringsTransaction() {
    Actor alice = Actor.user("alice");
    Account acme = crm.accounts().create(alice, CreateAccount.named("Acme " + System.nanoTime()));
    crm.accounts().update(alice, UpdateAccount.of(acme.id(), acme.version()).website("https://acme.example"));

    assertThatThrownBy(() -> crm.accounts().update(alice,
        UpdateAccount.of(acme.id(), acme.version()).website("https://stale.example")))
        .isInstanceOf(ConflictException.class);
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }
}
