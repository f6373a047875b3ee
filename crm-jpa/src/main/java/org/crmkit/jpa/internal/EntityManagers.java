package org.crmkit.jpa.internal;

import org.crmkit.shared.TenantId;
import jakarta.persistence.ConnectionFunction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;

/** Gives repositories the entity manager of the current unit of work. */
public interface EntityManagers {

  /**
   * @return the entity manager bound to the calling thread's unit of work
   * @throws IllegalStateException when called outside a unit of work
   */
  EntityManager current();

  /**
   * @return the tenant of the calling thread's unit of work: every query a repository sends is scoped to it, and
   *     every row it inserts carries it
   * @throws IllegalStateException when called outside a unit of work
   */
  TenantId tenant();

  /**
   * Persists a row of a leaf table (one no foreign key points to, such as stage history) at the end of the unit of
   * work, just before its flush, instead of now; by default (a host's transaction, whose flush crmkit does not see)
   * now. The provider sends inserts in the order they were persisted and batches only consecutive inserts of one
   * table, so a unit of work that creates many opportunities, each followed by its history row, would otherwise
   * send one batch per row. Unlike {@code hibernate.order_inserts}, which sorts every insert by table and would
   * insert a contact before the account it references (the adapter's links are id columns the provider does not
   * know as associations), moving a leaf's inserts to the end can never break a foreign key.
   *
   * <p>Whoever reads that table in the same unit of work calls {@link #persistDeferred()} first.
   *
   * @param entity a new entity of a table no foreign key references
   */
  default void persistLast(Object entity) {
    current().persist(entity);
  }

  /**
   * @return the factory of the units' entity managers (its properties tell, e.g., crmkit's schema); by default the
   *     current entity manager's, so only inside a unit of work
   */
  default EntityManagerFactory factory() {
    return current().getEntityManagerFactory();
  }

  /**
   * Runs a JDBC step on the unit of work's connection: by default the entity manager's
   * ({@code EntityManager.callWithConnection}), after flushing what the unit of work holds back, so that the step
   * reads the unit's own writes as a query through the provider would; a read-only unit of work (nothing to flush)
   * that has not needed an entity manager may use a connection of its own instead, so that a repository reading
   * only over JDBC costs no entity manager. The step must leave the connection as it found it (auto-commit, schema)
   * and close what it opens.
   *
   * @return what the step returned
   * @throws jakarta.persistence.PersistenceException when the step or the connection fails (repositories translate
   *     it with {@link Errors#translate})
   * @throws IllegalStateException when called outside a unit of work
   */
  default <T> T withConnection(ConnectionFunction<Connection, T> step) {
    persistDeferred();
    EntityManager em = current();
    em.flush();
    return em.callWithConnection(step);
  }

  /** Persists now what {@link #persistLast} deferred, e.g. before a query reads the table. */
  default void persistDeferred() {}

  /**
   * Tells the unit of work that it will write rows for an entity of {@code type} (an insert, update or delete,
   * including the rows of the entity's collection tables), before the flush that sends them. A unit of work that
   * writes at most one row per table, such as a single lead conversion, gains nothing from JDBC batches (each would
   * hold one row, still one round trip) and pays for them in the provider; crmkit's own unit of work therefore sends
   * such rows as single statements and turns batching back on, for the rest of the unit, at the second row of a
   * table. By default (a host's transaction, whose session also carries the host's own writes) nothing changes.
   *
   * @param type the entity class written
   * @param rows how many rows the write sends: 1 for a row without collection rows, more when it has some
   */
  default void writes(Class<?> type, int rows) {}

  /** Refuses every later unit of work with a {@link org.crmkit.shared.StorageException} saying it is closed. */
  void close();
}
