package org.crmkit.shared;

import java.util.UUID;
import java.util.function.Supplier;

/** Ids from a source that makes globally unique ids ({@link IdGenerator#random()}). */
final class UniqueIds implements IdGenerator {
  private final Supplier<UUID> source;

  UniqueIds(Supplier<UUID> source) {
    this.source = source;
  }

  @Override
  public UUID nextId() {
    return source.get();
  }

  @Override
  public boolean globallyUnique() {
    return true;
  }
}
