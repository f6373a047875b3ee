package org.crmkit.csv;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The external id table on a real PostgreSQL (embedded, started by the test). */
class PostgresExternalIdStoreIT extends ExternalIdStoreContract {
  private static EmbeddedPostgres postgres;
  private final List<JdbcExternalIdStore> open = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Override
  ExternalIdStore store() {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + JdbcExternalIdStore.TABLE);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException(e));
    }
    JdbcExternalIdStore s = JdbcExternalIdStore.open(url, "postgres", "postgres");
    open.add(s);
    return s;
  }

  @AfterEach
  void close() {
    open.forEach(JdbcExternalIdStore::close);
  }
}
