package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;

/**
 * One versioned table of immutable snapshots, of one tenant ({@link Schema}). Committed rows live in a hash map by
 * key ({@link CommittedMap}), their keys in the table's order (the order of every list, {@link OrderedKeys}), so a page of an unfiltered
 * list costs what the page holds, and in the secondary {@link Index indexes} the look-ups need ({@link OrderedIndex}
 * keeps a value's keys in the table's order too). All of it is changed under the database's write lock and read
 * under its read lock, but for a row by key, which is read without the lock when no commit applies meanwhile
 * ({@link InMemoryDatabase#readOne}).
 *
 * <p>A unit of work reads through its {@link Work workspace}: its own writes first, then the rows it has already
 * read (it keeps seeing the version it first read, as a JPA persistence context does), then committed rows. A write
 * remembers the version it was based on, the version first read; commit refuses it with a
 * {@link ConflictException} when the row has changed since.
 *
 * @param <K> key type
 * @param <S> snapshot type (an immutable record)
 */
public final class Table<K, S> {
  private static final Object ABSENT = new Object();
  private static final Object NO_CLAIM = new Object();
  /** The column of {@link #committed} that holds the rows. */
  private static final int ROWS = 0;

  private final RecordType type;
  private final Function<S, K> key;
  private final Function<S, Long> version;
  private final VersionSetter<S> withVersion;
  private final Comparator<S> order;
  private final InMemoryDatabase<?> db;
  private final Schema schema;
  /**
   * Committed rows by key. Changed only under the write lock; read under the read lock, or, for a look-up of one row
   * by key (the most frequent read by far), without a lock through {@link InMemoryDatabase#readOne}, which repeats a
   * read that overlapped a commit's changes of this map.
   */
  private final CommittedMap<K> committed;
  /**
   * The keys and rows of the two rows committed last ({@link #orderRow}); changed under the write lock, read under a
   * lock.
   */
  private K recentKey;
  private S recentRow;
  private K olderKey;
  private S olderRow;
  /** Compares keys by their committed rows' order (read under the lock). */
  private final Comparator<K> keyOrder;
  private final OrderedKeys<K> ordered;
  private final List<OrderedIndex<K, S>> orderedIndexes = new ArrayList<>();
  private final List<Index<K, S>> indexes = new ArrayList<>();
  private Function<S, Object> claimKey;
  /** The position of the index whose value is the claim key ({@link #uniqueClaim(Index)}), else -1. */
  private int claimIndex = -1;
  /**
   * The committed row that holds each claimed key. A row's claim is always its own claim key (as it was committed),
   * so this one map also says which claim a row holds: {@code claimKey(row)}, if the map names the row for it.
   * Read without a lock as {@link #committed} is.
   */
  private final CommittedMap<Object> claimOwners;
  /** Copies of committed state kept in step at commit ({@link #listen}). */
  private final List<CommitListener<K, S>> listeners = new ArrayList<>();

  /** Sets the version of a snapshot. */
  @FunctionalInterface
  public interface VersionSetter<S> {
    S withVersion(S snapshot, long version);
  }

  Table(
      InMemoryDatabase<?> db,
      Schema schema,
      RecordType type,
      Function<S, K> key,
      Function<S, Long> version,
      VersionSetter<S> withVersion,
      Comparator<S> order) {
    this.db = db;
    this.committed = new CommittedMap<>(db.stamp());
    this.claimOwners = new CommittedMap<>(db.stamp());
    this.schema = schema;
    this.type = type;
    this.key = key;
    this.version = version;
    this.withVersion = withVersion;
    this.order = order;
    // Rows never change their place in the order (it is built from values fixed at creation), so the set can
    // compare keys by looking their rows up.
    this.keyOrder = (a, b) -> {
      if (a == b) {
        return 0;
      }
      S first = orderRow(a);
      S second = orderRow(b);
      // compares the rows first: an equals of two keys not in the cache costs a miss, and placing a new key compares
      // it with others only
      return first != null && second != null ? order.compare(first, second)
          : a.equals(b) ? 0 : order.compare(first, second);
    };
    this.ordered = new OrderedKeys<>(keyOrder);
  }

  /**
   * A pending write: the new row (null for a delete) and the committed version it was based on (0 = absent), with
   * what commit needs to keep the indexes in step, worked out when the write is made rather than under the commit
   * lock: the row as first read ({@code baseRow}, null when absent) and the values of the {@link #index indexes}
   * for it ({@code before}) and for the new row ({@code after}); null arrays when the table has no such index.
   * {@code uniqueId}: the row was inserted with a globally unique new id ({@link #insertNew}), so no committed row can
   * have its key and the commit looks none up.
   */
  record Write<S>(S row, long baseVersion, S baseRow, Object[] before, Object[] after, boolean uniqueId) {}

  /** What one unit of work did to this table. */
  static final class Work<K, S> {
    /**
     * The writes in the order they were first made; empty (and immutable) until the first ({@link #write}), so that
     * a table this unit of work only reads (a create's account) costs no map of writes, and one it only writes costs
     * no map of reads.
     */
    Map<K, Write<S>> writes = Collections.emptyMap();
    /** Rows as first read: the snapshot, or {@link #ABSENT}; empty (and immutable) until the first ({@link #read}). */
    Map<K, Object> reads = Collections.emptyMap();

    /**
     * How many keys of {@link #writes} have a base version to check at commit: all but those inserted with a
     * globally unique new id (a key keeps the kind of its first write).
     */
    int versioned;
    /** How many keys of {@link #writes} are deleted (their last write has no row). */
    int deletes;

    void write(K k, Write<S> write) {
      if (writes.isEmpty()) {
        writes = new LinkedHashMap<>(4); // a unit of work writes a few rows of a table
      }
      Write<S> previous = writes.put(k, write);
      if (previous == null) {
        if (!write.uniqueId()) {
          versioned++;
        }
      } else if (previous.row() == null) {
        deletes--;
      }
      if (write.row() == null) {
        deletes++;
      }
    }

    void read(K k, Object row) {
      if (reads.isEmpty()) {
        reads = new HashMap<>(4);
      }
      reads.put(k, row);
    }

    /**
     * Match-key claims of written rows: the claimed key, or {@link #NO_CLAIM}; made on first use (only a table with a
     * {@link #uniqueClaim} has claims), empty until then.
     */
    private Map<K, Object> claims = Collections.emptyMap();
    /** Claim keys a duplicate check of this unit of work found free; made on first use, empty until then. */
    private Set<Object> checkedFree = Collections.emptySet();

    Map<K, Object> claims() {
      return claims;
    }

    Map<K, Object> claimsToChange() {
      if (!(claims instanceof HashMap)) {
        claims = new HashMap<>();
      }
      return claims;
    }

    Set<Object> checkedFree() {
      return checkedFree;
    }

    Set<Object> checkedFreeToChange() {
      if (!(checkedFree instanceof HashSet)) {
        checkedFree = new HashSet<>();
      }
      return checkedFree;
    }
  }

  /**
   * A secondary index: committed keys by the value {@code valueOf} gives (null: not indexed). Holds a single key or
   * a {@link KeySet} of keys per value, so a unique-ish value costs one map entry; a value's keys are in the order
   * they were indexed. Its entries are a column of a {@link CommittedMap}, its own or its {@link Family family}'s:
   * an insert allocates nothing, growing reads arrays in order, and a look-up of one value may read it without a
   * lock ({@link #single}).
   */
  public static final class Index<K, S> {
    private final Function<S, Object> valueOf;
    /** Per value a key or a {@link KeySet}, in {@link #column}: the index's own map, or its family's. */
    private final CommittedMap<Object> entries;
    private final int column;

    Index(Function<S, Object> valueOf, Family family, CommitStamp stamp) {
      this.valueOf = valueOf;
      if (family == null) {
        this.entries = new CommittedMap<>(stamp);
        this.column = 0;
      } else {
        this.column = family.join(stamp);
        this.entries = family.entries;
      }
    }

    /** @return the value's key or {@link KeySet}, or null */
    private Object at(Object value) {
      return entries.get(value, column);
    }

    /** Sets the value's key or {@link KeySet}; null removes it. */
    private void set(Object value, Object present) {
      if (present == null) {
        entries.remove(value, column);
      } else {
        entries.put(value, column, present);
      }
    }

    @SuppressWarnings("unchecked")
    void add(Object value, K k) {
      if (value == null) {
        return;
      }
      // One probe for a value no row holds yet (the usual case: a new account's name, a new parent's children).
      Object present = entries.putIfAbsent(value, column, k);
      if (present == null) {
        return;
      }
      if (present instanceof KeySet<?> set) {
        ((KeySet<K>) set).add(k);
      } else if (!present.equals(k)) {
        KeySet<K> set = new KeySet<>();
        set.add((K) present);
        set.add(k);
        set(value, set);
      }
    }

    @SuppressWarnings("unchecked")
    void remove(Object value, K k) {
      if (value == null) {
        return;
      }
      Object present = at(value);
      if (present instanceof KeySet<?> set) {
        set.remove(k);
        if (set.size() == 1) {
          set(value, set.first());
        }
      } else if (k.equals(present)) {
        set(value, null);
      }
    }

    /**
     * Reads the slots that adding or removing {@code value} would write first (before the commit takes the lock; see
     * {@link CommittedMap#touch}).
     */
    int touch(Object value) {
      return value == null ? 0 : entries.touch(value);
    }

    /**
     * Reads the keys with {@code value} when at most one row has it, without a lock unless a commit applies writes
     * meanwhile ({@link InMemoryDatabase#readOne}: a key is immutable, a {@link KeySet} is not and is not read here).
     *
     * @return the one key with {@code value}, null when none has it, or {@link #MANY} when several have it (read them
     *     with {@link #keysOf} under the lock)
     */
    Object single(InMemoryDatabase<?> db, Object value) {
      Object present = db.readOne(entries, () -> at(value));
      return present instanceof KeySet<?> ? MANY : present;
    }

    /** @return the keys with {@code value} (under the lock), in the order they were indexed; empty when none */
    @SuppressWarnings("unchecked")
    Set<K> get(Object value) {
      Object present = at(value);
      if (present == null) {
        return Set.of();
      }
      return present instanceof KeySet<?> set ? (Set<K>) set : Set.of((K) present);
    }

    /** @return a copy of the keys with {@code value} (under the lock), empty when none */
    @SuppressWarnings("unchecked")
    List<K> keysOf(Object value) {
      Object present = at(value);
      if (present == null) {
        return List.of();
      }
      return present instanceof KeySet<?> set ? new ArrayList<>((Set<K>) set) : List.of((K) present);
    }

    Object valueOf(S row) {
      return row == null ? null : valueOf.apply(row);
    }
  }

  /** {@link Index#single}'s answer when several rows have the value. */
  private static final Object MANY = new Object();

  /**
   * Entries shared by indexes (of one or several tables of a schema) whose values are the same kind of key: the
   * links to one parent table, e.g. the contacts and the opportunities of an account. Each value has one entry
   * with a column per index ({@link CommittedMap}), so indexing a new parent's first children finds the entry the
   * first index made rather than missing the cache in a map of its own. Changed under the database's write lock, as
   * every index.
   */
  public static final class Family {
    /** Made when the first index joins, with the stamp of its table's database. */
    private CommittedMap<Object> entries;
    private final int width;
    private int joined;

    /** @param width how many indexes will share the entries */
    public Family(int width) {
      if (width < 1) {
        throw new IllegalArgumentException("a family holds at least one index, not " + width);
      }
      this.width = width;
    }

    private int join(CommitStamp stamp) {
      if (joined == width) {
        throw new IllegalStateException("this family holds " + width + " indexes; make it wider");
      }
      if (entries == null) {
        entries = new CommittedMap<>(stamp);
        for (int i = 1; i < width; i++) {
          entries.addColumn();
        }
      } else if (entries.stamp() != stamp) {
        throw new IllegalStateException("the indexes of a family belong to the tables of one schema; make a family"
            + " per schema");
      }
      return joined++;
    }
  }

  /**
   * A secondary index that keeps, per value, the committed keys in the table's order ({@link OrderedKeys}), so that
   * a page of the rows with one value, or with any of a few values, is read in order without reading the rows of
   * other values: the owner index, for a seller's own records among many.
   */
  public static final class OrderedIndex<K, S> {
    private final Function<S, Object> valueOf;
    private final Comparator<K> order;
    private final Map<Object, OrderedKeys<K>> keys = new HashMap<>();

    OrderedIndex(Function<S, Object> valueOf, Comparator<K> order) {
      this.valueOf = valueOf;
      this.order = order;
    }

    /** Adds a key whose row is committed (the order reads it). */
    void add(Object value, K k) {
      if (value != null) {
        OrderedKeys<K> set = keys.get(value);
        if (set == null) {
          // not computeIfAbsent: its lambda would capture the order, an allocation at every add
          set = new OrderedKeys<>(order);
          keys.put(value, set);
        }
        set.add(k);
      }
    }

    /** Removes a key whose row is still committed (the order reads it). */
    void remove(Object value, K k) {
      OrderedKeys<K> set = value == null ? null : keys.get(value);
      if (set != null) {
        set.remove(k);
        if (set.size() == 0) {
          keys.remove(value);
        }
      }
    }

    /**
     * @return the keys with any of {@code values}, in table order, merged, from position {@code offset} on (under
     *     the lock; one value's keys find the offset by block sizes, several values' are skipped one by one)
     */
    Iterator<K> iterator(Collection<?> values, long offset) {
      List<OrderedKeys<K>> sets = new ArrayList<>();
      for (Object value : values) {
        OrderedKeys<K> set = keys.get(value);
        if (set != null) {
          sets.add(set);
        }
      }
      if (sets.size() == 1) {
        return sets.get(0).from(offset);
      }
      List<Iterator<K>> parts = new ArrayList<>();
      sets.forEach(set -> parts.add(set.iterator()));
      Iterator<K> merged = new MergedKeys<>(parts, order);
      for (long skipped = 0; skipped < offset && merged.hasNext(); skipped++) {
        merged.next();
      }
      return merged;
    }

    /** @return how many committed keys have any of {@code values} */
    long count(Collection<?> values) {
      long n = 0;
      for (Object value : values) {
        OrderedKeys<K> set = keys.get(value);
        n += set == null ? 0 : set.size();
      }
      return n;
    }

    Object valueOf(S row) {
      return row == null ? null : valueOf.apply(row);
    }
  }

  /** Ordered key iterators merged into one order (a k-way merge). */
  private static final class MergedKeys<K> implements Iterator<K> {
    private final PriorityQueue<Head<K>> heads;

    private record Head<K>(K key, Iterator<K> rest) {}

    MergedKeys(List<Iterator<K>> parts, Comparator<K> order) {
      heads = new PriorityQueue<>(Math.max(1, parts.size()), (a, b) -> order.compare(a.key(), b.key()));
      for (Iterator<K> part : parts) {
        if (part.hasNext()) {
          heads.add(new Head<>(part.next(), part));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public K next() {
      Head<K> head = heads.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      if (head.rest().hasNext()) {
        heads.add(new Head<>(head.rest().next(), head.rest()));
      }
      return head.key();
    }
  }

  /**
   * Adds a secondary index on the value {@code valueOf} gives (null: the row is not indexed) that keeps each value's
   * keys in table order; {@link #page(OrderedIndex, Collection, Predicate, PageRequest, Function)} reads it.
   */
  public OrderedIndex<K, S> orderedIndex(Function<S, Object> valueOf) {
    OrderedIndex<K, S> index = new OrderedIndex<>(Objects.requireNonNull(valueOf, "valueOf"), keyOrder);
    db.write(() -> {
      committed.<S>forEach(ROWS, (k, s) -> index.add(index.valueOf(s), k));
      orderedIndexes.add(index);
      return null;
    });
    return index;
  }

  /** Adds a secondary index on the value {@code valueOf} gives (null: the row is not indexed). */
  public Index<K, S> index(Function<S, Object> valueOf) {
    return index(valueOf, null);
  }

  /**
   * Adds a secondary index on the value {@code valueOf} gives (null: the row is not indexed), whose entries are
   * kept in {@code family} (null: entries of its own) beside those of the family's other indexes.
   */
  public Index<K, S> index(Function<S, Object> valueOf, Family family) {
    Index<K, S> index = new Index<>(Objects.requireNonNull(valueOf, "valueOf"), family, db.stamp());
    db.write(() -> {
      committed.<S>forEach(ROWS, (k, s) -> index.add(index.valueOf(s), k));
      indexes.add(index);
      return null;
    });
    return index;
  }

  /**
   * Makes {@code claimKey} (null: none) a claim that at most one row holds, as a unique index on a nullable column
   * would: a row inserted after a duplicate check found its key free claims it ({@link #checked}); other rows hold
   * no claim, so rows with the same key remain possible when they are created on purpose. Two units of work
   * claiming one key: the second to commit gets a {@link ConflictException}.
   */
  public void uniqueClaim(Function<S, Object> claimKey) {
    this.claimKey = Objects.requireNonNull(claimKey, "claimKey");
    this.claimIndex = -1;
  }

  /**
   * As {@link #uniqueClaim(Function)}, with the value of one of this table's {@link #index indexes} as the claim key:
   * the value a write works out for the index is its claim too, so it is worked out once.
   *
   * @throws IllegalArgumentException when {@code index} is not an (unordered) index of this table
   */
  public void uniqueClaim(Index<K, S> index) {
    int position = indexes.indexOf(Objects.requireNonNull(index, "index"));
    if (position < 0) {
      throw new IllegalArgumentException("the claim's index must be an index of this table");
    }
    this.claimKey = index::valueOf;
    this.claimIndex = position;
  }

  /** @return the claim key of {@code row}: the value worked out with its write when the claim is an index's */
  private Object claimOf(Object[] values, S row) {
    return claimIndex < 0 ? claimKey.apply(row) : valueAt(values, claimIndex, indexes.get(claimIndex), row);
  }

  // ---------------------------------------------------------------- reads and writes of a unit of work

  /** @return the row as this transaction sees it */
  public Optional<S> get(K id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(view(db.current(schema).work(this), id));
  }

  @SuppressWarnings("unchecked")
  private S view(Work<K, S> w, K id) {
    Write<S> write = w.writes.get(id);
    if (write != null) {
      return write.row();
    }
    Object read = w.reads.get(id);
    if (read == null) {
      S row = db.readOne(committed, () -> row(id));
      w.read(id, row == null ? ABSENT : row);
      return row;
    }
    return read == ABSENT ? null : (S) read;
  }

  /**
   * Inserts (version 0) or updates (version = stored version) a row; returns it with the next version.
   */
  public S save(S row) {
    Objects.requireNonNull(row, "row");
    Work<K, S> w = db.current(schema).work(this);
    K id = key.apply(row);
    long v = version.apply(row);
    S current = view(w, id);
    if (v == 0) {
      if (current != null) {
        throw new ConflictException(type.label() + " " + id + " already exists; load it and update it instead");
      }
    } else {
      if (current == null) {
        throw new ConflictException(
            type.label() + " " + id + " was deleted by someone else (you had version " + v + ")");
      }
      long stored = version.apply(current);
      if (stored != v) {
        throw ConflictException.staleVersion(type, id, v, stored);
      }
    }
    S next = withVersion.withVersion(row, v + 1);
    Write<S> written = write(w, id, next);
    w.write(id, written);
    if (claimKey != null) {
      claim(w, id, claimOf(written.after(), next), v == 0);
    }
    return next;
  }

  /**
   * Inserts a new row (version 0) whose key is globally unique (made by a random id generator a moment ago): no
   * committed row can have it, so neither this insert nor the commit looks one up, which in a large table is a cache
   * miss each. Otherwise as {@link #save}: a row this unit of work already wrote or read under the key is saved as
   * {@link #save} saves it.
   *
   * @return the row with version 1
   * @throws IllegalArgumentException when the row's version is not 0
   */
  public S insertNew(S row) {
    Objects.requireNonNull(row, "row");
    long v = version.apply(row);
    if (v != 0) {
      throw new IllegalArgumentException("insertNew takes a new " + type.label() + " (version 0), not version " + v
          + "; save it instead");
    }
    Work<K, S> w = db.current(schema).work(this);
    K id = key.apply(row);
    if (w.writes.containsKey(id) || w.reads.containsKey(id)) {
      return save(row);
    }
    S next = withVersion.withVersion(row, 1);
    Object[] after = indexValues(next);
    w.write(id, new Write<>(next, 0, null, null, after, true));
    if (claimKey != null) {
      claim(w, id, claimOf(after, next), true);
    }
    return next;
  }

  /**
   * @return true when this unit of work inserted the row under {@code id} with a globally unique new id
   *     ({@link #insertNew}) and still writes it: no committed record (nor a log group) can have that id
   */
  public boolean insertedNew(K id) {
    Work<K, S> w = db.current(schema).workIfAny(this);
    Write<S> write = w == null ? null : w.writes.get(id);
    return write != null && write.uniqueId() && write.row() != null;
  }

  /** Deletes a row whose stored version is {@code expectedVersion}. */
  public void delete(K id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    Work<K, S> w = db.current(schema).work(this);
    S current = view(w, id);
    if (current == null) {
      throw new RecordNotFoundException(type, id);
    }
    long stored = version.apply(current);
    if (stored != expectedVersion) {
      throw ConflictException.staleVersion(type, id, expectedVersion, stored);
    }
    w.write(id, write(w, id, null));
    if (!w.claims().isEmpty()) {
      w.claimsToChange().remove(id);
    }
  }

  /**
   * A write of {@code row} (null: a delete) based on the row as this unit of work first read it (its version; 0 when
   * absent), with the index values of both (see {@link Write}).
   */
  @SuppressWarnings("unchecked")
  private Write<S> write(Work<K, S> w, K id, S row) {
    Write<S> previous = w.writes.get(id);
    if (previous != null) {
      return new Write<>(row, previous.baseVersion(), previous.baseRow(), previous.before(), indexValues(row),
          previous.uniqueId());
    }
    Object read = w.reads.get(id);
    S base = read == null || read == ABSENT ? null : (S) read;
    return new Write<>(row, base == null ? 0 : version.apply(base), base, indexValues(base), indexValues(row), false);
  }

  /** @return the values of the unordered indexes for {@code row}, or null when there are none (or no row) */
  private Object[] indexValues(S row) {
    int n = indexes.size();
    if (row == null || n == 0) {
      return null;
    }
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] = indexes.get(i).valueOf(row);
    }
    return values;
  }

  /**
   * Decides the claim of a written row: an inserted row claims its key when this unit of work checked the key for
   * duplicates and found none ({@link #checked}); an updated row keeps its claim while its key stays the same.
   */
  private void claim(Work<K, S> w, K id, Object wanted, boolean insert) {
    Object claim = NO_CLAIM;
    if (wanted != null) {
      // An insert consumes the check: a second insert of the key in this unit of work claims nothing (as crm-jpa).
      // An update keeps the claim its row holds (in this unit of work, else as committed) while the key is the same.
      if (insert ? !w.checkedFree().isEmpty() && w.checkedFreeToChange().remove(wanted) : holds(w, id, wanted)) {
        claim = wanted;
      }
    }
    w.claimsToChange().put(id, claim);
  }

  /** @return true when the row {@code id} holds the claim {@code wanted}: as this unit of work wrote it, else as committed */
  private boolean holds(Work<K, S> w, K id, Object wanted) {
    Object pending = w.claims().get(id);
    return pending != null
        ? wanted.equals(pending)
        : id.equals(db.readOne(claimOwners, () -> claimOwners.get(wanted, 0)));
  }

  /**
   * Notes that this unit of work looked for rows with the claim key {@code key} (a duplicate check) and whether it
   * found one. A row it then inserts with a key it found free claims the key, so that a concurrent unit of work
   * that made the same check and inserts the same key conflicts at commit, whichever commits first.
   */
  public void checked(Object key, boolean found) {
    Objects.requireNonNull(key, "key");
    Work<K, S> w = db.current(schema).work(this);
    if (found) {
      if (!w.checkedFree().isEmpty()) {
        w.checkedFreeToChange().remove(key);
      }
    } else {
      w.checkedFreeToChange().add(key);
    }
  }

  /**
   * @param filter the rows wanted, or null for all of them (then the page is read without a scan)
   * @return one page of the matching rows in table order, mapped
   */
  public <T> Page<T> page(Predicate<? super S> filter, PageRequest request, Function<S, T> mapper) {
    long from = request.offset();
    int size = request.size();
    Work<K, S> w = db.current(schema).workIfAny(this);
    if (filter == null && (w == null || (w.writes.isEmpty() && w.reads.isEmpty()))) {
      // Nothing of this unit of work to merge: start at the offset in the ordered keys and read only the page.
      long[] total = {0};
      List<S> rows = db.read(() -> {
        List<S> page = new ArrayList<>(Math.min(size, 1024));
        Iterator<K> keys = ordered.from(from);
        while (page.size() < size && keys.hasNext()) {
          page.add(row(keys.next()));
        }
        total[0] = committed.size(ROWS);
        return page;
      });
      return new Page<>(rows.stream().map(mapper).toList(), request, total[0]);
    }
    List<S> items = new ArrayList<>(Math.min(size, 1024));
    long[] seen = {0};
    // One scan under one read lock gives both the page and the total, so they always describe the same commit.
    scan(filter, row -> {
      if (seen[0] >= from && items.size() < size) {
        items.add(row);
      }
      seen[0]++;
      return true;
    });
    return new Page<>(items.stream().map(mapper).toList(), request, seen[0]);
  }

  /**
   * One page of the rows whose value in {@code index} is one of {@code values} and that pass {@code filter}, in table
   * order, read through the index: only the rows of these values are read. Without a filter and without writes of
   * this unit of work to merge, only the page's rows are read (the total is the index's count).
   *
   * @param filter the rows wanted among those of the values, or null for all of them
   */
  public <T> Page<T> page(
      OrderedIndex<K, S> index, Collection<?> values, Predicate<? super S> filter, PageRequest request,
      Function<S, T> mapper) {
    Objects.requireNonNull(values, "values");
    long from = request.offset();
    int size = request.size();
    Work<K, S> w = db.current(schema).workIfAny(this);
    if (filter == null && (w == null || (w.writes.isEmpty() && w.reads.isEmpty()))) {
      long[] total = {0};
      List<S> rows = db.read(() -> {
        List<S> page = new ArrayList<>(Math.min(size, 1024));
        Iterator<K> keys = index.iterator(values, from);
        while (page.size() < size && keys.hasNext()) {
          page.add(row(keys.next()));
        }
        total[0] = index.count(values);
        return page;
      });
      return new Page<>(rows.stream().map(mapper).toList(), request, total[0]);
    }
    Predicate<S> wanted = s -> values.contains(index.valueOf(s)) && (filter == null || filter.test(s));
    List<S> items = new ArrayList<>(Math.min(size, 1024));
    long[] seen = {0};
    scan(() -> index.iterator(values, 0), wanted, row -> {
      if (seen[0] >= from && items.size() < size) {
        items.add(row);
      }
      seen[0]++;
      return true;
    });
    return new Page<>(items.stream().map(mapper).toList(), request, seen[0]);
  }

  /**
   * Visits every row this transaction sees, in no particular order, under one read lock (reports: one pass over
   * the rows). Without reads or writes of this unit of work to merge it walks the committed rows directly.
   *
   * @param visitor receives each row; must not call back into the database
   */
  public void forEach(java.util.function.Consumer<? super S> visitor) {
    Work<K, S> w = db.current(schema).workIfAny(this);
    if (w == null || (w.writes.isEmpty() && w.reads.isEmpty())) {
      db.read(() -> {
        committed.<S>forEachValue(ROWS, visitor);
        return null;
      });
      return;
    }
    scan(null, row -> {
      visitor.accept(row);
      return true;
    });
  }

  /** A consumer of scanned rows that says whether to go on. */
  @FunctionalInterface
  private interface Visitor<S> {
    boolean visit(S row);
  }

  /**
   * Visits the rows this transaction sees, in table order: committed rows (as this unit of work first read them)
   * merged with the rows it wrote. Runs under the read lock, so it sees no half of a commit.
   */
  private void scan(Predicate<? super S> filter, Visitor<S> visitor) {
    scan(ordered::iterator, filter, visitor);
  }

  /**
   * Visits the rows this transaction sees among {@code keys} (committed keys in table order, listed under the read
   * lock) and its own writes, in table order; {@code filter} must hold only rows {@code keys} would list.
   */
  @SuppressWarnings("unchecked")
  private void scan(Supplier<Iterator<K>> keys, Predicate<? super S> filter, Visitor<S> visitor) {
    Work<K, S> w = db.current(schema).workIfAny(this);
    List<S> own = new ArrayList<>();
    if (w != null) {
      for (Write<S> write : w.writes.values()) {
        if (write.row() != null && (filter == null || filter.test(write.row()))) {
          own.add(write.row());
        }
      }
      own.sort(order);
    }
    db.read(() -> {
      Iterator<S> mine = own.iterator();
      S next = mine.hasNext() ? mine.next() : null;
      for (Iterator<K> it = keys.get(); it.hasNext(); ) {
        K k = it.next();
        S row;
        if (w != null && !w.writes.isEmpty() && w.writes.containsKey(k)) {
          continue;
        }
        Object read = w == null || w.reads.isEmpty() ? null : w.reads.get(k);
        row = read == null || read == ABSENT ? row(k) : (S) read;
        if (filter != null && !filter.test(row)) {
          continue;
        }
        while (next != null && order.compare(next, row) < 0) {
          if (!visitor.visit(next)) {
            return null;
          }
          next = mine.hasNext() ? mine.next() : null;
        }
        if (!visitor.visit(row)) {
          return null;
        }
      }
      while (next != null) {
        if (!visitor.visit(next)) {
          return null;
        }
        next = mine.hasNext() ? mine.next() : null;
      }
      return null;
    });
  }

  /**
   * @return the rows this transaction sees whose indexed value is {@code value}, in table order; reads only the
   *     rows the index names (plus this unit of work's own writes)
   */
  public List<S> lookup(Index<K, S> index, Object value) {
    Objects.requireNonNull(value, "value");
    Transaction tx = db.current(schema);
    // one row or none has the value (a duplicate check's usual answer): read without the read lock, whose state word
    // every reading thread would write
    Object single = index.single(db, value);
    @SuppressWarnings("unchecked")
    List<K> keys = single == null ? List.of()
        : single != MANY ? List.of((K) single) : db.read(() -> index.keysOf(value));
    // no committed row has the value (a duplicate check's usual answer): nothing to read, so no workspace needed
    Work<K, S> w = keys.isEmpty() ? tx.workIfAny(this) : tx.work(this);
    List<S> rows = new ArrayList<>();
    for (K k : keys) {
      if (!w.writes.containsKey(k)) {
        S row = view(w, k);
        if (row != null && value.equals(index.valueOf(row))) {
          rows.add(row);
        }
      }
    }
    if (w != null) {
      for (Write<S> write : w.writes.values()) {
        if (write.row() != null && value.equals(index.valueOf(write.row()))) {
          rows.add(write.row());
        }
      }
    }
    if (rows.size() > 1) {
      rows.sort(order);
    }
    return rows;
  }

  // ---------------------------------------------------------------- copies of committed state (report columns)

  /**
   * Receives every change of a committed row, under the database's write lock, so that a copy of committed state
   * (the report columns, {@link OpportunityColumns}) stays in step with the rows, as an index does.
   */
  @FunctionalInterface
  public interface CommitListener<K, S> {
    /**
     * @param before the committed row before the change, or null when the row is inserted
     * @param after the committed row after the change, or null when the row is deleted
     */
    void committed(K key, S before, S after);
  }

  /** Registers {@code listener}: it receives every committed row now (as inserts), then every commit's changes. */
  public void listen(CommitListener<K, S> listener) {
    Objects.requireNonNull(listener, "listener");
    db.write(() -> {
      committed.<S>forEach(ROWS, (k, s) -> listener.committed(k, null, s));
      listeners.add(listener);
      return null;
    });
  }

  /**
   * Runs {@code read} under the read lock when this unit of work neither wrote nor read rows of this table, so that
   * it sees exactly the committed rows (what a {@link CommitListener} copied); otherwise runs nothing.
   *
   * @return what {@code read} returned, or empty when this unit of work has rows of its own to merge
   */
  public <T> Optional<T> readCommitted(Supplier<T> read) {
    Objects.requireNonNull(read, "read");
    Work<K, S> w = db.current(schema).workIfAny(this);
    if (w != null && (!w.writes.isEmpty() || !w.reads.isEmpty())) {
      return Optional.empty();
    }
    return Optional.ofNullable(db.read(read));
  }

  // ---------------------------------------------------------------- commit, under the write lock

  /** Checks that every write's base version still holds. */
  void validate(Transaction tx) {
    Work<K, S> w = tx.workIfAny(this);
    if (w == null) {
      return;
    }
    checkVersions(w);
    for (Map.Entry<K, Object> e : w.claims().entrySet()) {
      K holder = e.getValue() == NO_CLAIM ? null : claimOwners.get(e.getValue(), 0);
      if (holder != null && !holder.equals(e.getKey())) {
        throw new ConflictException(type.label() + " " + holder + " with the same match key ('" + e.getValue()
            + "') was created by someone else while this unit of work created " + type.label() + " " + e.getKey()
            + "; nothing was written. Try again: the " + type.label() + " created meanwhile will be found");
      }
    }
  }

  /**
   * Checks the writes' base versions before the commit takes the write lock (committed rows are immutable, read as
   * {@link InMemoryDatabase#readOne} reads one: without the lock unless a commit applies meanwhile): a stale write
   * fails here already, and the rows the commit will check again and replace under the lock are then in the cache,
   * not misses inside the critical section that every other commit waits for. Proves nothing on its own:
   * {@link #validate} checks again under the lock.
   */
  void precheck(Transaction tx) {
    Work<K, S> w = tx.workIfAny(this);
    if (w == null) {
      return;
    }
    if (w.versioned > 0) {
      String stale = db.readOne(committed, () -> staleWrite(w));
      if (stale != null) {
        throw new ConflictException(stale);
      }
    }
    tx.touched += touch(w);
  }

  /**
   * Reads, without a lock, the slots of the committed maps that {@link #apply} will write for these writes (the rows'
   * and the indexes' entries, the claims), so that they are in this thread's cache when the write lock is taken: in
   * large maps each is a cache miss, which the commit would otherwise take while every other commit waits for it
   * (docs/PERFORMANCE.md, "Issue 16, sixth pass"). Uses nothing it reads ({@link CommittedMap#touch}).
   *
   * @return a number made of what was read
   */
  private int touch(Work<K, S> w) {
    int seen = 0;
    for (Map.Entry<K, Write<S>> e : w.writes.entrySet()) {
      Write<S> write = e.getValue();
      seen += committed.touch(e.getKey());
      for (int i = 0; i < indexes.size(); i++) {
        Index<K, S> index = indexes.get(i);
        Object before = valueAt(write.before(), i, index, write.baseRow());
        Object after = valueAt(write.after(), i, index, write.row());
        if (!Objects.equals(before, after)) {
          seen += index.touch(before) + index.touch(after);
        }
      }
      Object claim = claimKey == null ? null : w.claims().get(e.getKey());
      if (claim != null && claim != NO_CLAIM) {
        seen += claimOwners.touch(claim);
      }
    }
    return seen;
  }

  private void checkVersions(Work<K, S> w) {
    if (w.versioned == 0) {
      return; // every write inserts a globally unique new key
    }
    String stale = staleWrite(w);
    if (stale != null) {
      throw new ConflictException(stale);
    }
  }

  /** @return the conflict of the first write whose base version no longer holds, or null when all hold */
  private String staleWrite(Work<K, S> w) {
    for (Map.Entry<K, Write<S>> e : w.writes.entrySet()) {
      if (e.getValue().uniqueId()) {
        continue; // no committed row can have a globally unique new key
      }
      long now = committedVersion(e.getKey());
      if (now != e.getValue().baseVersion()) {
        return type.label() + " " + e.getKey() + " was changed by someone else while this unit of work ran (based on"
            + " version " + e.getValue().baseVersion() + ", now " + now + "); nothing was written, reload and try again";
      }
    }
    return null;
  }

  /** Applies validated writes. */
  void apply(Transaction tx) {
    Work<K, S> w = tx.workIfAny(this);
    if (w == null) {
      return;
    }
    for (Map.Entry<K, Write<S>> e : w.writes.entrySet()) {
      K k = e.getKey();
      Write<S> write = e.getValue();
      S row = write.row();
      S old = write.uniqueId() ? null : row(k);
      // The values were worked out with the write; the committed row is the one the write was based on (validate
      // checked its version), unless it was deleted and made again meanwhile: then it is worked out again here.
      boolean based = old == write.baseRow();
      for (int i = 0; i < indexes.size(); i++) {
        Index<K, S> index = indexes.get(i);
        Object before = based ? valueAt(write.before(), i, index, old) : index.valueOf(old);
        Object after = valueAt(write.after(), i, index, row);
        if (!Objects.equals(before, after)) {
          index.remove(before, k);
          index.add(after, k);
        }
      }
      // Ordered indexes compare keys by their committed rows: remove while the old row is committed, add once the
      // new one is.
      boolean reordered = old != null && row != null && order.compare(old, row) != 0;
      for (int i = 0; i < orderedIndexes.size(); i++) {
        OrderedIndex<K, S> index = orderedIndexes.get(i);
        Object before = index.valueOf(old);
        if (reordered || !Objects.equals(before, index.valueOf(row))) {
          index.remove(before, k);
        }
      }
      if (row == null) {
        if (old != null) {
          ordered.remove(k);
          removeRow(k);
        }
      } else if (old == null) {
        putRow(k, row, write.uniqueId());
        ordered.add(k);
      } else if (order.compare(old, row) != 0) {
        ordered.remove(k);
        putRow(k, row, false);
        ordered.add(k);
      } else {
        putRow(k, row, false);
      }
      for (int i = 0; i < orderedIndexes.size(); i++) {
        OrderedIndex<K, S> index = orderedIndexes.get(i);
        Object after = index.valueOf(row);
        if (reordered || !Objects.equals(index.valueOf(old), after)) {
          index.add(after, k);
        }
      }
      if (old != null || row != null) {
        for (int i = 0; i < listeners.size(); i++) {
          listeners.get(i).committed(k, old, row);
        }
      }
      if (claimKey != null) {
        Object claim = row == null ? NO_CLAIM : w.claims().getOrDefault(k, NO_CLAIM);
        // Only a committed row holds a claim, and only its own claim key (a new row holds none).
        Object held = old == null ? null : based ? claimOf(write.before(), old) : claimKey.apply(old);
        if (held != null && !held.equals(claim) && k.equals(claimOwners.get(held, 0))) {
          claimOwners.remove(held, 0);
        }
        if (claim != NO_CLAIM) {
          claimOwners.put(claim, 0, k);
        }
      }
    }
  }

  /** @return the value worked out with the write, or (an index added since, or no row) the index's own answer */
  private static <K, S> Object valueAt(Object[] values, int i, Index<K, S> index, S row) {
    return values != null && i < values.length ? values[i] : index.valueOf(row);
  }

  long committedVersion(K k) {
    S c = row(k);
    return c == null ? 0 : version.apply(c);
  }

  boolean committedContains(K k) {
    return row(k) != null;
  }

  S committedRow(K k) {
    return row(k);
  }

  /** @return the committed row of {@code k}, or null (under a lock, or in {@link InMemoryDatabase#readOne}) */
  private S row(Object k) {
    return committed.get(k, ROWS);
  }

  /**
   * @return the committed row of {@code k} for the order's comparisons (under a lock): one of the two rows committed
   *     last when {@code k} is (the same instance as) its key, else looked up. A new row goes last in the ordered
   *     keys, after the row committed just before it, so placing it needs no look-up.
   */
  private S orderRow(K k) {
    if (k == recentKey) {
      return recentRow;
    }
    if (k == olderKey) {
      return olderRow;
    }
    return row(k);
  }

  /**
   * Commits {@code row} under {@code k} (under the write lock) and remembers it as the row committed last.
   *
   * @param fresh the key is a new globally unique one ({@link #insertNew}): it cannot be one remembered already
   */
  private void putRow(K k, S row, boolean fresh) {
    committed.put(k, ROWS, row);
    if (!fresh) {
      forgetRecent(k);
    }
    olderKey = recentKey;
    olderRow = recentRow;
    recentKey = k;
    recentRow = row;
  }

  /** Removes the committed row of {@code k} (under the write lock). */
  private void removeRow(K k) {
    committed.remove(k, ROWS);
    forgetRecent(k);
  }

  private void forgetRecent(K k) {
    if (olderKey != null && olderKey.equals(k)) {
      olderKey = null;
      olderRow = null;
    }
    if (recentKey != null && recentKey.equals(k)) {
      recentKey = olderKey;
      recentRow = olderRow;
      olderKey = null;
      olderRow = null;
    }
  }

  /**
   * @return the map of committed rows, which a log grouped by this table's key keeps its groups beside
   *     ({@link Schema#log(Function, java.util.function.ToLongFunction, Table)})
   */
  CommittedMap<K> committedMap() {
    return committed;
  }

  /** @return this unit of work's write of the row, or null */
  Write<S> pendingWrite(Transaction tx, K k) {
    Work<K, S> w = tx.workIfAny(this);
    return w == null ? null : w.writes.get(k);
  }

  /** @return true when this unit of work deletes rows of this table */
  boolean deletesRows(Transaction tx) {
    Work<K, S> w = tx.workIfAny(this);
    return w != null && w.deletes > 0;
  }

  /** @return this unit of work's writes (empty when none) */
  Map<K, Write<S>> pendingWrites(Transaction tx) {
    Work<K, S> w = tx.workIfAny(this);
    return w == null ? Collections.emptyMap() : w.writes;
  }

  Schema schema() {
    return schema;
  }

  RecordType type() {
    return type;
  }

  /** @return how many rows are committed (for tests and diagnostics) */
  public int committedCount() {
    return db.read(() -> committed.size(ROWS));
  }
}
