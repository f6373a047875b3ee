package org.crmkit.inmemory.internal;

/**
 * A store with its own layout (not rows keyed by id) that takes part in the commit of a unit of work: it keeps its
 * unit of work's changes in a private draft ({@link Transaction#participantDrafts}) and, under the database's write
 * lock, first checks that the draft may commit, then makes it the committed state.
 */
interface CommitParticipant {

  /** @throws org.crmkit.shared.ConflictException when a concurrent commit makes the draft stale */
  void validate(Transaction tx);

  /** Makes the unit of work's draft, if any, the committed state. */
  void apply(Transaction tx);
}
