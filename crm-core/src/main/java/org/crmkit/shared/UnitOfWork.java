package org.crmkit.shared;

import java.util.function.Supplier;

/**
 * Port: runs a piece of work atomically. All repository writes made inside {@link #execute(Supplier)} are
 * committed together when the work returns normally, and none of them is visible when it throws.
 *
 * <p>Calls nest: a unit of work started inside another joins the outer one. Adapters implement this over their
 * own transactions (the in-memory adapter with a private workspace per unit, the JPA adapter with an entity
 * transaction or the host's JTA/Spring transaction).
 */
public interface UnitOfWork {

  /**
   * Runs {@code work} in one unit of work of {@code tenant}: every repository call inside it reads and writes only
   * that tenant's records, and every record it saves belongs to that tenant. A call inside a unit of work of the
   * same tenant joins it.
   *
   * @param tenant the tenant whose records the work sees
   * @param work the work; its return value is passed through
   * @return what {@code work} returned
   * @throws ConflictException when a write was based on a stale version; nothing was committed
   * @throws IllegalStateException when called inside a unit of work of another tenant
   */
  <T> T execute(TenantId tenant, Supplier<T> work);

  /**
   * Runs {@code work}, which only reads, in one unit of work of {@code tenant}: like {@link #execute(TenantId,
   * Supplier)}, but the adapter knows nothing will be written, so it may skip what only writes need (a database
   * transaction around the reads, a flush, the bookkeeping that finds changed records). Inside a unit of work of the
   * same tenant it joins that one, like {@code execute}. The use cases that only read (the account card, gets, lists)
   * run in one.
   *
   * <p>The work must not write: a unit of work that writes ({@code execute}) started inside it is refused with an
   * {@link IllegalStateException} by adapters that read differently; a repository write made directly inside it is
   * a programming error whose outcome the adapter does not define. The default runs {@code execute}, which is right
   * for every adapter (only slower where a write costs more to prepare for).
   *
   * @param tenant the tenant whose records the work sees
   * @param work the work; its return value is passed through
   * @return what {@code work} returned
   * @throws IllegalStateException when called inside a unit of work of another tenant
   */
  default <T> T read(TenantId tenant, Supplier<T> work) {
    return execute(tenant, work);
  }

  /**
   * Runs {@code work} in the current unit of work, or in a new one of {@link TenantId#DEFAULT} when there is none.
   *
   * @param work the work; its return value is passed through
   * @return what {@code work} returned
   * @throws ConflictException when a write was based on a stale version; nothing was committed
   */
  <T> T execute(Supplier<T> work);

  /** Runs {@code work} in the current unit of work, or in a new one of the default tenant. */
  default void run(Runnable work) {
    execute(
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Registers an action to run once the current unit of work has committed (used to publish events to the
   * host only for changes that really happened). Outside a unit of work the action runs at once.
   */
  void afterCommit(Runnable action);

  /**
   * Sends the writes of the current unit of work that the storage still holds back to where they go, without
   * committing: a database adapter batches its writes until it must send them, and bulk work (lead conversion in
   * chunks) calls this at the points where it wants one batch to end. Nothing changes for what the unit of work
   * reads or commits. The default does nothing, which is right for a storage that writes at once or only at
   * commit (the in-memory adapter).
   *
   * @throws ConflictException when a write sent now was based on a stale version (the unit of work then fails)
   */
  default void flush() {}
}
