package org.crmkit.jpa;

import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.crmkit.jpa.internal.AccountMatchBackfill;
import org.crmkit.jpa.internal.AccountSearchBackfill;
import org.crmkit.jpa.internal.RecordValueBackfill;
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
 *
 * <p>One step cannot be written in portable SQL: the match keys of accounts that existed before
 * {@code V3__crmkit_conversion.sql} (the normalised company name and domain that lead conversion's duplicate check
 * looks up). {@link #migrate} computes them after migrating; when the host migrates by other means, the adapter
 * still finds those accounts (it reads rows without a key and compares in Java), only less efficiently, until
 * {@link #backfill(DataSource)} has run once or each account has been saved again.
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

  /**
   * Computes what the SQL migrations cannot: the match keys of accounts written before migration V3 (or by an
   * older crmkit), and the report rows ({@code crm_record_value}, V9) of the segments and custom fields of records
   * written before V9. {@link #migrate} calls it; call it yourself after migrating by other means. Idempotent;
   * touches no record's version.
   *
   * @param dataSource never null; the schema must be migrated
   * @return how many accounts got their match keys and records their report rows now
   * @throws StorageException when the database fails
   */
  public static int backfill(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try {
      return AccountMatchBackfill.run(dataSource) + AccountSearchBackfill.run(dataSource)
          + RecordValueBackfill.run(dataSource);
    } catch (SQLException e) {
      throw new StorageException("computing the match keys of existing accounts failed: " + e.getMessage()
          + "; the schema must be migrated first (CrmkitSchema.migrate); the step can be run again", e);
    }
  }

  private static int migrate(org.flywaydb.core.api.configuration.FluentConfiguration config) {
    MigrateResult result;
    try {
      result = config
          .locations("classpath:" + MIGRATIONS)
          .table(HISTORY_TABLE)
          // A host's schema usually holds tables already; version 0 as baseline still applies V1 and later.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StorageException("migrating the crmkit schema failed: " + e.getMessage()
          + "; fix the cause (rights, a conflicting table) and run the migration again", e);
    }
    backfill(config.getDataSource());
    return result.migrationsExecuted;
  }
}
