package org.crmkit.inmemory.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * Column-wise copies of the opportunity fields reports group, filter and sum on, one array per field, so that a
 * report reads 100,000 rows as a few sequential arrays instead of 100,000 scattered snapshots (the layout of a
 * column store). Kept in step with the committed rows by {@link Table#listen} (under the database's write lock),
 * read under the read lock ({@link Table#readCommitted}) by {@link InMemoryReports}.
 *
 * <p>Each row has a slot; a deleted row's slot is reused. Text values (owner, stage, currency, lead source, account
 * link, segment values) are dictionary-encoded: an {@code int} code per row, code {@link #NULL} for no value, the
 * values in a dictionary that only grows (a value no longer used keeps its code). The amount is its unscaled
 * {@code long} beside its currency's code (every amount is below 10^15, with at most three decimals in all currencies
 * but CLF, so it fits; once one does not, {@link #amountsFit} turns false and amounts are read from the snapshots),
 * the probability a {@code byte}, the close date its epoch day. The snapshot itself stays referenced per slot, for
 * the fields that have no column (name, custom fields, ...).
 *
 * <p>Memory: about 40 bytes of columns per row (more while the arrays have room to grow) and the id-to-slot map;
 * nothing until the tenant's first report, which builds the columns from the committed rows under the write lock.
 */
public final class OpportunityColumns implements Table.CommitListener<OpportunityId, OpportunitySnapshot> {
  /** The code of "no value" in every dictionary. */
  static final int NULL = 0;
  /** {@link #owner} of a free slot. */
  static final int FREE = -1;
  /** {@link #closeDate} of a row without one. */
  static final int NO_DATE = Integer.MIN_VALUE;
  /**
   * Segment dimensions with a column of their own; values of further dimensions are read from the snapshot (a
   * record holds at most {@code Limits.SEGMENT_DIMENSIONS}, but a tenant may use more over all rows).
   */
  static final int MAX_SEGMENT_COLUMNS = 32;

  /** A dictionary: value to code and back; code {@link #NULL} is null. */
  static final class Dictionary<T> {
    private final Map<T, Integer> codes = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    Dictionary() {
      values.add(null);
    }

    int code(T value) {
      if (value == null) {
        return NULL;
      }
      Integer code = codes.get(value);
      if (code == null) {
        code = values.size();
        values.add(value);
        codes.put(value, code);
      }
      return code;
    }

    /** @return the code of {@code value}, or -1 when no row ever had it */
    int find(Object value) {
      Integer code = codes.get(value);
      return code == null ? -1 : code;
    }

    T value(int code) {
      return values.get(code);
    }

    /** @return the number of codes, {@link #NULL} included */
    int size() {
      return values.size();
    }
  }

  private final SlotMap slots = new SlotMap();
  /** Slots in use or freed: every slot below it is a row or free ({@link #owner} {@link #FREE}). */
  int size;
  private int[] freeSlots = new int[16];
  private int freeCount;

  final Dictionary<UserId> owners = new Dictionary<>();
  final Dictionary<String> stages = new Dictionary<>();
  final Dictionary<Currency> currencies = new Dictionary<>();
  final Dictionary<String> leadSources = new Dictionary<>();
  final Dictionary<AccountId> accounts = new Dictionary<>();
  /** One dictionary for the values of every segment dimension. */
  final Dictionary<String> segmentValues = new Dictionary<>();
  /** The segment columns by dimension, in the order dimensions were first seen. */
  final Map<String, int[]> segments = new LinkedHashMap<>();
  /** The first and last close date ever stored (epoch days; they widen, never shrink). */
  int minCloseDate = Integer.MAX_VALUE;
  /** False once an amount did not fit a {@code long} in its smallest unit: {@link #amount} is then not used. */
  boolean amountsFit = true;
  int maxCloseDate = Integer.MIN_VALUE;

  OpportunitySnapshot[] rows = new OpportunitySnapshot[0];
  int[] owner = new int[0];
  int[] stage = new int[0];
  int[] currency = new int[0];
  long[] amount = new long[0];
  byte[] probability = new byte[0];
  int[] closeDate = new int[0];
  int[] leadSource = new int[0];
  int[] account = new int[0];
  Instant[] createdAt = new Instant[0];

  private OpportunityColumns() {}

  /** @return columns filled with {@code table}'s committed rows and kept in step with its commits from now on */
  public static OpportunityColumns of(Table<OpportunityId, OpportunitySnapshot> table) {
    OpportunityColumns columns = new OpportunityColumns();
    table.listen(columns);
    return columns;
  }

  @Override
  public void committed(OpportunityId key, OpportunitySnapshot before, OpportunitySnapshot after) {
    if (after == null) {
      int slot = slots.remove(key);
      if (slot >= 0) {
        owner[slot] = FREE;
        rows[slot] = null;
        createdAt[slot] = null;
        if (freeCount == freeSlots.length) {
          freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
      }
      return;
    }
    int slot = slots.get(key);
    if (slot < 0) {
      slot = freeCount > 0 ? freeSlots[--freeCount] : size++;
      if (slot >= rows.length) {
        grow(Math.max(1024, rows.length + (rows.length >> 1)));
      }
      slots.put(key, slot);
    }
    write(slot, after);
  }

  private void write(int slot, OpportunitySnapshot o) {
    rows[slot] = o;
    owner[slot] = owners.code(o.owner());
    stage[slot] = stages.code(o.stage());
    Money m = o.amount();
    currency[slot] = currencies.code(m == null ? null : m.currency());
    if (m != null && m.amount().unscaledValue().bitLength() > 63) {
      amountsFit = false; // 10^15 at four decimals (CLF): amounts are read from the snapshots from now on
    }
    amount[slot] = m == null || !amountsFit ? 0 : m.amount().unscaledValue().longValue();
    probability[slot] = (byte) o.probability().percent();
    LocalDate close = o.closeDate();
    if (close == null) {
      closeDate[slot] = NO_DATE;
    } else {
      int day = Math.toIntExact(close.toEpochDay());
      closeDate[slot] = day;
      minCloseDate = Math.min(minCloseDate, day);
      maxCloseDate = Math.max(maxCloseDate, day);
    }
    leadSource[slot] = leadSources.code(o.leadSource());
    account[slot] = accounts.code(o.accountId());
    createdAt[slot] = o.createdAt();
    Map<String, String> values = o.segments().values();
    for (Map.Entry<String, int[]> column : segments.entrySet()) {
      column.getValue()[slot] = segmentValues.code(values.get(column.getKey()));
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      if (!segments.containsKey(value.getKey()) && segments.size() < MAX_SEGMENT_COLUMNS) {
        int[] column = new int[rows.length]; // every other row: NULL
        column[slot] = segmentValues.code(value.getValue());
        segments.put(value.getKey(), column);
      }
    }
  }

  private void grow(int capacity) {
    rows = Arrays.copyOf(rows, capacity);
    owner = Arrays.copyOf(owner, capacity);
    stage = Arrays.copyOf(stage, capacity);
    currency = Arrays.copyOf(currency, capacity);
    amount = Arrays.copyOf(amount, capacity);
    probability = Arrays.copyOf(probability, capacity);
    closeDate = Arrays.copyOf(closeDate, capacity);
    leadSource = Arrays.copyOf(leadSource, capacity);
    account = Arrays.copyOf(account, capacity);
    createdAt = Arrays.copyOf(createdAt, capacity);
    segments.replaceAll((dimension, column) -> Arrays.copyOf(column, capacity));
  }

  /** @return the scale of the amounts in the currency with {@code code} */
  int scale(int code) {
    return Money.fractionDigits(currencies.value(code));
  }

  /**
   * Opportunity ids to slots: open addressing with linear probing (no entry object and no boxed slot per row, the
   * ids themselves are the committed map's).
   */
  private static final class SlotMap {
    private Object[] keys = new Object[16];
    private int[] values = new int[16];
    private int count;

    private int index(Object key, int mask) {
      int h = key.hashCode() * 0x9E3779B9;
      return (h ^ (h >>> 16)) & mask;
    }

    int get(Object key) {
      int mask = keys.length - 1;
      for (int i = index(key, mask); keys[i] != null; i = (i + 1) & mask) {
        if (keys[i].equals(key)) {
          return values[i];
        }
      }
      return -1;
    }

    void put(Object key, int value) {
      Objects.requireNonNull(key, "key");
      if ((count + 1) * 4L > keys.length * 3L) { // at most three quarters full
        Object[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        count = 0;
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] != null) {
            put(oldKeys[i], oldValues[i]);
          }
        }
      }
      int mask = keys.length - 1;
      int i = index(key, mask);
      while (keys[i] != null) {
        if (keys[i].equals(key)) {
          values[i] = value;
          return;
        }
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = value;
      count++;
    }

    /** @return the removed key's value, or -1 */
    int remove(Object key) {
      int mask = keys.length - 1;
      int i = index(key, mask);
      while (keys[i] != null && !keys[i].equals(key)) {
        i = (i + 1) & mask;
      }
      if (keys[i] == null) {
        return -1;
      }
      int removed = values[i];
      // Backward shift: move later entries of the probe run into the gap, so that look-ups need no tombstones.
      int gap = i;
      for (int j = (gap + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
        int home = index(keys[j], mask);
        if (((j - home) & mask) >= ((j - gap) & mask)) {
          keys[gap] = keys[j];
          values[gap] = values[j];
          gap = j;
        }
      }
      keys[gap] = null;
      count--;
      return removed;
    }
  }
}
