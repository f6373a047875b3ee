package org.crmkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.crmkit.Crm;
import org.crmkit.application.CreateLead;
import org.crmkit.jpa.CrmkitSchema;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadChanged;
import org.crmkit.micrometer.MicrometerCrmObserver;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.segment.SegmentDimension;
import org.crmkit.shared.Actor;
import org.crmkit.spring.boot.app.HostApplication;
import org.crmkit.spring.boot.app.OrderService;
import org.crmkit.storage.CrmStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The starter in a Spring Boot application on H2 with its own entity and its own Flyway migrations (V1), and
 * Hibernate's ddl-auto set to create-drop, which must leave crmkit's tables alone.
 */
@SpringBootTest(classes = {HostApplication.class, CrmkitStarterH2Test.Metrics.class}, properties = {
    "spring.datasource.url=jdbc:h2:mem:starter;DB_CLOSE_DELAY=-1",
    "spring.jpa.hibernate.ddl-auto=create-drop",
    "spring.jpa.open-in-view=false"})
class CrmkitStarterH2Test {
  private static final Actor ALICE = Actor.user("alice");

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @TestConfiguration
  static class Metrics {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    SegmentCatalog segmentCatalog() {
      return SegmentCatalog.of(SegmentDimension.of("region", "Region", "north", "south"));
    }

    @Bean
    CrmBuilderCustomizer fixedClock() {
      return builder -> builder.clock(Clock.fixed(T0, ZoneOffset.UTC));
    }
  }

  @Autowired Crm crm;
  @Autowired CrmStorage storage;
  @Autowired OrderService orders;
  @Autowired HostApplication app;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired MeterRegistry meters;
  @Autowired Pipeline pipeline;
  @Autowired SegmentCatalog segments;

  @BeforeEach
  void clean() {
    jdbc.update("DELETE FROM host_order");
    jdbc.update("DELETE FROM crm_stage_history");
    jdbc.update("DELETE FROM crm_opportunity");
    jdbc.update("DELETE FROM crm_lead");
    app.events.clear();
  }

  @Test
  void storesInTheApplicationsDatabaseThroughItsEntityManagerFactory() {
    assertThat(storage).isInstanceOf(JpaStorage.class);
    assertThat(crm.pipeline()).as("the application's Pipeline bean").isSameAs(pipeline);
    assertThat(crm.conversions().policies()).extracting(p -> p.id()).contains("web-leads");
    assertThat(crm.segments()).as("the application's SegmentCatalog bean").isSameAs(segments);
  }

  @Test
  void appliesTheApplicationsBuilderCustomizers() {
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));

    assertThat(lead.createdAt()).as("stamped by the customizer's fixed clock").isEqualTo(T0);
  }

  @Test
  void aHostTransactionCommitsItsOwnEntityAndCrmkitsRecordsTogether() {
    orders.placeOrder(1, "Rocket skates", false);

    assertThat(count("host_order")).isEqualTo(1);
    assertThat(count("crm_opportunity")).isEqualTo(1);
    assertThat(count("crm_stage_history")).isEqualTo(1);
  }

  @Test
  void aHostTransactionThatFailsRollsBackItsOwnEntityAndCrmkitsRecords() {
    assertThatThrownBy(() -> orders.placeOrder(2, "Giant magnet", true)).isInstanceOf(IllegalStateException.class);

    assertThat(count("host_order")).isZero();
    assertThat(count("crm_opportunity")).isZero();
    assertThat(count("crm_stage_history")).isZero();
    assertThat(app.events).as("nothing published for a rolled-back transaction").isEmpty();
  }

  @Test
  void publishesDomainEventsAsApplicationEventsAfterTheCommit() {
    transactions.executeWithoutResult(status -> {
      crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));
      assertThat(app.events).as("not before the commit").isEmpty();
    });

    assertThat(app.events).hasSize(1).first().isInstanceOf(LeadChanged.class);
  }

  @Test
  void aUseCaseOutsideATransactionRunsInItsOwn() {
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Alan", "Turing", "Bletchley", "alan@b.example"));

    assertThat(count("crm_lead")).isEqualTo(1);
    assertThat(crm.leads().get(ALICE, lead.id()).version()).isEqualTo(lead.version());
    assertThat(app.events).hasSize(1);
  }

  @Test
  void crmkitsMigrationsHaveTheirOwnHistoryBesideTheApplicationsV1AndSurviveDdlAuto() {
    assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL",
        String.class)).containsExactly("1");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"" + CrmkitSchema.HISTORY_TABLE
        + "\" WHERE \"version\" = '1' AND \"success\"", Long.class)).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
        + " WHERE INDEX_NAME = 'CRM_ACCOUNT_OWNER_IDX'", Long.class))
        .as("an index only crmkit's migration makes: Hibernate's create-drop did not recreate the table").isOne();
  }

  @Test
  void measuresUseCasesInTheApplicationsMeterRegistry() {
    long before = leadsCreated();

    crm.leads().create(ALICE, CreateLead.of("Grace", "Hopper", "Navy", "grace@navy.example"));

    assertThat(leadsCreated()).isEqualTo(before + 1);
  }

  private long leadsCreated() {
    var timer = meters.find(MicrometerCrmObserver.USE_CASES)
        .tags("use_case", "leads.create", "outcome", "succeeded").timer();
    return timer == null ? 0 : timer.count();
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

}
