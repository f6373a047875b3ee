package org.crmkit.jpa.internal;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.StorageException;

/**
 * Turns the provider's exceptions into crmkit's, so no jakarta.persistence or JDBC exception leaves the adapter.
 * Stale versions, duplicate keys and lost concurrency races become {@link ConflictException} (reload and retry);
 * a foreign-key violation is not a race a retry could win but a write in the wrong order (a bug, or rows changed
 * behind crmkit's back), so it becomes a {@link StorageException} naming the constraint; anything else becomes
 * {@link StorageException} too.
 */
public final class Errors {
  /**
   * SQLSTATEs that mean "another transaction got there first": unique violations (a duplicate id, a second
   * history entry for one version, two accounts with one match key), serialization failures, deadlocks, lock
   * timeouts (PostgreSQL 55P03, H2 HYT00) and H2's concurrent update (90131).
   */
  private static final Set<String> CONFLICT_STATES = Set.of("23505", "40001", "40P01", "55P03", "HYT00", "90131");

  /**
   * SQLSTATEs of foreign-key violations: 23503 (PostgreSQL both ways, H2 "child exists") and 23506 (H2 "parent
   * missing").
   */
  private static final Set<String> FOREIGN_KEY_STATES = Set.of("23503", "23506");

  private Errors() {}

  /** @return the crmkit exception for a failure of the provider or the database */
  public static CrmException translate(RuntimeException e) {
    if (e instanceof CrmException crm) {
      return crm;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockException) {
        return new ConflictException(
            "a record was changed or deleted by someone else while this unit of work ran; nothing was written,"
                + " reload it and apply your change again", e);
      }
      if (t instanceof EntityExistsException) {
        return new ConflictException(
            "a record with the same id already exists; nothing was written, reload it and update it instead", e);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && FOREIGN_KEY_STATES.contains(sql.getSQLState())) {
        return new StorageException(
            "a write broke a link between records (foreign key, SQLSTATE " + sql.getSQLState() + ": "
                + firstLine(sql.getMessage()) + "): a record was saved with a link to a record that does not exist,"
                + " or a record was deleted while others still refer to it. Nothing of this unit of work was written;"
                + " retrying will not help. Delete or unlink the dependent records first (crmkit's use cases do"
                + " this); if they did, report it as a crmkit bug", e);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && CONFLICT_STATES.contains(sql.getSQLState())) {
        return new ConflictException(
            "another transaction wrote a conflicting record at the same time (SQLSTATE " + sql.getSQLState() + ": "
                + firstLine(sql.getMessage()) + "); nothing was written, reload and try again", e);
      }
    }
    return new StorageException(
        "the database failed: " + firstLine(e.getMessage()) + "; nothing of this unit of work was written."
            + " Check the connection and that the crmkit schema is migrated (CrmkitSchema.migrate), then retry", e);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
