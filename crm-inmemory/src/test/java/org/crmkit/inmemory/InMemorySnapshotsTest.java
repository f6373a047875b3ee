package org.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.bi.SnapshotSpec;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Money;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** The in-memory snapshot store takes part in units of work like the tables: all or nothing, isolated, serialised. */
class InMemorySnapshotsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final Crm crm = Crm.builder().storage(storage)
      .clock(Clock.fixed(Instant.parse("2026-03-02T20:00:00Z"), ZoneOffset.UTC)).build();
  private final PipelineSnapshotRepository snapshots = storage.pipelineSnapshots();

  InMemorySnapshotsTest() {
    crm.opportunities().create(Actor.user("alice"), CreateOpportunity.named("a").amount(Money.of("10.00", "EUR")));
  }

  private static SnapshotSpec spec() {
    return new SnapshotSpec(DAY, Instant.parse("2026-03-02T20:00:00Z"), Pipeline.defaults().stages(),
        DAY.minusDays(90));
  }

  private <T> T inTenant(java.util.function.Supplier<T> work) {
    return storage.unitOfWork().execute(TenantId.DEFAULT, work);
  }

  @Test
  void aUnitOfWorkThatFailsAfterStoringADayStoresNothing() {
    assertThatThrownBy(() -> inTenant(() -> {
      snapshots.storeFromCurrent(spec());
      assertThat(snapshots.findDay(DAY)).as("the unit of work sees its own day").isPresent();
      assertThat(snapshots.statesOn(DAY, org.crmkit.shared.Visibility.all())).hasSize(1);
      throw new IllegalStateException("the host's work failed after the snapshot");
    })).hasMessageContaining("failed after the snapshot");

    assertThat(inTenant(() -> snapshots.findDay(DAY))).isEmpty();
    assertThat(crm.bi().takeDailySnapshot(Actor.system("bi"), DAY).rowsStored()).isEqualTo(1);
  }

  @Test
  void anotherUnitOfWorkSeesTheDayOnlyOnceItIsCommitted() throws Exception {
    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> writer = pool.submit(() -> inTenant(() -> {
        snapshots.storeFromCurrent(spec());
        stored.countDown();
        await(release);
        return null;
      }));
      assertThat(stored.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(inTenant(() -> snapshots.findDay(DAY))).as("not committed yet").isEmpty();
      assertThat(inTenant(() -> snapshots.days(DAY, DAY))).isEmpty();
      release.countDown();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(inTenant(() -> snapshots.findDay(DAY))).isPresent();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoUnitsOfWorkStoringTheSameDayAtOnceStoreItOnce() throws Exception {
    CyclicBarrier bothStored = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> inTenant(() -> {
          snapshots.storeFromCurrent(spec());
          await(bothStored);
          return null;
        })));
      }
      int conflicts = 0;
      for (Future<?> run : runs) {
        try {
          run.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ConflictException.class);
          conflicts++;
        }
      }
      assertThat(conflicts).isEqualTo(1);
      assertThat(inTenant(() -> snapshots.days(DAY.minusDays(1), DAY.plusDays(1)))).hasSize(1);
      assertThat(crm.bi().takeDailySnapshot(Actor.system("bi"), DAY).rowsStored()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDayKeptByAnotherUnitOfWorkAfterTheCallerLookedIsALostRace() throws Exception {
    // What two schedulers taking the same day do (BiContract.twoSchedulersTakingTheSameDayAtOnceKeepItOnce), made
    // deterministic: the caller finds the day not kept, another unit of work keeps it, then the caller copies it.
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      assertThatThrownBy(() -> inTenant(() -> {
        assertThat(snapshots.findDay(DAY)).isEmpty();
        try {
          pool.submit(() -> inTenant(() -> snapshots.storeFromCurrent(spec()))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        return snapshots.storeFromCurrent(spec());
      })).isInstanceOf(ConflictException.class).hasMessageContaining("kept by another unit of work");
    } finally {
      pool.shutdownNow();
    }
    assertThat(inTenant(() -> snapshots.days(DAY, DAY))).hasSize(1);
  }

  @Test
  void aDayCopiedBeforeAKeptDayIsRefused() {
    inTenant(() -> snapshots.storeFromCurrent(spec()));
    SnapshotSpec dayBefore = new SnapshotSpec(DAY.minusDays(1), Instant.parse("2026-03-01T20:00:00Z"),
        Pipeline.defaults().stages(), DAY.minusDays(91));

    assertThatThrownBy(() -> inTenant(() -> snapshots.storeFromCurrent(dayBefore)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("from history");
  }

  private static void await(Object latchOrBarrier) {
    try {
      if (latchOrBarrier instanceof CountDownLatch latch) {
        assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
      } else {
        ((CyclicBarrier) latchOrBarrier).await(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
