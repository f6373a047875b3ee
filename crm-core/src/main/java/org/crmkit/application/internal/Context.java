package org.crmkit.application.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crmkit.application.OpportunityRules;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.history.HistoryRecorder;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.DomainEventPublisher;
import org.crmkit.shared.IdGenerator;
import org.crmkit.storage.CrmStorage;

/** Everything the use cases share: storage, configuration, clock, events. Immutable and thread-safe. */
final class Context {
  final CrmStorage storage;
  final Clock clock;
  final IdGenerator ids;
  final Pipeline pipeline;
  final CustomFieldSchema customFields;
  final OpportunityRules opportunityRules;
  final Validation validation;
  final HistoryRecorder history;
  final SegmentCatalog segments;
  /** The one write path per record type; see {@link RecordWriter}. */
  final Writers writers;
  private final DomainEventPublisher publisher;
  /**
   * Receives every event inside the unit of work that caused it (workflow rules); set once while the Crm is built,
   * before the Crm is shared. An exception it throws fails the triggering use case, so nothing is written.
   */
  private Consumer<DomainEvent> inTransaction = event -> {};
  private boolean listening;

  Context(
      CrmStorage storage,
      Clock clock,
      IdGenerator ids,
      Pipeline pipeline,
      CustomFieldSchema customFields,
      OpportunityRules opportunityRules,
      DomainEventPublisher publisher,
      Validation validation,
      SegmentCatalog segments) {
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.pipeline = pipeline;
    this.customFields = customFields;
    this.opportunityRules = opportunityRules;
    this.publisher = publisher;
    this.validation = validation;
    this.segments = segments;
    this.history = new HistoryRecorder(storage.stageHistory(), ids);
    this.writers = new Writers(this);
  }

  // Accessors: new code should use these rather than the fields, which will go (the configuration object holds them).

  CrmStorage storage() {
    return storage;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  CustomFieldSchema customFields() {
    return customFields;
  }

  OpportunityRules opportunityRules() {
    return opportunityRules;
  }

  SegmentCatalog segments() {
    return segments;
  }

  IdGenerator ids() {
    return ids;
  }

  Validation validation() {
    return validation;
  }

  HistoryRecorder history() {
    return history;
  }

  Writers writers() {
    return writers;
  }

  Instant now() {
    return clock.instant();
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Runs work in one unit of work. */
  <T> T inUnitOfWork(Supplier<T> work) {
    return storage.unitOfWork().execute(work);
  }

  /**
   * Queues an event for the host, published only if the current unit of work commits, then hands it to the
   * in-transaction listener (workflow rules), whose writes and failures belong to the current unit of work.
   */
  void emit(DomainEvent event) {
    storage.unitOfWork().afterCommit(() -> publisher.publish(event));
    inTransaction.accept(event);
  }

  /** Sets the in-transaction listener; called once while the Crm is built. */
  void dispatchInTransaction(Consumer<DomainEvent> listener) {
    this.inTransaction = Objects.requireNonNull(listener, "listener");
    this.listening = true;
  }

  /**
   * @return {@code saved}, or the record as stored now when workflow rules may have changed it after it was saved
   *     in this unit of work (so a use case returns what will be committed)
   */
  <T> T current(T saved, Supplier<java.util.Optional<T>> reload) {
    return listening ? reload.get().orElse(saved) : saved;
  }
}
