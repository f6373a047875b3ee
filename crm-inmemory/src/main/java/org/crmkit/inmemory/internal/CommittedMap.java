package org.crmkit.inmemory.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Committed values by key, in one or more columns: a table's rows (column 0) and, beside them, the groups of a log
 * keyed alike (an opportunity's stage history, {@link AppendOnlyLog}), so that writing a new row and its first
 * history entry finds one slot, not one in each of two large maps.
 *
 * <p>Keys and their columns lie in an array in the order the keys came ({@code entries}, each key followed by its
 * columns), and a separate open-addressing table with linear probing finds them: each of its slots holds a key's hash
 * beside its position in that array, so that a probe reads primitives only and a key is read only when its hash
 * matches. A new key is appended to the array, so that a run of inserts writes references into consecutive slots of the
 * large arrays rather than one random slot each: with the garbage-first collector, every reference to a new object that
 * is stored into an old array dirties that array's card (512 bytes), which the collector's refinement threads then scan
 * and every young pause scans again; random slots dirty a card each, appended ones share cards (docs/PERFORMANCE.md,
 * "Issue 16, seventh pass"). An insert allocates nothing; growing copies the array whole and walks the old table in
 * slot order, never reading a key. A removed key leaves a hole in the array (its table slot is freed at once by
 * backward shift, so probes meet no tombstones) until the array is full, when a quarter or more of holes are compacted
 * away instead of growing. A key stays while any of its columns holds a value.
 *
 * <p>Changed only under the database's write lock, by one thread at a time. Read under the read lock, or without
 * any lock through {@link InMemoryDatabase#readOne}, whose sequence check drops (and makes again) a read that
 * overlapped a commit's changes of this map: before a commit first changes the map, the map notes the commit's stamp
 * ({@link #changedIn}), so that reads of the maps a commit has not changed go on while it applies. A dropped read may
 * have seen a half-made change, so it must neither fail nor loop, and it does neither (it reads one generation of
 * arrays, which a commit never shrinks or swaps under it, probes each slot at most once, and takes a position whose
 * key it does not see yet for a miss). Keys are immutable objects, and so are the values such a read returns (a value
 * that changes in place, as an index's {@link KeySet}, is read under a lock only); nulls are not stored.
 *
 * @param <K> key type
 */
final class CommittedMap<K> {
  private static final int MIN_CAPACITY = 16;
  private static final VarHandle CHANGED_IN;

  static {
    try {
      CHANGED_IN = MethodHandles.lookup().findVarHandle(CommittedMap.class, "changedIn", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * One generation of the map. {@code table} has a slot per power-of-two capacity: 0 when free, else a key's hash in
   * the upper half and its position + 1 in the lower. {@code entries} has {@code positions} (half the table's slots,
   * so that the table is at most half full) of {@code stride} references each: the key, then its columns; a null key
   * is a hole or not yet used. Never resized: growing makes a new generation.
   */
  private static final class Slots {
    final long[] table;
    final int mask;
    final Object[] entries;
    final int positions;
    final int stride;

    Slots(int capacity, int stride) {
      table = new long[capacity];
      mask = capacity - 1;
      positions = capacity / 2;
      entries = new Object[stride * positions];
      this.stride = stride;
    }
  }

  private Slots slots = new Slots(MIN_CAPACITY, 2);
  /** Positions used in the current generation's {@code entries}, holes included. */
  private int end;
  private int holes;
  private int keys;
  private int[] counts = new int[1];
  /** The database's stamp of applied commits. */
  private final CommitStamp stamp;
  /**
   * The stamp of the commit that changed this map last: odd, written before that commit's first change of the map
   * and kept after it (stamps only grow, so a later commit's stamp is another). Read through {@link #CHANGED_IN}.
   */
  private long changedIn;

  /** A map no commit of a database changes (tests). */
  CommittedMap() {
    this(new CommitStamp());
  }

  /** @param stamp the stamp of the database whose commits change this map */
  CommittedMap(CommitStamp stamp) {
    this.stamp = Objects.requireNonNull(stamp, "stamp");
  }

  /** @return the stamp of the database whose commits change this map */
  CommitStamp stamp() {
    return stamp;
  }

  /**
   * Notes that the commit applying now changes this map, before its first change (under the write lock): from here
   * to the commit's end, a read without a lock of this map waits for the commit ({@link InMemoryDatabase#readOne}),
   * while reads of the maps it has not changed go on.
   */
  private void changing() {
    long s = stamp.value;
    if (changedIn != s) {
      changedIn = s;
      VarHandle.storeStoreFence(); // the changes below come after the note, for readOne's readers
    }
  }

  /**
   * @param applying the stamp of a commit that applies its writes (odd)
   * @return true when that commit has changed this map (from its first change to its end: the map may be half made)
   */
  boolean changedIn(long applying) {
    return (long) CHANGED_IN.getAcquire(this) == applying;
  }

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
    end = 0;
    holes = 0;
    return column;
  }

  /** Fibonacci hashing of the key's own hash: sequential ids spread as well as random ones. */
  private static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static long slot(int h, int position) {
    return ((long) h << 32) | (position + 1L);
  }

  private static int hashOf(long slot) {
    return (int) (slot >>> 32);
  }

  private static int positionOf(long slot) {
    return (int) slot - 1;
  }

  /** @return the slots of the current generation's table (tests: twice the keys it has room for) */
  int capacity() {
    return slots.table.length;
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
    int at = findEntry(s, key, h);
    return at < 0 ? null : (V) s.entries[at + 1 + column];
  }

  /**
   * Finds {@code key} the way a read without a lock may (each slot probed at most once, a position whose key is not
   * visible yet taken for a miss).
   *
   * @return the index in {@code entries} of the key, or -1 when it is not there
   */
  private static int findEntry(Slots s, Object key, int h) {
    long[] table = s.table;
    int mask = s.mask;
    for (int i = h & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      long slot = table[i];
      if (slot == 0) {
        return -1;
      }
      int position = positionOf(slot);
      // a position out of range can only come from a torn read of a slot written meanwhile (the Java memory model
      // lets a plain long be read half old and half new): a miss, as any other read that overlapped a commit
      if (hashOf(slot) == h && position >= 0 && position < s.positions) {
        int at = position * s.stride;
        Object k = s.entries[at];
        if (k == key || (k != null && k.equals(key))) {
          return at;
        }
      }
    }
    return -1;
  }

  /**
   * Finds {@code key} under the write lock.
   *
   * @return the table slot of {@code key}, or -1 - the free table slot where it would go
   */
  private static int find(Slots s, Object key, int h) {
    long[] table = s.table;
    int mask = s.mask;
    int i = h & mask;
    while (true) {
      long slot = table[i];
      if (slot == 0) {
        return -1 - i;
      }
      if (hashOf(slot) == h) {
        Object k = s.entries[positionOf(slot) * s.stride];
        if (k == key || k.equals(key)) {
          return i;
        }
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
      int at = positionOf(s.table[i]) * s.stride + 1 + column;
      Object present = s.entries[at];
      if (present == null) {
        counts[column]++;
      } else if (!replace) {
        return present;
      }
      changing();
      s.entries[at] = value;
      return present;
    }
    i = -1 - i;
    changing();
    if (end == s.positions) {
      s = rebuild(s);
      i = freeSlot(s, h);
    }
    int position = end++;
    int at = position * s.stride;
    s.entries[at + 1 + column] = value;
    s.entries[at] = key;
    s.table[i] = slot(h, position);
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
    int at = findEntry(s, key, h);
    if (at < 0) {
      // a new key: the position it would be appended at (the read of end may be stale; it is only a hint)
      int next = end;
      at = next >= 0 && next < s.positions ? next * s.stride : 0;
    }
    // the key's first and last column, which may lie on the next cache line
    Object[] entries = s.entries;
    return (entries[at] == null ? 0 : 1) + (entries[at + s.stride - 1] == null ? 0 : 2);
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
    int at = positionOf(s.table[i]) * stride;
    if (entries[at + 1 + column] == null) {
      return;
    }
    changing();
    entries[at + 1 + column] = null;
    counts[column]--;
    for (int c = 1; c < stride; c++) {
      if (entries[at + c] != null) {
        return; // another column still holds a value
      }
    }
    entries[at] = null;
    holes++;
    keys--;
    // Backward-shift deletion: every later slot of the run whose key may live in the freed slot moves into it, so
    // that a probe still finds every key before the first free slot (no tombstones). Positions do not move.
    long[] table = s.table;
    int mask = s.mask;
    int free = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      long slot = table[j];
      if (slot == 0) {
        break;
      }
      int home = hashOf(slot) & mask;
      // the slot at j stays where it is when its home lies cyclically in (free, j]
      boolean stays = free <= j ? free < home && home <= j : free < home || home <= j;
      if (!stays) {
        table[free] = slot;
        free = j;
      }
    }
    table[free] = 0;
  }

  /** Visits every key with a value in {@code column}, in the order the keys came (under a lock). */
  @SuppressWarnings("unchecked")
  <V> void forEach(int column, BiConsumer<? super K, ? super V> visitor) {
    Slots s = slots;
    Object[] entries = s.entries;
    int stop = end * s.stride;
    for (int at = 0; at < stop; at += s.stride) {
      Object v = entries[at + 1 + column];
      if (v != null) {
        visitor.accept((K) entries[at], (V) v);
      }
    }
  }

  /** Visits every value in {@code column}, in the order their keys came (under a lock). */
  @SuppressWarnings("unchecked")
  <V> void forEachValue(int column, Consumer<? super V> visitor) {
    Slots s = slots;
    Object[] entries = s.entries;
    int stop = end * s.stride;
    for (int at = 1 + column; at < stop; at += s.stride) {
      Object v = entries[at];
      if (v != null) {
        visitor.accept((V) v);
      }
    }
  }

  /**
   * Makes the next generation once every position is used: as large when a quarter or more of the positions are holes
   * (the keys move up over them, keeping their order, and the table keeps its layout with each slot's position
   * renumbered), else twice as large (the positions stay, holes included, and the table is rebuilt by walking the old
   * one in slot order, so that the new one is written nearly in order: with a million keys, inserting them in the order
   * of their positions took a cache miss each, 0.3 s a map, under the write lock). Never reads a key.
   */
  private Slots rebuild(Slots old) {
    int stride = old.stride;
    long[] table = old.table;
    Slots next;
    if (4 * holes >= old.positions) {
      next = new Slots(table.length, stride);
      int[] renumbered = new int[end];
      int moved = 0;
      for (int p = 0; p < end; p++) {
        if (old.entries[p * stride] != null) {
          System.arraycopy(old.entries, p * stride, next.entries, moved * stride, stride);
          renumbered[p] = moved++;
        }
      }
      for (int i = 0; i < table.length; i++) {
        long slot = table[i];
        if (slot != 0) {
          next.table[i] = slot(hashOf(slot), renumbered[positionOf(slot)]);
        }
      }
      end = moved;
      holes = 0;
    } else {
      next = new Slots(table.length * 2, stride);
      System.arraycopy(old.entries, 0, next.entries, 0, end * stride);
      for (long slot : table) {
        if (slot != 0) {
          next.table[freeSlot(next, hashOf(slot))] = slot;
        }
      }
    }
    slots = next;
    return next;
  }

  private static int freeSlot(Slots s, int h) {
    int mask = s.mask;
    int i = h & mask;
    while (s.table[i] != 0) {
      i = (i + 1) & mask;
    }
    return i;
  }
}
