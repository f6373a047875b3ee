package org.crmkit.application.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.crmkit.application.internal.ConversionPlan.Draft;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordId;

/**
 * The existing records of one conversion target (account or contact) as {@link ConversionPlanner} sees them: how
 * to load a record to link, its current values, and which records may be the same customer as the lead. The
 * planner runs one algorithm for both targets; only this differs.
 *
 * <p>Candidates are only records the converting actor may see ({@link ConversionPlan#actor}): the visibility is
 * applied in the storage's query, so a record the actor may not see is never offered, named or linked.
 *
 * @param <R> the aggregate (Account or Contact)
 * @param <I> its id type
 */
abstract class DuplicateFinder<R, I extends RecordId> {
  /** How many candidates are looked at and offered at most. */
  static final int MAX_CANDIDATES = 20;

  /** Best first: the most alike, then in the order found. */
  static final Comparator<Match<?>> RANKING =
      Comparator.comparingDouble((Match<?> m) -> m.candidate().similarity()).reversed();

  /**
   * A record that may be the lead's customer.
   *
   * @param exact true when it identifies the customer on its own (same normalised company name and no conflicting
   *     domain; same e-mail address): MATCH_OR_CREATE may link it when it is the only candidate
   */
  record Match<R>(R record, DuplicateCandidate candidate, boolean exact) {}

  final Context ctx;
  private final ConversionTarget target;
  private final RecordWriter<R, I, ?> writer;
  private final Function<UUID, I> idOf;
  private final String requiredField;
  private final Function<R, Map<String, CustomValue>> values;
  private final BiConsumer<Draft, R> attach;

  /**
   * @param writer the target's writer, which loads records to link
   * @param idOf the typed id of a UUID
   * @param requiredField the field a new record cannot do without
   * @param values a record's current values by target field
   * @param attach remembers a record as the draft's linked record
   */
  DuplicateFinder(Context ctx, ConversionTarget target, RecordWriter<R, I, ?> writer, Function<UUID, I> idOf,
      String requiredField, Function<R, Map<String, CustomValue>> values, BiConsumer<Draft, R> attach) {
    this.ctx = ctx;
    this.target = target;
    this.writer = writer;
    this.idOf = idOf;
    this.requiredField = requiredField;
    this.values = values;
    this.attach = attach;
  }

  final ConversionTarget target() {
    return target;
  }

  /**
   * Loads a record the caller chose to link by id.
   *
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such record or the actor may not see it
   */
  final R load(Actor actor, UUID id) {
    return writer.loadVisible(actor, idOf.apply(id), null);
  }

  /** @return the record's typed id */
  final RecordId id(R record) {
    return writer.idOf(record);
  }

  /** @return the field a new record cannot do without */
  final String requiredField() {
    return requiredField;
  }

  /** @return the record's current values by target field */
  final Map<String, CustomValue> values(R record) {
    return values.apply(record);
  }

  /** Remembers the record as the draft's linked record. */
  final void attach(Draft draft, R record) {
    attach.accept(draft, record);
  }

  /**
   * @param values the lead's values mapped to the target
   * @return the records that may be the same customer, best first, at most {@link #MAX_CANDIDATES}
   */
  abstract List<Match<R>> candidates(ConversionPlan plan, Map<String, CustomValue> values);

  /**
   * Checks the values as the record would hold them (standard and custom fields).
   *
   * @return the record's standard details built from the values (what a new record is created with)
   * @throws org.crmkit.shared.ValidationException naming the fields that are not valid
   */
  abstract Object check(Map<String, CustomValue> values);

  /** Target-specific checks of a link, e.g. that a contact belongs to the conversion's account. */
  void checkLink(ConversionPlan plan, Draft draft, R record) {}
}
