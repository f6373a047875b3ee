package org.crmkit.application.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crmkit.access.AccessPolicy;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Visibility;
import org.crmkit.application.OpportunityRules;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.history.HistoryRecorder;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.DomainEventPublisher;
import org.crmkit.shared.IdGenerator;
import org.crmkit.storage.CrmStorage;

/**
 * What the use cases share at run time: the {@link CrmConfiguration} (read through the accessors), the command
 * validation, the history recorder, the record writers and the event dispatch. Immutable and thread-safe once the
 * Crm is built.
 */
final class Context {
  private final CrmConfiguration config;
  private final Validation validation;
  private final HistoryRecorder history;
  private final Access access;
  private final Writers writers;
  /**
   * Receives every event inside the unit of work that caused it (workflow rules); set once while the Crm is built,
   * before the Crm is shared. An exception it throws fails the triggering use case, so nothing is written.
   */
  private Consumer<DomainEvent> inTransaction = event -> {};
  private boolean listening;
  /** The date {@link #today} answered last, with its instants; null before the first or on a day of offset change. */
  private volatile Day lastDay;
  /**
   * False when the host kept the default publisher, which drops every event: then nothing is queued for after the
   * commit (a conversion emits five events). {@link DomainEventPublisher#none()} is always the same instance.
   */
  private final boolean publishing;
  private final ThreadLocal<java.util.List<DomainEvent>> collecting = new ThreadLocal<>();

  Context(CrmConfiguration config) {
    this.config = Objects.requireNonNull(config, "config");
    this.validation = new Validation(config.validator());
    this.history = new HistoryRecorder(config.storage().stageHistory(), config.ids());
    this.access = new Access(this);
    this.writers = new Writers(this);
    this.publishing = config.publisher() != DomainEventPublisher.none();
  }

  CrmConfiguration config() {
    return config;
  }

  CrmStorage storage() {
    return config.storage();
  }

  Pipeline pipeline() {
    return config.pipeline();
  }

  CustomFieldSchema customFields() {
    return config.customFields();
  }

  OpportunityRules opportunityRules() {
    return config.opportunityRules();
  }

  SegmentCatalog segments() {
    return config.segments();
  }

  IdGenerator ids() {
    return config.ids();
  }

  Validation validation() {
    return validation;
  }

  HistoryRecorder history() {
    return history;
  }

  /** @return the one write path per record type; see {@link RecordWriter} */
  Writers writers() {
    return writers;
  }

  Instant now() {
    return config.clock().instant();
  }

  /** @return the clock's date now, as {@code LocalDate.now(clock)} (the day last asked for is kept with its instants) */
  LocalDate today() {
    Clock clock = config.clock();
    Instant now = clock.instant();
    Day day = lastDay;
    long second = now.getEpochSecond();
    if (day != null && day.clock() == clock && second >= day.fromSecond() && second < day.untilSecond()) {
      return day.date();
    }
    LocalDate date = LocalDate.ofInstant(now, clock.getZone());
    lastDay = Day.of(clock, date);
    return date;
  }

  /**
   * A date of a clock's zone and the instants it spans, [fromSecond, untilSecond): kept only for a day without an
   * offset change, whose instants all fall on the date.
   */
  private record Day(Clock clock, LocalDate date, long fromSecond, long untilSecond) {
    /** @return the day, or null when the zone's offset changes within it (or at its start) */
    static Day of(Clock clock, LocalDate date) {
      ZoneId zone = clock.getZone();
      long from = date.atStartOfDay(zone).toEpochSecond();
      long until = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
      ZoneOffsetTransition change = zone.getRules().nextTransition(Instant.ofEpochSecond(from - 1));
      if (change != null && change.getInstant().getEpochSecond() < until) {
        return null;
      }
      return new Day(clock, date, from, until);
    }
  }

  /** @return the zone of the clock: the days of timestamps in reports */
  java.time.ZoneId zone() {
    return config.clock().getZone();
  }

  /**
   * Runs work in one unit of work of the actor's tenant (joining the current one).
   *
   * @throws org.crmkit.shared.AccessDeniedException when this Crm serves only another tenant
   */
  <T> T inUnitOfWork(Actor actor, Supplier<T> work) {
    requireActor(actor);
    return config.storage().unitOfWork().execute(actor.tenant(), work);
  }

  /**
   * Like {@link #inUnitOfWork}, for a use case that only reads: the storage may leave out what only writes need
   * (a transaction, a flush). The work must not write, not even through a record writer.
   */
  <T> T inReadOnlyUnitOfWork(Actor actor, Supplier<T> work) {
    requireActor(actor);
    return config.storage().unitOfWork().read(actor.tenant(), work);
  }

  /**
   * What every use case checks first: an actor is given, and of the tenant this Crm serves (all of them unless it
   * was built with {@code onlyTenant}).
   *
   * @throws NullPointerException when the actor is null
   * @throws AccessDeniedException when this Crm serves only another tenant
   */
  void requireActor(Actor actor) {
    Objects.requireNonNull(actor, "actor: every use case needs to know who acts");
    TenantId only = config.onlyTenant();
    if (only != null && !only.equals(actor.tenant())) {
      // the message does not name the tenant served: that is not the actor's business
      throw new AccessDeniedException(actor, "use a Crm built for another tenant",
          "this Crm was built with onlyTenant for a tenant other than '" + actor.tenant() + "'; use the Crm built"
              + " for the actor's own tenant");
    }
  }

  /** @return the host's access policy */
  AccessPolicy policy() {
    return config.accessPolicy();
  }

  /** @return the one place the use cases ask the access policy: visibility, permission, visible loads */
  Access access() {
    return access;
  }

  /**
   * @return which records of {@code type} the actor may see, as the queries apply it
   * @throws org.crmkit.shared.ConfigurationException when the policy answers null
   */
  Visibility visibility(Actor actor, RecordType type) {
    return access.visibility(actor, type);
  }

  /**
   * Queues an event for the host, published only if the current unit of work commits, then hands it to the
   * in-transaction listener (workflow rules), whose writes and failures belong to the current unit of work.
   */
  void emit(DomainEvent event) {
    if (publishing) {
      java.util.List<DomainEvent> collector = collecting.get();
      if (collector != null) {
        collector.add(event); // a bulk conversion chunk publishes them per lead after its commit
      } else {
        config.storage().unitOfWork().afterCommit(() -> config.publisher().publish(event));
      }
    }
    inTransaction.accept(event);
  }

  /**
   * @return whether anyone receives the events the use cases emit: the host's publisher (unless it is the default
   *     one, which drops them) or workflow rules; when nobody does, a write that records nothing from its event
   *     need not build one
   */
  boolean eventsWanted() {
    return publishing || listening;
  }

  /**
   * Runs {@code work} with the events it emits added to {@code into} instead of queued for after the commit, so the
   * caller (a bulk conversion chunk, which holds many leads in one unit of work) can publish each lead's events
   * after the commit itself and tell which lead's publication failed. The in-transaction listener still receives
   * every event at once.
   */
  <T> T collectingEvents(java.util.List<DomainEvent> into, Supplier<T> work) {
    java.util.List<DomainEvent> outer = collecting.get();
    collecting.set(Objects.requireNonNull(into, "into"));
    try {
      return work.get();
    } finally {
      if (outer == null) {
        collecting.remove();
      } else {
        collecting.set(outer);
      }
    }
  }

  /** Hands an event to the host's publisher now (for events collected by {@link #collectingEvents}). */
  void publish(DomainEvent event) {
    config.publisher().publish(event);
  }

  /** @return whether workflow rules listen to events inside the unit of work (their actions may write anything) */
  boolean listening() {
    return listening;
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
