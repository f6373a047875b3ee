package org.crmkit.application.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import org.crmkit.bi.BiService;
import org.crmkit.bi.BiSettings;
import org.crmkit.bi.Movement;
import org.crmkit.bi.MovementKind;
import org.crmkit.bi.MovementTotal;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineAsOf;
import org.crmkit.bi.PipelineGroup;
import org.crmkit.bi.PipelineGroupRow;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.bi.Retention;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSpec;
import org.crmkit.bi.TrendPoint;
import org.crmkit.bi.TrendRow;
import org.crmkit.bi.Waterfall;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.report.MoneySums;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;

/**
 * {@link BiService} over the storage's {@link PipelineSnapshotRepository}: decides which kept day answers a day,
 * rebuilds past days from stage history, assembles the waterfall from the movements the storage classifies and sums
 * ({@link PipelineSnapshotRepository#movementsBetween}, whose rules {@link org.crmkit.bi.MovementClassifier} states)
 * and applies retention. The storage stores and reads day states (change-only); this class never reads a whole day's
 * state to answer a report.
 */
final class DefaultBiService implements BiService {
  /** Bounds of "every kept day": days every storage keeps exactly (a SQL DATE, a LocalDate). */
  static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
  /** The longest range one back-fill call covers: each day is a unit of work that reads the history. */
  static final int MAX_BACKFILL_DAYS = 3660;

  private final Context ctx;
  private final BiSettings settings;

  DefaultBiService(Context ctx, BiSettings settings) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  private PipelineSnapshotRepository repo() {
    return ctx.storage().pipelineSnapshots();
  }

  // ------------------------------------------------------------------ snapshots

  @Override
  public SnapshotDay takeDailySnapshot(Actor actor, LocalDate day) {
    requireSeesAll(actor, "take a daily snapshot");
    Objects.requireNonNull(day, "day");
    requireNotAfterToday("day", day);
    SnapshotDay kept = takeOnce(actor, day);
    if (settings.retention().after() != Retention.Thinning.NONE) {
      ctx.inUnitOfWork(actor, this::retain);
    }
    return kept;
  }

  @Override
  public List<SnapshotDay> backfill(Actor actor, LocalDate from, LocalDate to) {
    requireSeesAll(actor, "back-fill daily snapshots");
    requireRange(from, to);
    requireNotAfterToday("to", to);
    if (to.toEpochDay() - from.toEpochDay() >= MAX_BACKFILL_DAYS) {
      throw ValidationException.of("from", "a back-fill covers at most " + MAX_BACKFILL_DAYS + " days (ten years), not "
          + from + " to " + to + "; split the range");
    }
    List<SnapshotDay> result = new ArrayList<>();
    // one unit of work per day: each day is idempotent, and a later day is rebuilt on the kept days before it
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      LocalDate d = day;
      if (!keeps(d, ctx.today())) {
        continue;
      }
      result.add(takeOnce(actor, d));
    }
    return List.copyOf(result);
  }

  /**
   * Takes one day in a unit of work of its own. When another unit of work stored snapshots at the same moment (two
   * schedulers, a retry racing the first call), the storage refuses one of them with a {@link ConflictException};
   * taking the day once more then returns the day the other stored, or stores it now.
   */
  private SnapshotDay takeOnce(Actor actor, LocalDate day) {
    try {
      return ctx.inUnitOfWork(actor, () -> take(day));
    } catch (ConflictException concurrent) {
      return ctx.inUnitOfWork(actor, () -> take(day));
    }
  }

  /** Takes one day inside the caller's unit of work; a kept day is returned as it is. */
  private SnapshotDay take(LocalDate day) {
    PipelineSnapshotRepository repo = repo();
    Optional<SnapshotDay> found = repo.findDay(day);
    if (found.isPresent()) {
      return found.get();
    }
    SnapshotSpec spec = spec(day);
    // today is copied as it is, unless a later day is kept already (the clock was set back): then it is rebuilt
    if (day.equals(ctx.today()) && repo.days(day, LAST_DAY).isEmpty()) {
      return repo.storeFromCurrent(spec);
    }
    return repo.store(spec, rebuild(spec));
  }

  /** @return the newest kept day on or before {@code day}, if any (a short look back first: days are dense) */
  private Optional<LocalDate> keptOnOrBefore(LocalDate day) {
    LocalDate lookBack = day.minusDays(62);
    List<SnapshotDay> recent = repo().days(lookBack.isBefore(FIRST_DAY) ? FIRST_DAY : lookBack, day);
    List<SnapshotDay> days = recent.isEmpty() ? repo().days(FIRST_DAY, day) : recent;
    return days.isEmpty() ? Optional.empty() : Optional.of(days.get(days.size() - 1).day());
  }

  private SnapshotSpec spec(LocalDate day) {
    return new SnapshotSpec(day, ctx.now(), ctx.pipeline().stages(), day.minusDays(settings.closedWithinDays()));
  }

  @Override
  public int applyRetention(Actor actor) {
    requireSeesAll(actor, "apply the retention of daily snapshots");
    return ctx.inUnitOfWork(actor, this::retain);
  }

  private int retain() {
    LocalDate today = ctx.today();
    List<LocalDate> forget = new ArrayList<>();
    for (SnapshotDay d : repo().days(FIRST_DAY, LAST_DAY)) {
      if (!keeps(d.day(), today)) {
        forget.add(d.day());
      }
    }
    if (!forget.isEmpty()) {
      repo().forgetDays(forget);
    }
    return forget.size();
  }

  /** @return true when the retention keeps {@code day}, seen from {@code today} */
  private boolean keeps(LocalDate day, LocalDate today) {
    Retention r = settings.retention();
    if (r.after() == Retention.Thinning.NONE || r.dailyDays() == Integer.MAX_VALUE) {
      return true;
    }
    if (day.isAfter(today.minusDays(r.dailyDays()))) {
      return true; // within the daily window: today and the dailyDays - 1 days before it
    }
    return switch (r.after()) {
      case WEEKLY -> day.getDayOfWeek() == DayOfWeek.SUNDAY;
      case MONTHLY -> day.equals(day.with(TemporalAdjusters.lastDayOfMonth()));
      case NONE -> true;
    };
  }

  // ------------------------------------------------------------------ rebuilding from history

  @Override
  public List<OpportunityDayState> rebuildAsOf(Actor actor, LocalDate day) {
    Objects.requireNonNull(day, "day");
    requireNotAfterToday("day", day);
    Visibility visible = visibility(actor);
    return ctx.inUnitOfWork(actor, () -> rebuild(spec(day)).stream()
        .filter(s -> visible.admits(s.owner()))
        .toList());
  }

  /** The state at the end of {@code spec.day()}, rebuilt from stage history ({@link DayStateRebuild}). */
  private List<OpportunityDayState> rebuild(SnapshotSpec spec) {
    return DayStateRebuild.rebuild(repo(), ctx.zone(), spec, keptOnOrBefore(spec.day()));
  }

  // ------------------------------------------------------------------ reads

  @Override
  public List<SnapshotDay> snapshotDays(Actor actor, LocalDate from, LocalDate to) {
    requireRange(from, to);
    ctx.requireActor(actor);
    return ctx.inUnitOfWork(actor, () -> List.copyOf(repo().days(from, to)));
  }

  @Override
  public List<OpportunityDayState> statesOn(Actor actor, LocalDate day) {
    Visibility visible = visibility(actor);
    return ctx.inUnitOfWork(actor, () -> List.copyOf(repo().statesOn(keptDayFor("day", day), visible)));
  }

  @Override
  public PipelineAsOf pipelineAsOf(Actor actor, LocalDate day, PipelineGrouping grouping) {
    Objects.requireNonNull(grouping, "grouping");
    Visibility visible = visibility(actor);
    return ctx.inUnitOfWork(actor, () -> {
      LocalDate asOf = keptDayFor("day", day);
      List<PipelineGroupRow> rows = repo().pipelineOn(asOf, grouping, visible);
      Map<String, Sums> byKey = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
      Sums total = new Sums();
      for (PipelineGroupRow row : rows) {
        byKey.computeIfAbsent(row.key(), k -> new Sums()).add(row.currencyCode(), row.count(), row.amount(),
            row.weighted());
        total.add(row.currencyCode(), row.count(), row.amount(), row.weighted());
      }
      List<PipelineGroup> groups = new ArrayList<>();
      if (grouping.dimension() != PipelineGrouping.Dimension.TOTAL) {
        byKey.forEach((key, sums) -> groups.add(sums.group(key)));
      }
      return new PipelineAsOf(day, asOf, grouping, groups, total.group(null));
    });
  }

  @Override
  public Waterfall waterfall(Actor actor, LocalDate from, LocalDate to) {
    requireRange(from, to);
    Visibility visible = visibility(actor);
    return ctx.inUnitOfWork(actor, () -> {
      LocalDate fromAsOf = keptDayFor("from", from);
      LocalDate toAsOf = keptDayFor("to", to);
      PipelineGroup opening = total(fromAsOf, visible);
      PipelineGroup closing = toAsOf.equals(fromAsOf) ? opening : total(toAsOf, visible);
      Map<MovementKind, Long> counts = new EnumMap<>(MovementKind.class);
      Map<MovementKind, Map<Currency, BigDecimal>> amounts = new EnumMap<>(MovementKind.class);
      for (MovementKind kind : MovementKind.values()) {
        counts.put(kind, 0L);
        amounts.put(kind, new HashMap<>());
      }
      if (toAsOf.isAfter(fromAsOf)) {
        List<String> stageOrder = ctx.pipeline().stages().stream().map(SalesStage::key).toList();
        for (MovementTotal total : repo().movementsBetween(fromAsOf, toAsOf, stageOrder, visible)) {
          counts.merge(total.kind(), total.count(), Long::sum);
          if (total.currencyCode() != null) {
            amounts.get(total.kind()).merge(Currency.getInstance(total.currencyCode()), total.amount(),
                BigDecimal::add);
          }
        }
      }
      List<Movement> list = new ArrayList<>();
      for (MovementKind kind : MovementKind.values()) {
        list.add(new Movement(kind, counts.get(kind), MoneySums.of(amounts.get(kind))));
      }
      return new Waterfall(from, to, fromAsOf, toAsOf, opening, list, closing);
    });
  }

  private PipelineGroup total(LocalDate keptDay, Visibility visible) {
    Sums total = new Sums();
    for (PipelineGroupRow row : repo().pipelineOn(keptDay, PipelineGrouping.total(), visible)) {
      total.add(row.currencyCode(), row.count(), row.amount(), row.weighted());
    }
    return total.group(null);
  }

  @Override
  public List<TrendPoint> trend(Actor actor, LocalDate from, LocalDate to) {
    requireRange(from, to);
    Visibility visible = visibility(actor);
    return ctx.inUnitOfWork(actor, () -> {
      Map<LocalDate, Sums> byDay = new LinkedHashMap<>();
      for (SnapshotDay d : repo().days(from, to)) {
        byDay.put(d.day(), new Sums());
      }
      for (TrendRow row : repo().trend(from, to, visible)) {
        Sums sums = byDay.get(row.day());
        if (sums != null) {
          sums.add(row.currencyCode(), row.count(), row.amount(), row.weighted());
        }
      }
      List<TrendPoint> points = new ArrayList<>();
      byDay.forEach((day, sums) -> points.add(new TrendPoint(day, sums.count, MoneySums.of(sums.amounts),
          MoneySums.of(sums.weighted))));
      return List.copyOf(points);
    });
  }

  // ------------------------------------------------------------------ checks

  /**
   * @return the kept day that answers {@code day}: itself, or the newest kept day before it
   * @throws ValidationException when {@code day} is after today or before the first kept day
   */
  private LocalDate keptDayFor(String field, LocalDate day) {
    Objects.requireNonNull(day, field);
    requireNotAfterToday(field, day);
    PipelineSnapshotRepository repo = repo();
    if (repo.findDay(day).isPresent()) {
      return day;
    }
    Optional<LocalDate> before = keptOnOrBefore(day);
    if (before.isPresent()) {
      return before.get();
    }
    List<SnapshotDay> all = repo.days(FIRST_DAY, LAST_DAY);
    throw ValidationException.of(field, all.isEmpty()
        ? "no daily snapshot is kept yet, so nothing answers " + day + "; take one with takeDailySnapshot, or"
            + " back-fill past days from history with backfill"
        : day + " lies before the first kept day; the kept days run from " + all.get(0).day() + " to "
            + all.get(all.size() - 1).day() + " (back-fill earlier days from history with backfill)");
  }

  private void requireNotAfterToday(String field, LocalDate day) {
    LocalDate today = ctx.today();
    if (day.isAfter(today)) {
      throw ValidationException.of(field, day + " is after today (" + today + " in the Crm's zone " + ctx.zone()
          + "); snapshots and reports cover today and the days before it");
    }
  }

  private static void requireRange(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw ValidationException.of("to", to + " lies before from (" + from + "); give the earlier day first");
    }
  }

  private Visibility visibility(Actor actor) {
    ctx.requireActor(actor);
    return ctx.visibility(actor, RecordType.OPPORTUNITY);
  }

  /** Snapshots store every opportunity of the tenant, so only an actor who may see them all may take them. */
  private void requireSeesAll(Actor actor, String what) {
    if (!(visibility(actor) instanceof Visibility.All)) {
      throw new AccessDeniedException(actor, what, "a snapshot holds every opportunity of the tenant, so only an"
          + " actor whom the access policy lets see all opportunities may take it (an administrator, or a trusted"
          + " system actor such as Actor.system(\"bi\"))");
    }
  }

  // ------------------------------------------------------------------ sums

  /** Counts and per-currency sums of a group of pipeline rows. */
  private static final class Sums {
    long count;
    final Map<Currency, BigDecimal> amounts = new HashMap<>();
    final Map<Currency, BigDecimal> weighted = new HashMap<>();

    void add(String currencyCode, long n, BigDecimal amount, BigDecimal weightedAmount) {
      count += n;
      if (currencyCode != null) {
        Currency c = Currency.getInstance(currencyCode);
        amounts.merge(c, amount, BigDecimal::add);
        weighted.merge(c, weightedAmount, BigDecimal::add);
      }
    }

    PipelineGroup group(String key) {
      return new PipelineGroup(key, count, MoneySums.of(amounts), MoneySums.of(weighted));
    }
  }
}
