package org.crmkit.csv;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.TenantId;

/**
 * An {@link ExternalIdStore} in one table, {@code crmkit_external_id}, created when missing (the statement runs
 * unchanged on H2 and PostgreSQL). It holds one connection of its own; close the store to release it.
 * Not thread-safe: one import at a time.
 */
public final class JdbcExternalIdStore implements ExternalIdStore, AutoCloseable {
  /** The table. */
  public static final String TABLE = "crmkit_external_id";
  /** Longest external id and source kept. */
  public static final int MAX_ID = 200;

  private final Connection connection;

  private JdbcExternalIdStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens the store on the database at {@code jdbcUrl}, creating its table if needed.
   *
   * @throws StorageException when the database cannot be reached
   */
  public static JdbcExternalIdStore open(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    try {
      Connection c = DriverManager.getConnection(jdbcUrl, user, password);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (tenant_id VARCHAR(64) NOT NULL, "
            + "record_type VARCHAR(20) NOT NULL, source VARCHAR(" + MAX_ID + ") NOT NULL, external_id VARCHAR("
            + MAX_ID + ") NOT NULL, record_id VARCHAR(64) NOT NULL, "
            + "PRIMARY KEY (tenant_id, record_type, source, external_id))");
      }
      c.commit();
      return new JdbcExternalIdStore(c);
    } catch (SQLException e) {
      throw new StorageException("cannot open the external id table at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> find(TenantId tenant, ImportTarget type, String source, String externalId) {
    try (PreparedStatement p = connection.prepareStatement("SELECT record_id FROM " + TABLE
        + " WHERE tenant_id = ? AND record_type = ? AND source = ? AND external_id = ?")) {
      p.setString(1, tenant.value());
      p.setString(2, type.name());
      p.setString(3, source);
      p.setString(4, externalId);
      try (ResultSet r = p.executeQuery()) {
        Optional<String> found = r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        connection.commit();
        return found;
      }
    } catch (SQLException e) {
      throw new StorageException("cannot read the external id table: " + e.getMessage(), e);
    }
  }

  @Override
  public void putAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
        + " SET record_id = ? WHERE tenant_id = ? AND record_type = ? AND source = ? AND external_id = ?");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
            + " (tenant_id, record_type, source, external_id, record_id) VALUES (?, ?, ?, ?, ?)")) {
      for (Entry e : entries) {
        update.setString(1, e.recordId());
        update.setString(2, e.tenant().value());
        update.setString(3, e.type().name());
        update.setString(4, e.source());
        update.setString(5, e.externalId());
        if (update.executeUpdate() == 0) {
          insert.setString(1, e.tenant().value());
          insert.setString(2, e.type().name());
          insert.setString(3, e.source());
          insert.setString(4, e.externalId());
          insert.setString(5, e.recordId());
          insert.addBatch();
        }
      }
      insert.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StorageException("cannot write the external id table: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StorageException("cannot close the external id table's connection: " + e.getMessage(), e);
    }
  }
}
