package org.crmkit.spring.boot;

import javax.sql.DataSource;
import org.crmkit.jpa.CrmkitSchema;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies crmkit's migrations at start, with their own history table. Spring Boot's database initialization
 * ordering ({@link CrmkitDatabaseInitializerDetector}) runs it after the application's Flyway or Liquibase and
 * before the EntityManagerFactory starts.
 */
public final class CrmkitSchemaInitializer implements InitializingBean {
  private final DataSource dataSource;
  private final CrmkitSchema.Migrations migrations;
  private int applied = -1;

  /** @param migrations null when crmkit stores in memory and so migrates nothing */
  CrmkitSchemaInitializer(DataSource dataSource, CrmkitSchema.Migrations migrations) {
    this.dataSource = dataSource;
    this.migrations = migrations;
  }

  @Override
  public void afterPropertiesSet() {
    applied = migrations == null ? 0 : migrations.migrate(dataSource);
  }

  /** @return how many migrations were applied at start (0 when the schema was up to date) */
  public int applied() {
    return applied;
  }

}
