package org.crmkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock for tests that stands still until told to move. Thread-safe. */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(Instant start, ZoneId zone) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A clock at the given instant, in UTC. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start, ZoneOffset.UTC);
  }

  /** A clock at the given ISO instant text, e.g. {@code 2026-03-02T09:00:00Z}. */
  public static MutableClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /** Moves the clock forward. */
  public MutableClock advance(Duration by) {
    now.updateAndGet(i -> i.plus(by));
    return this;
  }

  /** Sets the clock. */
  public MutableClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
    return this;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now.get(), newZone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
