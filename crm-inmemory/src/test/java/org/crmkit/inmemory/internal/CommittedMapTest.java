package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CommittedMapTest {

  /** A key whose hash takes few values, so that runs of probes, wrap-around and backward shifts are frequent. */
  private record Crowded(int value) {
    @Override
    public int hashCode() {
      return value % 101;
    }
  }

  /**
   * A map notes the (odd) stamp of the commit that changes it before the commit's first change, so that a read
   * without a lock waits only for commits that changed the map it reads ({@link InMemoryDatabase#readOne}); reads and
   * writes that change nothing note nothing.
   */
  @Test
  void notesTheStampOfTheCommitThatChangesItBeforeItsFirstChange() {
    CommitStamp stamp = new CommitStamp();
    CommittedMap<String> map = new CommittedMap<>(stamp);
    int second = map.addColumn();

    stamp.value = 1;
    assertThat(map.changedIn(1)).isFalse();
    map.put("a", 0, "row");
    assertThat(map.changedIn(1)).isTrue();

    stamp.value = 3; // the next commit: reads, a put of a present key that replaces nothing, removals of nothing
    assertThat(map.<String>get("a", 0)).isEqualTo("row");
    assertThat(map.putIfAbsent("a", 0, "other")).isEqualTo("row");
    map.remove("b", 0);
    map.remove("a", second);
    assertThat(map.changedIn(3)).isFalse();
    assertThat(map.changedIn(1)).isTrue(); // what it noted last

    map.putIfAbsent("a", second, "group"); // a new value in a column of a present key
    assertThat(map.changedIn(3)).isTrue();

    stamp.value = 5;
    map.remove("a", 0);
    assertThat(map.changedIn(5)).isTrue();

    stamp.value = 7;
    for (int i = 0; i < 100; i++) { // grows, from a new key on
      map.put("k" + i, 0, "row");
    }
    assertThat(map.changedIn(7)).isTrue();
    assertThat(map.<String>get("k99", 0)).isEqualTo("row");
  }

  @RepeatedTest(5)
  void holdsWhatTwoHashMapsHoldThroughRandomPutsAndRemovesInTwoColumns(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    CommittedMap<Object> map = new CommittedMap<>();
    int second = map.addColumn();
    Map<Object, String> rows = new HashMap<>();
    Map<Object, String> groups = new HashMap<>();
    Set<Object> arrival = new LinkedHashSet<>(); // the keys held, in the order they came since they were last absent
    for (int step = 0; step < 30_000; step++) {
      int n = random.nextInt(2_000);
      Object key = repetition.getCurrentRepetition() % 2 == 0 ? Integer.valueOf(n) : new Crowded(n);
      boolean inSecond = random.nextBoolean();
      Map<Object, String> model = inSecond ? groups : rows;
      int column = inSecond ? second : 0;
      if (random.nextInt(3) == 0) {
        map.remove(key, column);
        model.remove(key);
        if (!rows.containsKey(key) && !groups.containsKey(key)) {
          arrival.remove(key);
        }
      } else {
        String value = "v" + step;
        map.put(key, column, value);
        model.put(key, value);
        arrival.add(key);
      }
    }
    for (int n = 0; n < 2_000; n++) {
      Object key = repetition.getCurrentRepetition() % 2 == 0 ? Integer.valueOf(n) : new Crowded(n);
      assertThat(map.<String>get(key, 0)).isEqualTo(rows.get(key));
      assertThat(map.<String>get(key, second)).isEqualTo(groups.get(key));
    }
    assertThat(map.size(0)).isEqualTo(rows.size());
    assertThat(map.size(second)).isEqualTo(groups.size());
    Map<Object, String> visited = new HashMap<>();
    List<Object> order = new ArrayList<>();
    map.<String>forEach(0, (k, v) -> {
      visited.put(k, v);
      order.add(k);
    });
    assertThat(visited).isEqualTo(rows);
    assertThat(order).containsExactlyElementsOf(arrival.stream().filter(rows::containsKey).toList());
    Map<Object, String> values = new HashMap<>();
    map.<String>forEachValue(second, v -> values.put(v, v));
    assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(groups.values());
  }

  @Test
  void aKeyStaysWhileAnotherColumnHoldsAValue() {
    CommittedMap<String> map = new CommittedMap<>();
    int history = map.addColumn();
    map.put("a", 0, "row");
    map.put("a", history, "group");
    map.remove("a", 0);
    assertThat(map.<String>get("a", 0)).isNull();
    assertThat(map.<String>get("a", history)).isEqualTo("group");
    assertThat(map.size(0)).isZero();
    assertThat(map.size(history)).isOne();
    map.remove("a", history);
    assertThat(map.<String>get("a", history)).isNull();
  }

  @Test
  void columnsAreAddedOnlyWhileEmpty() {
    CommittedMap<String> map = new CommittedMap<>();
    map.put("a", 0, "row");
    assertThatThrownBy(map::addColumn).isInstanceOf(IllegalStateException.class);
  }

  @RepeatedTest(3)
  void putIfAbsentStoresOnlyWhereNoValueIsAndTouchChangesNothing(RepetitionInfo repetition) {
    Random random = new Random(100 + repetition.getCurrentRepetition());
    CommittedMap<Object> map = new CommittedMap<>();
    int second = map.addColumn();
    Map<Object, String> rows = new HashMap<>();
    Map<Object, String> groups = new HashMap<>();
    for (int step = 0; step < 20_000; step++) {
      Object key = new Crowded(random.nextInt(1_500));
      boolean inSecond = random.nextBoolean();
      Map<Object, String> model = inSecond ? groups : rows;
      int column = inSecond ? second : 0;
      map.touch(key); // reads only: the map must hold what the model holds regardless
      if (random.nextInt(4) == 0) {
        map.remove(key, column);
        model.remove(key);
      } else {
        String value = "v" + step;
        assertThat(map.putIfAbsent(key, column, value)).isEqualTo(model.putIfAbsent(key, value));
      }
    }
    for (int n = 0; n < 1_500; n++) {
      Object key = new Crowded(n);
      assertThat(map.<String>get(key, 0)).isEqualTo(rows.get(key));
      assertThat(map.<String>get(key, second)).isEqualTo(groups.get(key));
    }
    assertThat(map.size(0)).isEqualTo(rows.size());
    assertThat(map.size(second)).isEqualTo(groups.size());
  }

  @Test
  void keysThatComeAndGoLeaveHolesThatAreCompactedAwayRatherThanGrowingTheMap() {
    CommittedMap<Integer> map = new CommittedMap<>();
    for (int k = 0; k < 1_000; k++) {
      map.put(k, 0, "kept " + k);
    }
    int capacity = map.capacity();
    // a hundred thousand keys that each come and go while the thousand stay: the map grows at most once (when the
    // few free positions after the thousand are used up with few holes among them), then compacts its holes away
    for (int k = 1_000; k < 101_000; k++) {
      map.put(k, 0, "passing " + k);
      map.remove(k, 0);
    }
    assertThat(map.capacity()).isLessThanOrEqualTo(2 * capacity);
    assertThat(map.size(0)).isEqualTo(1_000);
    List<Integer> order = new ArrayList<>();
    map.<String>forEach(0, (k, v) -> {
      assertThat(v).isEqualTo("kept " + k);
      order.add(k);
    });
    assertThat(order).hasSize(1_000).isSorted();
    assertThat(map.<String>get(100_999, 0)).isNull();
  }
}
