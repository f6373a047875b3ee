package org.crmkit.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
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
        return MeasureValues.plain(MeasureValues.decimal(raw));
      default:
        return raw;
    }
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
        values[m] = MeasureValues.normalise(measures.list.get(m), row.get(keys.size() + m));
      }
      String currency = currencyKey < 0 ? MeasureValues.NO_CURRENCY : (String) row.get(currencyKey);
      if (currency == null) {
        currency = MeasureValues.NO_CURRENCY;
      }
      if (target != null && !currency.equals(MeasureValues.NO_CURRENCY)) {
        Currency from = Currency.getInstance(currency);
        if (!from.equals(target)) {
          LocalDate on = row.get(rateDateKey) == null ? plan.today() : (LocalDate) row.get(rateDateKey);
          RateUsed rate = rates.computeIfAbsent(currency + on, k -> rate(from, target, on));
          MeasureValues.convert(measures.list, values, rate.rate(), target);
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
          MeasureValues.merge(measures.list, acc, values);
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
          MeasureValues.type(d.aggregates().get(i).function(), plan.aggregateFields().get(i))));
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
            cells.add(MeasureValues.output(d.aggregates().get(i).function(), plan.aggregateFields().get(i), inputs[i],
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
    innermost.sort(RowOrder.order(plan, columns));
    long totalRows = innermost.size();
    int from = (int) Math.min(innermost.size(), d.offset());
    int to = (int) Math.min(innermost.size(), (long) from + d.limit());
    List<ReportRow> subtotals = new ArrayList<>();
    Comparator<ReportRow> byGroups = RowOrder.groupOrder(groups);
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
      ValueType t = MeasureValues.type(fn, plan.aggregateFields().get(i));
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
      return MeasureValues.plain(MeasureValues.decimal(raw));
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

}
