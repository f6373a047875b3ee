package org.crmkit.inmemory.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The keys of the rows that share one value of an index (an account's opportunities, say), in the order they were
 * added, as a {@link java.util.LinkedHashSet} keeps them: the keys in an array in insertion order, and an
 * open-addressing table with linear probing whose slots hold each key's hash beside its position in that array, so
 * that a probe reads the table alone (a key is read only when its hash matches). Adding a key writes the next slot
 * of the array and one slot of the table, and allocates nothing (a {@link java.util.HashSet} allocates a node per
 * key, each a cache miss later); growing reads the old table in order and never a key. A removed key leaves a hole
 * in the array (the table forgets it at once, by backward shift, so probes meet no tombstones) until the holes are a
 * quarter of the array, when it is compacted.
 *
 * <p>Iterates in insertion order, the earliest key still present first ({@link #first}). Nulls are not stored; the
 * iterator does not remove. Not thread-safe: an index changes it under the database's write lock.
 *
 * @param <K> key type
 */
final class KeySet<K> extends AbstractSet<K> {
  private static final int MIN_CAPACITY = 4;

  /** The keys in insertion order; null where a key was removed. */
  private Object[] keys;
  /**
   * By hash, linear probing, twice as long as {@link #keys}: a key's hash in the upper half of a slot and its
   * position in {@link #keys} + 1 in the lower half; 0 = free.
   */
  private long[] table;
  /** The position of the earliest key still present (or {@link #end}). */
  private int head;
  /** One past the last position used in {@link #keys}. */
  private int end;
  private int size;
  private int modCount;

  KeySet() {
    keys = new Object[MIN_CAPACITY];
    table = new long[2 * MIN_CAPACITY];
  }

  /** Fibonacci hashing of the key's own hash, as {@link CommittedMap} does. */
  private static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static long slot(int h, int position) {
    return ((long) h << 32) | (position + 1);
  }

  private static int hashOf(long slot) {
    return (int) (slot >>> 32);
  }

  private static int positionOf(long slot) {
    return (int) slot - 1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean contains(Object key) {
    return key != null && slotOf(key, hash(key)) >= 0;
  }

  /** @return the table slot that holds {@code key}, or -1 - the free slot where it would go */
  private int slotOf(Object key, int h) {
    long[] t = table;
    int mask = t.length - 1;
    int i = h & mask;
    while (true) {
      long e = t[i];
      if (e == 0) {
        return -1 - i;
      }
      if (hashOf(e) == h) {
        Object k = keys[positionOf(e)];
        if (k == key || k.equals(key)) {
          return i;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Adds {@code key} after the keys present, unless it is present already (then its place does not change).
   *
   * @return true when it was added
   */
  @Override
  public boolean add(K key) {
    Objects.requireNonNull(key, "key");
    int h = hash(key);
    int i = slotOf(key, h);
    if (i >= 0) {
      return false;
    }
    if (end == keys.length) {
      makeRoom();
      i = slotOf(key, h);
    }
    keys[end] = key;
    table[-1 - i] = slot(h, end++);
    size++;
    modCount++;
    return true;
  }

  /**
   * Makes room for one more key at {@link #end}: closes the holes when they are at least a quarter of the array,
   * else doubles the array and the table.
   */
  private void makeRoom() {
    if (size <= keys.length - keys.length / 4) {
      compact();
    } else {
      resize(keys.length * 2);
    }
  }

  /**
   * Moves the keys present to the front of the array, in order, and rewrites their positions in the table in place
   * (their slots depend on their hashes alone, so none moves).
   */
  private void compact() {
    int[] moved = new int[end];
    int n = 0;
    for (int p = head; p < end; p++) {
      if (keys[p] != null) {
        moved[p] = n;
        keys[n++] = keys[p];
      }
    }
    Arrays.fill(keys, n, end, null);
    long[] t = table;
    for (int i = 0; i < t.length; i++) {
      if (t[i] != 0) {
        t[i] = slot(hashOf(t[i]), moved[positionOf(t[i])]);
      }
    }
    head = 0;
    end = n;
  }

  /**
   * Moves the keys into an array of {@code capacity} slots (holes closed) and a table twice that size, which is
   * filled by reading the old one in order, never a key.
   */
  private void resize(int capacity) {
    if (end != size) {
      compact();
    }
    keys = Arrays.copyOf(keys, capacity);
    long[] old = table;
    long[] t = new long[2 * capacity];
    int mask = t.length - 1;
    for (long e : old) {
      if (e != 0) {
        int i = hashOf(e) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = e;
      }
    }
    table = t;
  }

  /** @return true when {@code key} was present and is removed */
  @Override
  public boolean remove(Object key) {
    if (key == null) {
      return false;
    }
    int i = slotOf(key, hash(key));
    if (i < 0) {
      return false;
    }
    int p = positionOf(table[i]);
    keys[p] = null;
    size--;
    modCount++;
    free(i);
    if (p == head) {
      while (head < end && keys[head] == null) {
        head++;
      }
    }
    while (end > head && keys[end - 1] == null) {
      end--;
    }
    if (size == 0) {
      head = 0;
      end = 0;
    }
    if (keys.length > MIN_CAPACITY && size < keys.length / 8) {
      resize(Math.max(MIN_CAPACITY, keys.length / 4));
    }
    return true;
  }

  /**
   * Frees table slot {@code i} by backward shift: every later slot of the run that may live in the freed one moves
   * into it, so that a probe still finds every key before the first free slot (no tombstones).
   */
  private void free(int i) {
    long[] t = table;
    int mask = t.length - 1;
    int hole = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      long e = t[j];
      if (e == 0) {
        break;
      }
      int home = hashOf(e) & mask;
      // the slot at j stays where it is when its home lies cyclically in (hole, j]
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        t[hole] = e;
        hole = j;
      }
    }
    t[hole] = 0;
  }

  /**
   * @return the earliest key still present
   * @throws NoSuchElementException when the set is empty
   */
  @SuppressWarnings("unchecked")
  K first() {
    if (size == 0) {
      throw new NoSuchElementException();
    }
    return (K) keys[head];
  }

  @Override
  public void clear() {
    if (size > 0 || end > 0) {
      keys = new Object[MIN_CAPACITY];
      table = new long[2 * MIN_CAPACITY];
      head = 0;
      end = 0;
      size = 0;
      modCount++;
    }
  }

  /** @return the keys in insertion order; fails fast when the set changes meanwhile; does not remove */
  @Override
  public Iterator<K> iterator() {
    return new Iterator<>() {
      private int at = head;
      private final int expected = modCount;

      @Override
      public boolean hasNext() {
        check();
        Object[] k = keys;
        while (at < end && k[at] == null) {
          at++;
        }
        return at < end;
      }

      @Override
      @SuppressWarnings("unchecked")
      public K next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return (K) keys[at++];
      }

      private void check() {
        if (modCount != expected) {
          throw new ConcurrentModificationException();
        }
      }
    };
  }
}
