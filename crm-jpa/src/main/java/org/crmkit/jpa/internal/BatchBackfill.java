package org.crmkit.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a backfill of derived columns in batches, each its own transaction, until a batch finds nothing left to
 * do; rolls the current batch back when one fails. What the batches compute is the caller's.
 */
final class BatchBackfill {
  static final int BATCH = 500;

  /** One batch: reads up to {@link #BATCH} pending rows and writes them, on the given connection. */
  interface Batch {
    /** @return the rows read and the rows written, in that order */
    int[] run(Connection c) throws SQLException;
  }

  private BatchBackfill() {}

  /** @return how many rows were written in all */
  static int run(DataSource dataSource, Batch batch) throws SQLException {
    int total = 0;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        while (true) {
          int[] readAndWritten = batch.run(c);
          c.commit();
          total += readAndWritten[1];
          if (readAndWritten[0] < BATCH || readAndWritten[1] == 0) {
            return total;
          }
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /** @return the rows a batched statement wrote; drivers that report SUCCESS_NO_INFO (-2) count as written */
  static int written(PreparedStatement s) throws SQLException {
    int updated = 0;
    for (int count : s.executeBatch()) {
      updated += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
    }
    return updated;
  }
}
