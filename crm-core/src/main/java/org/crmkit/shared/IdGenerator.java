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

  /**
   * Whether the ids this generator gives are unique beyond itself: no record, whoever made it and whatever generator
   * made its id, can already hold an id it returns. Random version 4 UUIDs ({@link #random()}) are: 122 random bits
   * from a strong source do not repeat in practice. When true, a storage may leave out the look-up that checks that a
   * record just created with such an id does not exist yet (the in-memory storage does); when false (the default,
   * and {@link #sequential()}: two generators count alike), the look-up is made and a taken id is a
   * {@link ConflictException}. Answer true only for ids as unique as random UUIDs.
   *
   * @return true when no record can already hold an id this generator returns
   */
  default boolean globallyUnique() {
    return false;
  }

  /**
   * Random (version 4) UUIDs, 122 random bits each from a cryptographically strong source, as
   * {@link UUID#randomUUID()} makes them: the default. {@link #globallyUnique()}. Unlike {@code randomUUID}, threads do
   * not share one generator (they would wait for each other's ids): a few generators serve the threads, each seeded
   * from the system's entropy. Thread-safe.
   */
  static IdGenerator random() {
    return new UniqueIds(new RandomUuids());
  }

  /** Predictable ids {@code 00000000-0000-0000-0000-000000000001}, {@code ...02}, ...: for tests. */
  static IdGenerator sequential() {
    AtomicLong next = new AtomicLong();
    return () -> new UUID(0L, next.incrementAndGet());
  }
}
