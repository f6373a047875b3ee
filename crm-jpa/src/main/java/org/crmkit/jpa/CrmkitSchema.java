package org.crmkit.jpa;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.crmkit.jpa.internal.AccountMatchBackfill;
import org.crmkit.jpa.internal.AccountSearchBackfill;
import org.crmkit.jpa.internal.InSchema;
import org.crmkit.jpa.internal.RecordValueBackfill;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * crmkit's database schema: versioned SQL migrations shipped in this jar under {@value #MIGRATIONS}, named the
 * Flyway way ({@code V1__crmkit_core.sql}, {@code V2__...}). The same files run on PostgreSQL and H2. Apply them
 * with {@link #migrate(DataSource)} (Flyway, with its own history table {@value #HISTORY_TABLE} so it never
 * mixes with the host's migrations), with {@link #migrations()} to choose the history table and schema or to run
 * them with the host's own Flyway, or run them by hand in version order (docs/PERSISTENCE.md).
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
   * Brings the schema of {@code dataSource}'s default schema up to date with the default {@link #migrations()};
   * does nothing when it is. Safe to call at every start, also from several nodes (Flyway locks its history table).
   *
   * @param dataSource never null; needs rights to create tables
   * @return how many migrations were applied now
   * @throws StorageException when a migration fails (nothing of the failed migration stays on PostgreSQL)
   */
  public static int migrate(DataSource dataSource) {
    return migrations().migrate(dataSource);
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
    Migrations defaults = migrations();
    return defaults.run(defaults.configure(Flyway.configure(CrmkitSchema.class.getClassLoader()))
        .dataSource(jdbcUrl, user, password));
  }

  /**
   * @return the default migration options: crmkit's location, its own history table {@value #HISTORY_TABLE}, the
   *     connection's default schema
   */
  public static Migrations migrations() {
    return new Migrations(HISTORY_TABLE, null);
  }

  /**
   * How crmkit's migrations run: which Flyway history table records them and in which schema crmkit's tables live.
   * Because crmkit's migrations have their own history table, their versions (V1, V2, ...) never clash with the
   * host's own migrations, whatever versions those use. Immutable.
   *
   * <pre>{@code
   * CrmkitSchema.migrations().schema("crm").migrate(dataSource);
   * // or, with the host's own Flyway version and settings (a second Flyway beside the host's):
   * CrmkitSchema.migrations().configure(Flyway.configure().dataSource(dataSource)).load().migrate();
   * CrmkitSchema.backfill(dataSource);
   * }</pre>
   */
  public static final class Migrations {
    private final String table;
    private final String schema;

    private Migrations(String table, String schema) {
      this.table = table;
      this.schema = schema;
    }

    /**
     * @param name the history table of crmkit's migrations; never blank (default {@value #HISTORY_TABLE}). Never
     *     the host's own history table: its versions would clash with crmkit's.
     * @return options with that table
     */
    public Migrations table(String name) {
      return new Migrations(identifier(name, "table"), schema);
    }

    /**
     * @param name the schema that holds crmkit's tables and history table, created when missing; never blank.
     *     A storage built by {@link JpaStorage#builder()} with these options finds its tables there. A host's own
     *     EntityManagerFactory must find them there too (its default schema, or the database's search path).
     * @return options with that schema
     */
    public Migrations schema(String name) {
      return new Migrations(table, identifier(name, "schema"));
    }

    /** @return the history table */
    public String table() {
      return table;
    }

    /** @return the schema, empty for the connection's default one */
    public Optional<String> schema() {
      return Optional.ofNullable(schema);
    }

    /**
     * Points a Flyway configuration (the host's own Flyway version and settings) at crmkit's migrations: crmkit's
     * location, history table and schema, and a baseline below V1 so that a schema holding the host's tables still
     * gets every crmkit migration. Run it as a Flyway of its own beside the host's, then {@link #backfill}.
     *
     * @param flyway never null
     * @return {@code flyway}
     */
    public FluentConfiguration configure(FluentConfiguration flyway) {
      Objects.requireNonNull(flyway, "flyway");
      flyway.locations("classpath:" + MIGRATIONS)
          .table(table)
          // A host's schema usually holds tables already; version 0 as baseline still applies V1 and later.
          .baselineOnMigrate(true)
          .baselineVersion("0");
      if (schema != null) {
        flyway.schemas(schema).defaultSchema(schema);
      }
      return flyway;
    }

    /**
     * Brings crmkit's schema up to date and computes what SQL cannot ({@link #backfill}); does nothing when it is
     * up to date. Safe at every start, also from several nodes (Flyway locks its history table).
     *
     * @param dataSource never null; needs rights to create tables (and the schema, when one is named)
     * @return how many migrations were applied now
     * @throws StorageException when a migration fails (nothing of the failed migration stays on PostgreSQL)
     */
    public int migrate(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      return run(configure(Flyway.configure(CrmkitSchema.class.getClassLoader())).dataSource(dataSource));
    }

    private int run(FluentConfiguration config) {
      MigrateResult result;
      try {
        result = config.load().migrate();
      } catch (FlywayException e) {
        throw new StorageException("migrating the crmkit schema failed: " + e.getMessage()
            + "; fix the cause (rights, a conflicting table) and run the migration again", e);
      }
      backfill(schema == null ? config.getDataSource() : InSchema.of(config.getDataSource(), schema));
      return result.migrationsExecuted;
    }

    private static String identifier(String name, String what) {
      Objects.requireNonNull(name, what);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
        throw new ConfigurationException("the migrations' " + what + " name must be a plain SQL identifier"
            + " (letters, digits, underscores, at most 63), not '" + name + "'");
      }
      return name;
    }
  }

  /**
   * Computes what the SQL migrations cannot: the match keys of accounts written before migration V3 (or by an
   * older crmkit), and the report rows ({@code crm_record_value}, V9) of the segments and custom fields of records
   * written before V9. {@link #migrate} calls it; call it yourself after migrating by other means. Idempotent;
   * touches no record's version.
   *
   * @param dataSource never null; the schema must be migrated, and crmkit's tables must be in the schema its
   *     connections use by default
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
}
