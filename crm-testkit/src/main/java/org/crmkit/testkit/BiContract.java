package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.bi.BiSettings;
import org.crmkit.bi.Movement;
import org.crmkit.bi.MovementKind;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineAsOf;
import org.crmkit.bi.PipelineGroup;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.Retention;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import org.crmkit.bi.TrendPoint;
import org.crmkit.bi.Waterfall;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.StageKind;
import org.crmkit.report.MoneySums;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Contract: day-level BI ({@code crm.bi()}) over the storage's daily snapshots. A storage stores a day change-only
 * yet answers every read as if the day were stored in full; these tests hold it to that on random histories (the
 * waterfall identity and the waterfall against the two days' states), on a simulated quarter (the state rebuilt from
 * history equals the stored snapshot on every day), and on small exact cases (idempotence, back-fill, grouping, trend,
 * retention, tenants, owners, refusals, change-only row counts).
 */
public interface BiContract extends ContractSupport {

  /** Ada administers every tenant: she may take snapshots under {@link OwnerAccessPolicy}. */
  Actor BI_ADMIN = Actor.user("ada");

  /** Nobody manages anybody; Ada administers. */
  TeamDirectory BI_TEAMS = new TeamDirectory() {
    @Override
    public Set<UserId> teamOf(TenantId tenant, UserId manager) {
      return Set.of();
    }

    @Override
    public boolean isAdministrator(TenantId tenant, UserId user) {
      return user.equals(BI_ADMIN.userId());
    }
  };

  /** The system actor that takes snapshots in the default tenant (sees all under permit-all). */
  Actor BI_SYSTEM = Actor.system("bi");

  LocalDate BI_MONDAY = LocalDate.of(2026, 3, 2);

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  /** Moves the clock to 23:00 of {@code day}. */
  private void at(LocalDate day) {
    clock().set(day.atTime(23, 0).toInstant(ZoneOffset.UTC));
  }

  /** Moves the clock to 09:00 of {@code day}. */
  private void morningOf(LocalDate day) {
    clock().set(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
  }

  // ------------------------------------------------------------------ random histories

  /**
   * @return how many random histories (seeds 1, 2, ...) the waterfall test runs, each in a tenant of its own with
   *     about 200 opportunities over 24 days; override to run more where they are cheap (the in-memory adapter)
   */
  default int randomHistories() {
    return 6;
  }

  @Test
  default void waterfallIdentityHoldsOnRandomHistoriesForEveryReader() {
    Crm owners = crmWith(OwnerAccessPolicy.over(BI_TEAMS));
    for (long seed = 1; seed <= randomHistories(); seed++) {
      TenantId tenant = TenantId.of("wf-" + seed);
      BiSimulation sim = new BiSimulation(crm(), clock(), seed, tenant);
      Random pick = new Random(seed * 31);
      LocalDate start = LocalDate.of(2026, 1, 5);
      List<LocalDate> kept = new ArrayList<>();
      int days = 24;
      for (int d = 0; d < days; d++) {
        LocalDate day = start.plusDays(d);
        sim.day(day, d < 12 ? 14 : 4, 16);
        if (d == 0 || pick.nextInt(5) > 0) { // a few days are missed: they are answered by the kept day before
          sim.snapshot(day);
          kept.add(day);
        }
      }
      Map<MovementKind, Long> seen = new EnumMap<>(MovementKind.class);
      for (int i = 0; i < 12; i++) {
        LocalDate from = start.plusDays(pick.nextInt(days));
        LocalDate to = from.plusDays(pick.nextInt(days - (int) (from.toEpochDay() - start.toEpochDay())));
        String where = "seed " + seed + ", " + from + " to " + to;
        Waterfall all = crm().bi().waterfall(sim.system(), from, to);
        assertIdentity(all, where);
        assertMatchesStates(all, crm().bi().statesOn(sim.system(), from), crm().bi().statesOn(sim.system(), to),
            crm(), where);
        all.movements().forEach(m -> seen.merge(m.kind(), m.count(), Long::sum));
        for (String seller : BiSimulation.OWNERS) {
          Actor reader = Actor.user(seller).in(tenant);
          Waterfall mine = owners.bi().waterfall(reader, from, to);
          assertIdentity(mine, where + " for " + seller);
          assertMatchesStates(mine, owners.bi().statesOn(reader, from), owners.bi().statesOn(reader, to), crm(),
              where + " for " + seller);
        }
        assertThat(all.fromAsOf()).isEqualTo(kept.stream().filter(k -> !k.isAfter(from)).reduce((a, b) -> b)
            .orElseThrow());
      }
      for (MovementKind kind : MovementKind.values()) {
        assertThat(seen.get(kind)).as("seed %s exercises %s", seed, kind).isPositive();
      }
    }
  }

  /** Opening plus the bridge movements equals closing, per currency to the cent, and in counts. */
  private static void assertIdentity(Waterfall w, String where) {
    Map<String, BigDecimal> expected = sums(w.opening().amount());
    w.bridgeTotal().amounts().forEach(m -> expected.merge(m.currencyCode(), m.amount(), BigDecimal::add));
    assertThat(nonZero(expected)).as("opening + bridge = closing, %s", where)
        .isEqualTo(nonZero(sums(w.closing().amount())));
    long count = w.opening().count() + w.movement(MovementKind.NEW).count() - w.movement(MovementKind.WON).count()
        - w.movement(MovementKind.LOST).count() - w.movement(MovementKind.REMOVED).count();
    assertThat(count).as("opening count + new - won - lost - removed = closing count, %s", where)
        .isEqualTo(w.closing().count());
  }

  /**
   * The waterfall agrees with the two days' states as the reader sees them: its opening and closing are their open
   * sums, and each movement is what comparing the two states opportunity by opportunity gives.
   */
  private static void assertMatchesStates(Waterfall w, List<OpportunityDayState> from, List<OpportunityDayState> to,
      Crm crm, String where) {
    assertThat(w.opening().count()).as("opening count, %s", where).isEqualTo(from.stream()
        .filter(OpportunityDayState::inPipeline).count());
    assertThat(nonZero(sums(w.opening().amount()))).as("opening, %s", where).isEqualTo(openSum(from));
    assertThat(nonZero(sums(w.closing().amount()))).as("closing, %s", where).isEqualTo(openSum(to));
    Map<OpportunityId, OpportunityDayState> before = byId(from);
    Map<OpportunityId, OpportunityDayState> after = byId(to);
    Set<OpportunityId> ids = new java.util.HashSet<>(before.keySet());
    ids.addAll(after.keySet());
    Map<MovementKind, Long> counts = new EnumMap<>(MovementKind.class);
    Map<MovementKind, Map<String, BigDecimal>> amounts = new EnumMap<>(MovementKind.class);
    for (MovementKind k : MovementKind.values()) {
      counts.put(k, 0L);
      amounts.put(k, new TreeMap<>());
    }
    for (OpportunityId id : ids) {
      OpportunityDayState b = before.get(id);
      OpportunityDayState a = after.get(id);
      boolean wasOpen = b != null && b.inPipeline();
      boolean isOpen = a != null && a.inPipeline();
      if (!wasOpen && isOpen) {
        count(counts, amounts, MovementKind.NEW, a.amount(), 1);
      } else if (wasOpen && !isOpen) {
        MovementKind k = a == null ? MovementKind.REMOVED
            : a.stageKind() == StageKind.WON ? MovementKind.WON : MovementKind.LOST;
        count(counts, amounts, k, b.amount(), -1);
      } else if (wasOpen) {
        Money x = b.amount();
        Money y = a.amount();
        if (!Objects.equals(x, y)) {
          if (x == null) {
            count(counts, amounts, MovementKind.AMOUNT_UP, y, 1);
          } else if (y == null) {
            count(counts, amounts, MovementKind.AMOUNT_DOWN, x, -1);
          } else if (!x.currencyCode().equals(y.currencyCode())) {
            count(counts, amounts, MovementKind.AMOUNT_DOWN, x, -1);
            count(counts, amounts, MovementKind.AMOUNT_UP, y, 1);
          } else if (y.compareTo(x) > 0) {
            count(counts, amounts, MovementKind.AMOUNT_UP, y.minus(x), 1);
          } else {
            count(counts, amounts, MovementKind.AMOUNT_DOWN, x.minus(y), -1);
          }
        }
        int order = Integer.compare(crm.pipeline().order(a.stage()), crm.pipeline().order(b.stage()));
        if (order != 0) {
          count(counts, amounts, order > 0 ? MovementKind.MOVED_FORWARD : MovementKind.MOVED_BACK, y, 1);
        }
        if (b.closeDate() != null && a.closeDate() != null && !a.closeDate().equals(b.closeDate())) {
          count(counts, amounts, a.closeDate().isAfter(b.closeDate()) ? MovementKind.PUSHED_OUT
              : MovementKind.PULLED_IN, y, 1);
        }
      }
    }
    for (Movement m : w.movements()) {
      assertThat(m.count()).as("%s count, %s", m.kind(), where).isEqualTo(counts.get(m.kind()));
      assertThat(nonZero(sums(m.amount()))).as("%s amount, %s", m.kind(), where)
          .isEqualTo(nonZero(amounts.get(m.kind())));
    }
  }

  private static void count(Map<MovementKind, Long> counts, Map<MovementKind, Map<String, BigDecimal>> amounts,
      MovementKind kind, Money amount, int sign) {
    counts.merge(kind, 1L, Long::sum);
    if (amount != null) {
      amounts.get(kind).merge(amount.currencyCode(), sign < 0 ? amount.amount().negate() : amount.amount(),
          BigDecimal::add);
    }
  }

  private static Map<OpportunityId, OpportunityDayState> byId(List<OpportunityDayState> states) {
    return states.stream().collect(Collectors.toMap(OpportunityDayState::opportunityId, Function.identity()));
  }

  private static Map<String, BigDecimal> openSum(List<OpportunityDayState> states) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    states.stream().filter(s -> s.inPipeline() && s.amount() != null)
        .forEach(s -> sums.merge(s.amount().currencyCode(), s.amount().amount(), BigDecimal::add));
    return nonZero(sums);
  }

  private static Map<String, BigDecimal> sums(MoneySums sums) {
    Map<String, BigDecimal> map = new TreeMap<>();
    sums.amounts().forEach(m -> map.merge(m.currencyCode(), m.amount(), BigDecimal::add));
    return map;
  }

  /** @return the sums without zeros, each at its plain scale (so 0.00 EUR and no EUR compare equal) */
  private static Map<String, BigDecimal> nonZero(Map<String, BigDecimal> sums) {
    Map<String, BigDecimal> map = new TreeMap<>();
    sums.forEach((c, v) -> {
      if (v.signum() != 0) {
        map.put(c, v.stripTrailingZeros());
      }
    });
    return map;
  }

  // ------------------------------------------------------------------ movements classified by the storage

  /** The stage keys of the default pipeline in order, as the core passes them to the port. */
  List<String> BI_STAGE_ORDER = org.crmkit.pipeline.Pipeline.defaults().stages().stream()
      .map(org.crmkit.pipeline.SalesStage::key).toList();

  /**
   * The port's classified and summed movements equal the Java classification of its changed pairs, kind by kind and
   * currency by currency, for every reader, on random day states stored directly through the port: amounts in two
   * currencies or none (and changing currency), stages the pipeline no longer has, closed and reopened
   * opportunities, deleted ones, and owners that change between the days.
   */
  @Test
  default void movementsClassifiedByTheStorageEqualTheJavaClassificationOfTheChangedPairs() {
    List<String> owners = List.of("alice", "bob", "carol");
    List<org.crmkit.shared.Visibility> readers = List.of(org.crmkit.shared.Visibility.all(),
        org.crmkit.shared.Visibility.nothing(), org.crmkit.shared.Visibility.ownedBy(UserId.of("alice")),
        org.crmkit.shared.Visibility.ownedBy(UserId.of("bob")),
        org.crmkit.shared.Visibility.ownedBy(List.of(UserId.of("alice"), UserId.of("carol"))));
    // "retired" is a stage the pipeline no longer has: kept states may still name it
    List<String> stages = new ArrayList<>(BI_STAGE_ORDER);
    stages.add("retired");
    LocalDate first = LocalDate.of(2026, 1, 5);
    int days = 6;
    Map<MovementKind, Long> seen = new EnumMap<>(MovementKind.class);
    for (long seed = 1; seed <= 4; seed++) {
      TenantId tenant = TenantId.of("movements-" + seed);
      Random random = new Random(seed);
      List<OpportunityId> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add(OpportunityId.of(new java.util.UUID(seed, i + 1)));
      }
      Map<OpportunityId, OpportunityDayState> current = new LinkedHashMap<>();
      for (int d = 0; d < days; d++) {
        LocalDate day = first.plusDays(d);
        for (OpportunityId id : ids) {
          OpportunityDayState was = current.get(id);
          int roll = random.nextInt(10);
          if (was != null && roll < 5) {
            continue; // unchanged
          }
          if (was != null && roll == 5) {
            current.remove(id); // deleted, or closed long ago
            continue;
          }
          String stage = stages.get(random.nextInt(stages.size()));
          StageKind kind = stage.equals("closed_won") ? StageKind.WON
              : stage.equals("closed_lost") ? StageKind.LOST : StageKind.OPEN;
          int pick = random.nextInt(5);
          Money amount = pick == 0 ? null : Money.of(BigDecimal.valueOf(random.nextInt(5) * 25L + 10),
              pick == 1 ? "USD" : "EUR");
          Probability probability = Probability.of(random.nextInt(11) * 10);
          LocalDate close = random.nextInt(4) == 0 ? null : first.plusDays(random.nextInt(40));
          String owner = owners.get(random.nextInt(owners.size()));
          current.put(id, new OpportunityDayState(id, stage, kind, ForecastCategory.PIPELINE, amount, probability,
              amount == null ? null : amount.percent(probability), close, UserId.of(owner), null,
              org.crmkit.shared.Segments.none(), null));
        }
        List<OpportunityDayState> states = current.values().stream()
            .sorted(java.util.Comparator.comparing(st -> st.opportunityId().value().toString())).toList();
        storeStates(tenant, day, states);
      }
      for (int f = 0; f < days; f++) {
        for (int t = f + 1; t < days; t++) {
          for (org.crmkit.shared.Visibility reader : readers) {
            Map<String, BigDecimal> byKind = assertPortClassifiesAsJava(tenant, first.plusDays(f),
                first.plusDays(t), BI_STAGE_ORDER, reader, "seed " + seed + ", day " + f + " to " + t + ", "
                    + reader);
            byKind.keySet().forEach(k -> seen.merge(MovementKind.valueOf(k.substring(0, k.indexOf(' '))), 1L,
                Long::sum));
          }
        }
      }
    }
    for (MovementKind kind : MovementKind.values()) {
      assertThat(seen.get(kind)).as("the random states exercise %s", kind).isPositive();
    }
  }

  /** Small exact cases of the storage's classification, each movement checked by value. */
  @Test
  default void theStorageClassifiesCurrencyChangesMissingAmountsRetiredStagesReopeningDeletionAndOwnerChanges() {
    TenantId tenant = TenantId.of("movements-exact");
    LocalDate day1 = LocalDate.of(2026, 2, 2);
    LocalDate day2 = day1.plusDays(1);
    LocalDate close = LocalDate.of(2026, 3, 31);
    java.util.function.IntFunction<OpportunityId> id = i -> OpportunityId.of(new java.util.UUID(99, i));
    UserId alice = ALICE.userId();
    UserId bob = BOB.userId();
    List<OpportunityDayState> before = List.of(
        dayState(id.apply(1), "proposal", StageKind.OPEN, eur("100.00"), close, alice),       // to USD
        dayState(id.apply(2), "proposal", StageKind.OPEN, null, close, alice),                // amount set
        dayState(id.apply(3), "proposal", StageKind.OPEN, eur("40.00"), close, alice),        // amount cleared
        dayState(id.apply(4), "retired", StageKind.OPEN, eur("10.00"), close, alice),         // stage retired
        dayState(id.apply(5), "closed_lost", StageKind.LOST, eur("7.00"), close, alice),      // reopened
        dayState(id.apply(6), "qualification", StageKind.OPEN, eur("3.00"), close, alice),    // deleted
        dayState(id.apply(7), "qualification", StageKind.OPEN, eur("500.00"), close, alice),  // to Bob
        dayState(id.apply(8), "negotiation", StageKind.OPEN, eur("20.00"), close, alice));    // won
    List<OpportunityDayState> after = List.of(
        dayState(id.apply(1), "proposal", StageKind.OPEN, Money.of("120.00", "USD"), close, alice),
        dayState(id.apply(2), "negotiation", StageKind.OPEN, eur("60.00"), close.plusDays(7), alice),
        dayState(id.apply(3), "qualification", StageKind.OPEN, null, close.minusDays(7), alice),
        dayState(id.apply(4), "negotiation", StageKind.OPEN, eur("10.00"), close, alice),
        dayState(id.apply(5), "proposal", StageKind.OPEN, eur("8.00"), close, alice),
        dayState(id.apply(7), "proposal", StageKind.OPEN, eur("550.00"), close, bob),
        dayState(id.apply(8), "closed_won", StageKind.WON, eur("20.00"), close, alice));
    storeStates(tenant, day1, before);
    storeStates(tenant, day2, after);

    Map<String, BigDecimal> all = assertPortClassifiesAsJava(tenant, day1, day2, BI_STAGE_ORDER,
        org.crmkit.shared.Visibility.all(), "everyone");
    assertThat(all).containsExactlyInAnyOrderEntriesOf(Map.of(
        "AMOUNT_DOWN EUR", new BigDecimal("-140"),       // 1's old amount, 3's cleared amount
        "AMOUNT_UP USD", new BigDecimal("120"),          // 1's new amount
        "AMOUNT_UP EUR", new BigDecimal("110"),          // 2 set (60), 7 up (50)
        "NEW EUR", new BigDecimal("8"),                  // 5 reopened
        "REMOVED EUR", new BigDecimal("-3"),             // 6 deleted
        "WON EUR", new BigDecimal("-20"),                // 8
        "MOVED_FORWARD EUR", new BigDecimal("610"),      // 2 (60) and 7 (550); 4's stage no longer in the pipeline
        "MOVED_BACK -", BigDecimal.ZERO,                 // 3, without an amount now
        "PUSHED_OUT EUR", new BigDecimal("60"),          // 2
        "PULLED_IN -", BigDecimal.ZERO));                // 3
    Map<String, BigDecimal> alices = assertPortClassifiesAsJava(tenant, day1, day2, BI_STAGE_ORDER,
        org.crmkit.shared.Visibility.ownedBy(alice), "Alice");
    assertThat(alices).containsEntry("REMOVED EUR", new BigDecimal("-503")) // 6 deleted, 7 handed to Bob
        .containsEntry("AMOUNT_UP EUR", new BigDecimal("60")).containsEntry("MOVED_FORWARD EUR", new BigDecimal("60"));
    Map<String, BigDecimal> bobs = assertPortClassifiesAsJava(tenant, day1, day2, BI_STAGE_ORDER,
        org.crmkit.shared.Visibility.ownedBy(bob), "Bob");
    assertThat(bobs).containsExactlyInAnyOrderEntriesOf(Map.of("NEW EUR", new BigDecimal("550")));
    assertThat(assertPortClassifiesAsJava(tenant, day1, day2, List.of("retired", "negotiation", "proposal"),
        org.crmkit.shared.Visibility.all(), "another stage order")).containsEntry("MOVED_BACK EUR",
        new BigDecimal("60")).containsEntry("MOVED_FORWARD EUR", new BigDecimal("10"));
  }

  private static OpportunityDayState dayState(OpportunityId id, String stage, StageKind kind, Money amount,
      LocalDate close, UserId owner) {
    Probability p = Probability.of(50);
    return new OpportunityDayState(id, stage, kind, ForecastCategory.PIPELINE, amount, p,
        amount == null ? null : amount.percent(p), close, owner, null, org.crmkit.shared.Segments.none(), null);
  }

  /** Stores the states as the tenant's kept day, through the port. */
  private void storeStates(TenantId tenant, LocalDate day, List<OpportunityDayState> states) {
    org.crmkit.bi.SnapshotSpec spec = new org.crmkit.bi.SnapshotSpec(day, day.atTime(23, 0).toInstant(
        ZoneOffset.UTC), org.crmkit.pipeline.Pipeline.defaults().stages(), day.minusDays(90));
    storage().unitOfWork().execute(tenant, () -> storage().pipelineSnapshots().store(spec, states));
  }

  /**
   * Asserts that the port's {@code movementsBetween} gives, per kind and currency, one total equal to what
   * {@link org.crmkit.bi.MovementClassifier} makes of the port's {@code changesBetween} pairs.
   *
   * @return the port's totals as "KIND CURRENCY" (currency "-" for none) to the amount without trailing zeros
   */
  private Map<String, BigDecimal> assertPortClassifiesAsJava(TenantId tenant, LocalDate from, LocalDate to,
      List<String> stageOrder, org.crmkit.shared.Visibility reader, String where) {
    var port = storage().pipelineSnapshots();
    List<org.crmkit.bi.MovementTotal> stored = storage().unitOfWork().execute(tenant,
        () -> port.movementsBetween(from, to, stageOrder, reader));
    List<org.crmkit.bi.MovementTotal> java = org.crmkit.bi.MovementClassifier.totals(
        storage().unitOfWork().execute(tenant, () -> port.changesBetween(from, to, reader)), stageOrder, reader);
    Map<String, String> counted = new TreeMap<>();
    Map<String, BigDecimal> amounts = new TreeMap<>();
    for (org.crmkit.bi.MovementTotal t : stored) {
      String key = t.kind() + " " + (t.currencyCode() == null ? "-" : t.currencyCode());
      assertThat(counted.put(key, t.count() + " " + t.amount().stripTrailingZeros().toPlainString()))
          .as("one total per kind and currency: %s, %s", key, where).isNull();
      assertThat(t.count()).as("%s counts, %s", key, where).isPositive();
      BigDecimal plain = t.amount().stripTrailingZeros();
      amounts.put(key, plain.scale() < 0 ? plain.setScale(0) : plain);
    }
    Map<String, String> expected = new TreeMap<>();
    for (org.crmkit.bi.MovementTotal t : java) {
      expected.put(t.kind() + " " + (t.currencyCode() == null ? "-" : t.currencyCode()),
          t.count() + " " + t.amount().stripTrailingZeros().toPlainString());
    }
    assertThat(counted).as("movements classified by the storage, %s", where).isEqualTo(expected);
    return amounts;
  }

  @Test
  default void stateRebuiltFromHistoryEqualsTheStoredSnapshotOnEveryDayOfAQuarter() {
    TenantId tenant = TenantId.of("quarter");
    BiSimulation sim = new BiSimulation(crm(), clock(), 42, tenant);
    LocalDate first = LocalDate.of(2026, 1, 1);
    LocalDate last = LocalDate.of(2026, 3, 31);
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      sim.day(day, day.isBefore(LocalDate.of(2026, 2, 1)) ? 5 : 1, 5);
      SnapshotDay kept = sim.snapshot(day);
      assertThat(kept.source()).isEqualTo(SnapshotSource.CURRENT);
    }
    int compared = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      List<OpportunityDayState> stored = crm().bi().statesOn(sim.system(), day);
      assertThat(crm().bi().rebuildAsOf(sim.system(), day)).as("rebuilt %s", day).isEqualTo(stored);
      compared += stored.size();
    }
    assertThat(compared).as("the quarter holds a pipeline").isGreaterThan(90 * 20);
    assertThat(crm().bi().snapshotDays(sim.system(), first, last)).hasSize(90)
        .allSatisfy(d -> assertThat(d.rowsStored()).isLessThanOrEqualTo(d.opportunities()));
  }

  // ------------------------------------------------------------------ snapshots

  @Test
  default void takingADayTwiceStoresNothingTheSecondTime() {
    Crm crm = crm();
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00")));
    at(BI_MONDAY);
    SnapshotDay first = crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);
    crm.opportunities().update(ALICE, UpdateOpportunity.of(o.id(), o.version()).amount(eur("900.00")));
    SnapshotDay again = crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);

    assertThat(again).isEqualTo(first);
    assertThat(first.source()).isEqualTo(SnapshotSource.CURRENT);
    assertThat(first.opportunities()).isEqualTo(1);
    assertThat(crm.bi().snapshotDays(BI_SYSTEM, BI_MONDAY, BI_MONDAY)).containsExactly(first);
    assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY)).extracting(OpportunityDayState::amount)
        .containsExactly(eur("100.00"));

    // a past day taken twice (rebuilt from history) is kept once too
    at(BI_MONDAY.plusDays(2));
    SnapshotDay rebuilt = crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(1));
    assertThat(rebuilt.source()).isEqualTo(SnapshotSource.HISTORY);
    assertThat(crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(1))).isEqualTo(rebuilt);
    assertThat(crm.bi().backfill(BI_SYSTEM, BI_MONDAY, BI_MONDAY.plusDays(1))).containsExactly(first, rebuilt);
    assertThat(crm.bi().snapshotDays(BI_SYSTEM, BI_MONDAY, BI_MONDAY.plusDays(2))).hasSize(2);
  }

  @Test
  default void theDayTakenIsTheDayKeptEvenWhenTheClockHasNanoseconds() {
    Crm crm = crm();
    crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00")));
    clock().set(BI_MONDAY.atTime(23, 0).toInstant(ZoneOffset.UTC).plusNanos(123_456_789));
    SnapshotDay taken = crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);

    // a database keeps microseconds: what takeDailySnapshot returns must equal what is read back later
    assertThat(crm.bi().snapshotDays(BI_SYSTEM, BI_MONDAY, BI_MONDAY)).containsExactly(taken);
    assertThat(crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY)).isEqualTo(taken);
  }

  @Test
  default void twoSchedulersTakingTheSameDayAtOnceKeepItOnce() throws Exception {
    Crm crm = crm();
    morningOf(BI_MONDAY);
    crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00")));
    crm.opportunities().create(BOB, CreateOpportunity.named("b").amount(eur("5.00")));
    at(BI_MONDAY);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<SnapshotDay>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          start.await(10, java.util.concurrent.TimeUnit.SECONDS);
          return crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);
        }));
      }
      SnapshotDay first = runs.get(0).get(30, java.util.concurrent.TimeUnit.SECONDS);
      SnapshotDay second = runs.get(1).get(30, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(second).isEqualTo(first);
      assertThat(crm.bi().snapshotDays(BI_SYSTEM, BI_MONDAY, BI_MONDAY)).containsExactly(first);
      assertThat(first.rowsStored()).isEqualTo(2);
      assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY)).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void backfillsAMissedDayBetweenKeptDaysWithoutChangingThem() {
    Crm crm = crm();
    LocalDate tue = BI_MONDAY.plusDays(1);
    LocalDate wed = BI_MONDAY.plusDays(2);
    morningOf(BI_MONDAY);
    Opportunity a = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00"))
        .closeDate(LocalDate.of(2026, 4, 30)));
    Opportunity b = crm.opportunities().create(BOB, CreateOpportunity.named("b").amount(eur("50.00")));
    at(BI_MONDAY);
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);
    morningOf(tue); // missed: nobody took Tuesday
    a = crm.opportunities().update(ALICE, UpdateOpportunity.of(a.id(), a.version()).amount(eur("150.00")));
    a = crm.opportunities().changeStage(ALICE, ChangeStage.of(a.id(), a.version(), "proposal"));
    Opportunity c = crm.opportunities().create(ALICE, CreateOpportunity.named("c").amount(eur("10.00")));
    morningOf(wed);
    crm.opportunities().win(BOB, WinOpportunity.of(b.id(), b.version()));
    a = crm.opportunities().update(ALICE, UpdateOpportunity.of(a.id(), a.version()).amount(eur("120.00")));
    at(wed);
    crm.bi().takeDailySnapshot(BI_SYSTEM, wed);
    List<OpportunityDayState> monday = crm.bi().statesOn(BI_SYSTEM, BI_MONDAY);
    List<OpportunityDayState> wednesday = crm.bi().statesOn(BI_SYSTEM, wed);
    assertThat(crm.bi().pipelineAsOf(BI_SYSTEM, tue, PipelineGrouping.total()).asOf()).isEqualTo(BI_MONDAY);

    List<SnapshotDay> filled = crm.bi().backfill(BI_SYSTEM, BI_MONDAY, wed);

    assertThat(filled).extracting(SnapshotDay::day, SnapshotDay::source).containsExactly(
        tuple(BI_MONDAY, SnapshotSource.CURRENT), tuple(tue, SnapshotSource.HISTORY), tuple(wed, SnapshotSource.CURRENT));
    assertThat(crm.bi().statesOn(BI_SYSTEM, tue)).extracting(s -> s.opportunityId(), s -> s.stage(), s -> s.amount(),
        s -> s.weightedAmount(), s -> s.owner()).containsExactlyInAnyOrder(
            tuple(a.id(), "proposal", eur("150.00"), eur("75.00"), ALICE.userId()),
            tuple(b.id(), "qualification", eur("50.00"), eur("5.00"), BOB.userId()),
            tuple(c.id(), "qualification", eur("10.00"), eur("1.00"), ALICE.userId()));
    assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY)).isEqualTo(monday);
    assertThat(crm.bi().statesOn(BI_SYSTEM, wed)).isEqualTo(wednesday);
    PipelineAsOf tuesday = crm.bi().pipelineAsOf(BI_SYSTEM, tue, PipelineGrouping.total());
    assertThat(tuesday.asOf()).isEqualTo(tue);
    assertThat(tuesday.total().amount()).isEqualTo(MoneySums.of(eur("210.00")));
    Waterfall w = crm.bi().waterfall(BI_SYSTEM, tue, wed);
    assertIdentity(w, "Tuesday to Wednesday");
    assertThat(w.movement(MovementKind.WON).amount()).isEqualTo(MoneySums.of(eur("-50.00")));
    assertThat(w.movement(MovementKind.AMOUNT_DOWN).amount()).isEqualTo(MoneySums.of(eur("-30.00")));
  }

  @Test
  default void storesOnlyWhatChangedAndKeepsClosedDealsForTheirWindow() {
    Crm crm = crm(b -> b.bi(BiSettings.defaults().withClosedWithinDays(2)));
    morningOf(BI_MONDAY);
    Opportunity a = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00")));
    Opportunity b = crm.opportunities().create(ALICE, CreateOpportunity.named("b").amount(eur("20.00")));
    Opportunity c = crm.opportunities().create(BOB, CreateOpportunity.named("c"));
    List<Long> rows = new ArrayList<>();
    List<Long> held = new ArrayList<>();
    Runnable take = () -> {
      LocalDate today = LocalDate.ofInstant(clock().instant(), ZoneOffset.UTC);
      at(today);
      SnapshotDay d = crm.bi().takeDailySnapshot(BI_SYSTEM, today);
      rows.add(d.rowsStored());
      held.add(d.opportunities());
      morningOf(today.plusDays(1));
    };
    take.run(); // Monday: 3 new
    take.run(); // Tuesday: nothing changed
    crm.opportunities().update(ALICE, UpdateOpportunity.of(a.id(), a.version()).amount(eur("110.00")));
    take.run(); // Wednesday: one changed
    crm.opportunities().win(ALICE, WinOpportunity.of(b.id(), b.version())); // closed on Thursday
    crm.opportunities().delete(BOB, c.id(), c.version());
    take.run(); // Thursday: b won (a new state), c gone (no row)
    take.run(); // Friday: b still within 2 days of its close date
    take.run(); // Saturday: b still in (closed Thursday, Saturday - 2 = Thursday)
    take.run(); // Sunday: b drops out (no row)

    assertThat(rows).containsExactly(3L, 0L, 1L, 1L, 0L, 0L, 0L);
    assertThat(held).containsExactly(3L, 3L, 3L, 2L, 2L, 2L, 1L);
    assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY.plusDays(3))).extracting(OpportunityDayState::opportunityId,
        OpportunityDayState::stageKind, OpportunityDayState::forecastCategory).containsExactly(
            sortedById(tuple(a.id(), StageKind.OPEN, ForecastCategory.PIPELINE),
                tuple(b.id(), StageKind.WON, ForecastCategory.CLOSED)));
    assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY.plusDays(6))).extracting(OpportunityDayState::opportunityId)
        .containsExactly(a.id());
  }

  private static org.assertj.core.groups.Tuple[] sortedById(org.assertj.core.groups.Tuple... tuples) {
    return java.util.Arrays.stream(tuples)
        .sorted(java.util.Comparator.comparing(t -> ((OpportunityId) t.toList().get(0)).value().toString()))
        .toArray(org.assertj.core.groups.Tuple[]::new);
  }

  @Test
  default void storesEveryFieldOfTheDayState() {
    Crm crm = crm();
    morningOf(BI_MONDAY);
    var account = crm.accounts().create(ALICE, org.crmkit.application.CreateAccount.named("Acme")).id();
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("1000.00"))
        .stage("negotiation").probability(33).closeDate(LocalDate.of(2026, 5, 1)).accountId(account)
        .segments(Map.of("region", "north")));
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), java.time.YearMonth.of(2026, 5), 3));
    Opportunity bare = crm.opportunities().create(BOB, CreateOpportunity.named("b"));
    at(BI_MONDAY);
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);

    assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY)).containsExactlyElementsOf(java.util.stream.Stream.of(
        new OpportunityDayState(o.id(), "negotiation", StageKind.OPEN, ForecastCategory.COMMIT, eur("1000.00"),
            Probability.of(33), eur("330.00"), LocalDate.of(2026, 5, 1), ALICE.userId(), account,
            org.crmkit.shared.Segments.of(Map.of("region", "north")), eur("1000.00")),
        new OpportunityDayState(bare.id(), "qualification", StageKind.OPEN, ForecastCategory.PIPELINE, null,
            Probability.of(10), null, null, BOB.userId(), null, org.crmkit.shared.Segments.none(), null))
        .sorted(java.util.Comparator.comparing(s -> s.opportunityId().value().toString())).toList());
    assertThat(crm.bi().rebuildAsOf(BI_SYSTEM, BI_MONDAY)).isEqualTo(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY));
  }

  // ------------------------------------------------------------------ reports

  @Test
  default void groupsThePipelineAsOfADayByStageOwnerForecastCategoryAccountAndSegment() {
    Crm crm = crm();
    morningOf(BI_MONDAY);
    var account = crm.accounts().create(ALICE, org.crmkit.application.CreateAccount.named("Acme")).id();
    Opportunity a = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00"))
        .stage("proposal").segments(Map.of("region", "north")).accountId(account));
    crm.opportunities().create(ALICE, CreateOpportunity.named("b").amount(Money.of("70", "USD"))
        .stage("proposal").segments(Map.of("region", "south")));
    crm.opportunities().create(BOB, CreateOpportunity.named("c").amount(eur("33.33")));
    crm.opportunities().create(BOB, CreateOpportunity.named("d"));
    Opportunity won = crm.opportunities().create(BOB, CreateOpportunity.named("won").amount(eur("5.00")));
    crm.opportunities().win(BOB, WinOpportunity.of(won.id(), won.version()));
    at(BI_MONDAY);
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);
    morningOf(BI_MONDAY.plusDays(2));
    crm.opportunities().lose(ALICE, LoseOpportunity.of(a.id(), a.version()));

    PipelineAsOf byStage = crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY.plusDays(2), PipelineGrouping.byStage());

    assertThat(byStage.day()).isEqualTo(BI_MONDAY.plusDays(2));
    assertThat(byStage.asOf()).isEqualTo(BI_MONDAY);
    assertThat(byStage.groups()).containsExactly(
        new PipelineGroup("proposal", 2, MoneySums.of(eur("100.00"), Money.of("70.00", "USD")),
            MoneySums.of(eur("50.00"), Money.of("35.00", "USD"))),
        new PipelineGroup("qualification", 2, MoneySums.of(eur("33.33")), MoneySums.of(eur("3.33"))));
    assertThat(byStage.total()).isEqualTo(new PipelineGroup(null, 4,
        MoneySums.of(eur("133.33"), Money.of("70.00", "USD")), MoneySums.of(eur("53.33"), Money.of("35.00", "USD"))));
    assertThat(crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY, PipelineGrouping.byOwner()).groups())
        .extracting(PipelineGroup::key, PipelineGroup::count).containsExactly(tuple("alice", 2L), tuple("bob", 2L));
    assertThat(crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY, PipelineGrouping.bySegment("region")).groups())
        .extracting(PipelineGroup::key, PipelineGroup::count, PipelineGroup::amount).containsExactly(
            tuple("north", 1L, MoneySums.of(eur("100.00"))), tuple("south", 1L, MoneySums.of(Money.of("70", "USD"))),
            tuple(null, 2L, MoneySums.of(eur("33.33"))));
    assertThat(crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY, PipelineGrouping.byForecastCategory()).groups())
        .extracting(PipelineGroup::key, PipelineGroup::count)
        .containsExactly(tuple("BEST_CASE", 2L), tuple("PIPELINE", 2L));
    assertThat(crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY, PipelineGrouping.byAccount()).groups())
        .extracting(PipelineGroup::key, PipelineGroup::count)
        .containsExactly(tuple(account.value().toString(), 1L), tuple(null, 3L));
    assertThat(crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY, PipelineGrouping.total()).groups()).isEmpty();
  }

  @Test
  default void trendsThePipelineAndWeightedPipelineOverKeptDays() {
    Crm crm = crm();
    morningOf(BI_MONDAY);
    Opportunity a = crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("100.00")));
    at(BI_MONDAY);
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY);
    morningOf(BI_MONDAY.plusDays(1));
    a = crm.opportunities().changeStage(ALICE, ChangeStage.of(a.id(), a.version(), "proposal"));
    crm.opportunities().create(BOB, CreateOpportunity.named("b").amount(Money.of("1000", "JPY")));
    at(BI_MONDAY.plusDays(1));
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(1));
    morningOf(BI_MONDAY.plusDays(3)); // Wednesday is missed
    crm.opportunities().win(ALICE, WinOpportunity.of(a.id(), a.version()));
    at(BI_MONDAY.plusDays(3));
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(3));
    at(BI_MONDAY.plusDays(4));
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(4));

    List<TrendPoint> trend = crm.bi().trend(BI_SYSTEM, BI_MONDAY.minusDays(3), BI_MONDAY.plusDays(3));

    assertThat(trend).containsExactly(
        new TrendPoint(BI_MONDAY, 1, MoneySums.of(eur("100.00")), MoneySums.of(eur("10.00"))),
        new TrendPoint(BI_MONDAY.plusDays(1), 2, MoneySums.of(eur("100.00"), Money.of("1000", "JPY")),
            MoneySums.of(eur("50.00"), Money.of("100", "JPY"))),
        new TrendPoint(BI_MONDAY.plusDays(3), 1, MoneySums.of(Money.of("1000", "JPY")),
            MoneySums.of(Money.of("100", "JPY"))));
    assertThat(crm.bi().trend(BI_SYSTEM, BI_MONDAY.plusDays(4), BI_MONDAY.plusDays(4))).extracting(TrendPoint::count)
        .containsExactly(1L);
    assertThat(crm.bi().trend(BI_SYSTEM, BI_MONDAY.minusDays(9), BI_MONDAY.minusDays(1))).isEmpty();
  }

  @Test
  default void retentionThinsOldDaysAndReportsAnswerThemFromTheKeptDayBefore() {
    Crm everyDay = crm();
    LocalDate first = LocalDate.of(2026, 1, 1); // a Thursday
    LocalDate last = LocalDate.of(2026, 3, 10);
    Actor monthlyTenant = BI_SYSTEM.in("monthly");
    Opportunity o = null;
    Opportunity p = null;
    Opportunity rare = null;
    Opportunity shortLived = null;
    Map<LocalDate, PipelineGroup> totals = new LinkedHashMap<>();
    Map<LocalDate, List<OpportunityDayState>> states = new LinkedHashMap<>();
    Map<LocalDate, PipelineGroup> monthlyTotals = new LinkedHashMap<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      morningOf(day);
      Money amount = eur(day.getDayOfYear() + ".00");
      o = o == null ? everyDay.opportunities().create(ALICE, CreateOpportunity.named("a").amount(amount))
          : everyDay.opportunities().update(ALICE, UpdateOpportunity.of(o.id(), o.version()).amount(amount));
      // changes every tenth day only: its rows begin on days that thinning forgets, and move to the next kept day
      if (day.getDayOfYear() % 10 == 2) {
        rare = rare == null ? everyDay.opportunities().create(BOB, CreateOpportunity.named("rare").amount(amount))
            : everyDay.opportunities().update(BOB, UpdateOpportunity.of(rare.id(), rare.version()).amount(amount));
      }
      if (day.equals(LocalDate.of(2026, 2, 3))) {
        shortLived = everyDay.opportunities().create(BOB, CreateOpportunity.named("short-lived").amount(eur("3.00")));
      }
      if (day.equals(LocalDate.of(2026, 2, 5))) { // lives Tuesday to Thursday: thinning leaves no day that saw it
        everyDay.opportunities().delete(BOB, shortLived.id(), shortLived.version());
      }
      p = p == null ? everyDay.opportunities().create(monthlyTenant, CreateOpportunity.named("a").amount(amount))
          : everyDay.opportunities().update(monthlyTenant, UpdateOpportunity.of(p.id(), p.version()).amount(amount));
      at(day);
      everyDay.bi().takeDailySnapshot(BI_SYSTEM, day);
      everyDay.bi().takeDailySnapshot(monthlyTenant, day);
      totals.put(day, everyDay.bi().pipelineAsOf(BI_SYSTEM, day, PipelineGrouping.total()).total());
      states.put(day, everyDay.bi().statesOn(BI_SYSTEM, day));
      monthlyTotals.put(day, everyDay.bi().pipelineAsOf(monthlyTenant, day, PipelineGrouping.total()).total());
    }
    Crm weekly = crm(b -> b.bi(BiSettings.defaults().withRetention(Retention.dailyThenWeekly(14))));

    int forgotten = weekly.bi().applyRetention(BI_SYSTEM);

    List<LocalDate> kept = weekly.bi().snapshotDays(BI_SYSTEM, first, last).stream().map(SnapshotDay::day).toList();
    LocalDate windowStart = last.minusDays(13);
    assertThat(kept).filteredOn(d -> d.isBefore(windowStart)).isNotEmpty()
        .allMatch(d -> d.getDayOfWeek() == DayOfWeek.SUNDAY);
    assertThat(kept).filteredOn(d -> !d.isBefore(windowStart)).hasSize(14);
    assertThat(forgotten).isEqualTo(totals.size() - kept.size());
    for (LocalDate day : totals.keySet()) {
      LocalDate asOf = kept.stream().filter(k -> !k.isAfter(day)).reduce((a, b) -> b).orElse(null);
      if (asOf == null) {
        LocalDate d = day;
        assertThatThrownBy(() -> weekly.bi().pipelineAsOf(BI_SYSTEM, d, PipelineGrouping.total()))
            .isInstanceOf(ValidationException.class).hasMessageContaining(kept.get(0).toString());
        continue;
      }
      PipelineAsOf answer = weekly.bi().pipelineAsOf(BI_SYSTEM, day, PipelineGrouping.total());
      assertThat(answer.asOf()).as("%s", day).isEqualTo(asOf);
      assertThat(answer.total()).as("%s answered by %s", day, asOf).isEqualTo(totals.get(asOf));
      assertThat(weekly.bi().statesOn(BI_SYSTEM, day)).as("%s answered by %s", day, asOf)
          .isEqualTo(states.get(asOf));
    }
    Waterfall w = weekly.bi().waterfall(BI_SYSTEM, LocalDate.of(2026, 1, 14), last);
    assertThat(w.fromAsOf()).isEqualTo(LocalDate.of(2026, 1, 11));
    assertIdentity(w, "after thinning");
    assertThat(weekly.bi().applyRetention(BI_SYSTEM)).as("applying it again forgets nothing").isZero();

    Crm monthly = crm(b -> b.bi(BiSettings.defaults().withRetention(Retention.dailyThenMonthly(14))));
    assertThat(monthly.bi().applyRetention(monthlyTenant)).isEqualTo(totals.size() - 15);
    assertThat(monthly.bi().snapshotDays(monthlyTenant, first, last)).extracting(SnapshotDay::day)
        .startsWith(LocalDate.of(2026, 1, 31), windowStart).hasSize(15);
    PipelineAsOf february = monthly.bi().pipelineAsOf(monthlyTenant, LocalDate.of(2026, 2, 21),
        PipelineGrouping.total());
    assertThat(february.asOf()).isEqualTo(LocalDate.of(2026, 1, 31));
    assertThat(february.total()).isEqualTo(monthlyTotals.get(LocalDate.of(2026, 1, 31)));
  }

  // ------------------------------------------------------------------ tenants, owners, refusals

  @Test
  default void keepsTenantsApartAndShowsSellersOnlyTheirOwnPipeline() {
    TenantId north = TenantId.of("north");
    Actor northAlice = ALICE.in(north);
    Actor northSystem = BI_SYSTEM.in(north);
    Crm crm = crm();
    morningOf(BI_MONDAY);
    Opportunity moved = crm.opportunities().create(northAlice, CreateOpportunity.named("moved")
        .amount(eur("100.00")));
    crm.opportunities().create(northAlice, CreateOpportunity.named("kept").amount(eur("7.00")));
    crm.opportunities().create(BOB.in(north), CreateOpportunity.named("bob's").amount(eur("40.00")));
    crm.opportunities().create(ALICE, CreateOpportunity.named("default tenant").amount(eur("1.00")));
    at(BI_MONDAY);
    crm.bi().takeDailySnapshot(northSystem, BI_MONDAY);
    morningOf(BI_MONDAY.plusDays(1));
    crm.opportunities().update(northAlice, UpdateOpportunity.of(moved.id(), moved.version())
        .owner(BOB.userId()));
    at(BI_MONDAY.plusDays(1));
    crm.bi().takeDailySnapshot(northSystem, BI_MONDAY.plusDays(1));

    assertThat(crm.bi().statesOn(northSystem, BI_MONDAY)).hasSize(3);
    assertThatThrownBy(() -> crm.bi().statesOn(BI_SYSTEM, BI_MONDAY)).as("the default tenant kept no day")
        .isInstanceOf(ValidationException.class);
    at(BI_MONDAY.plusDays(1));
    crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(1));
    assertThat(crm.bi().statesOn(BI_SYSTEM, BI_MONDAY.plusDays(1))).extracting(s -> s.amount())
        .containsExactly(eur("1.00"));

    Crm owners = crmWith(OwnerAccessPolicy.over(BI_TEAMS));
    assertThat(owners.bi().statesOn(northAlice, BI_MONDAY)).extracting(s -> s.amount())
        .containsExactlyInAnyOrder(eur("100.00"), eur("7.00"));
    assertThat(owners.bi().pipelineAsOf(BOB.in(north), BI_MONDAY.plusDays(1), PipelineGrouping.total()).total()
        .amount()).isEqualTo(MoneySums.of(eur("140.00")));
    assertThat(owners.bi().trend(northAlice, BI_MONDAY, BI_MONDAY.plusDays(1))).extracting(TrendPoint::pipeline)
        .containsExactly(MoneySums.of(eur("107.00")), MoneySums.of(eur("7.00")));
    assertThat(owners.bi().rebuildAsOf(northAlice, BI_MONDAY.plusDays(1))).extracting(s -> s.amount())
        .containsExactly(eur("7.00"));
    Waterfall alice = owners.bi().waterfall(northAlice, BI_MONDAY, BI_MONDAY.plusDays(1));
    assertThat(alice.movement(MovementKind.REMOVED).amount()).isEqualTo(MoneySums.of(eur("-100.00")));
    assertIdentity(alice, "Alice");
    Waterfall bob = owners.bi().waterfall(BOB.in(north), BI_MONDAY, BI_MONDAY.plusDays(1));
    assertThat(bob.movement(MovementKind.NEW).amount()).isEqualTo(MoneySums.of(eur("100.00")));
    assertIdentity(bob, "Bob");
    Waterfall all = owners.bi().waterfall(BI_ADMIN.in(north), BI_MONDAY, BI_MONDAY.plusDays(1));
    assertThat(all.movements()).allMatch(m -> m.count() == 0);
    assertIdentity(all, "Ada");
  }

  @Test
  default void refusesFutureDaysDaysBeforeTheFirstKeptDayAndSnapshotsBySellers() {
    Crm crm = crm();
    Crm owners = crmWith(OwnerAccessPolicy.over(BI_TEAMS));
    morningOf(BI_MONDAY);
    crm.opportunities().create(ALICE, CreateOpportunity.named("a").amount(eur("1.00")));

    assertThatThrownBy(() -> crm.bi().pipelineAsOf(BI_SYSTEM, BI_MONDAY, PipelineGrouping.total()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("no daily snapshot is kept");
    assertThatThrownBy(() -> crm.bi().takeDailySnapshot(BI_SYSTEM, BI_MONDAY.plusDays(1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("after today");
    assertThatThrownBy(() -> owners.bi().takeDailySnapshot(ALICE, BI_MONDAY))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> owners.bi().backfill(ALICE, BI_MONDAY, BI_MONDAY))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> owners.bi().applyRetention(ALICE)).isInstanceOf(AccessDeniedException.class);
    assertThat(crm.bi().snapshotDays(BI_SYSTEM, BI_MONDAY.minusDays(30), BI_MONDAY)).isEmpty();

    owners.bi().takeDailySnapshot(BI_ADMIN, BI_MONDAY);
    assertThatThrownBy(() -> crm.bi().statesOn(BI_SYSTEM, BI_MONDAY.minusDays(1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining(BI_MONDAY.toString());
    assertThatThrownBy(() -> crm.bi().waterfall(BI_SYSTEM, BI_MONDAY, BI_MONDAY.plusDays(1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("after today");
    assertThatThrownBy(() -> crm.bi().waterfall(BI_SYSTEM, BI_MONDAY, BI_MONDAY.minusDays(1)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm.bi().rebuildAsOf(BI_SYSTEM, BI_MONDAY.plusDays(1)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm.bi().backfill(BI_SYSTEM, BI_MONDAY.minusYears(11), BI_MONDAY))
        .isInstanceOf(ValidationException.class).hasMessageContaining("split the range");
    assertThat(crm.bi().snapshotDays(BI_SYSTEM, BI_MONDAY, BI_MONDAY)).extracting(SnapshotDay::opportunities)
        .containsExactly(1L);
    Waterfall same = crm.bi().waterfall(BI_SYSTEM, BI_MONDAY, BI_MONDAY);
    assertThat(same.opening()).isEqualTo(same.closing());
    assertThat(same.movements()).hasSize(MovementKind.values().length).allMatch(m -> m.count() == 0);
  }
}
