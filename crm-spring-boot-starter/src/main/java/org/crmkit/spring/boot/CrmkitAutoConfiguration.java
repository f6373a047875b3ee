package org.crmkit.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.crmkit.Crm;
import org.crmkit.application.OpportunityRules;
import org.crmkit.bi.BiSettings;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.micrometer.MicrometerCrmObserver;
import org.crmkit.observe.CrmObserver;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.storage.CrmStorage;
import org.crmkit.workflow.WorkflowRules;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * crmkit in a Spring Boot application: a {@link Crm} bean over the application's storage, its migrations, its
 * events as application events and its metrics in Micrometer. See {@link CrmkitProperties} for the
 * {@code crmkit.*} properties.
 *
 * <p>Storage ({@code crmkit.storage=auto}): with an EntityManagerFactory and a transaction manager, crmkit's
 * entities join the application's persistence unit and every use case joins the caller's transaction, or runs in
 * its own when there is none ({@link SpringTransactions}); with only a DataSource, crmkit builds its own
 * EntityManagerFactory over it; with neither, records stay in memory.
 *
 * <p>Configuration comes from beans when the application defines them: {@link Pipeline},
 * {@link CustomFieldSchema}, {@link SegmentCatalog}, {@link WorkflowRules}, {@link OpportunityRules}, any number
 * of {@link ConversionPolicy} beans, {@link CrmObserver} beans, a {@link Clock} bean (the Crm's clock, and the
 * nightly snapshot's), a {@link BiSettings} bean (else {@code crmkit.bi.*}), and {@link CrmBuilderCustomizer} beans
 * for the rest. A {@link CrmStorage} or {@link Crm} bean of the application's own replaces the starter's.
 *
 * <p>Day-level BI: {@code crmkit.bi.retention.*} and {@code crmkit.bi.closed-within-days} become the Crm's
 * {@link BiSettings}; with {@code crmkit.bi.snapshot.cron} set (and {@code @EnableScheduling} in the application) the
 * {@link CrmkitBiSnapshotJob} takes the daily snapshot on that schedule. Without a cron nothing is scheduled and no
 * scheduler is created.
 */
@AutoConfiguration(afterName = {
    // Spring Boot 4
    "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
    // Spring Boot 3
    "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration"})
@ConditionalOnProperty(prefix = "crmkit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(CrmkitProperties.class)
public class CrmkitAutoConfiguration {

  /** The storage chosen by {@code crmkit.storage}; an application's own {@link CrmStorage} bean wins. */
  @Bean
  @ConditionalOnMissingBean
  public CrmStorage crmStorage(CrmkitProperties properties, ObjectProvider<DataSource> dataSource,
      ObjectProvider<EntityManagerFactory> entityManagerFactory,
      ObjectProvider<PlatformTransactionManager> transactionManager, ResourceLoader resourceLoader) {
    CrmkitProperties.StorageKind kind = properties.getStorage();
    if (kind == CrmkitProperties.StorageKind.IN_MEMORY) {
      return InMemoryStorage.create();
    }
    EntityManagerFactory emf = entityManagerFactory.getIfUnique();
    DataSource ds = dataSource.getIfUnique();
    if (emf == null && ds == null) {
      if (kind == CrmkitProperties.StorageKind.JPA) {
        throw new ConfigurationException("crmkit.storage=jpa but the application has no (single) DataSource or"
            + " EntityManagerFactory; configure spring.datasource.*, or set crmkit.storage=in-memory");
      }
      return InMemoryStorage.create();
    }
    Compatibility.requireJpa32(resourceLoader.getClassLoader());
    if (emf == null) {
      return JpaStorage.builder().dataSource(ds).migrations(properties.getMigrations().toOptions())
          .migrate(false) // the CrmkitSchemaInitializer bean did
          .build();
    }
    PlatformTransactionManager tx = transactionManager.getIfUnique();
    if (tx == null) {
      throw new ConfigurationException("crmkit joins the application's transactions but found no single"
          + " PlatformTransactionManager; define one for the EntityManagerFactory (Spring Boot's JPA"
          + " auto-configuration does), or give crmkit a CrmStorage bean of your own");
    }
    requireEntities(emf);
    return JpaStorage.joining(SpringTransactions.of(emf, tx));
  }

  /** crmkit's migrations, before anything uses the database (and after the application's own migrations). */
  @Bean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(prefix = "crmkit.migrations", name = "enabled", matchIfMissing = true)
  public CrmkitSchemaInitializer crmkitSchemaInitializer(DataSource dataSource, CrmkitProperties properties) {
    if (properties.getStorage() == CrmkitProperties.StorageKind.IN_MEMORY) {
      return new CrmkitSchemaInitializer(dataSource, null);
    }
    return new CrmkitSchemaInitializer(dataSource, properties.getMigrations().toOptions());
  }

  /** The Crm, configured from the application's beans. */
  @Bean
  @ConditionalOnMissingBean
  public Crm crm(CrmStorage storage, CrmkitProperties properties, ApplicationEventPublisher events,
      ObjectProvider<Pipeline> pipeline, ObjectProvider<CustomFieldSchema> customFields,
      ObjectProvider<SegmentCatalog> segments, ObjectProvider<WorkflowRules> workflows,
      ObjectProvider<OpportunityRules> opportunityRules, ObjectProvider<ConversionPolicy> conversionPolicies,
      ObjectProvider<CrmObserver> observers, ObjectProvider<Clock> clock, ObjectProvider<BiSettings> bi,
      ObjectProvider<CrmBuilderCustomizer> customizers) {
    Crm.Builder builder = Crm.builder().storage(storage);
    clock.ifUnique(builder::clock);
    bi.ifUnique(builder::bi);
    pipeline.ifUnique(builder::pipeline);
    customFields.ifUnique(builder::customFields);
    segments.ifUnique(builder::segments);
    workflows.ifUnique(builder::workflows);
    opportunityRules.ifUnique(builder::opportunityRules);
    List<ConversionPolicy> policies = conversionPolicies.orderedStream().toList();
    if (!policies.isEmpty()) {
      builder.conversionPolicies(policies);
    }
    List<CrmObserver> all = new ArrayList<>(observers.orderedStream().toList());
    if (!all.isEmpty()) {
      builder.observer(all.size() == 1 ? all.get(0) : CrmObserver.all(all.toArray(CrmObserver[]::new)));
    }
    if (properties.isPublishEvents()) {
      builder.eventPublisher(events::publishEvent);
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  private static void requireEntities(EntityManagerFactory emf) {
    for (String name : JpaStorage.managedClassNames()) {
      try {
        emf.getMetamodel().managedType(Class.forName(name, false, CrmkitAutoConfiguration.class.getClassLoader()));
      } catch (IllegalArgumentException | ClassNotFoundException e) {
        throw new ConfigurationException("the application's EntityManagerFactory does not manage crmkit's class "
            + name + ". The starter adds crmkit's entities to the persistence unit Spring Boot builds; an"
            + " EntityManagerFactory of your own must list JpaStorage.managedClassNames() itself", e);
      }
    }
  }

  /** Day-level BI: the settings from {@code crmkit.bi.*}, and the nightly snapshot when a cron is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "crmkit.bi", name = "enabled", matchIfMissing = true)
  static class Bi {

    /** The BI settings of {@code crmkit.bi.*}; an application's own {@link BiSettings} bean wins. */
    @Bean
    @ConditionalOnMissingBean
    BiSettings crmkitBiSettings(CrmkitProperties properties) {
      return properties.getBi().toSettings();
    }

    /** The nightly snapshot, only with {@code crmkit.bi.snapshot.cron}; needs the application's scheduling. */
    @Bean
    @Conditional(SnapshotCronSet.class)
    CrmkitBiSnapshotJob crmkitBiSnapshotJob(Crm crm, CrmkitProperties properties, ObjectProvider<Clock> clock,
        BeanFactory beans) {
      CrmkitProperties.Snapshot snapshot = properties.getBi().getSnapshot();
      String cron = snapshot.getCron().strip();
      if (!CronExpression.isValidExpression(cron)) {
        throw new ConfigurationException("crmkit.bi.snapshot.cron '" + cron + "' is not a Spring cron expression;"
            + " write six fields with seconds first, e.g. \"0 30 23 * * *\" for 23:30 every day");
      }
      if (!beans.containsBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)) {
        throw new ConfigurationException("crmkit.bi.snapshot.cron is set but the application does not schedule"
            + " tasks: add @EnableScheduling to one of its @Configuration classes (Spring Boot then provides the"
            + " scheduler), or remove crmkit.bi.snapshot.cron and call crm.bi().takeDailySnapshot(...) from a"
            + " scheduler of your own");
      }
      Clock base = clock.getIfUnique(Clock::systemUTC);
      ZoneId zone = base.getZone();
      if (snapshot.getZone() != null && !snapshot.getZone().isBlank()) {
        try {
          zone = ZoneId.of(snapshot.getZone().strip());
        } catch (DateTimeException e) {
          throw new ConfigurationException("crmkit.bi.snapshot.zone '" + snapshot.getZone() + "' is not a time"
              + " zone; write a region id such as Europe/Helsinki, or UTC", e);
        }
      }
      if (snapshot.getActor() == null || snapshot.getActor().isBlank()) {
        throw new ConfigurationException("crmkit.bi.snapshot.actor is blank; name the system actor the nightly"
            + " snapshot acts as, e.g. crmkit-bi (the access policy must let it see every opportunity)");
      }
      if (snapshot.getTenants() == null || snapshot.getTenants().isEmpty()) {
        throw new ConfigurationException("crmkit.bi.snapshot.tenants is empty; name the tenants whose day the"
            + " nightly snapshot takes (default: default)");
      }
      List<Actor> actors = new ArrayList<>();
      for (String tenant : snapshot.getTenants()) {
        actors.add(Actor.system(snapshot.getActor().strip()).in(tenant.strip()));
      }
      return new CrmkitBiSnapshotJob(crm, base.withZone(zone), cron, snapshot.getDay(), actors);
    }

    /** Registers the job with the application's scheduling ({@code @EnableScheduling}). */
    @Bean
    @Conditional(SnapshotCronSet.class)
    SchedulingConfigurer crmkitBiSnapshotSchedule(CrmkitBiSnapshotJob job) {
      return registrar -> registrar.addCronTask(new CronTask(job, new CronTrigger(job.cron(), job.zone())));
    }
  }

  /** {@code crmkit.bi.snapshot.cron} names a schedule: set, not blank, and not Spring's "-" (disabled). */
  static final class SnapshotCronSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String cron = context.getEnvironment().getProperty("crmkit.bi.snapshot.cron");
      return cron != null && !cron.isBlank()
          && !cron.strip().equals(org.springframework.scheduling.annotation.Scheduled.CRON_DISABLED);
    }
  }

  /** crmkit's part in the application's persistence unit. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean")
  static class Jpa {

    @Bean
    static CrmkitJpaPostProcessor crmkitJpaPostProcessor() {
      return new CrmkitJpaPostProcessor();
    }
  }

  /** Metrics in the application's MeterRegistry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnProperty(prefix = "crmkit.metrics", name = "enabled", matchIfMissing = true)
  static class Metrics {

    @Bean
    CrmObserver crmkitMetrics(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
      return new CrmObserver() {
        private volatile CrmObserver delegate;

        private CrmObserver delegate() {
          CrmObserver d = delegate;
          if (d == null) {
            io.micrometer.core.instrument.MeterRegistry r = registry.getIfUnique();
            d = r == null ? CrmObserver.none() : new MicrometerCrmObserver(r);
            delegate = d;
          }
          return d;
        }

        @Override
        public void useCaseFinished(org.crmkit.observe.UseCaseCall call) {
          delegate().useCaseFinished(call);
        }

        @Override
        public void leadConversionFinished(ConversionResult result) {
          delegate().leadConversionFinished(result);
        }
      };
    }
  }
}
