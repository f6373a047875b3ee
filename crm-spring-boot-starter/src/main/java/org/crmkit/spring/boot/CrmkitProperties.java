package org.crmkit.spring.boot;

import org.crmkit.jpa.CrmkitSchema;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code crmkit.*} properties of the Spring Boot starter. */
@ConfigurationProperties("crmkit")
public class CrmkitProperties {

  /** Whether to configure crmkit at all. */
  private boolean enabled = true;

  /**
   * Where crmkit stores its records. AUTO: in the application's database through its EntityManagerFactory and
   * transactions when it has one, through crmkit's own EntityManagerFactory over the DataSource when it has only
   * a DataSource, and in memory when it has neither.
   */
  private StorageKind storage = StorageKind.AUTO;

  /** Whether crmkit's domain events are published as Spring application events after each commit. */
  private boolean publishEvents = true;

  private final Migrations migrations = new Migrations();

  private final Metrics metrics = new Metrics();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public StorageKind getStorage() {
    return storage;
  }

  public void setStorage(StorageKind storage) {
    this.storage = storage;
  }

  public boolean isPublishEvents() {
    return publishEvents;
  }

  public void setPublishEvents(boolean publishEvents) {
    this.publishEvents = publishEvents;
  }

  public Migrations getMigrations() {
    return migrations;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** Where crmkit stores its records. */
  public enum StorageKind {
    /** The database when the application has one, else in memory. */
    AUTO,
    /** The application's database through Jakarta Persistence; fails at start without a DataSource. */
    JPA,
    /** In the JVM's memory, gone at shutdown: for tests, demos and small tools. */
    IN_MEMORY
  }

  /** crmkit's schema migrations. */
  public static class Migrations {
    /**
     * Whether crmkit applies its own migrations at start (after the application's Flyway or Liquibase, before the
     * EntityManagerFactory starts). Turn it off when the application runs crmkit's migrations with its own tool.
     */
    private boolean enabled = true;

    /** The history table of crmkit's migrations, apart from the application's own so their versions never clash. */
    private String table = CrmkitSchema.HISTORY_TABLE;

    /**
     * The schema that holds crmkit's tables, created when missing; default: the connection's default schema. Only
     * with crmkit's own EntityManagerFactory (an application without JPA): an application's EntityManagerFactory
     * must find crmkit's tables in its own default schema or search path.
     */
    private String schema;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    CrmkitSchema.Migrations toOptions() {
      CrmkitSchema.Migrations options = CrmkitSchema.migrations().table(table);
      return schema == null || schema.isBlank() ? options : options.schema(schema);
    }
  }

  /** Micrometer metrics. */
  public static class Metrics {
    /** Whether crmkit's use cases and conversions are measured in the application's MeterRegistry, if it has one. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
