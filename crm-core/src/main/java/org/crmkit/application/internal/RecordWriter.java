package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crmkit.access.Operation;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;

/**
 * The one write path of a record type. Every way a record is created, changed or deleted (the use cases, workflow
 * {@code SET_FIELD} actions, lead conversion and its undo, imports) goes through its writer, which in one unit of
 * work (joining the caller's, if any):
 *
 * <ol>
 *   <li>asks the access policy ({@link Access}): a record the actor may not see is not found, an operation the
 *       policy refuses is an {@link AccessDeniedException}, a new owner needs {@link Operation#ASSIGN};
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
   * Saves a new record (version 0) made by the caller, if the access policy lets the actor create a record with its
   * owner, and its links are records the actor sees.
   *
   * @param actor who creates it; never null
   * @param record the new record; never null
   * @param origin the path it comes through; never null
   * @return the record as stored once the workflow rules it triggered have run
   * @throws AccessDeniedException when the policy refuses {@link Operation#CREATE}
   */
  final A create(Actor actor, A record, ChangeOrigin origin) {
    return create(actor, record, origin, false, null);
  }

  /**
   * Like {@link #create}, for a record whose id the configured {@link org.crmkit.shared.IdGenerator} has just made:
   * when that generator's ids are {@link org.crmkit.shared.IdGenerator#globallyUnique() globally unique}, the record
   * is stored with {@link #storeNew}, which tells the storage that no record can hold the id yet.
   */
  final A createWithNewId(Actor actor, A record, ChangeOrigin origin) {
    return create(actor, record, origin, ctx.ids().globallyUnique(), null);
  }

  /**
   * Like {@link #createWithNewId}, checking links with {@code sight}: the actor's sight ({@link Access#sight}) that
   * the caller already read the record's links with, in the same unit of work, just before.
   */
  final A createWithNewId(Actor actor, A record, ChangeOrigin origin, Access.Sight sight) {
    return create(actor, record, origin, ctx.ids().globallyUnique(), Objects.requireNonNull(sight, "sight"));
  }

  private A create(Actor actor, A record, ChangeOrigin origin, boolean uniqueId, Access.Sight linkSight) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(origin, "origin");
    return ctx.inUnitOfWork(actor, () -> {
      UserId owner = ownerOf(record);
      ctx.access().require(actor, Operation.CREATE, type, owner, () -> Access.aRecord(type, owner));
      beforeSave(actor, linkSight != null ? linkSight : ctx.access().sight(actor), null, record);
      A saved = uniqueId ? storeNew(record) : store(record);
      published(() -> event(ChangeKind.CREATED, origin, null, snapshot(saved), ctx.now(), actor));
      return ctx.current(saved, () -> find(idOf(saved)));
    });
  }

  /**
   * Loads a record the actor sees, checks that the policy lets them do {@code operation} to it and its version,
   * applies {@code mutation} and saves it, whatever the mutation did. When the mutation gives the record another
   * owner, the policy must also permit {@link Operation#ASSIGN} to the new owner; links the mutation changes must
   * be records the actor sees.
   *
   * @param actor who changes it; never null
   * @param id the record; never null
   * @param expectedVersion the version the change is based on, or null to skip the check
   * @param origin the path it comes through; never null
   * @param operation what the change is to the access policy (CHANGE, CHANGE_STAGE, CONVERT); never null
   * @param mutation the change, made with the aggregate's verbs; never null
   * @return the record as stored once the workflow rules it triggered have run
   * @throws RecordNotFoundException when there is no such record or the actor may not see it
   * @throws AccessDeniedException when the policy refuses the operation (or the new owner)
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final A change(Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Operation operation,
      Consumer<? super A> mutation) {
    return change(actor, id, expectedVersion, origin, Objects.requireNonNull(operation, "operation"), mutation, true);
  }

  /**
   * Like {@link #change}, but saves (and emits) nothing when the mutation left the record as it was: what workflow
   * actions use, so a rule setting a value the record already has does not fire further rules.
   */
  final A changeIfDifferent(Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Operation operation,
      Consumer<? super A> mutation) {
    return change(actor, id, expectedVersion, origin, Objects.requireNonNull(operation, "operation"), mutation, false);
  }

  /**
   * Like {@link #change}, for a write that is part of a use case that asked the access policy itself (lead
   * conversion asks CONVERT on the lead and has checked that linked records are visible; undo asks CONVERT on the
   * lead): no visibility or operation check here, only {@link Operation#ASSIGN} should the owner change.
   */
  final A changeWithin(Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Consumer<? super A> mutation) {
    return change(actor, id, expectedVersion, origin, null, mutation, true);
  }

  private A change(Actor actor, I id, Long expectedVersion, ChangeOrigin origin, Operation operation,
      Consumer<? super A> mutation, boolean always) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(mutation, "mutation");
    return ctx.inUnitOfWork(actor, () -> {
      A record = operation == null ? load(id, expectedVersion) : loadFor(actor, operation, id, expectedVersion);
      S before = snapshot(record);
      UserId ownerBefore = ownerOf(record);
      mutation.accept(record);
      if (!always && before.equals(snapshot(record))) {
        return record;
      }
      UserId owner = ownerOf(record);
      if (!owner.equals(ownerBefore)) {
        ctx.access().require(actor, Operation.ASSIGN, type, owner,
            type.label() + " " + id + " to " + owner.value());
      }
      beforeSave(actor, operation == null ? Access.Sight.everything() : ctx.access().sight(actor), before, record);
      A saved = store(record);
      published(() -> event(ChangeKind.UPDATED, origin, before, snapshot(saved), ctx.now(), actor));
      return ctx.current(saved, () -> find(id));
    });
  }

  /**
   * Deletes a record the actor sees, if the policy permits {@link Operation#DELETE}, after the record type's
   * refusals and clean-up.
   *
   * @param actor who deletes it; never null
   * @param id the record; never null
   * @param expectedVersion the version the deletion is based on, or null to skip the check
   * @param origin the path it comes through; never null
   * @throws RecordNotFoundException when there is no such record or the actor may not see it
   * @throws AccessDeniedException when the policy refuses
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final void delete(Actor actor, I id, Long expectedVersion, ChangeOrigin origin) {
    delete(actor, id, expectedVersion, origin, true);
  }

  /**
   * Like {@link #delete}, for a deletion that is part of a use case that asked the access policy itself (the undo
   * of a conversion, which asks CONVERT on the lead).
   */
  final void deleteWithin(Actor actor, I id, Long expectedVersion, ChangeOrigin origin) {
    delete(actor, id, expectedVersion, origin, false);
  }

  private void delete(Actor actor, I id, Long expectedVersion, ChangeOrigin origin, boolean asked) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(origin, "origin");
    ctx.inUnitOfWork(actor, () -> {
      A record = asked ? loadFor(actor, Operation.DELETE, id, expectedVersion) : load(id, expectedVersion);
      beforeDelete(actor, record);
      remove(id, versionOf(record));
      published(() -> event(ChangeKind.DELETED, origin, snapshot(record), null, ctx.now(), actor));
      return null;
    });
  }

  /**
   * Loads a record for a change and checks its version, whoever asks (the caller checked access).
   *
   * @throws RecordNotFoundException when there is no such record
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final A load(I id, Long expectedVersion) {
    A record = find(id).orElseThrow(() -> new RecordNotFoundException(type, id));
    Values.checkVersion(type, id, expectedVersion, versionOf(record));
    return record;
  }

  /**
   * Loads a record the actor sees and checks its version.
   *
   * @throws RecordNotFoundException when there is no such record or the actor may not see it
   * @throws org.crmkit.shared.ConflictException when the stored version is not {@code expectedVersion}
   */
  final A loadVisible(Actor actor, I id, Long expectedVersion) {
    A record = ctx.access().visible(actor, type, find(id), this::ownerOf)
        .orElseThrow(() -> new RecordNotFoundException(type, id));
    Values.checkVersion(type, id, expectedVersion, versionOf(record));
    return record;
  }

  /** Loads a record the actor sees, asks the policy for the operation on it, then checks its version. */
  private A loadFor(Actor actor, Operation operation, I id, Long expectedVersion) {
    A record = ctx.access().visible(actor, type, find(id), this::ownerOf)
        .orElseThrow(() -> new RecordNotFoundException(type, id));
    ctx.access().require(actor, operation, type, ownerOf(record), id);
    Values.checkVersion(type, id, expectedVersion, versionOf(record));
    return record;
  }

  private void published(Supplier<RecordChanged<S>> event) {
    if (recordsChanges() || ctx.eventsWanted()) {
      RecordChanged<S> e = event.get();
      saved(e);
      ctx.emit(e);
    }
  }

  // ---------------------------------------------------------------- what a record type describes

  abstract Optional<A> find(I id);

  abstract A store(A record);

  /**
   * Stores a new record whose id was just made by a generator of globally unique ids, so no record holds it yet; by
   * default as {@link #store} does.
   */
  A storeNew(A record) {
    return store(record);
  }

  abstract void remove(I id, long version);

  abstract S snapshot(A record);

  abstract I idOf(A record);

  abstract long versionOf(A record);

  abstract UserId ownerOf(A record);

  abstract RecordChanged<S> event(ChangeKind kind, ChangeOrigin origin, S before, S after, Instant at, Actor actor);

  /**
   * Checks and follow-ups before a record is saved, inside the unit of work; throwing refuses the write.
   *
   * @param sight what the actor sees: the links the change sets must be visible, else they are missing links
   * @param before the stored state, or null when the record is new
   * @param record the record about to be saved
   */
  void beforeSave(Actor actor, Access.Sight sight, S before, A record) {}

  /** What the record type records with a saved change (before its event is emitted); nothing by default. */
  void saved(RecordChanged<S> event) {}

  /**
   * @return true when {@link #saved} records something, so every write needs its event even when nobody receives
   *     events; false by default
   */
  boolean recordsChanges() {
    return false;
  }

  /** Refusals and clean-up before a record is deleted; throwing refuses the deletion. Nothing by default. */
  void beforeDelete(Actor actor, A record) {}
}
