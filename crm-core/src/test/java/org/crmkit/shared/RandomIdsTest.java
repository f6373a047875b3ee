package org.crmkit.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link IdGenerator#random()}: version 4 UUIDs from generators that the threads do not share. */
class RandomIdsTest {

  @Test
  void idsAreRandomVersionFourUuidsOfTheIetfVariant() {
    IdGenerator ids = IdGenerator.random();
    assertThat(ids.globallyUnique()).isTrue();
    Set<UUID> seen = new HashSet<>();
    int[] ones = new int[128];
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      UUID id = ids.nextId();
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(seen.add(id)).as("id %s came twice", id).isTrue();
      for (int bit = 0; bit < 64; bit++) {
        ones[bit] += (int) ((id.getMostSignificantBits() >>> bit) & 1);
        ones[64 + bit] += (int) ((id.getLeastSignificantBits() >>> bit) & 1);
      }
    }
    // the 122 random bits are set about half the time each (a stuck or repeated buffer shows far off); the six fixed
    // bits always have their value
    int fixed = 0;
    for (int bit = 0; bit < 128; bit++) {
      if (ones[bit] == 0 || ones[bit] == n) {
        fixed++;
      } else {
        assertThat(ones[bit]).as("bit %d", bit).isBetween(n / 2 - n / 20, n / 2 + n / 20);
      }
    }
    assertThat(fixed).isEqualTo(6);
  }

  @Test
  void threadsCreatingIdsAtOnceNeverGetTheSameId() throws Exception {
    IdGenerator ids = IdGenerator.random();
    int threads = 8;
    int each = 25_000;
    Set<UUID> all = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          int added = 0;
          for (int i = 0; i < each; i++) {
            added += all.add(ids.nextId()) ? 1 : 0;
          }
          return added;
        }));
      }
      start.countDown();
      int added = 0;
      for (Future<Integer> f : done) {
        added += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(added).isEqualTo(threads * each);
      assertThat(all).hasSize(threads * each);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoGeneratorsDoNotRepeatEachOther() {
    IdGenerator first = IdGenerator.random();
    IdGenerator second = IdGenerator.random();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(first.nextId())).isTrue();
      assertThat(seen.add(second.nextId())).isTrue();
    }
  }
}
