package org.crmkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.bi.BiSettings;
import org.crmkit.bi.Retention;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.Money;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Day-level BI in a Spring Boot application: {@code crmkit.bi.*} bound into the Crm's {@link BiSettings}, and the
 * nightly snapshot scheduled only when the application asks for it, acting as the configured system actor.
 */
class CrmkitBiAutoConfigurationTest {
  /** Wednesday 11 March 2026, 22:30 UTC: 00:30 on Thursday the 12th in Helsinki. */
  private static final Instant NOW = Instant.parse("2026-03-11T22:30:00Z");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CrmkitAutoConfiguration.class));

  /** An application that schedules tasks, as a Boot user switches it on. */
  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  static class Scheduling {}

  /** Sellers see their own opportunities; only administrators and the trusted nightly job see them all. */
  static CrmBuilderCustomizer ownersOnlyTrusting(String systemActor) {
    TeamDirectory nobodyManages = new TeamDirectory() {
      @Override
      public Set<UserId> teamOf(TenantId tenant, UserId manager) {
        return Set.of();
      }

      @Override
      public boolean isAdministrator(TenantId tenant, UserId user) {
        return false;
      }
    };
    return builder -> builder.accessPolicy(OwnerAccessPolicy.over(nobodyManages).trustingSystemActors(systemActor));
  }

  @Test
  void theDefaultsAreTheCoresAndNothingIsScheduled() {
    runner.run(context -> {
      assertThat(context.getBean(BiSettings.class)).isEqualTo(BiSettings.defaults());
      assertThat(context).doesNotHaveBean(CrmkitBiSnapshotJob.class).doesNotHaveBean(SchedulingConfigurer.class)
          .doesNotHaveBean(TaskScheduler.class);
    });
  }

  @Test
  void bindsTheRetentionAndTheWindowForClosedOpportunitiesIntoTheCrm() {
    runner.withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
        .withPropertyValues("crmkit.bi.retention.daily-days=3", "crmkit.bi.retention.after=weekly",
            "crmkit.bi.closed-within-days=30")
        .run(context -> {
          assertThat(context.getBean(BiSettings.class))
              .isEqualTo(new BiSettings(Retention.dailyThenWeekly(3), 30));
          Crm crm = context.getBean(Crm.class);
          List<SnapshotDay> filled = crm.bi().backfill(Actor.system("nightly"), LocalDate.of(2026, 2, 26),
              LocalDate.of(2026, 3, 11));

          // the Crm's retention: the last three days, and the Sundays before them
          assertThat(crm.bi().snapshotDays(Actor.user("alice"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 11)))
              .extracting(SnapshotDay::day).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8),
                  LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11))
              .containsAll(filled.stream().map(SnapshotDay::day).toList());
        });
  }

  @Test
  void anApplicationsOwnBiSettingsBeanWins() {
    BiSettings own = BiSettings.defaults().withRetention(Retention.dailyThenMonthly(400));
    runner.withBean(BiSettings.class, () -> own).withPropertyValues("crmkit.bi.retention.daily-days=3",
        "crmkit.bi.retention.after=weekly").run(context -> assertThat(context.getBean(BiSettings.class)).isSameAs(own));
  }

  @Test
  void refusesARetentionThatIsHalfConfiguredNamingTheMissingProperty() {
    runner.withPropertyValues("crmkit.bi.retention.after=monthly").run(context ->
        assertThat(configurationFailure(context.getStartupFailure()))
            .hasMessageContaining("crmkit.bi.retention.daily-days"));
    runner.withPropertyValues("crmkit.bi.retention.daily-days=120").run(context ->
        assertThat(configurationFailure(context.getStartupFailure()))
            .hasMessageContaining("crmkit.bi.retention.after=weekly or monthly"));
    runner.withPropertyValues("crmkit.bi.closed-within-days=-1").run(context ->
        assertThat(configurationFailure(context.getStartupFailure()))
            .hasMessageContaining("crmkit.bi.closed-within-days cannot be negative"));
  }

  @Test
  void staysOutOfBiWhenDisabledLeavingTheCoresDefaults() {
    runner.withUserConfiguration(Scheduling.class)
        .withPropertyValues("crmkit.bi.enabled=false", "crmkit.bi.retention.after=monthly",
            "crmkit.bi.snapshot.cron=0 30 23 * * *")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Crm.class).doesNotHaveBean(BiSettings.class)
              .doesNotHaveBean(CrmkitBiSnapshotJob.class);
        });
  }

  @Test
  void aCronWithoutTheApplicationsSchedulingIsRefusedSayingWhatToAdd() {
    runner.withPropertyValues("crmkit.bi.snapshot.cron=0 30 23 * * *").run(context ->
        assertThat(configurationFailure(context.getStartupFailure())).hasMessageContaining("@EnableScheduling"));
  }

  @Test
  void aCronThatIsNotOneOrAZoneThatIsNotOneIsRefusedNamingTheProperty() {
    runner.withUserConfiguration(Scheduling.class).withPropertyValues("crmkit.bi.snapshot.cron=every night")
        .run(context -> assertThat(configurationFailure(context.getStartupFailure()))
            .hasMessageContaining("crmkit.bi.snapshot.cron 'every night' is not a Spring cron expression"));
    runner.withUserConfiguration(Scheduling.class)
        .withPropertyValues("crmkit.bi.snapshot.cron=0 30 23 * * *", "crmkit.bi.snapshot.zone=Mars/Olympus")
        .run(context -> assertThat(configurationFailure(context.getStartupFailure()))
            .hasMessageContaining("crmkit.bi.snapshot.zone 'Mars/Olympus' is not a time zone"));
  }

  @Test
  void aBlankCronOrSpringsDashSchedulesNothing() {
    runner.withPropertyValues("crmkit.bi.snapshot.cron=-").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(CrmkitBiSnapshotJob.class));
    runner.withPropertyValues("crmkit.bi.snapshot.cron=").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(CrmkitBiSnapshotJob.class));
  }

  @Test
  void schedulesTheNightlySnapshotWithTheApplicationsSchedulingAsTheTrustedSystemActor() {
    runner.withUserConfiguration(Scheduling.class)
        .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneId.of("Europe/Helsinki")))
        .withBean(CrmBuilderCustomizer.class, () -> ownersOnlyTrusting("nightly-bi"))
        .withPropertyValues("crmkit.bi.snapshot.cron=0 30 0 * * *", "crmkit.bi.snapshot.actor=nightly-bi",
            "crmkit.bi.snapshot.tenants=default,acme")
        .run(context -> {
          CrmkitBiSnapshotJob job = context.getBean(CrmkitBiSnapshotJob.class);
          ScheduledTaskHolder scheduler = context.getBean(ScheduledTaskHolder.class);
          assertThat(scheduler.getScheduledTasks()).extracting(t -> t.getTask())
              .filteredOn(CronTask.class::isInstance).extracting(t -> ((CronTask) t).getExpression())
              .containsExactly("0 30 0 * * *");
          assertThat(job.zone()).as("the zone of the application's Clock, which the Crm uses too")
              .isEqualTo(ZoneId.of("Europe/Helsinki"));
          assertThat(job.actors()).containsExactly(Actor.system("nightly-bi"), Actor.system("nightly-bi").in("acme"));
          Crm crm = context.getBean(Crm.class);
          crm.opportunities().create(Actor.user("alice"), CreateOpportunity.named("Skates")
              .amount(Money.of("900", "EUR")));
          crm.opportunities().create(Actor.user("ann").in("acme"), CreateOpportunity.named("Anvils"));

          job.run();

          LocalDate thursday = LocalDate.of(2026, 3, 12);
          assertThat(crm.bi().snapshotDays(Actor.user("alice"), thursday, thursday)).singleElement()
              .satisfies(d -> {
                assertThat(d.source()).isEqualTo(SnapshotSource.CURRENT);
                assertThat(d.opportunities()).isEqualTo(1);
              });
          assertThat(crm.bi().snapshotDays(Actor.user("ann").in("acme"), thursday, thursday)).hasSize(1);
        });
  }

  @Test
  void aJobJustAfterMidnightTakesYesterdayInTheConfiguredZone() {
    runner.withUserConfiguration(Scheduling.class)
        .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
        .withPropertyValues("crmkit.bi.snapshot.cron=0 5 0 * * *", "crmkit.bi.snapshot.day=yesterday",
            "crmkit.bi.snapshot.zone=UTC")
        .run(context -> {
          CrmkitBiSnapshotJob job = context.getBean(CrmkitBiSnapshotJob.class);

          assertThat(job.dayToTake()).isEqualTo(LocalDate.of(2026, 3, 10));
          assertThat(job.takeSnapshots()).singleElement().satisfies(d -> {
            assertThat(d.day()).isEqualTo(LocalDate.of(2026, 3, 10));
            assertThat(d.source()).isEqualTo(SnapshotSource.HISTORY);
          });
        });
  }

  @Test
  void aJobWhoseActorTheAccessPolicyDoesNotTrustFailsLoudlyButKeepsTheSchedule() {
    runner.withUserConfiguration(Scheduling.class)
        .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
        .withBean(CrmBuilderCustomizer.class, () -> ownersOnlyTrusting("nightly-bi"))
        .withPropertyValues("crmkit.bi.snapshot.cron=0 30 23 * * *")
        .run(context -> {
          CrmkitBiSnapshotJob job = context.getBean(CrmkitBiSnapshotJob.class);

          assertThatThrownBy(job::takeSnapshots).isInstanceOf(AccessDeniedException.class)
              .hasMessageContaining("crmkit-bi");
          job.run();   // logged at ERROR, not thrown: the scheduler keeps the schedule

          Crm crm = context.getBean(Crm.class);
          assertThat(crm.bi().snapshotDays(Actor.system("nightly-bi"), LocalDate.of(2026, 1, 1),
              LocalDate.of(2026, 3, 11))).isEmpty();
        });
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
}
