package org.crmkit.inmemory.internal;

/**
 * The database's stamp of applied commits, a sequence lock: even between commits, odd while one commit applies its
 * writes, advanced twice per commit under the write lock. {@link InMemoryDatabase#readOne} reads it before and after
 * a read made without a lock. The database's {@link CommittedMap}s share it: before a commit first changes one of
 * them, the map notes the commit's odd stamp ({@link CommittedMap#changedIn}), so that a read of a map the commit has
 * not changed (yet) need not wait for the commit to end.
 */
final class CommitStamp {
  /** Even between commits, odd while one applies its writes; written under the write lock only. */
  volatile long value;
  /**
   * The thread of the commit that applies its writes while {@link #value} is odd (written before the stamp is made
   * odd, so a reader that sees the odd stamp sees it): such a thread reads under the lock it holds.
   */
  Thread applier;
}
