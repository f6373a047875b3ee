package org.crmkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.Actor;
import org.crmkit.storage.CrmStorage;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the sample application on what Spring Boot manages (the floor of crmkit's supported range: Spring Boot
 * 4.0 with its Hibernate 7.2 and Flyway 11) and walks one web lead through it.
 */
@SpringBootTest(properties = "spring.main.banner-mode=off")
class SalesApplicationTest {
  @Autowired LeadDesk desk;
  @Autowired NewDeals deals;
  @Autowired CrmStorage storage;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.crmkit.spring.boot.CrmkitBiSnapshotJob nightly;
  @Autowired org.crmkit.Crm crm;

  @Test
  void runsOnSpringBootsOwnVersions() throws java.io.IOException {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    assertThat(Version.getVersionString()).startsWith("7.2.");
    assertThat(flywayVersion()).startsWith("11.");
    assertThat(storage).isInstanceOf(JpaStorage.class);
  }

  private static String flywayVersion() throws java.io.IOException {
    try (var in = org.flywaydb.core.Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }
  }

  @Test
  void convertsAWebLeadIntoAnOpportunityInTheApplicationsDatabase() {
    ConversionOutcome outcome = desk.takeAndConvert("Ada", "Lovelace", "Analytical Engines", "ada@ae.example");

    assertThat(outcome.isConverted()).isTrue();
    assertThat(deals.names()).contains("Analytical Engines - first order");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM crm_opportunity", Long.class)).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"crmkit_schema_history\" WHERE \"success\"", Long.class))
        .isGreaterThanOrEqualTo(7);
  }

  @Test
  void theNightlySnapshotIsScheduledAndKeepsTheDayInTheApplicationsDatabase() {
    desk.takeAndConvert("Grace", "Hopper", "Navy", "grace@navy.example");

    List<SnapshotDay> kept = nightly.takeSnapshots();

    assertThat(nightly.cron()).isEqualTo("0 30 23 * * *");
    assertThat(kept).singleElement().satisfies(d -> assertThat(d.opportunities()).isPositive());
    LocalDate day = kept.get(0).day();
    assertThat(crm.bi().snapshotDays(Actor.user("lead-desk"), day, day)).containsExactlyElementsOf(kept);
  }
}
