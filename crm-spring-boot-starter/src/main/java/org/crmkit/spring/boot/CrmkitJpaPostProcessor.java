package org.crmkit.spring.boot;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crmkit.jpa.JpaStorage;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.util.ClassUtils;

/**
 * Makes the application's persistence unit ready for crmkit, so that the application names no crmkit package:
 * adds crmkit's entity classes to the managed types Spring Boot scanned, binds dates directly
 * ({@link JpaStorage#DIRECT_DATE_BINDING}), and keeps Hibernate's schema tooling ({@code ddl-auto}) away from
 * crmkit's tables, which crmkit's migrations own. Properties the application set itself win.
 */
final class CrmkitJpaPostProcessor implements BeanPostProcessor, BeanClassLoaderAware, EnvironmentAware {
  static final String SCHEMA_FILTER = "hibernate.hbm2ddl.schema_filter_provider";
  private ClassLoader classLoader = CrmkitJpaPostProcessor.class.getClassLoader();

  private boolean inMemory;

  @Override
  public void setBeanClassLoader(ClassLoader value) {
    this.classLoader = value;
  }

  /** With {@code crmkit.storage=in-memory} the application's persistence unit stays as it is. */
  @Override
  public void setEnvironment(Environment environment) {
    String storage = environment.getProperty("crmkit.storage", "auto");
    this.inMemory = storage.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals("in-memory");
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (inMemory) {
      return bean;
    }
    if (bean instanceof AbstractEntityManagerFactoryBean factory) {
      Compatibility.requireJpa32(classLoader);
      Map<String, Object> properties = factory.getJpaPropertyMap();
      properties.putIfAbsent(JpaStorage.DIRECT_DATE_BINDING, true);
      if (ClassUtils.isPresent("org.hibernate.tool.schema.spi.SchemaFilterProvider", classLoader)) {
        properties.putIfAbsent(SCHEMA_FILTER, CrmkitSchemaFilterProvider.class.getName());
      }
    }
    return bean;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!inMemory && bean instanceof PersistenceManagedTypes types) {
      Compatibility.requireJpa32(classLoader);
      List<String> classes = new ArrayList<>(types.getManagedClassNames());
      for (String name : JpaStorage.managedClassNames()) {
        if (!classes.contains(name)) {
          classes.add(name);
        }
      }
      List<String> managed = List.copyOf(classes);
      return new PersistenceManagedTypes() {
        @Override
        public List<String> getManagedClassNames() {
          return managed;
        }

        @Override
        public List<String> getManagedPackages() {
          return types.getManagedPackages();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
          return types.getPersistenceUnitRootUrl();
        }
      };
    }
    return bean;
  }
}
