package org.crmkit.application.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmkit.application.internal.ConversionPlan.Draft;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.RecordId;

/**
 * The existing records of one conversion target (account or contact) as {@link ConversionPlanner} sees them: how
 * to load a record to link, its current values, and which records may be the same customer as the lead. The
 * planner runs one algorithm for both targets; only this differs.
 *
 * @param <R> the aggregate (Account or Contact)
 */
interface DuplicateFinder<R> {
  /** How many candidates are looked at and offered at most. */
  int MAX_CANDIDATES = 20;

  /** Best first: the most alike, then in the order found. */
  Comparator<Match<?>> RANKING = Comparator.comparingDouble((Match<?> m) -> m.candidate().similarity()).reversed();

  /**
   * A record that may be the lead's customer.
   *
   * @param exact true when it identifies the customer on its own (same normalised company name and no conflicting
   *     domain; same e-mail address): MATCH_OR_CREATE may link it when it is the only candidate
   */
  record Match<R>(R record, DuplicateCandidate candidate, boolean exact) {}

  ConversionTarget target();

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such record */
  R load(UUID id);

  /** @return the record's typed id */
  RecordId id(R record);

  /** @return the record's current values by target field */
  Map<String, CustomValue> values(R record);

  /** Remembers the record as the draft's linked record. */
  void attach(Draft draft, R record);

  /**
   * @param values the lead's values mapped to the target
   * @return the records that may be the same customer, best first, at most {@link #MAX_CANDIDATES}
   */
  List<Match<R>> candidates(ConversionPlan plan, Map<String, CustomValue> values);

  /** @return the field a new record cannot do without */
  String requiredField();

  /**
   * Checks the values as the record would hold them (standard and custom fields).
   *
   * @throws org.crmkit.shared.ValidationException naming the fields that are not valid
   */
  void check(Map<String, CustomValue> values);

  /** Target-specific checks of a link, e.g. that a contact belongs to the conversion's account. */
  default void checkLink(ConversionPlan plan, Draft draft, R record) {}
}
