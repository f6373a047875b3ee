package org.crmkit.jpa;

import java.util.Objects;
import javax.sql.DataSource;
import org.crmkit.shared.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * crmkit's database schema: versioned SQL migrations shipped in this jar under {@value #MIGRATIONS}, named the
 * Flyway way ({@code V1__crmkit_core.sql}, {@code V2__...}). The same files run on PostgreSQL and H2. Apply them
 * with {@link #migrate(DataSource)} (Flyway, with its own history table {@value #HISTORY_TABLE} so it never
 * mixes with the host's migrations), include them from the host's Flyway or Liquibase, or run them by hand in
 * version order.
 */
public final class CrmkitSchema {
  /** Where the migrations are on the class path. */
  public static final String MIGRATIONS = "db/crmkit/migration";

  /** The table in which {@link #migrate} records the applied migrations. */
  public static final String HISTORY_TABLE = "crmkit_schema_history";

  private CrmkitSchema() {}

  /**
   * Brings the schema of {@code dataSource}'s default schema up to date; does nothing when it is. Safe to call
   * at every start, also from several nodes (Flyway locks its history table).
   *
   * @param dataSource never null; needs rights to create tables
   * @return how many migrations were applied now
   * @throws StorageException when a migration fails (nothing of the failed migration stays on PostgreSQL)
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return migrate(Flyway.configure(CrmkitSchema.class.getClassLoader()).dataSource(dataSource));
  }

  /**
   * Like {@link #migrate(DataSource)}, given a JDBC URL.
   *
   * @param jdbcUrl never null
   * @param user may be null
   * @param password may be null
   * @return how many migrations were applied now
   */
  public static int migrate(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    return migrate(Flyway.configure(CrmkitSchema.class.getClassLoader()).dataSource(jdbcUrl, user, password));
  }

  private static int migrate(org.flywaydb.core.api.configuration.FluentConfiguration config) {
    try {
      MigrateResult result = config
          .locations("classpath:" + MIGRATIONS)
          .table(HISTORY_TABLE)
          // A host's schema usually holds tables already; version 0 as baseline still applies V1 and later.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new StorageException("migrating the crmkit schema failed: " + e.getMessage()
          + "; fix the cause (rights, a conflicting table) and run the migration again", e);
    }
  }
}
