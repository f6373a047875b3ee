package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class OrderedKeysTest {

  @RepeatedTest(5)
  void keepsTheSameOrderAsASortedSetThroughRandomInsertsAndRemoves(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    OrderedKeys<Integer> keys = new OrderedKeys<>(Comparator.<Integer>naturalOrder());
    TreeSet<Integer> model = new TreeSet<>();
    for (int step = 0; step < 20_000; step++) {
      int k = random.nextInt(5_000);
      if (random.nextInt(3) == 0) {
        keys.remove(k);
        model.remove(k);
      } else if (!model.contains(k)) {
        keys.add(k);
        model.add(k);
      }
    }

    assertThat(keys.size()).isEqualTo(model.size());
    assertThat(list(keys.iterator())).containsExactlyElementsOf(model);
    List<Integer> all = new ArrayList<>(model);
    for (int offset : new int[] {0, 1, 511, 512, 1023, 1024, 1025, all.size() - 1, all.size(), all.size() + 5}) {
      List<Integer> expected = all.subList(Math.min(offset, all.size()), all.size());
      assertThat(list(keys.from(offset))).as("from %s", offset).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void appendsInOrderSplitBlocksAndFindsAnyOffset() {
    OrderedKeys<Integer> keys = new OrderedKeys<>(Comparator.<Integer>naturalOrder());
    for (int i = 0; i < 100_000; i++) {
      keys.add(i);
    }
    assertThat(keys.from(54_321).next()).isEqualTo(54_321);
    assertThat(keys.from(100_000).hasNext()).isFalse();
  }

  private static List<Integer> list(Iterator<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
