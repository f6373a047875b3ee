package org.crmkit.boot3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.crmkit.Crm;
import org.crmkit.application.CreateAccount;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;
import org.crmkit.storage.CrmStorage;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Spring Boot 3.5 is below crmkit's floor: its JPA storage refuses to start there, and says why. */
class SpringBoot3Test {

  @Test
  void aSpringBoot3ApplicationWithJpaFailsAtStartNamingTheRequirement() {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    assertThat(Version.getVersionString()).startsWith("6.");

    assertThatThrownBy(() -> app("jdbc:h2:mem:boot3-jpa").run().close())
        .hasStackTraceContaining("crm-jpa needs Jakarta Persistence 3.2 or later")
        .hasStackTraceContaining("Spring Boot 4")
        .hasStackTraceContaining("crmkit.storage=in-memory");
  }

  @Test
  void theInMemoryStorageStillWorksOnSpringBoot3() {
    try (ConfigurableApplicationContext context =
        app("jdbc:h2:mem:boot3-memory").properties("crmkit.storage=in-memory").run()) {
      assertThat(context.getBean(CrmStorage.class)).isInstanceOf(InMemoryStorage.class);
      Crm crm = context.getBean(Crm.class);
      assertThat(crm.accounts().create(Actor.user("alice"), CreateAccount.named("Acme")).version()).isEqualTo(1);
    }
  }

  private static SpringApplicationBuilder app(String url) {
    return new SpringApplicationBuilder(Boot3Application.class)
        .properties("spring.datasource.url=" + url, "spring.main.banner-mode=off", "spring.jpa.open-in-view=false",
            // crm-jpa brings flyway-core, which switches on Boot 3's Flyway for an application without migrations
            "spring.flyway.enabled=false");
  }
}
