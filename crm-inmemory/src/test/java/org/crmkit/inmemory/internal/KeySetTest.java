package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class KeySetTest {

  /** A key whose hash takes few values, so that runs of probes, wrap-around and backward shifts are frequent. */
  private record Crowded(int value) {
    @Override
    public int hashCode() {
      return value % 37;
    }
  }

  private static Object key(int n, int repetition) {
    return repetition % 2 == 0 ? Integer.valueOf(n) : new Crowded(n);
  }

  /**
   * Random adds and removes, in phases that grow the set, shrink it to a few keys and grow it again (so that it
   * doubles, compacts its holes and shrinks), against a {@link LinkedHashSet}: the same keys, in the same order.
   */
  @RepeatedTest(6)
  void holdsWhatALinkedHashSetHoldsInItsOrder(RepetitionInfo repetition) {
    int rep = repetition.getCurrentRepetition();
    Random random = new Random(rep);
    KeySet<Object> set = new KeySet<>();
    Set<Object> model = new LinkedHashSet<>();
    int range = rep <= 2 ? 50 : 3_000;
    for (int step = 0; step < 40_000; step++) {
      int phase = (step / 5_000) % 3; // 0: mostly adds, 1: mostly removes, 2: even
      double adds = phase == 0 ? 0.8 : phase == 1 ? 0.2 : 0.5;
      Object key = key(random.nextInt(range), rep);
      if (random.nextDouble() < adds) {
        assertThat(set.add(key)).isEqualTo(model.add(key));
      } else if (phase == 1 && !model.isEmpty() && random.nextBoolean()) {
        Object earliest = model.iterator().next();
        assertThat(set.remove(earliest)).isTrue();
        model.remove(earliest);
      } else {
        assertThat(set.remove(key)).isEqualTo(model.remove(key));
      }
      assertThat(set.size()).isEqualTo(model.size());
      if (!model.isEmpty()) {
        assertThat(set.first()).isEqualTo(model.iterator().next());
      }
      if (step % 997 == 0) {
        assertThat(new ArrayList<>(set)).containsExactlyElementsOf(model);
      }
    }
    assertThat(new ArrayList<>(set)).containsExactlyElementsOf(model);
    for (int n = 0; n < range; n++) {
      Object key = key(n, rep);
      assertThat(set.contains(key)).isEqualTo(model.contains(key));
    }
    assertThat(set).isEqualTo(model);
  }

  @Test
  void aKeyAddedAgainKeepsItsPlaceAndARemovedOneGoesLastWhenAddedAgain() {
    KeySet<String> set = new KeySet<>();
    for (String k : List.of("c", "a", "b")) {
      assertThat(set.add(k)).isTrue();
    }
    assertThat(set.add("c")).isFalse();
    assertThat(set).containsExactly("c", "a", "b");
    assertThat(set.remove("c")).isTrue();
    assertThat(set.remove("c")).isFalse();
    assertThat(set.first()).isEqualTo("a");
    set.add("c");
    assertThat(set).containsExactly("a", "b", "c");
  }

  @Test
  void growsToManyKeysAndEmptiesAgain() {
    KeySet<Integer> set = new KeySet<>();
    for (int i = 0; i < 100_000; i++) {
      set.add(i * 7919);
    }
    assertThat(set).hasSize(100_000);
    assertThat(set.contains(99_999 * 7919)).isTrue();
    assertThat(set.contains(1)).isFalse();
    for (int i = 0; i < 100_000; i++) {
      assertThat(set.remove(i * 7919)).isTrue();
      if (i < 99_999) {
        assertThat(set.first()).isEqualTo((i + 1) * 7919);
      }
    }
    assertThat(set).isEmpty();
    assertThat(set.iterator().hasNext()).isFalse();
    assertThatThrownBy(set::first).isInstanceOf(NoSuchElementException.class);
    set.add(5);
    assertThat(set).containsExactly(5);
  }

  @Test
  void refusesNullsAndFailsFastWhenChangedDuringIteration() {
    KeySet<String> set = new KeySet<>();
    assertThatThrownBy(() -> set.add(null)).isInstanceOf(NullPointerException.class);
    assertThat(set.contains(null)).isFalse();
    assertThat(set.remove(null)).isFalse();
    set.add("a");
    set.add("b");
    Iterator<String> it = set.iterator();
    assertThat(it.next()).isEqualTo("a");
    set.add("c");
    assertThatThrownBy(it::hasNext).isInstanceOf(ConcurrentModificationException.class);
    assertThatThrownBy(() -> set.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    set.clear();
    assertThat(set).isEmpty();
    set.add("d");
    assertThat(set).containsExactly("d");
  }
}
