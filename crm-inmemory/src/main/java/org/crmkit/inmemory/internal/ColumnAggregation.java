package org.crmkit.inmemory.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.report.AggregateQuery;
import org.crmkit.report.ReportCondition;
import org.crmkit.report.ReportField;
import org.crmkit.report.ReportMeasure;
import org.crmkit.report.ReportSource;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Visibility;

/**
 * One aggregate read of opportunities over {@link OpportunityColumns}, under the read lock: the same result as
 * {@link InMemoryReports}' row scan, computed from the columns. Each group key and condition field is turned into
 * a small integer code per row (a dictionary code, a day within the stored range, a percentage), so that a
 * condition is a look-up in a {@code boolean} table per code, a group is a look-up by the codes packed into one
 * {@code long}, and the amount sums and per-row rounded weighted amounts are {@code long} arithmetic in the
 * currency's smallest unit (exact: overflow spills into a {@link BigDecimal}). Fields without a column are read
 * from the snapshot with the row scan's getters.
 */
final class ColumnAggregation {
  /** Groups kept in a table indexed by the packed codes when there can be at most this many. */
  private static final long DIRECT_GROUPS = 1 << 16;
  /** Conditions on a coded field are tabled per code when the field has at most this many codes. */
  private static final long TABLED_CODES = 1 << 20;
  /** The codes a field without a known number of values is given (a dictionary built during the scan). */
  private static final long OPEN_CODES = 1L << 31;

  private final AggregateQuery q;
  private final Visibility visible;
  private final OpportunityColumns c;
  private final Map<AccountId, AccountSnapshot> accounts;

  /**
   * @param accounts the accounts the unit of work sees by id, when a field of the linked account is used
   */
  ColumnAggregation(AggregateQuery q, Visibility visible, OpportunityColumns columns,
      Map<AccountId, AccountSnapshot> accounts) {
    this.q = q;
    this.visible = visible;
    this.c = columns;
    this.accounts = accounts;
  }

  /** A field as a code per row: {@code code(slot)} below {@code cardinality}, {@code value(code)} its value. */
  private interface Coded {
    int code(int slot);

    long cardinality();

    Object value(int code);
  }

  /** A dictionary column; {@code values} its values as the report shows them. */
  private record DictionaryCoded(int[] codes, Object[] values) implements Coded {
    @Override
    public int code(int slot) {
      return codes[slot];
    }

    @Override
    public long cardinality() {
      return values.length;
    }

    @Override
    public Object value(int code) {
      return values[code];
    }
  }

  /** A column that is the same code for every row (a segment dimension no row has). */
  private record NullCoded() implements Coded {
    @Override
    public int code(int slot) {
      return 0;
    }

    @Override
    public long cardinality() {
      return 1;
    }

    @Override
    public Object value(int code) {
      return null;
    }
  }

  /** The close date: 0 for none, else the day's place in the stored range plus one. */
  private record DayCoded(int[] days, int min, int max) implements Coded {
    @Override
    public int code(int slot) {
      int d = days[slot];
      return d == OpportunityColumns.NO_DATE ? 0 : d - min + 1;
    }

    @Override
    public long cardinality() {
      return max < min ? 1 : (long) max - min + 2;
    }

    @Override
    public Object value(int code) {
      return code == 0 ? null : LocalDate.ofEpochDay((long) min + code - 1);
    }
  }

  /** The probability: the percentage itself. */
  private record PercentCoded(byte[] percents) implements Coded {
    @Override
    public int code(int slot) {
      return percents[slot];
    }

    @Override
    public long cardinality() {
      return 101;
    }

    @Override
    public Object value(int code) {
      return (long) code;
    }
  }

  /** A column coded through another (the account link to an account's field): {@code remap[code]}. */
  private record Remapped(int[] link, int[] remap, Object[] values) implements Coded {
    @Override
    public int code(int slot) {
      return remap[link[slot]];
    }

    @Override
    public long cardinality() {
      return values.length;
    }

    @Override
    public Object value(int code) {
      return values[code];
    }
  }

  /** Any other field, read per row and given codes in the order its values are met. */
  private static final class Open implements Coded {
    private final IntFunction<Object> read;
    private final Map<Object, Integer> codes = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    Open(IntFunction<Object> read) {
      this.read = read;
      values.add(null);
    }

    @Override
    public int code(int slot) {
      Object v = read.apply(slot);
      if (v == null) {
        return 0;
      }
      Integer code = codes.get(v);
      if (code == null) {
        code = values.size();
        values.add(v);
        codes.put(v, code);
      }
      return code;
    }

    @Override
    public long cardinality() {
      return OPEN_CODES;
    }

    @Override
    public Object value(int code) {
      return values.get(code);
    }
  }

  private static boolean standard(ReportField f, String key) {
    return f.kind() == ReportField.Kind.STANDARD && f.key().equals(key);
  }

  /** The field as codes: a column when it has one, else read per row. */
  private Coded coded(ReportField f) {
    Coded column = columnCoded(f);
    return column != null ? column : new Open(reader(f));
  }

  /** @return the field's column as codes, or null when it has none */
  private Coded columnCoded(ReportField f) {
    if (f.kind() == ReportField.Kind.SEGMENT) {
      int[] column = c.segments.get(f.key());
      if (column != null) {
        return new DictionaryCoded(column, dictionary(c.segmentValues, v -> v));
      }
      if (c.segments.size() < OpportunityColumns.MAX_SEGMENT_COLUMNS) {
        return new NullCoded(); // no row has the dimension
      }
    }
    if (f.kind() == ReportField.Kind.ACCOUNT) {
      Map<Object, Integer> codes = new HashMap<>();
      List<Object> values = new ArrayList<>();
      values.add(null);
      int[] remap = new int[c.accounts.size()];
      for (int a = 1; a < remap.length; a++) {
        Object v = InMemoryReports.accountField(accounts.get(c.accounts.value(a)), f.key());
        if (v != null) {
          remap[a] = codes.computeIfAbsent(v, x -> {
            values.add(x);
            return values.size() - 1;
          });
        }
      }
      return new Remapped(c.account, remap, values.toArray());
    }
    if (f.kind() == ReportField.Kind.STANDARD) {
      switch (f.key()) {
        case "owner":
          return new DictionaryCoded(c.owner, dictionary(c.owners, u -> u.value()));
        case "stage":
          return new DictionaryCoded(c.stage, dictionary(c.stages, v -> v));
        case "currency":
          return new DictionaryCoded(c.currency, dictionary(c.currencies, v -> v.getCurrencyCode()));
        case "leadSource":
          return new DictionaryCoded(c.leadSource, dictionary(c.leadSources, v -> v));
        case "accountId":
          return new DictionaryCoded(c.account, dictionary(c.accounts, v -> v.value().toString()));
        case "closeDate":
          return new DayCoded(c.closeDate, c.minCloseDate, c.maxCloseDate);
        case "probability":
          return new PercentCoded(c.probability);
        default:
          break;
      }
    }
    return null;
  }

  /** @return the dictionary's values by code, as the report shows them */
  private static <T> Object[] dictionary(OpportunityColumns.Dictionary<T> d, Function<T, Object> shown) {
    Object[] values = new Object[d.size()];
    for (int i = 1; i < values.length; i++) {
      values[i] = shown.apply(d.value(i));
    }
    return values;
  }

  /** The field's value per row, as the row scan reads it (an amount as its decimal: reports compare and sum that). */
  private IntFunction<Object> reader(ReportField f) {
    if (standard(f, "amount") && c.amountsFit) {
      return slot -> {
        int currency = c.currency[slot];
        return currency == OpportunityColumns.NULL ? null : BigDecimal.valueOf(c.amount[slot], c.scale(currency));
      };
    }
    if (standard(f, "createdAt")) {
      return slot -> c.createdAt[slot];
    }
    Coded column = columnCoded(f);
    if (column != null) {
      return slot -> column.value(column.code(slot));
    }
    Function<InMemoryReports.Row, Object> get =
        InMemoryReports.getter(ReportSource.OPPORTUNITIES, f);
    return slot -> {
      OpportunitySnapshot o = c.rows[slot];
      AccountSnapshot a = o.accountId() == null ? null : accounts.get(o.accountId());
      return get.apply(new InMemoryReports.OpportunityRow(o, a));
    };
  }

  /** A test of one row. */
  @FunctionalInterface
  private interface Test {
    boolean test(int slot);
  }

  private Test test(ReportCondition condition) {
    ReportField f = condition.field();
    Coded coded = standard(f, "amount") ? null : columnCoded(f);
    if (coded != null && coded.cardinality() <= TABLED_CODES) {
      // The condition decided once per value, not once per row.
      boolean[] ok = new boolean[(int) coded.cardinality()];
      for (int code = 0; code < ok.length; code++) {
        ok[code] = InMemoryReports.matches(coded.value(code), condition);
      }
      if (coded instanceof DictionaryCoded d) {
        int[] codes = d.codes();
        return slot -> ok[codes[slot]];
      }
      return slot -> ok[coded.code(slot)];
    }
    IntFunction<Object> read = reader(f);
    return slot -> InMemoryReports.matches(read.apply(slot), condition);
  }

  /** What one group holds: a sum and a count per fast measure, an accumulator per other measure. */
  private static final class Group {
    final long key;
    final int currency;
    final long[] sums;
    final long[] counts;
    final BigDecimal[] spills;
    final Object[] acc;

    Group(long key, int currency, int measures) {
      this.key = key;
      this.currency = currency;
      sums = new long[measures];
      counts = new long[measures];
      spills = new BigDecimal[measures];
      acc = new Object[measures];
    }

    void add(int m, long v) {
      long s = sums[m];
      long r = s + v;
      if (((s ^ r) & (v ^ r)) < 0) { // overflow: the sum so far moves to the decimal
        spills[m] = spills[m] == null ? BigDecimal.valueOf(s) : spills[m].add(BigDecimal.valueOf(s));
        r = v;
      }
      sums[m] = r;
      counts[m]++;
    }

    /** @return the sum of measure {@code m} at {@code scale}, or null when no row had a value */
    BigDecimal sum(int m, int scale) {
      if (counts[m] == 0) {
        return null;
      }
      return spills[m] == null ? BigDecimal.valueOf(sums[m], scale)
          : spills[m].add(BigDecimal.valueOf(sums[m])).movePointLeft(scale);
    }
  }

  /** How a measure is computed: counted, summed in the smallest unit, or accumulated as the row scan does. */
  private enum Way {
    COUNT, AMOUNT, WEIGHTED, PERCENT, OTHER
  }

  /**
   * @return the rows of the aggregate, or null when the columns cannot answer it (the codes of the group keys do
   *     not fit one {@code long}); then the caller scans the rows
   */
  List<List<Object>> run() {
    List<ReportField> keyFields = q.keys();
    int keyCount = keyFields.size();
    Coded[] keys = new Coded[keyCount];
    long[] radix = new long[keyCount];
    long product = 1;
    int currencyKey = -1;
    for (int k = 0; k < keyCount; k++) {
      keys[k] = coded(keyFields.get(k));
      radix[k] = product;
      long card = keys[k].cardinality();
      if (product > Long.MAX_VALUE / 4 / card) {
        return null;
      }
      product *= card;
      if (standard(keyFields.get(k), "currency")) {
        currencyKey = k;
      }
    }
    List<ReportMeasure> measures = q.measures();
    int mCount = measures.size();
    Way[] ways = new Way[mCount];
    IntFunction<?>[] inputs = new IntFunction<?>[mCount];
    boolean weighted = false;
    for (int m = 0; m < mCount; m++) {
      ReportMeasure measure = measures.get(m);
      ReportField f = measure.field();
      switch (measure.kind()) {
        case COUNT:
          ways[m] = Way.COUNT;
          break;
        case SUM_WEIGHTED:
          // Exact in the smallest unit when the group has one currency (the core groups money by currency).
          ways[m] = currencyKey >= 0 && c.amountsFit ? Way.WEIGHTED : Way.OTHER;
          weighted |= ways[m] == Way.OTHER;
          break;
        case SUM:
          ways[m] = standard(f, "amount") && currencyKey >= 0 && c.amountsFit ? Way.AMOUNT
              : standard(f, "probability") ? Way.PERCENT : Way.OTHER;
          break;
        default:
          ways[m] = Way.OTHER;
          break;
      }
      if (ways[m] == Way.OTHER && f != null) {
        inputs[m] = reader(f);
      }
    }
    List<Test> tests = new ArrayList<>();
    q.conditions().forEach(condition -> tests.add(test(condition)));
    Test[] conditions = tests.toArray(new Test[0]);
    boolean[] admitted = null;
    if (!(visible instanceof Visibility.All)) {
      admitted = new boolean[c.owners.size()];
      for (int o = 1; o < admitted.length; o++) {
        admitted[o] = visible.admits(c.owners.value(o));
      }
    }
    boolean weighSlow = weighted;

    List<Group> groups = new ArrayList<>();
    int[] direct = null;
    Map<Long, Integer> hashed = null;
    if (product <= DIRECT_GROUPS) {
      direct = new int[(int) product];
      Arrays.fill(direct, -1);
    } else {
      hashed = new HashMap<>();
    }
    int[] owner = c.owner;
    int[] currency = c.currency;
    long[] amount = c.amount;
    byte[] probability = c.probability;
    int size = c.size;
    rows:
    for (int slot = 0; slot < size; slot++) {
      int o = owner[slot];
      if (o == OpportunityColumns.FREE || admitted != null && !admitted[o]) {
        continue;
      }
      for (Test t : conditions) {
        if (!t.test(slot)) {
          continue rows;
        }
      }
      long key = 0;
      for (int k = 0; k < keyCount; k++) {
        key += keys[k].code(slot) * radix[k];
      }
      int index;
      if (direct != null) {
        index = direct[(int) key];
      } else {
        Integer found = hashed.get(key);
        index = found == null ? -1 : found;
      }
      if (index < 0) {
        if (groups.size() > q.maxRows()) {
          break; // the caller refuses more than maxRows groups anyway
        }
        index = groups.size();
        groups.add(new Group(key, currency[slot], mCount));
        if (direct != null) {
          direct[(int) key] = index;
        } else {
          hashed.put(key, index);
        }
      }
      Group g = groups.get(index);
      BigDecimal weight = weighSlow ? slowWeight(slot) : null;
      for (int m = 0; m < mCount; m++) {
        switch (ways[m]) {
          case COUNT:
            g.counts[m]++;
            break;
          case AMOUNT:
            if (currency[slot] != OpportunityColumns.NULL) {
              g.add(m, amount[slot]);
            }
            break;
          case WEIGHTED:
            if (currency[slot] != OpportunityColumns.NULL) {
              g.add(m, weigh(amount[slot], probability[slot]));
            }
            break;
          case PERCENT:
            g.add(m, probability[slot]);
            break;
          default:
            g.acc[m] = InMemoryReports.accumulate(measures.get(m),
                g.acc[m], inputs[m] == null ? null : inputs[m].apply(slot), weight);
            break;
        }
      }
    }

    List<List<Object>> out = new ArrayList<>(groups.size());
    for (Group g : groups) {
      List<Object> row = new ArrayList<>(keyCount + mCount);
      for (int k = 0; k < keyCount; k++) {
        long card = keys[k].cardinality();
        row.add(keys[k].value((int) ((g.key / radix[k]) % card)));
      }
      for (int m = 0; m < mCount; m++) {
        switch (ways[m]) {
          case COUNT:
            row.add(g.counts[m]);
            break;
          case AMOUNT:
          case WEIGHTED:
            row.add(g.currency == OpportunityColumns.NULL ? null : g.sum(m, c.scale(g.currency)));
            break;
          case PERCENT:
            row.add(g.sum(m, 0));
            break;
          default:
            row.add(InMemoryReports.result(measures.get(m), g.acc[m]));
            break;
        }
      }
      out.add(row);
    }
    return out;
  }

  /** The weighted amount of a row without a currency key: as the row scan computes it. */
  private BigDecimal slowWeight(int slot) {
    OpportunitySnapshot o = c.rows[slot];
    return InMemoryReports.weigh(o.amount(), (long) o.probability().percent());
  }

  /**
   * {@code unscaled} times {@code percent} / 100, rounded half up (away from zero) to a whole unit: {@link
   * org.crmkit.shared.Money#percent} in the currency's smallest unit.
   */
  static long weigh(long unscaled, int percent) {
    if (Math.abs(unscaled) > Long.MAX_VALUE / 100) {
      return BigDecimal.valueOf(unscaled).multiply(BigDecimal.valueOf(percent))
          .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }
    long product = unscaled * percent;
    long q = product / 100;
    long r = product % 100;
    return r >= 50 ? q + 1 : r <= -50 ? q - 1 : q;
  }
}
