package org.crmkit.jpa.internal;

import org.crmkit.shared.TenantId;
import jakarta.persistence.EntityManager;

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

  /** Refuses every later unit of work with a {@link org.crmkit.shared.StorageException} saying it is closed. */
  void close();
}
