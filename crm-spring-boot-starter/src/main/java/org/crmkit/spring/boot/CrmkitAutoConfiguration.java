package org.crmkit.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.crmkit.Crm;
import org.crmkit.application.OpportunityRules;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.micrometer.MicrometerCrmObserver;
import org.crmkit.observe.CrmObserver;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.storage.CrmStorage;
import org.crmkit.workflow.WorkflowRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
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
 * of {@link ConversionPolicy} beans, {@link CrmObserver} beans, and {@link CrmBuilderCustomizer} beans for the rest.
 * A {@link CrmStorage} or {@link Crm} bean of the application's own replaces the starter's.
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
      ObjectProvider<CrmObserver> observers, ObjectProvider<CrmBuilderCustomizer> customizers) {
    Crm.Builder builder = Crm.builder().storage(storage);
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
