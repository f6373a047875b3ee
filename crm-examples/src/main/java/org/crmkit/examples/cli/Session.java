package org.crmkit.examples.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.crmkit.Crm;
import org.crmkit.csv.ExternalIdStore;
import org.crmkit.csv.JdbcExternalIdStore;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.FieldType;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.StorageException;
import org.crmkit.storage.CrmStorage;

/** A storage, the Crm over it and the external id store, for one run of the tool. */
final class Session implements AutoCloseable {
  /** Libraries' informational start-up logging would drown the output; held so the levels stick. */
  private static final List<Logger> QUIET = Stream.of("org.flywaydb", "org.hibernate")
      .map(Logger::getLogger).peek(l -> l.setLevel(Level.SEVERE)).toList();

  final CrmStorage storage;
  final Crm crm;
  final ExternalIdStore externalIds;
  private final JpaStorage jpa;
  private final JdbcExternalIdStore jdbcIds;

  private Session(CrmStorage storage, JpaStorage jpa, ExternalIdStore externalIds, JdbcExternalIdStore jdbcIds) {
    this.storage = storage;
    this.jpa = jpa;
    this.externalIds = externalIds;
    this.jdbcIds = jdbcIds;
    this.crm = crm(storage);
  }

  /**
   * The tool's Crm: the default pipeline, free segment values, and the custom fields the shipped mappings use
   * (leads: origin, converted, lastActivity; opportunities: engageDate).
   */
  static Crm crm(CrmStorage storage) {
    return Crm.builder().storage(storage).clock(CLOCK).customFields(FIELDS).build();
  }

  /** The tool's Crm clock: it stamps changes and says which day is today ({@code snapshot}'s default). */
  static final Clock CLOCK = Clock.systemUTC();

  /** The custom fields the shipped mappings fill (and {@code serve} gives the example server as well). */
  static final CustomFieldSchema FIELDS = CustomFieldSchema.of(
      CustomFieldDefinition.of(RecordType.LEAD, "origin", "Lead origin", FieldType.TEXT),
      CustomFieldDefinition.of(RecordType.LEAD, "converted", "Converted (1 or 0)", FieldType.NUMBER),
      CustomFieldDefinition.of(RecordType.LEAD, "lastActivity", "Last activity", FieldType.TEXT),
      CustomFieldDefinition.of(RecordType.OPPORTUNITY, "engageDate", "Engaged on", FieldType.DATE));

  static Session open(CrmCli options) {
    if (options.jdbcUrl != null) {
      return database(options.jdbcUrl, options.jdbcUser, System.getenv("CRM_DB_PASSWORD"),
          "check the URL, --jdbc-user or CRM_DB_USER, and CRM_DB_PASSWORD");
    }
    String store = options.store.strip();
    if (store.equalsIgnoreCase("memory")) {
      InMemoryStorage s = InMemoryStorage.create();
      return new Session(s, null, ExternalIdStore.inMemory(), null);
    }
    if (store.toLowerCase(Locale.ROOT).startsWith("file:") && store.length() > 5) {
      Path path = Path.of(store.substring(5)).toAbsolutePath();
      return database("jdbc:h2:file:" + path, "sa", "",
          "an H2 file is open in one process at a time: is another crmkit command, such as serve, using it?");
    }
    throw new CrmCli.CliException("--store must be memory or file:PATH, was '" + store + "'");
  }

  private static Session database(String url, String user, String password, String hint) {
    probe(url, user, password, hint);
    JpaStorage jpa = JpaStorage.builder().jdbcUrl(url, user, password).build();
    try {
      JdbcExternalIdStore ids = JdbcExternalIdStore.open(url, user, password);
      return new Session(jpa, jpa, ids, ids);
    } catch (RuntimeException e) {
      jpa.close();
      throw e;
    }
  }

  /**
   * Fails fast, in one line, on a URL no driver takes or a database that cannot be reached (the persistence unit
   * would wait 30 seconds for its pool and then report a failed migration).
   */
  private static void probe(String url, String user, String password, String hint) {
    String shown = url.split("[?;]", 2)[0]; // parameters may hold a password
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new CrmCli.CliException("no JDBC driver takes the URL '" + shown + "'; give one such as "
          + "jdbc:postgresql://HOST[:PORT]/DATABASE (or use --store file:PATH for an H2 file)");
    }
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.isValid(1);
    } catch (SQLException e) {
      throw new StorageException("cannot connect to " + shown + ": " + e.getMessage() + " (" + hint + ")", e);
    }
  }

  @Override
  public void close() {
    if (jdbcIds != null) {
      jdbcIds.close();
    }
    if (jpa != null) {
      jpa.close();
    }
  }
}
