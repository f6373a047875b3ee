package org.crmkit.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.crmkit.bi.BiSettings;
import org.crmkit.bi.Retention;
import org.crmkit.jpa.CrmkitSchema;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.TenantId;
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

  private final Bi bi = new Bi();

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

  public Bi getBi() {
    return bi;
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

  /** Day-level BI ({@code crm.bi()}): how daily snapshots are kept, and the opt-in nightly snapshot. */
  public static class Bi {
    /**
     * Whether the starter configures day-level BI: the settings below bound into the Crm, and the nightly snapshot
     * when a cron is set. Off: the Crm keeps the core's defaults (every day kept, closed opportunities for 90 days)
     * and nothing is scheduled; crm.bi() itself stays callable.
     */
    private boolean enabled = true;

    /** How many days after its close date a won or lost opportunity stays in a day's state. */
    private int closedWithinDays = BiSettings.defaults().closedWithinDays();

    private final RetentionProperties retention = new RetentionProperties();

    private final Snapshot snapshot = new Snapshot();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getClosedWithinDays() {
      return closedWithinDays;
    }

    public void setClosedWithinDays(int closedWithinDays) {
      this.closedWithinDays = closedWithinDays;
    }

    public RetentionProperties getRetention() {
      return retention;
    }

    public Snapshot getSnapshot() {
      return snapshot;
    }

    /**
     * @return the settings these properties describe
     * @throws ConfigurationException naming the property at fault when they describe no valid settings
     */
    BiSettings toSettings() {
      if (closedWithinDays < 0) {
        throw new ConfigurationException("crmkit.bi.closed-within-days cannot be negative, was " + closedWithinDays
            + "; give the number of days a closed opportunity stays in a day's state, e.g. 90");
      }
      return new BiSettings(retention.toRetention(), closedWithinDays);
    }
  }

  /** How long kept days are kept: {@link Retention}. */
  public static class RetentionProperties {
    /**
     * How many days back every day is kept (e.g. 120), with the thinning of older days in 'after'. Unset: every day
     * for ever.
     */
    private Integer dailyDays;

    /**
     * What is kept of the days older than daily-days: NONE (every day; then leave daily-days unset), WEEKLY (the
     * Sundays) or MONTHLY (each month's last day).
     */
    private Retention.Thinning after = Retention.Thinning.NONE;

    public Integer getDailyDays() {
      return dailyDays;
    }

    public void setDailyDays(Integer dailyDays) {
      this.dailyDays = dailyDays;
    }

    public Retention.Thinning getAfter() {
      return after;
    }

    public void setAfter(Retention.Thinning after) {
      this.after = after;
    }

    Retention toRetention() {
      if (after == Retention.Thinning.NONE) {
        if (dailyDays != null) {
          throw new ConfigurationException("crmkit.bi.retention.daily-days=" + dailyDays + " needs"
              + " crmkit.bi.retention.after=weekly or monthly (what to keep of older days); leave daily-days unset"
              + " to keep every day for ever");
        }
        return Retention.everyDay();
      }
      if (dailyDays == null) {
        throw new ConfigurationException("crmkit.bi.retention.after=" + after.name().toLowerCase(java.util.Locale.ROOT)
            + " needs crmkit.bi.retention.daily-days: how many days back every day is kept, e.g. 120");
      }
      if (dailyDays < 1) {
        throw new ConfigurationException("crmkit.bi.retention.daily-days must be at least 1, was " + dailyDays);
      }
      return new Retention(dailyDays, after);
    }
  }

  /** The nightly snapshot: off unless a cron is set. */
  public static class Snapshot {
    /**
     * When to take the daily snapshot, as a Spring cron expression with seconds, e.g. "0 30 23 * * *" (23:30 every
     * day). Unset, blank or "-" (the default is unset): the starter schedules nothing. Needs @EnableScheduling in the
     * application.
     */
    private String cron;

    /**
     * The time zone of the cron expression and of the day taken, e.g. Europe/Helsinki. Default: the zone of the
     * application's Clock bean (which the Crm also uses), or UTC, the zone of the Crm's default clock. It must be
     * the Crm clock's zone, so that "today" is the same day for both.
     */
    private String zone;

    /**
     * Which day the job takes: TODAY (a job late in the evening: copied from the opportunities as they are) or
     * YESTERDAY (a job just after midnight: rebuilt from history).
     */
    private Day day = Day.TODAY;

    /**
     * The system actor the job acts as (Actor.system(...)). The access policy must let it see every opportunity,
     * e.g. OwnerAccessPolicy...trustingSystemActors("crmkit-bi").
     */
    private String actor = "crmkit-bi";

    /** The tenants whose day the job takes, one after the other. Default: the single tenant of most hosts. */
    private List<String> tenants = new ArrayList<>(List.of(TenantId.DEFAULT.value()));

    public String getCron() {
      return cron;
    }

    public void setCron(String cron) {
      this.cron = cron;
    }

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }

    public Day getDay() {
      return day;
    }

    public void setDay(Day day) {
      this.day = day;
    }

    public String getActor() {
      return actor;
    }

    public void setActor(String actor) {
      this.actor = actor;
    }

    public List<String> getTenants() {
      return tenants;
    }

    public void setTenants(List<String> tenants) {
      this.tenants = tenants;
    }

    /** Which day a scheduled snapshot takes. */
    public enum Day {
      /** The day the job runs on, in the zone: for a job late in the evening. */
      TODAY,
      /** The day before: for a job just after midnight (the day is rebuilt from history, which is exact for it). */
      YESTERDAY
    }
  }
}
