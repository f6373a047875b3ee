package org.crmkit.report;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Limits;
import org.crmkit.shared.ValidationException;

/**
 * A {@link ReportDefinition} checked against the whitelist of its source's fields and resolved for one day: every
 * field name looked up, every value read by its field's type, relative dates turned into days. Creating a plan is
 * the validation: {@link #of} refuses a broken definition with a {@link ValidationException} listing every problem,
 * each naming its place in the definition ({@code filters[2].values[0]}, {@code groups}, {@code aggregates[1].field},
 * ...).
 *
 * @param definition the definition; never null
 * @param today the day relative dates were resolved against; never null
 * @param conditions the resolved filters; never null
 * @param columns the fields of a detail report; never null
 * @param groups the fields of the groups, outermost first; never null
 * @param aggregateFields the field of each aggregate (null where it takes none); never null
 * @param sorts the sorts of a detail report as fields; never null
 */
public record ReportPlan(
    ReportDefinition definition,
    LocalDate today,
    List<ReportCondition> conditions,
    List<ReportField> columns,
    List<ReportField> groups,
    List<ReportField> aggregateFields,
    List<DetailQuery.SortKey> sorts) {

  public ReportPlan {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(today, "today");
    conditions = List.copyOf(conditions);
    columns = List.copyOf(columns);
    groups = List.copyOf(groups);
    aggregateFields = java.util.Collections.unmodifiableList(new ArrayList<>(aggregateFields));
    sorts = List.copyOf(sorts);
  }

  /**
   * Validates and resolves a definition.
   *
   * @param definition never null
   * @param customFields the Crm's custom fields; never null
   * @param settings the fiscal year start; never null
   * @param today today in the Crm's zone; never null
   * @param zone the Crm's zone (days of timestamp fields); never null
   * @return the plan
   * @throws ValidationException listing every problem of the definition
   */
  public static ReportPlan of(
      ReportDefinition definition, CustomFieldSchema customFields, ReportSettings settings, LocalDate today,
      ZoneId zone) {
    return new Checker(definition, customFields, settings, today, zone).check();
  }

  /** @return the result column names of a grouped report: group columns, then aggregate columns */
  List<String> groupedColumnNames() {
    List<String> names = new ArrayList<>();
    definition.groups().forEach(g -> names.add(g.columnName()));
    definition.aggregates().forEach(a -> names.add(a.columnName()));
    return names;
  }

  private static final class Checker {
    private final ReportDefinition d;
    private final CustomFieldSchema customFields;
    private final ReportSettings settings;
    private final LocalDate today;
    private final ZoneId zone;
    private final List<FieldError> errors = new ArrayList<>();

    Checker(ReportDefinition d, CustomFieldSchema customFields, ReportSettings settings, LocalDate today,
        ZoneId zone) {
      this.d = Objects.requireNonNull(d, "definition");
      this.customFields = Objects.requireNonNull(customFields, "customFields");
      this.settings = Objects.requireNonNull(settings, "settings");
      this.today = Objects.requireNonNull(today, "today");
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    ReportPlan check() {
      if (d.limit() < 1 || d.limit() > ReportLimits.MAX_LIMIT) {
        error("limit", "must be 1 to " + ReportLimits.MAX_LIMIT + ", was " + d.limit()
            + "; page through larger results with offset");
      }
      if (d.offset() < 0 || d.offset() > ReportLimits.MAX_OFFSET) {
        error("offset", "must be 0 to " + ReportLimits.MAX_OFFSET + ", was " + d.offset());
      }
      List<ReportField> columns = new ArrayList<>();
      if (d.isGrouped()) {
        if (!d.columns().isEmpty()) {
          error("columns", "a grouped report shows its groups and aggregates; leave columns out or drop the groups");
        }
      } else {
        if (d.columns().isEmpty()) {
          error("columns", "a detail report needs at least one column (or group it)");
        }
        if (!d.aggregates().isEmpty()) {
          error("aggregates", "aggregates need at least one group; add groupBy(...) or drop the aggregates");
        }
      }
      if (d.columns().size() > ReportLimits.MAX_COLUMNS) {
        error("columns", "at most " + ReportLimits.MAX_COLUMNS + " columns, were " + d.columns().size());
      } else {
        for (int i = 0; i < d.columns().size(); i++) {
          field("columns[" + i + "]", d.columns().get(i)).ifPresent(columns::add);
        }
      }
      List<ReportCondition> conditions = new ArrayList<>();
      if (d.filters().size() > ReportLimits.MAX_FILTERS) {
        error("filters", "at most " + ReportLimits.MAX_FILTERS + " filters, were " + d.filters().size());
      } else {
        for (int i = 0; i < d.filters().size(); i++) {
          filter("filters[" + i + "]", d.filters().get(i), conditions);
        }
      }
      List<ReportField> groups = new ArrayList<>();
      if (d.groups().size() > ReportLimits.MAX_GROUPS) {
        error("groups", "at most " + ReportLimits.MAX_GROUPS + " groups, were " + d.groups().size());
      } else {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.groups().size(); i++) {
          group("groups[" + i + "]", d.groups().get(i), seen).ifPresent(groups::add);
        }
      }
      List<ReportField> aggregateFields = new ArrayList<>();
      if (d.aggregates().size() > ReportLimits.MAX_COLUMNS) {
        error("aggregates", "at most " + ReportLimits.MAX_COLUMNS + " aggregates, were " + d.aggregates().size());
      } else {
        for (int i = 0; i < d.aggregates().size(); i++) {
          aggregateFields.add(aggregate("aggregates[" + i + "]", d.aggregates().get(i)));
        }
      }
      List<DetailQuery.SortKey> sorts = new ArrayList<>();
      Set<String> groupedNames = new HashSet<>();
      d.groups().forEach(g -> groupedNames.add(g.columnName()));
      d.aggregates().forEach(a -> groupedNames.add(a.columnName()));
      for (int i = 0; i < d.sorts().size() && i < ReportLimits.MAX_COLUMNS; i++) {
        ReportSort s = d.sorts().get(i);
        String at = "sorts[" + i + "].column";
        if (d.isGrouped()) {
          if (!groupedNames.contains(s.column())) {
            error(at, "'" + shown(s.column()) + "' is not a column of this report; sort by a group or aggregate "
                + "column: " + new java.util.TreeSet<>(groupedNames));
          }
        } else {
          field(at, s.column()).ifPresent(f -> {
            if (f.type() == ValueType.BOOLEAN) {
              error(at, "cannot sort by the yes/no field '" + f.name() + "'");
            } else {
              sorts.add(new DetailQuery.SortKey(f, s.descending()));
            }
          });
        }
      }
      if (d.sorts().size() > ReportLimits.MAX_COLUMNS) {
        error("sorts", "at most " + ReportLimits.MAX_COLUMNS + " sort keys, were " + d.sorts().size());
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      return new ReportPlan(d, today, conditions, columns, groups, aggregateFields, sorts);
    }

    private void error(String field, String message) {
      errors.add(new FieldError(field, message));
    }

    /** A name from a definition, cut short for a message (it may be hostile or huge). */
    private static String shown(String text) {
      String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
      return oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine;
    }

    private Optional<ReportField> field(String at, String name) {
      Optional<ReportField> f = ReportFields.resolve(d.source(), name, customFields);
      if (f.isEmpty()) {
        error(at, "unknown field '" + shown(name) + "' for " + d.source() + "; use one of "
            + ReportFields.standard(d.source()).keySet()
            + (ReportFields.hasAccount(d.source()) ? ", account.name/industry/city/country/owner" : "")
            + (ReportFields.hasSegments(d.source()) ? ", segment.DIMENSION" : "")
            + ", custom.KEY (a defined custom field)");
      }
      return f;
    }

    private Optional<ReportField> group(String at, ReportGroup g, Set<String> seen) {
      Optional<ReportField> f = field(at + ".field", g.field());
      if (f.isEmpty()) {
        return f;
      }
      ValueType type = f.get().type();
      if (type == ValueType.MONEY) {
        error(at + ".field", "cannot group by the money field '" + g.field() + "'; group by currency, or filter "
            + "amounts with less than / greater than");
        return Optional.empty();
      }
      if (type == ValueType.TIMESTAMP) {
        error(at + ".field", "cannot group by the timestamp '" + g.field() + "'; group by a date field");
        return Optional.empty();
      }
      if (g.bucket() != null && type != ValueType.DATE) {
        error(at + ".bucket", "a date bucket needs a date field; '" + g.field() + "' is " + type);
        return Optional.empty();
      }
      if (!seen.add(g.field())) {
        error(at + ".field", "'" + g.field() + "' is grouped twice");
        return Optional.empty();
      }
      return f;
    }

    private ReportField aggregate(String at, ReportAggregate a) {
      AggregateFunction fn = a.function();
      boolean noField = fn == AggregateFunction.COUNT || fn == AggregateFunction.WEIGHTED_AMOUNT
          || fn == AggregateFunction.AVG_PROBABILITY;
      if (noField) {
        if (a.field() != null) {
          error(at + ".field", fn.name().toLowerCase(Locale.ROOT) + " takes no field");
        }
        if (fn != AggregateFunction.COUNT && !ReportFields.hasWeightedAmount(d.source())) {
          error(at + ".function", fn.name().toLowerCase(Locale.ROOT) + " needs rows with an amount and a "
              + "probability (opportunities, stage history, forecast lines), not " + d.source());
        }
        return null;
      }
      if (a.field() == null) {
        error(at + ".field", fn.name().toLowerCase(Locale.ROOT) + " needs a field");
        return null;
      }
      Optional<ReportField> f = field(at + ".field", a.field());
      if (f.isEmpty()) {
        return null;
      }
      ValueType type = f.get().type();
      switch (fn) {
        case SUM:
        case AVG:
          if (!type.isNumeric()) {
            error(at + ".field", fn.name().toLowerCase(Locale.ROOT) + " needs a number or money field; '"
                + a.field() + "' is " + type);
          }
          break;
        case MIN:
        case MAX:
          if (!type.isOrdered()) {
            error(at + ".field", fn.name().toLowerCase(Locale.ROOT) + " needs an ordered field; '" + a.field()
                + "' is " + type);
          }
          break;
        case COUNT_DISTINCT:
          if (type == ValueType.MONEY) {
            error(at + ".field", "count_distinct of money is not supported; count distinct currency instead");
          }
          for (ReportGroup g : d.groups()) {
            if (g.bucket() != null && g.bucket() != DateBucket.DAY) {
              error(at + ".function", "count_distinct cannot be combined with the " + g.bucket()
                  + " bucket of '" + g.field() + "'; group that field by day or drop count_distinct");
            }
          }
          break;
        default:
          break;
      }
      return f.get();
    }

    private void filter(String at, ReportFilter filter, List<ReportCondition> out) {
      Optional<ReportField> found = field(at + ".field", filter.field());
      if (found.isEmpty()) {
        return;
      }
      ReportField f = found.get();
      Operator op = filter.operator();
      List<String> values = filter.values();
      if (values.size() < op.minValues() || values.size() > op.maxValues()) {
        error(at + ".values", op + " takes " + (op.minValues() == op.maxValues() ? op.minValues()
            : op.minValues() + " to " + op.maxValues()) + " value(s), were " + values.size());
        return;
      }
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).length() > ReportLimits.MAX_VALUE_LENGTH) {
          error(at + ".values[" + i + "]", "at most " + ReportLimits.MAX_VALUE_LENGTH + " characters");
          return;
        }
      }
      ValueType type = f.type();
      if ((op == Operator.CONTAINS || op == Operator.STARTS_WITH) && type != ValueType.TEXT) {
        error(at + ".operator", op + " needs a text field; '" + f.name() + "' is " + type);
        return;
      }
      if ((op == Operator.LESS_THAN || op == Operator.GREATER_THAN || op == Operator.BETWEEN)
          && !type.isOrdered()) {
        error(at + ".operator", op + " needs an ordered field; '" + f.name() + "' is " + type);
        return;
      }
      switch (op) {
        case IS_EMPTY:
          out.add(new ReportCondition(f, Comparison.IS_NULL, List.of()));
          return;
        case IS_NOT_EMPTY:
          out.add(new ReportCondition(f, Comparison.NOT_NULL, List.of()));
          return;
        case CONTAINS:
          out.add(new ReportCondition(f, Comparison.CONTAINS, List.of(values.get(0).toLowerCase(Locale.ROOT))));
          return;
        case STARTS_WITH:
          out.add(new ReportCondition(f, Comparison.STARTS_WITH,
              List.of(values.get(0).toLowerCase(Locale.ROOT))));
          return;
        default:
          break;
      }
      boolean dates = type == ValueType.DATE || type == ValueType.TIMESTAMP;
      if (dates && op != Operator.IN) {
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          Range r = range(at + ".values[" + i + "]", values.get(i), type);
          if (r == null) {
            return;
          }
          ranges.add(r);
        }
        Range first = ranges.get(0);
        switch (op) {
          case EQUALS:
            bounds(f, first.from, first.to, first.endExclusive, out);
            return;
          case NOT_EQUALS:
            if (!first.from.equals(first.to)) {
              error(at + ".operator", "not equals takes one day or instant; for a period use less than or "
                  + "greater than");
              return;
            }
            out.add(new ReportCondition(f, Comparison.NE, List.of(first.from)));
            return;
          case LESS_THAN:
            out.add(new ReportCondition(f, Comparison.LT, List.of(first.from)));
            return;
          case GREATER_THAN:
            out.add(new ReportCondition(f, type == ValueType.TIMESTAMP && first.endExclusive ? Comparison.GE
                : Comparison.GT, List.of(first.to)));
            return;
          case BETWEEN:
            bounds(f, first.from, ranges.get(1).to, ranges.get(1).endExclusive, out);
            return;
          default:
            throw new AssertionError(op);
        }
      }
      List<Object> typed = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Object v = value(at + ".values[" + i + "]", values.get(i), type);
        if (v == null) {
          return;
        }
        typed.add(v);
      }
      if (type == ValueType.BOOLEAN && op != Operator.EQUALS && op != Operator.NOT_EQUALS) {
        error(at + ".operator", op + " does not apply to the yes/no field '" + f.name() + "'");
        return;
      }
      switch (op) {
        case EQUALS:
          out.add(new ReportCondition(f, Comparison.EQ, typed));
          return;
        case NOT_EQUALS:
          out.add(new ReportCondition(f, Comparison.NE, typed));
          return;
        case IN:
          out.add(new ReportCondition(f, Comparison.IN, typed));
          return;
        case LESS_THAN:
          out.add(new ReportCondition(f, Comparison.LT, typed));
          return;
        case GREATER_THAN:
          out.add(new ReportCondition(f, Comparison.GT, typed));
          return;
        case BETWEEN:
          out.add(new ReportCondition(f, Comparison.GE, List.of(typed.get(0))));
          out.add(new ReportCondition(f, Comparison.LE, List.of(typed.get(1))));
          return;
        default:
          throw new AssertionError(op);
      }
    }

    /** From inclusive; to inclusive for dates, exclusive (the next day's start) for timestamps given as days. */
    private void bounds(ReportField f, Object from, Object to, boolean exclusive, List<ReportCondition> out) {
      out.add(new ReportCondition(f, Comparison.GE, List.of(from)));
      out.add(new ReportCondition(f, exclusive ? Comparison.LT : Comparison.LE, List.of(to)));
    }

    /** A day, a relative period or (for timestamps) an instant, as a range of the field's values. */
    private record Range(Object from, Object to, boolean endExclusive) {}

    private Range range(String at, String text, ValueType type) {
      LocalDate fromDay;
      LocalDate toDay;
      try {
        Optional<RelativeDate> relative = RelativeDate.resolve(text, today, settings.fiscalYearStart());
        if (relative.isPresent()) {
          fromDay = relative.get().from();
          toDay = relative.get().to();
        } else if (type == ValueType.TIMESTAMP && text.contains("T")) {
          Instant instant = Instant.parse(text.trim());
          return new Range(instant, instant, false);
        } else {
          fromDay = LocalDate.parse(text.trim());
          toDay = fromDay;
        }
      } catch (DateTimeException | IllegalArgumentException e) {
        error(at, "'" + shown(text) + "' is not a date (2026-03-31)" + (type == ValueType.TIMESTAMP
            ? ", an instant (2026-03-31T12:00:00Z)" : "") + " or a relative date (today, this_month, "
            + "next_quarter, last_30_days, ...)" + (e instanceof IllegalArgumentException ? ": " + e.getMessage()
            : ""));
        return null;
      }
      if (fromDay.isBefore(Limits.MIN_DATE) || toDay.isAfter(Limits.MAX_DATE)) {
        error(at, "must lie in " + Limits.MIN_DATE + " .. " + Limits.MAX_DATE);
        return null;
      }
      if (type == ValueType.DATE) {
        return new Range(fromDay, toDay, false);
      }
      return new Range(fromDay.atStartOfDay(zone).toInstant(), toDay.plusDays(1).atStartOfDay(zone).toInstant(),
          true);
    }

    private Object value(String at, String text, ValueType type) {
      String t = text.trim();
      try {
        switch (type) {
          case TEXT:
            return text;
          case INTEGER:
            return Long.parseLong(t);
          case DECIMAL:
          case MONEY: {
            if (t.length() > 60) {
              throw new NumberFormatException();
            }
            BigDecimal n = new BigDecimal(t);
            if (n.precision() - n.scale() > Limits.NUMBER_INTEGER_DIGITS || n.scale() > Limits.NUMBER_SCALE) {
              throw new NumberFormatException();
            }
            return n;
          }
          case DATE:
            return LocalDate.parse(t);
          case TIMESTAMP:
            return Instant.parse(t);
          case BOOLEAN:
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
              return Boolean.valueOf(t.toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException();
          default:
            throw new AssertionError(type);
        }
      } catch (DateTimeException | IllegalArgumentException e) {
        error(at, "'" + shown(text) + "' is not " + describe(type));
        return null;
      }
    }

    private static String describe(ValueType type) {
      switch (type) {
        case INTEGER:
          return "a whole number";
        case DECIMAL:
        case MONEY:
          return "a decimal number (1500.00)";
        case DATE:
          return "a date (2026-03-31)";
        case TIMESTAMP:
          return "an instant (2026-03-31T12:00:00Z)";
        case BOOLEAN:
          return "true or false";
        default:
          return "text";
      }
    }
  }
}
