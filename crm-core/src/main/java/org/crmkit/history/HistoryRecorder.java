package org.crmkit.history;

import java.util.Objects;
import java.util.Optional;
import org.crmkit.opportunity.OpportunityChanged;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.IdGenerator;

/**
 * Derives stage history from opportunity events: one entry when an opportunity is created and one for every
 * change of stage, amount, probability or close date; none for changes of other fields or for deletion. Call
 * it inside the unit of work of the change, so history and change commit together. Thread-safe.
 */
public final class HistoryRecorder {
  private final StageHistoryRepository repository;
  private final IdGenerator ids;

  public HistoryRecorder(StageHistoryRepository repository, IdGenerator ids) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /**
   * Records the change when it touches tracked fields.
   *
   * @return the appended entry, or empty when the change needs none
   */
  public Optional<StageHistoryEntry> record(OpportunityChanged event) {
    Objects.requireNonNull(event, "event");
    if (!event.trackedChanged()) {
      return Optional.empty();
    }
    OpportunitySnapshot after = event.after();
    OpportunitySnapshot before = event.before();
    StageHistoryEntry entry =
        new StageHistoryEntry(
            ids.nextId(),
            after.id(),
            after.version(),
            event.kind(),
            event.origin(),
            after.stage(),
            after.amount(),
            after.probability(),
            after.probabilityManual(),
            after.closeDate(),
            before == null ? null : before.stage(),
            before == null ? null : before.amount(),
            before == null ? null : before.closeDate(),
            event.occurredAt(),
            event.actor().userId());
    repository.append(entry);
    return Optional.of(entry);
  }
}
