package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Keys in a table's list order, in blocks of a few hundred: inserting costs a binary search and a short array copy
 * (new rows usually go at the end), a page at offset {@code n} is found by summing block sizes (about n / 512 steps,
 * not n), and a key costs one array slot rather than a tree node. Not thread-safe: the table guards it with the
 * database's lock.
 *
 * @param <K> key type
 */
final class OrderedKeys<K> implements Iterable<K> {
  private static final int MAX_BLOCK = 1024;

  private final Comparator<K> order;
  private final List<ArrayList<K>> blocks = new ArrayList<>();
  private int size;

  /** @param order the list order of keys; must not change while a key is held */
  OrderedKeys(Comparator<K> order) {
    this.order = order;
  }

  int size() {
    return size;
  }

  void add(K key) {
    if (blocks.isEmpty()) {
      ArrayList<K> first = new ArrayList<>();
      first.add(key);
      blocks.add(first);
      size = 1;
      return;
    }
    int b;
    ArrayList<K> block;
    ArrayList<K> last = blocks.get(blocks.size() - 1);
    if (order.compare(last.get(last.size() - 1), key) < 0) {
      // New rows come last in creation order: one comparison instead of two binary searches.
      b = blocks.size() - 1;
      block = last;
      block.add(key);
    } else {
      b = blockOf(key);
      block = blocks.get(b);
      int at = Collections.binarySearch(block, key, order);
      if (at >= 0) {
        throw new IllegalStateException("key " + key + " is already in the order");
      }
      block.add(-at - 1, key);
    }
    size++;
    if (block.size() > MAX_BLOCK) {
      ArrayList<K> upper = new ArrayList<>(block.subList(block.size() / 2, block.size()));
      block.subList(block.size() / 2, block.size()).clear();
      blocks.add(b + 1, upper);
    }
  }

  void remove(K key) {
    if (blocks.isEmpty()) {
      return;
    }
    int b = blockOf(key);
    ArrayList<K> block = blocks.get(b);
    int at = Collections.binarySearch(block, key, order);
    if (at < 0) {
      return;
    }
    block.remove(at);
    size--;
    if (block.isEmpty()) {
      blocks.remove(b);
    }
  }

  /** @return the index of the last block whose first key is not after {@code key} (0 when there is none) */
  private int blockOf(K key) {
    int lo = 0;
    int hi = blocks.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (order.compare(blocks.get(mid).get(0), key) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public Iterator<K> iterator() {
    return from(0);
  }

  /** @return the keys from position {@code offset} on, in order */
  Iterator<K> from(long offset) {
    int b = 0;
    long skip = offset;
    while (b < blocks.size() && skip >= blocks.get(b).size()) {
      skip -= blocks.get(b).size();
      b++;
    }
    int first = b;
    int start = (int) skip;
    return new Iterator<>() {
      int block = first;
      int index = start;

      @Override
      public boolean hasNext() {
        while (block < blocks.size() && index >= blocks.get(block).size()) {
          block++;
          index = 0;
        }
        return block < blocks.size();
      }

      @Override
      public K next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return blocks.get(block).get(index++);
      }
    };
  }
}
