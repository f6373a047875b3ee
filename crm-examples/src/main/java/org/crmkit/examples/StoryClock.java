package org.crmkit.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the story moves forward by hand, so weeks of selling pass in a second. Not thread-safe. */
final class StoryClock extends Clock {
  private Instant now;

  StoryClock(Instant start) {
    this.now = start;
  }

  void pass(Duration duration) {
    now = now.plus(duration);
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the story clock runs in UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
