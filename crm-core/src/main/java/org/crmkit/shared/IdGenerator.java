package org.crmkit.shared;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Port: where new record ids come from. The default gives random UUIDs; tests use {@link #sequential()} for
 * predictable ids. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {

  /** @return a new id, never returned before by this generator */
  UUID nextId();

  /** Random (version 4) UUIDs: the default. */
  static IdGenerator random() {
    return UUID::randomUUID;
  }

  /** Predictable ids {@code 00000000-0000-0000-0000-000000000001}, {@code ...02}, ...: for tests. */
  static IdGenerator sequential() {
    AtomicLong next = new AtomicLong();
    return () -> new UUID(0L, next.incrementAndGet());
  }
}
