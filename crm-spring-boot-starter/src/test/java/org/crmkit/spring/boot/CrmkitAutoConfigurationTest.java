package org.crmkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.crmkit.Crm;
import org.crmkit.application.CreateAccount;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.storage.CrmStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The starter's choices without a whole application: storage by what the application has, and its refusals. */
class CrmkitAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CrmkitAutoConfiguration.class));

  @Test
  void fallsBackToTheInMemoryStorageWithoutADataSource() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Crm.class);
      assertThat(context.getBean(CrmStorage.class)).isInstanceOf(InMemoryStorage.class);
      Crm crm = context.getBean(Crm.class);
      assertThat(crm.accounts().create(Actor.user("alice"), CreateAccount.named("Acme")).version()).isEqualTo(1);
    });
  }

  @Test
  void storesInMemoryWhenToldToEvenWithADataSource() {
    runner.withBean(javax.sql.DataSource.class, CrmkitAutoConfigurationTest::h2)
        .withPropertyValues("crmkit.storage=in-memory")
        .run(context -> assertThat(context.getBean(CrmStorage.class)).isInstanceOf(InMemoryStorage.class));
  }

  @Test
  void buildsItsOwnEntityManagerFactoryOverADataSourceWithoutJpa() {
    runner.withBean(javax.sql.DataSource.class, CrmkitAutoConfigurationTest::h2).run(context -> {
      assertThat(context.getBean(CrmStorage.class)).isInstanceOf(JpaStorage.class);
      assertThat(context.getBean(CrmkitSchemaInitializer.class).applied()).isGreaterThanOrEqualTo(7);
      Crm crm = context.getBean(Crm.class);
      assertThat(crm.accounts().create(Actor.user("alice"), CreateAccount.named("Acme")).version()).isEqualTo(1);
    });
  }

  @Test
  void refusesJpaStorageWithoutADataSourceAndSaysWhatToDo() {
    runner.withPropertyValues("crmkit.storage=jpa").run(context ->
        assertThat(configurationFailure(context.getStartupFailure())).hasMessageContaining("spring.datasource"));
  }

  @Test
  void failsAtStartWithTheRequirementOnJakartaPersistence31() {
    runner.withClassLoader(new FilteredClassLoader("jakarta.persistence.PersistenceConfiguration"))
        .withBean(javax.sql.DataSource.class, CrmkitAutoConfigurationTest::h2)
        .withPropertyValues("crmkit.migrations.enabled=false")
        .run(context -> assertThat(configurationFailure(context.getStartupFailure()))
            .hasMessageContaining("Jakarta Persistence 3.2")
            .hasMessageContaining("Spring Boot 4"));
  }

  @Test
  void staysAwayWhenDisabled() {
    runner.withPropertyValues("crmkit.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Crm.class));
  }

  @Test
  void describesItsPropertiesForIdeCompletion() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"crmkit.storage\"", "\"crmkit.migrations.table\"", "\"crmkit.migrations.schema\"",
          "\"crmkit.publish-events\"", "\"crmkit.metrics.enabled\"", "Where crmkit stores its records",
          "\"crmkit.bi.enabled\"", "\"crmkit.bi.closed-within-days\"", "\"crmkit.bi.retention.daily-days\"",
          "\"crmkit.bi.retention.after\"", "\"crmkit.bi.snapshot.cron\"", "\"crmkit.bi.snapshot.zone\"",
          "\"crmkit.bi.snapshot.day\"", "\"crmkit.bi.snapshot.actor\"", "\"crmkit.bi.snapshot.tenants\"");
    }
  }

  /** @return the ConfigurationException among the causes of a failed start */
  private static ConfigurationException configurationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationException e) {
        return e;
      }
    }
    throw new AssertionError("the start did not fail with a ConfigurationException", failure);
  }

  private static javax.sql.DataSource h2() {
    return new DriverManagerDataSource("jdbc:h2:mem:runner-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }
}
