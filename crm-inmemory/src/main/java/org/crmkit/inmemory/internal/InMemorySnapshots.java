package org.crmkit.inmemory.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineGroupRow;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import org.crmkit.bi.SnapshotSpec;
import org.crmkit.bi.StateChange;
import org.crmkit.bi.TrendRow;
import org.crmkit.bi.UntrackedFields;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;

/**
 * {@link PipelineSnapshotRepository} over each tenant's {@link SnapshotTable}: a day is copied from the opportunity
 * and billing forecast tables as the unit of work sees them, stored change-only, and read from the timelines
 * without copying whole days (a kept day's state is each opportunity's newest entry on or before it; what changed
 * between two days is read from the index of change days; a trend walks each timeline once).
 */
public final class InMemorySnapshots implements PipelineSnapshotRepository {

  /** The tables of the current unit of work's tenant that snapshots read and write. */
  public record Tables(
      Table<OpportunityId, OpportunitySnapshot> opportunities,
      Table<OpportunityId, BillingForecastSnapshot> forecasts,
      AppendOnlyLog<StageHistoryEntry> history,
      SnapshotTable snapshots) {}

  private static final Comparator<OpportunityDayState> BY_ID =
      Comparator.comparing(s -> s.opportunityId().value().toString());

  private final Supplier<Tables> tables;

  public InMemorySnapshots(Supplier<Tables> tables) {
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public Optional<SnapshotDay> findDay(LocalDate day) {
    return Optional.ofNullable(tables.get().snapshots().view().days().get(Objects.requireNonNull(day, "day")));
  }

  @Override
  public List<SnapshotDay> days(LocalDate from, LocalDate to) {
    return List.copyOf(tables.get().snapshots().view().days().subMap(from, true, to, true).values());
  }

  @Override
  public SnapshotDay storeFromCurrent(SnapshotSpec spec) {
    Tables t = tables.get();
    SnapshotTable.Data view = t.snapshots().view();
    if (!view.days().isEmpty()) {
      LocalDate last = view.days().lastKey();
      if (last.equals(spec.day())) {
        // The caller found the day not kept, and another unit of work kept it since (read committed): a lost race,
        // as in crm-jpa, which the caller settles by reading the day (DefaultBiService takes it once more).
        throw new ConflictException(spec.day() + " was kept by another unit of work meanwhile; a kept day is never"
            + " stored again: read it (findDay) instead");
      }
      if (spec.day().isBefore(last)) {
        throw ValidationException.of("day", "a snapshot copied from the current opportunities must be after every"
            + " kept day; " + spec.day() + " is not after " + last + " (fill in a past day from history instead)");
      }
    }
    Map<OpportunityId, Money> billing = new HashMap<>();
    t.forecasts().forEach(f -> ForecastLines.total(f.lines()).ifPresent(m -> billing.put(f.opportunityId(), m)));
    Map<OpportunityId, OpportunityDayState> states = new HashMap<>();
    t.opportunities().forEach(o -> spec.stateOf(o, billing.get(o.id()))
        .ifPresent(s -> states.put(s.opportunityId(), s)));
    return store(t, spec, states, SnapshotSource.CURRENT);
  }

  @Override
  public SnapshotDay store(SnapshotSpec spec, List<OpportunityDayState> states) {
    Map<OpportunityId, OpportunityDayState> byId = new HashMap<>();
    for (OpportunityDayState s : states) {
      if (byId.put(s.opportunityId(), s) != null) {
        throw new IllegalArgumentException("two states of opportunity " + s.opportunityId() + " on " + spec.day());
      }
    }
    return store(tables.get(), spec, byId, SnapshotSource.HISTORY);
  }

  private static SnapshotDay store(Tables t, SnapshotSpec spec, Map<OpportunityId, OpportunityDayState> states,
      SnapshotSource source) {
    SnapshotTable.Data draft = t.snapshots().draft();
    SnapshotDay provisional = new SnapshotDay(spec.day(), spec.takenAt(), source, states.size(), 0);
    long rows = draft.storeDay(provisional, states);
    SnapshotDay day = new SnapshotDay(spec.day(), spec.takenAt(), source, states.size(), rows);
    draft.days.put(spec.day(), day);
    return day;
  }

  @Override
  public List<OpportunityDayState> statesOn(LocalDate keptDay, Visibility visible) {
    SnapshotTable.Data view = kept(keptDay);
    List<OpportunityDayState> result = new ArrayList<>();
    for (OpportunityId id : view.opportunities()) {
      OpportunityDayState s = view.stateOn(id, keptDay);
      if (s != null && visible.admits(s.owner())) {
        result.add(s);
      }
    }
    result.sort(BY_ID);
    return result;
  }

  @Override
  public List<PipelineGroupRow> pipelineOn(LocalDate keptDay, PipelineGrouping grouping, Visibility visible) {
    SnapshotTable.Data view = kept(keptDay);
    Map<List<String>, Sum> sums = new HashMap<>();
    for (OpportunityId id : view.opportunities()) {
      OpportunityDayState s = view.stateOn(id, keptDay);
      if (s != null && s.inPipeline() && visible.admits(s.owner())) {
        String currency = s.amount() == null ? null : s.amount().currencyCode();
        sums.computeIfAbsent(java.util.Arrays.asList(key(s, grouping), currency), k -> new Sum()).add(s, 1);
      }
    }
    List<PipelineGroupRow> rows = new ArrayList<>();
    sums.forEach((k, sum) -> rows.add(new PipelineGroupRow(k.get(0), k.get(1), sum.count, sum.amount,
        sum.weighted)));
    return rows;
  }

  private static String key(OpportunityDayState s, PipelineGrouping grouping) {
    return switch (grouping.dimension()) {
      case TOTAL -> null;
      case STAGE -> s.stage();
      case FORECAST_CATEGORY -> s.forecastCategory().name();
      case OWNER -> s.owner().value();
      case ACCOUNT -> s.accountId() == null ? null : s.accountId().value().toString();
      case SEGMENT -> s.segments().get(grouping.segmentDimension()).orElse(null);
    };
  }

  @Override
  public List<StateChange> changesBetween(LocalDate from, LocalDate to, Visibility visible) {
    SnapshotTable.Data view = kept(from);
    kept(to);
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("changes run from an earlier kept day to a later one, not " + from + " to "
          + to);
    }
    List<StateChange> changes = new ArrayList<>();
    for (OpportunityId id : view.changedAfter(from, to)) {
      OpportunityDayState before = view.stateOn(id, from);
      OpportunityDayState after = view.stateOn(id, to);
      if (!Objects.equals(before, after)
          && (before != null && visible.admits(before.owner()) || after != null && visible.admits(after.owner()))) {
        changes.add(new StateChange(id, before, after));
      }
    }
    return changes;
  }

  @Override
  public List<TrendRow> trend(LocalDate from, LocalDate to, Visibility visible) {
    SnapshotTable.Data view = tables.get().snapshots().view();
    List<LocalDate> days = new ArrayList<>(view.days().subMap(from, true, to, true).keySet());
    if (days.isEmpty()) {
      return List.of();
    }
    Map<LocalDate, Integer> index = new HashMap<>();
    for (int i = 0; i < days.size(); i++) {
      index.put(days.get(i), i);
    }
    LocalDate first = days.get(0);
    LocalDate last = days.get(days.size() - 1);
    // per currency, the change of the sums on each kept day (a difference array): each timeline is walked once
    Map<String, Sum[]> deltas = new HashMap<>();
    for (OpportunityId id : view.opportunities()) {
      var timeline = view.timeline(id);
      Map.Entry<LocalDate, OpportunityDayState> start = timeline.floorEntry(first);
      OpportunityDayState current = start == null ? null : start.getValue();
      int from0 = 0;
      for (var e : timeline.subMap(first, false, last, true).entrySet()) {
        int at = index.get(e.getKey());
        addSegment(deltas, current, visible, from0, at, days.size());
        current = e.getValue();
        from0 = at;
      }
      addSegment(deltas, current, visible, from0, days.size(), days.size());
    }
    List<TrendRow> rows = new ArrayList<>();
    deltas.forEach((currency, delta) -> {
      Sum running = new Sum();
      for (int i = 0; i < days.size(); i++) {
        running.plus(delta[i]);
        if (running.count != 0) {
          rows.add(new TrendRow(days.get(i), currency, running.count, running.amount, running.weighted));
        }
      }
    });
    return rows;
  }

  /** Adds an open state's contribution to the kept days {@code from} (inclusive) to {@code to} (exclusive). */
  private static void addSegment(Map<String, Sum[]> deltas, OpportunityDayState s, Visibility visible, int from,
      int to, int size) {
    if (s == null || !s.inPipeline() || !visible.admits(s.owner()) || from >= to) {
      return;
    }
    Sum[] delta = deltas.computeIfAbsent(s.amount() == null ? null : s.amount().currencyCode(), c -> {
      Sum[] d = new Sum[size + 1];
      for (int i = 0; i <= size; i++) {
        d[i] = new Sum();
      }
      return d;
    });
    delta[from].add(s, 1);
    delta[to].add(s, -1);
  }

  @Override
  public List<StageHistoryEntry> latestHistoryBefore(Instant end) {
    Map<OpportunityId, StageHistoryEntry> latest = new HashMap<>();
    for (StageHistoryEntry e : tables.get().history().all()) {
      if (e.changedAt().isBefore(end)) {
        latest.merge(e.opportunityId(), e, (a, b) -> a.version() >= b.version() ? a : b);
      }
    }
    return List.copyOf(latest.values());
  }

  @Override
  public List<UntrackedFields> untrackedFieldsNow(Collection<OpportunityId> opportunities) {
    Objects.requireNonNull(opportunities, "opportunities");
    Tables t = tables.get();
    List<UntrackedFields> out = new ArrayList<>();
    for (OpportunityId id : new java.util.LinkedHashSet<>(opportunities)) {
      t.opportunities().get(id).ifPresent(o -> out.add(new UntrackedFields(o.id(), o.owner(), o.accountId(),
          o.segments(), t.forecasts().get(id).flatMap(f -> ForecastLines.total(f.lines())).orElse(null))));
    }
    return out;
  }

  @Override
  public long forgetDays(Collection<LocalDate> keptDays) {
    return tables.get().snapshots().draft().forgetDays(keptDays);
  }

  private SnapshotTable.Data kept(LocalDate day) {
    SnapshotTable.Data view = tables.get().snapshots().view();
    if (!view.days().containsKey(Objects.requireNonNull(day, "day"))) {
      throw new IllegalArgumentException(day + " is not a kept day; the service passes kept days only");
    }
    return view;
  }

  /** A count and the sums of amounts and weighted amounts, in one currency. */
  private static final class Sum {
    long count;
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal weighted = BigDecimal.ZERO;

    void add(OpportunityDayState s, int sign) {
      count += sign;
      if (s.amount() != null) {
        amount = sign > 0 ? amount.add(s.amount().amount()) : amount.subtract(s.amount().amount());
        weighted = sign > 0 ? weighted.add(s.weightedAmount().amount())
            : weighted.subtract(s.weightedAmount().amount());
      }
    }

    void plus(Sum other) {
      count += other.count;
      amount = amount.add(other.amount);
      weighted = weighted.add(other.weighted);
    }
  }
}
