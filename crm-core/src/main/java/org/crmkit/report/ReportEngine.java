package org.crmkit.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;

/**
 * Runs a {@link ReportPlan} over a {@link ReportRepository}: a detail report is one read of a page; a grouped report
 * is one aggregate read whose groups (by day for date keys, by currency for money) the engine puts into date
 * buckets, converts when a reporting currency is asked for, adds up into subtotals and a grand total, sorts and
 * pages. Only {@link AggregateFunction#COUNT_DISTINCT}, which does not add up, needs one more read per group level.
 * Thread-safe and stateless.
 */
public final class ReportEngine {
  private static final String NO_CURRENCY = "";

  private final ReportSettings settings;

  /** @param settings fiscal year start and exchange rates; never null */
  public ReportEngine(ReportSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param plan a validated plan; never null
   * @param storage the reads; never null (call inside the actor's unit of work)
   * @param visible whose rows count; never null
   * @return the result
   * @throws ValidationException when the report has more than {@link ReportLimits#MAX_GROUP_ROWS} groups, or a
   *     needed exchange rate is missing
   */
  public ReportResult run(ReportPlan plan, ReportRepository storage, Visibility visible) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(visible, "visible");
    return plan.definition().isGrouped() ? grouped(plan, storage, visible) : detail(plan, storage, visible);
  }

  private ReportResult detail(ReportPlan plan, ReportRepository storage, Visibility visible) {
    ReportDefinition d = plan.definition();
    ReportRepository.DetailRows page = storage.details(new DetailQuery(d.source(), plan.conditions(),
        plan.columns(), plan.sorts(), d.offset(), d.limit()), visible);
    List<ReportColumn> columns = plan.columns().stream().map(f -> new ReportColumn(f.name(), f.type())).toList();
    List<ReportRow> rows = new ArrayList<>();
    for (List<Object> raw : page.rows()) {
      List<Object> cells = new ArrayList<>(raw.size());
      for (int i = 0; i < raw.size(); i++) {
        cells.add(cell(plan.columns().get(i).type(), raw.get(i)));
      }
      rows.add(new ReportRow(ReportRow.Kind.DETAIL, 0, cells));
    }
    return new ReportResult(d.source(), plan.today(), columns, rows, List.of(), null, page.total(), List.of());
  }

  private static Object cell(ValueType type, Object raw) {
    if (raw == null) {
      return null;
    }
    switch (type) {
      case MONEY:
        return raw instanceof Money m ? MoneySums.of(m) : raw;
      case INTEGER:
        return ((Number) raw).longValue();
      case DECIMAL:
        return plain(decimal(raw));
      default:
        return raw;
    }
  }

  /**
   * A decimal without trailing zeros (and never in exponent form): databases return a column's full scale
   * ({@code 15.000...}), memory the value's own, and both must give equal cells.
   */
  static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  // ---- grouped reports

  /** The measures the aggregate read computes, deduplicated, and where each aggregate finds its inputs. */
  private static final class Measures {
    final List<ReportMeasure> list = new ArrayList<>();
    final Map<ReportMeasure, Integer> index = new HashMap<>();

    int add(ReportMeasure m) {
      return index.computeIfAbsent(m, k -> {
        list.add(k);
        return list.size() - 1;
      });
    }
  }

  private ReportResult grouped(ReportPlan plan, ReportRepository storage, Visibility visible) {
    ReportDefinition d = plan.definition();
    ReportSource source = d.source();
    Measures measures = new Measures();
    int count = measures.add(new ReportMeasure(ReportMeasure.Kind.COUNT, null));
    int[][] inputs = new int[d.aggregates().size()][];
    boolean money = false;
    ReportField probability = ReportFields.hasWeightedAmount(source) ? field(source, "probability") : null;
    for (int i = 0; i < d.aggregates().size(); i++) {
      ReportAggregate a = d.aggregates().get(i);
      ReportField f = plan.aggregateFields().get(i);
      switch (a.function()) {
        case COUNT:
          inputs[i] = new int[] {count};
          break;
        case SUM:
          inputs[i] = new int[] {measures.add(new ReportMeasure(ReportMeasure.Kind.SUM, f))};
          break;
        case AVG:
          inputs[i] = new int[] {measures.add(new ReportMeasure(ReportMeasure.Kind.SUM, f)),
              measures.add(new ReportMeasure(ReportMeasure.Kind.COUNT_VALUES, f))};
          break;
        case MIN:
          inputs[i] = new int[] {measures.add(new ReportMeasure(ReportMeasure.Kind.MIN, f))};
          break;
        case MAX:
          inputs[i] = new int[] {measures.add(new ReportMeasure(ReportMeasure.Kind.MAX, f))};
          break;
        case WEIGHTED_AMOUNT:
          inputs[i] = new int[] {measures.add(new ReportMeasure(ReportMeasure.Kind.SUM_WEIGHTED, null))};
          money = true;
          break;
        case AVG_PROBABILITY:
          inputs[i] = new int[] {measures.add(new ReportMeasure(ReportMeasure.Kind.SUM, probability)),
              measures.add(new ReportMeasure(ReportMeasure.Kind.COUNT_VALUES, probability))};
          break;
        case COUNT_DISTINCT:
          inputs[i] = new int[0];
          break;
        default:
          throw new AssertionError(a.function());
      }
      if (f != null && f.type() == ValueType.MONEY) {
        money = true;
      }
    }
    int groups = plan.groups().size();
    List<ReportField> keys = new ArrayList<>(plan.groups());
    int currencyKey = -1;
    int rateDateKey = -1;
    Currency target = d.reportingCurrency();
    if (money) {
      currencyKey = keys.size();
      keys.add(field(source, "currency"));
      if (target != null) {
        rateDateKey = keys.size();
        keys.add(field(source, source == ReportSource.FORECAST_LINES ? "month" : "closeDate"));
      }
    }
    List<List<Object>> raw = storage.aggregate(
        new AggregateQuery(source, plan.conditions(), keys, measures.list, ReportLimits.MAX_GROUP_ROWS), visible);
    tooMany(raw.size());

    // One map per level: level g = the innermost groups, level 0 = the grand total.
    List<Map<List<Object>, Map<String, Object[]>>> levels = new ArrayList<>();
    for (int l = 0; l <= groups; l++) {
      levels.add(new HashMap<>());
    }
    Map<String, RateUsed> rates = new TreeMap<>();
    Map<Object, Object> labels = new HashMap<>(); // day -> bucket label, computed once per day and bucket
    for (List<Object> row : raw) {
      List<Object> groupValues = new ArrayList<>(groups);
      for (int g = 0; g < groups; g++) {
        ReportGroup group = d.groups().get(g);
        ReportField field = plan.groups().get(g);
        Object value = row.get(g);
        groupValues.add(group.bucket() == null || value == null ? groupValue(group, field, value)
            : labels.computeIfAbsent(List.of(group.bucket(), value), k -> groupValue(group, field, value)));
      }
      Object[] values = new Object[measures.list.size()];
      for (int m = 0; m < values.length; m++) {
        values[m] = normalise(measures.list.get(m), row.get(keys.size() + m));
      }
      String currency = currencyKey < 0 ? NO_CURRENCY : (String) row.get(currencyKey);
      if (currency == null) {
        currency = NO_CURRENCY;
      }
      if (target != null && !currency.equals(NO_CURRENCY)) {
        Currency from = Currency.getInstance(currency);
        if (!from.equals(target)) {
          LocalDate on = row.get(rateDateKey) == null ? plan.today() : (LocalDate) row.get(rateDateKey);
          RateUsed rate = rates.computeIfAbsent(currency + on, k -> rate(from, target, on));
          convert(measures.list, values, rate.rate(), target);
        }
        currency = target.getCurrencyCode();
      }
      for (int l = 0; l <= groups; l++) {
        List<Object> key = new ArrayList<>(groupValues.subList(0, l));
        while (key.size() < groups) {
          key.add(null);
        }
        Map<String, Object[]> byCurrency = levels.get(l).computeIfAbsent(key, k -> new TreeMap<>());
        Object[] acc = byCurrency.get(currency);
        if (acc == null) {
          byCurrency.put(currency, values.clone());
        } else {
          merge(measures.list, acc, values);
        }
      }
    }
    tooMany(levels.get(groups).size());

    // count_distinct: one more read per level, grouped by that level's keys.
    Map<Integer, List<Map<List<Object>, Long>>> distinct = new HashMap<>();
    for (int i = 0; i < d.aggregates().size(); i++) {
      if (d.aggregates().get(i).function() == AggregateFunction.COUNT_DISTINCT) {
        List<Map<List<Object>, Long>> perLevel = new ArrayList<>();
        for (int l = 0; l <= groups; l++) {
          List<ReportField> levelKeys = plan.groups().subList(0, l);
          Map<List<Object>, Long> counts = new HashMap<>();
          for (List<Object> row : storage.aggregate(new AggregateQuery(source, plan.conditions(), levelKeys,
              List.of(new ReportMeasure(ReportMeasure.Kind.COUNT_DISTINCT, plan.aggregateFields().get(i))),
              ReportLimits.MAX_GROUP_ROWS), visible)) {
            List<Object> key = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
              key.add(g < l ? groupValue(d.groups().get(g), plan.groups().get(g), row.get(g)) : null);
            }
            counts.merge(key, ((Number) row.get(l)).longValue(), Long::sum);
          }
          perLevel.add(counts);
        }
        distinct.put(i, perLevel);
      }
    }

    List<ReportColumn> columns = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      ReportGroup group = d.groups().get(g);
      columns.add(new ReportColumn(group.columnName(),
          group.bucket() != null && group.bucket() != DateBucket.DAY ? ValueType.TEXT : plan.groups().get(g).type()));
    }
    for (int i = 0; i < d.aggregates().size(); i++) {
      columns.add(new ReportColumn(d.aggregates().get(i).columnName(),
          type(d.aggregates().get(i).function(), plan.aggregateFields().get(i))));
    }
    List<List<ReportRow>> rowsPerLevel = new ArrayList<>();
    for (int l = 0; l <= groups; l++) {
      List<ReportRow> rows = new ArrayList<>();
      for (Map.Entry<List<Object>, Map<String, Object[]>> e : levels.get(l).entrySet()) {
        List<Object> cells = new ArrayList<>(e.getKey());
        for (int i = 0; i < d.aggregates().size(); i++) {
          if (distinct.containsKey(i)) {
            cells.add(distinct.get(i).get(l).getOrDefault(e.getKey(), 0L));
          } else {
            cells.add(output(d.aggregates().get(i).function(), plan.aggregateFields().get(i), inputs[i],
                measures.list, e.getValue()));
          }
        }
        rows.add(new ReportRow(l == groups ? ReportRow.Kind.GROUP : l == 0 ? ReportRow.Kind.TOTAL
            : ReportRow.Kind.SUBTOTAL, l, cells));
      }
      rowsPerLevel.add(rows);
    }
    ReportRow total = rowsPerLevel.get(0).isEmpty()
        ? emptyTotal(d, plan, groups) : rowsPerLevel.get(0).get(0);
    List<ReportRow> innermost = new ArrayList<>(rowsPerLevel.get(groups));
    innermost.sort(order(plan, columns));
    long totalRows = innermost.size();
    int from = (int) Math.min(innermost.size(), d.offset());
    int to = (int) Math.min(innermost.size(), (long) from + d.limit());
    List<ReportRow> subtotals = new ArrayList<>();
    Comparator<ReportRow> byGroups = groupOrder(groups);
    for (int l = 1; l < groups; l++) {
      List<ReportRow> level = new ArrayList<>(rowsPerLevel.get(l));
      level.sort(byGroups);
      subtotals.addAll(level);
    }
    return new ReportResult(source, plan.today(), columns, innermost.subList(from, to), subtotals, total,
        totalRows, List.copyOf(rates.values()));
  }

  private static void tooMany(int rows) {
    if (rows > ReportLimits.MAX_GROUP_ROWS) {
      throw ValidationException.of("groups", "the report has more than " + ReportLimits.MAX_GROUP_ROWS
          + " groups; narrow it with filters or group by a coarser field or date bucket");
    }
  }

  private ReportRow emptyTotal(ReportDefinition d, ReportPlan plan, int groups) {
    List<Object> cells = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      cells.add(null);
    }
    for (int i = 0; i < d.aggregates().size(); i++) {
      AggregateFunction fn = d.aggregates().get(i).function();
      ValueType t = type(fn, plan.aggregateFields().get(i));
      cells.add(fn == AggregateFunction.COUNT || fn == AggregateFunction.COUNT_DISTINCT ? (Object) 0L
          : t == ValueType.MONEY ? MoneySums.none() : null);
    }
    return new ReportRow(ReportRow.Kind.TOTAL, 0, cells);
  }

  private static ReportField field(ReportSource source, String name) {
    return new ReportField(name, ReportFields.standard(source).get(name), ReportField.Kind.STANDARD, name);
  }

  private Object groupValue(ReportGroup group, ReportField field, Object raw) {
    if (raw == null) {
      return null;
    }
    if (field.type() == ValueType.INTEGER) {
      return ((Number) raw).longValue();
    }
    if (field.type() == ValueType.DECIMAL) {
      return plain(decimal(raw));
    }
    if (group.bucket() == null || group.bucket() == DateBucket.DAY) {
      return raw;
    }
    LocalDate start = group.bucket().start((LocalDate) raw, settings.fiscalYearStart());
    return group.bucket().label(start, settings.fiscalYearStart());
  }

  private RateUsed rate(Currency from, Currency to, LocalDate on) {
    BigDecimal rate = settings.exchangeRates().rate(from, to, on).orElseThrow(() -> ValidationException.of(
        "reportingCurrency", "no exchange rate from " + from + " to " + to + " on " + on
            + "; give the Crm's ExchangeRates that rate, or leave out the reporting currency"));
    if (rate.signum() <= 0) {
      throw ValidationException.of("reportingCurrency", "the exchange rate from " + from + " to " + to + " on "
          + on + " is not positive: " + rate);
    }
    return new RateUsed(from, to, on, rate);
  }

  private static void convert(List<ReportMeasure> measures, Object[] values, BigDecimal rate, Currency target) {
    int digits = Money.fractionDigits(target);
    for (int m = 0; m < values.length; m++) {
      ReportMeasure measure = measures.get(m);
      boolean isMoney = measure.kind() == ReportMeasure.Kind.SUM_WEIGHTED
          || (measure.field() != null && measure.field().type() == ValueType.MONEY
              && measure.kind() != ReportMeasure.Kind.COUNT_VALUES);
      if (isMoney && values[m] != null) {
        values[m] = ((BigDecimal) values[m]).multiply(rate).setScale(digits, RoundingMode.HALF_UP);
      }
    }
  }

  private static Object normalise(ReportMeasure measure, Object value) {
    if (value == null) {
      return null;
    }
    switch (measure.kind()) {
      case COUNT:
      case COUNT_VALUES:
      case COUNT_DISTINCT:
        return ((Number) value).longValue();
      case SUM:
      case SUM_WEIGHTED:
        return measure.field() != null && measure.field().type() == ValueType.DECIMAL
            ? plain(decimal(value)) : decimal(value);
      default:
        ValueType t = measure.field().type();
        if (t == ValueType.MONEY) {
          return decimal(value);
        }
        if (t == ValueType.DECIMAL) {
          return plain(decimal(value));
        }
        if (t == ValueType.INTEGER) {
          return ((Number) value).longValue();
        }
        return value;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void merge(List<ReportMeasure> measures, Object[] acc, Object[] values) {
    for (int m = 0; m < acc.length; m++) {
      Object v = values[m];
      if (v == null) {
        continue;
      }
      if (acc[m] == null) {
        acc[m] = v;
        continue;
      }
      switch (measures.get(m).kind()) {
        case COUNT:
        case COUNT_VALUES:
          acc[m] = (Long) acc[m] + (Long) v;
          break;
        case SUM:
        case SUM_WEIGHTED:
          acc[m] = ((BigDecimal) acc[m]).add((BigDecimal) v);
          break;
        case MIN:
          acc[m] = ((Comparable) v).compareTo(acc[m]) < 0 ? v : acc[m];
          break;
        case MAX:
          acc[m] = ((Comparable) v).compareTo(acc[m]) > 0 ? v : acc[m];
          break;
        default:
          throw new AssertionError(measures.get(m));
      }
    }
  }

  private static ValueType type(AggregateFunction fn, ReportField field) {
    switch (fn) {
      case COUNT:
      case COUNT_DISTINCT:
        return ValueType.INTEGER;
      case WEIGHTED_AMOUNT:
        return ValueType.MONEY;
      case AVG_PROBABILITY:
        return ValueType.DECIMAL;
      case AVG:
        return field.type() == ValueType.MONEY ? ValueType.MONEY : ValueType.DECIMAL;
      case SUM:
        return field.type();
      default:
        return field.type();
    }
  }

  /** One aggregate cell from the per-currency measure values of a group. */
  private static Object output(
      AggregateFunction fn, ReportField field, int[] in, List<ReportMeasure> measures, Map<String, Object[]> byCurrency) {
    boolean isMoney = fn == AggregateFunction.WEIGHTED_AMOUNT || (field != null && field.type() == ValueType.MONEY);
    if (isMoney) {
      Map<Currency, BigDecimal> amounts = new LinkedHashMap<>();
      byCurrency.forEach((code, values) -> {
        if (code.equals(NO_CURRENCY)) {
          return;
        }
        Currency c = Currency.getInstance(code);
        Object v = values[in[0]];
        if (fn == AggregateFunction.AVG) {
          long n = values[in[1]] == null ? 0 : (Long) values[in[1]];
          if (n > 0 && v != null) {
            amounts.put(c, ((BigDecimal) v).divide(BigDecimal.valueOf(n), Money.fractionDigits(c),
                RoundingMode.HALF_UP));
          }
        } else if (v != null) {
          amounts.put(c, (BigDecimal) v);
        }
      });
      return MoneySums.of(amounts);
    }
    Object[] merged = null;
    for (Object[] values : byCurrency.values()) {
      if (merged == null) {
        merged = values.clone();
      } else {
        merge(measures, merged, values);
      }
    }
    if (merged == null) {
      return fn == AggregateFunction.COUNT ? (Object) 0L : null;
    }
    switch (fn) {
      case COUNT:
        return merged[in[0]];
      case SUM:
        return field.type() == ValueType.INTEGER && merged[in[0]] != null
            ? (Object) ((BigDecimal) merged[in[0]]).longValueExact() : merged[in[0]];
      case AVG:
      case AVG_PROBABILITY: {
        Object sum = merged[in[0]];
        long n = merged[in[1]] == null ? 0 : (Long) merged[in[1]];
        return n == 0 || sum == null ? null
            : ((BigDecimal) sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
      }
      case MIN:
      case MAX:
        return merged[in[0]];
      default:
        throw new AssertionError(fn);
    }
  }

  private static Comparator<ReportRow> groupOrder(int groups) {
    Comparator<ReportRow> c = (a, b) -> 0;
    for (int g = 0; g < groups; g++) {
      int index = g;
      c = c.thenComparing((a, b) -> compareCells(a.cell(index), b.cell(index)));
    }
    return c;
  }

  private static Comparator<ReportRow> order(ReportPlan plan, List<ReportColumn> columns) {
    List<String> names = columns.stream().map(ReportColumn::name).toList();
    Comparator<ReportRow> c = (a, b) -> 0;
    for (ReportSort s : plan.definition().sorts()) {
      int index = names.indexOf(s.column());
      Comparator<ReportRow> one = (a, b) -> {
        Object x = a.cell(index);
        Object y = b.cell(index);
        if (isEmpty(x) || isEmpty(y)) {
          return compareCells(x, y); // missing values last, whatever the direction
        }
        int r = compareCells(x, y);
        return s.descending() ? -r : r;
      };
      c = c.thenComparing(one);
    }
    return c.thenComparing(groupOrder(plan.groups().size()));
  }

  private static boolean isEmpty(Object cell) {
    return cell == null || (cell instanceof MoneySums m && m.isEmpty());
  }

  /**
   * Missing values last; money by its first currency's code, then amount; everything else by its natural order
   * (text by {@link String#compareTo}, the same on every storage).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareCells(Object x, Object y) {
    boolean xe = isEmpty(x);
    boolean ye = isEmpty(y);
    if (xe || ye) {
      return xe == ye ? 0 : xe ? 1 : -1;
    }
    if (x instanceof MoneySums a && y instanceof MoneySums b) {
      Money ma = a.amounts().get(0);
      Money mb = b.amounts().get(0);
      int byCode = ma.currencyCode().compareTo(mb.currencyCode());
      return byCode != 0 ? byCode : ma.amount().compareTo(mb.amount());
    }
    return ((Comparable) x).compareTo(y);
  }

  static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal b) {
      return b;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    return new BigDecimal(value.toString());
  }
}
