package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;

/** Gives repositories the entity manager of the current unit of work. */
public interface EntityManagers {

  /**
   * @return the entity manager bound to the calling thread's unit of work
   * @throws IllegalStateException when called outside a unit of work
   */
  EntityManager current();

  /** Refuses every later unit of work with a {@link org.crmkit.shared.StorageException} saying it is closed. */
  void close();
}
