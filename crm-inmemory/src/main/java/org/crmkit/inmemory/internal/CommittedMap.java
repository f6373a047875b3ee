package org.crmkit.inmemory.internal;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Committed values by key, in one or more columns: a table's rows (column 0) and, beside them, the groups of a log
 * keyed alike (an opportunity's stage history, {@link AppendOnlyLog}), so that writing a new row and its first
 * history entry finds one slot, not one in each of two large maps. An open-addressing hash table with linear probing
 * that keeps each key's hash beside it: growing it reads the old arrays in order and never a key, and an insert
 * allocates nothing. A key stays while any of its columns holds a value.
 *
 * <p>Changed only under the database's write lock, by one thread at a time. Read under the read lock, or without
 * any lock through {@link InMemoryDatabase#readOne}, whose sequence check drops (and makes again under the lock) a
 * read that overlapped a commit: such a read may see a half-made change, so it must neither fail nor loop, and it
 * does neither (it reads one generation of arrays, which a commit never shrinks or swaps under it, and probes each
 * slot at most once). Keys are immutable objects, and so are the values such a read returns (a value that changes in
 * place, as an index's {@link KeySet}, is read under a lock only); nulls are not stored.
 *
 * @param <K> key type
 */
final class CommittedMap<K> {
  private static final int MIN_CAPACITY = 16;

  /**
   * One generation of the table: {@code hashes[i]} is the hash of the key at {@code entries[i * stride]}, whose
   * columns follow it; a null key is a free slot. Never resized: growing makes a new generation.
   */
  private static final class Slots {
    final int[] hashes;
    final Object[] entries;
    final int mask;
    final int stride;

    Slots(int capacity, int stride) {
      hashes = new int[capacity];
      entries = new Object[stride * capacity];
      mask = capacity - 1;
      this.stride = stride;
    }
  }

  private Slots slots = new Slots(MIN_CAPACITY, 2);
  private int keys;
  private int[] counts = new int[1];

  /**
   * Adds a column (before any value is stored: when a layout registers a log beside a table).
   *
   * @return the new column's index
   * @throws IllegalStateException when values are stored already
   */
  int addColumn() {
    if (keys != 0) {
      throw new IllegalStateException("columns are added before any value is stored");
    }
    int column = counts.length;
    counts = new int[column + 1];
    slots = new Slots(MIN_CAPACITY, column + 2);
    return column;
  }

  /** Fibonacci hashing of the key's own hash: sequential ids spread as well as random ones. */
  private static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** @return how many keys have a value in {@code column} */
  int size(int column) {
    return counts[column];
  }

  /** @return the value of {@code key} in {@code column}, or null when there is none */
  @SuppressWarnings("unchecked")
  <V> V get(Object key, int column) {
    Slots s = slots;
    int h = hash(key);
    int mask = s.mask;
    int stride = s.stride;
    Object[] entries = s.entries;
    for (int i = h & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      Object k = entries[i * stride];
      if (k == null) {
        return null;
      }
      if (k == key || (s.hashes[i] == h && k.equals(key))) {
        return (V) entries[i * stride + 1 + column];
      }
    }
    return null;
  }

  /** @return the slot of {@code key}, or -1 - the free slot where it would go */
  private static int find(Slots s, Object key, int h) {
    int mask = s.mask;
    int i = h & mask;
    while (true) {
      Object k = s.entries[i * s.stride];
      if (k == null) {
        return -1 - i;
      }
      if (k == key || (s.hashes[i] == h && k.equals(key))) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** Sets the value of {@code key} in {@code column} (under the write lock). */
  void put(K key, int column, Object value) {
    store(key, column, value, true);
  }

  /**
   * Sets the value of {@code key} in {@code column} unless it has one there (under the write lock): one probe.
   *
   * @return the value {@code key} has in {@code column}, or null when it had none and {@code value} was stored
   */
  Object putIfAbsent(K key, int column, Object value) {
    return store(key, column, value, false);
  }

  /** @return the value {@code key} had in {@code column} (not replaced unless {@code replace}), or null */
  private Object store(K key, int column, Object value, boolean replace) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int h = hash(key);
    Slots s = slots;
    int i = find(s, key, h);
    if (i >= 0) {
      int at = i * s.stride + 1 + column;
      Object present = s.entries[at];
      if (present == null) {
        counts[column]++;
      } else if (!replace) {
        return present;
      }
      s.entries[at] = value;
      return present;
    }
    i = -1 - i;
    if (2 * (keys + 1) > s.hashes.length) {
      // at most half full, so that probes are short and a miss meets a free slot soon
      s = grow(s);
      i = freeSlot(s, h);
    }
    s.hashes[i] = h;
    s.entries[i * s.stride + 1 + column] = value;
    s.entries[i * s.stride] = key;
    keys++;
    counts[column]++;
    return null;
  }

  /**
   * Reads the slots a {@link #put} or {@link #remove} of {@code key} would read and write first, without a lock and
   * without using what it reads: so that they are in this thread's cache when the write lock is taken and the
   * commit writes them, rather than cache misses inside the critical section that every other commit waits for.
   * Safe beside a commit for the same reasons as a read through {@link InMemoryDatabase#readOne} (one generation of
   * arrays, each slot probed at most once); a slot that a commit changes meanwhile is simply read again later.
   *
   * @return a number made of what was read (the caller keeps it, so that the reads are not optimised away)
   */
  int touch(Object key) {
    Slots s = slots;
    int h = hash(key);
    int mask = s.mask;
    int stride = s.stride;
    Object[] entries = s.entries;
    int[] hashes = s.hashes;
    int seen = 0;
    for (int i = h & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      int slotHash = hashes[i];
      seen += slotHash;
      Object k = entries[i * stride];
      if (k == null) {
        break; // where a new key goes
      }
      // the key's slot, compared as put compares it (the committed key is another instance, often a miss too), and
      // its last column, which may lie on the next cache line
      if (k == key || (slotHash == h && k.equals(key))) {
        seen += entries[i * stride + stride - 1] == null ? 0 : 1;
        break;
      }
    }
    return seen;
  }

  /** Removes the value of {@code key} in {@code column}, if any, and the key once no column holds a value. */
  void remove(Object key, int column) {
    Slots s = slots;
    int i = find(s, key, hash(key));
    if (i < 0) {
      return;
    }
    int stride = s.stride;
    Object[] entries = s.entries;
    if (entries[i * stride + 1 + column] == null) {
      return;
    }
    entries[i * stride + 1 + column] = null;
    counts[column]--;
    for (int c = 1; c < stride; c++) {
      if (entries[i * stride + c] != null) {
        return; // another column still holds a value
      }
    }
    // Backward-shift deletion: every later key of the run that may live in the freed slot moves into it, so that a
    // probe still finds every key before the first free slot (no tombstones).
    int mask = s.mask;
    int free = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      Object k = entries[j * stride];
      if (k == null) {
        break;
      }
      int home = s.hashes[j] & mask;
      // the key at j stays where it is when its home lies cyclically in (free, j]
      boolean stays = free <= j ? free < home && home <= j : free < home || home <= j;
      if (!stays) {
        s.hashes[free] = s.hashes[j];
        for (int c = stride - 1; c >= 0; c--) {
          entries[free * stride + c] = entries[j * stride + c];
        }
        free = j;
      }
    }
    for (int c = 0; c < stride; c++) {
      entries[free * stride + c] = null;
    }
    keys--;
  }

  /** Visits every key with a value in {@code column}, in no particular order (under a lock). */
  @SuppressWarnings("unchecked")
  <V> void forEach(int column, BiConsumer<? super K, ? super V> visitor) {
    Slots s = slots;
    Object[] entries = s.entries;
    for (int at = 0; at < entries.length; at += s.stride) {
      Object v = entries[at + 1 + column];
      if (v != null) {
        visitor.accept((K) entries[at], (V) v);
      }
    }
  }

  /** Visits every value in {@code column}, in no particular order (under a lock). */
  @SuppressWarnings("unchecked")
  <V> void forEachValue(int column, Consumer<? super V> visitor) {
    Slots s = slots;
    Object[] entries = s.entries;
    for (int at = 1 + column; at < entries.length; at += s.stride) {
      Object v = entries[at];
      if (v != null) {
        visitor.accept((V) v);
      }
    }
  }

  /** Moves every key into a table twice the size: reads the old arrays in order, never a key. */
  private Slots grow(Slots old) {
    int stride = old.stride;
    Slots bigger = new Slots(old.hashes.length * 2, stride);
    Object[] entries = old.entries;
    int[] hashes = old.hashes;
    for (int i = 0; i < hashes.length; i++) {
      if (entries[i * stride] != null) {
        int at = freeSlot(bigger, hashes[i]);
        bigger.hashes[at] = hashes[i];
        System.arraycopy(entries, i * stride, bigger.entries, at * stride, stride);
      }
    }
    slots = bigger;
    return bigger;
  }

  private static int freeSlot(Slots s, int h) {
    int mask = s.mask;
    int i = h & mask;
    while (s.entries[i * s.stride] != null) {
      i = (i + 1) & mask;
    }
    return i;
  }
}
