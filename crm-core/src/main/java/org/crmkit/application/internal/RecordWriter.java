package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;

/**
 * The one write path of a record type. Every way a record is created, changed or deleted (the use cases, workflow
 * {@code SET_FIELD} actions, lead conversion and its undo, imports) goes through its writer, which in one unit of
 * work (joining the caller's, if any):
 *
 * <ol>
 *   <li>loads the record and checks the version the caller based its change on ({@code expectedVersion}; null
 *       skips the check);
 *   <li>applies the caller's change, then the record type's own checks and follow-ups ({@link #beforeSave}:
 *       custom field and segment validation, links, the billing forecast's amount rule, ...);
 *   <li>saves, records what the record type records with the change ({@link #saved}: stage history), and emits
 *       the {@link RecordChanged} event, which runs the workflow rules in the same unit of work;
 *   <li>returns the record as stored at the end, i.e. as workflow rules left it.
 * </ol>
 *
 * <p>Deleting first runs the record type's refusals and clean-up ({@link #beforeDelete}: an account's budget, an
 * opportunity's billing forecast). Subclasses only describe their record type; they add no write logic of their
 * own. Stateless and thread-safe.
 *
 * @param <A> the aggregate
 * @param <I> its id type
 * @param <S> its snapshot type
 */
abstract class RecordWriter<A, I, S> {
  final Context ctx;
  private final RecordType type;

  RecordWriter(Context ctx, RecordType type) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * Saves a new record (version 0) made by the caller.
   *
   * @param actor who creates it; never null
   * @param record the new record; never null
   * @param origin the path it comes through; never null
   * @return the record as stored once the workflow rules it triggered have run
   */
  final A create(Actor actor, A record, ChangeOrigin origin) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(origin, "origin");
    return ctx.inUnitOfWork(actor, () -> {
      beforeSave(actor, null, record);
      A saved = store(record);
      published(event(ChangeKind.CREATED, origin, null, snapshot(saved), ctx.now(), actor));
      return ctx.current(saved, () -> find(idOf(saved)));
    });
  }

  /**
   * Loads a record, checks its version, applies {@code mutation} and saves it, whatever the mutation did.
   *
   * @param actor who changes it; never null
   * @param id the record; never null
   * @param expectedVersion the version the change is based on, or null to skip the check
   * @param origin the path it comes through; never null
   * @param mutation the change, made with the aggregate's verbs; never null
   * @return the record as stored once the workflow rules it triggered have run
   * @throws RecordNotFoundException when there is no such record
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final A change(Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Consumer<? super A> mutation) {
    return change(actor, id, expectedVersion, origin, mutation, true);
  }

  /**
   * Like {@link #change}, but saves (and emits) nothing when the mutation left the record as it was: what workflow
   * actions use, so a rule setting a value the record already has does not fire further rules.
   */
  final A changeIfDifferent(
      Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Consumer<? super A> mutation) {
    return change(actor, id, expectedVersion, origin, mutation, false);
  }

  private A change(
      Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Consumer<? super A> mutation, boolean always) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(mutation, "mutation");
    return ctx.inUnitOfWork(actor, () -> {
      A record = load(id, expectedVersion);
      S before = snapshot(record);
      mutation.accept(record);
      if (!always && before.equals(snapshot(record))) {
        return record;
      }
      beforeSave(actor, before, record);
      A saved = store(record);
      published(event(ChangeKind.UPDATED, origin, before, snapshot(saved), ctx.now(), actor));
      return ctx.current(saved, () -> find(id));
    });
  }

  /**
   * Deletes a record after the record type's refusals and clean-up.
   *
   * @param actor who deletes it; never null
   * @param id the record; never null
   * @param expectedVersion the version the deletion is based on, or null to skip the check
   * @param origin the path it comes through; never null
   * @throws RecordNotFoundException when there is no such record
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final void delete(Actor actor, I id, Long expectedVersion, ChangeOrigin origin) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(origin, "origin");
    ctx.inUnitOfWork(actor, () -> {
      A record = load(id, expectedVersion);
      beforeDelete(actor, record);
      remove(id, versionOf(record));
      published(event(ChangeKind.DELETED, origin, snapshot(record), null, ctx.now(), actor));
      return null;
    });
  }

  /**
   * Loads a record for a change and checks its version.
   *
   * @throws RecordNotFoundException when there is no such record
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final A load(I id, Long expectedVersion) {
    A record = find(id).orElseThrow(() -> new RecordNotFoundException(type, id));
    Values.checkVersion(type, id, expectedVersion, versionOf(record));
    return record;
  }

  private void published(RecordChanged<S> event) {
    saved(event);
    ctx.emit(event);
  }

  // ---------------------------------------------------------------- what a record type describes

  abstract Optional<A> find(I id);

  abstract A store(A record);

  abstract void remove(I id, long version);

  abstract S snapshot(A record);

  abstract I idOf(A record);

  abstract long versionOf(A record);

  abstract RecordChanged<S> event(ChangeKind kind, ChangeOrigin origin, S before, S after, Instant at, Actor actor);

  /**
   * Checks and follow-ups before a record is saved, inside the unit of work; throwing refuses the write.
   *
   * @param before the stored state, or null when the record is new
   * @param record the record about to be saved
   */
  void beforeSave(Actor actor, S before, A record) {}

  /** What the record type records with a saved change (before its event is emitted); nothing by default. */
  void saved(RecordChanged<S> event) {}

  /** Refusals and clean-up before a record is deleted; throwing refuses the deletion. Nothing by default. */
  void beforeDelete(Actor actor, A record) {}
}
