package org.crmkit.spring.boot;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link CrmkitSchemaInitializer} initializes the database: beans that need an initialized
 * database (the EntityManagerFactory, JdbcTemplate users) start after it, and it starts after the initializers of
 * lower order (Flyway, Liquibase).
 */
public final class CrmkitDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

  @Override
  protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
    return Set.of(CrmkitSchemaInitializer.class);
  }

  @Override
  public int getOrder() {
    return 100; // after Flyway (1) and Liquibase (2)
  }
}
