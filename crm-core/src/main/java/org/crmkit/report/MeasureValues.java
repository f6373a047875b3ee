package org.crmkit.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmkit.shared.Money;

/**
 * The arithmetic of a grouped report's measure values ({@link ReportEngine}): what the storage's aggregate read
 * answers, made equal across storages, converted into a reporting currency, added up into subtotals, and turned into
 * the cell of each aggregate. Stateless.
 */
final class MeasureValues {
  /** The currency key of the values of a group without a money measure. */
  static final String NO_CURRENCY = "";

  private MeasureValues() {}

  /**
   * A decimal without trailing zeros (and never in exponent form): databases return a column's full scale
   * ({@code 15.000...}), memory the value's own, and both must give equal cells.
   */
  static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static void convert(List<ReportMeasure> measures, Object[] values, BigDecimal rate, Currency target) {
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

  static Object normalise(ReportMeasure measure, Object value) {
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
  static void merge(List<ReportMeasure> measures, Object[] acc, Object[] values) {
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

  static ValueType type(AggregateFunction fn, ReportField field) {
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
  static Object output(AggregateFunction fn, ReportField field, int[] in, List<ReportMeasure> measures,
      Map<String, Object[]> byCurrency) {
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
