package org.crmkit.shared;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Random (version 4) UUIDs, as {@link UUID#randomUUID()} makes them, without its one shared generator: on Linux every
 * call of {@code randomUUID} in the process takes the same lock of the same {@code NativePRNG}, so threads that create
 * records at the same time wait for each other there (docs/PERFORMANCE.md, "Issue 16, sixth pass"). Here a few
 * stripes, chosen by thread, each have a strong generator of their own ({@code DRBG}: NIST SP 800-90A, seeded from
 * the system's entropy; the platform's default {@link SecureRandom} where the security providers offer no DRBG) and
 * take 512 random bytes from it at a time, 32 ids' worth.
 *
 * <p>122 bits of each id are random, from a cryptographically strong source, as in {@code randomUUID}: ids do not
 * repeat in practice, within a generator or across generators and processes. Ids are not secrets, so bytes kept in a
 * stripe's buffer until used are no concern. Thread-safe.
 */
final class RandomUuids implements Supplier<UUID> {
  private static final int BUFFER = 512;

  /** One generator and its unused bytes; used by one thread at a time (synchronized on the stripe). */
  private static final class Stripe {
    private SecureRandom random;
    private final byte[] bytes = new byte[BUFFER];
    private int next = BUFFER;

    synchronized UUID next() {
      if (next == BUFFER) {
        if (random == null) {
          random = strongRandom(); // made on first use: a stripe no thread maps to costs no seeding
        }
        random.nextBytes(bytes);
        next = 0;
      }
      long most = 0;
      long least = 0;
      for (int i = 0; i < 8; i++) {
        most = (most << 8) | (bytes[next + i] & 0xff);
      }
      for (int i = 8; i < 16; i++) {
        least = (least << 8) | (bytes[next + i] & 0xff);
      }
      next += 16;
      most = (most & ~0xF000L) | 0x4000L; // version 4
      least = (least & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
      return new UUID(most, least);
    }
  }

  private final Stripe[] stripes;

  RandomUuids() {
    int wanted = 2 * Runtime.getRuntime().availableProcessors();
    int n = Integer.highestOneBit(Math.max(1, wanted - 1)) << 1; // a power of two, at least twice the cores
    stripes = new Stripe[Math.min(n, 64)];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Stripe();
    }
  }

  @Override
  public UUID get() {
    // Fibonacci hashing of the thread's id: consecutive ids (a pool's threads) land on different stripes
    long id = Thread.currentThread().getId();
    int h = (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> 32);
    return stripes[h & (stripes.length - 1)].next();
  }

  private static SecureRandom strongRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
