package org.crmkit.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A report as plain, immutable data (saved, sent as JSON, built in code with {@link #builder(ReportSource)}).
 *
 * <p>Two shapes: without {@code groups} it is a <b>detail</b> report, one row per matching record with the
 * {@code columns}; with one to three {@code groups} it is a <b>grouped</b> report, one row per group with the group
 * values and the {@code aggregates}, plus subtotals per group level and a grand total. Nothing is checked here
 * beyond nulls: {@code crm.reports().run(...)} validates the whole definition against the source's fields first and
 * refuses it with field-level errors.
 *
 * @param source what the report reads; never null
 * @param columns fields of a detail report; never null (copied)
 * @param filters all must hold; never null (copied)
 * @param groups grouping levels, outermost first; never null (copied)
 * @param aggregates aggregate columns of a grouped report (a grouped report without any counts rows); never null
 *     (copied)
 * @param sorts sort keys, first one first; never null (copied)
 * @param limit the most rows returned (1 to {@link ReportLimits#MAX_LIMIT})
 * @param offset rows skipped before the first one returned (paging)
 * @param reportingCurrency when set (and the Crm has exchange rates), money is converted into it; else null and
 *     money is summed per currency
 */
public record ReportDefinition(
    ReportSource source,
    List<String> columns,
    List<ReportFilter> filters,
    List<ReportGroup> groups,
    List<ReportAggregate> aggregates,
    List<ReportSort> sorts,
    int limit,
    long offset,
    Currency reportingCurrency) {

  /** The limit when none is given. */
  public static final int DEFAULT_LIMIT = 1_000;

  public ReportDefinition {
    Objects.requireNonNull(source, "source");
    columns = copy(columns, "columns");
    filters = copy(filters, "filters");
    groups = copy(groups, "groups");
    aggregates = copy(aggregates, "aggregates");
    sorts = copy(sorts, "sorts");
  }

  private static <T> List<T> copy(List<T> list, String name) {
    Objects.requireNonNull(list, name);
    List<T> copy = new ArrayList<>(list.size());
    for (T t : list) {
      copy.add(Objects.requireNonNull(t, "an element of " + name));
    }
    return Collections.unmodifiableList(copy);
  }

  /** @return true when the report has groups */
  public boolean isGrouped() {
    return !groups.isEmpty();
  }

  /** @return a builder of a report over {@code source} */
  public static Builder builder(ReportSource source) {
    return new Builder(source);
  }

  /** @return a builder starting from this definition */
  public Builder toBuilder() {
    Builder b = new Builder(source);
    b.columns.addAll(columns);
    b.filters.addAll(filters);
    b.groups.addAll(groups);
    b.aggregates.addAll(aggregates);
    b.sorts.addAll(sorts);
    b.limit = limit;
    b.offset = offset;
    b.reportingCurrency = reportingCurrency;
    return b;
  }

  /** Collects a definition; not thread-safe. */
  public static final class Builder {
    private final ReportSource source;
    private final List<String> columns = new ArrayList<>();
    private final List<ReportFilter> filters = new ArrayList<>();
    private final List<ReportGroup> groups = new ArrayList<>();
    private final List<ReportAggregate> aggregates = new ArrayList<>();
    private final List<ReportSort> sorts = new ArrayList<>();
    private int limit = DEFAULT_LIMIT;
    private long offset;
    private Currency reportingCurrency;

    private Builder(ReportSource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /** Adds detail columns. */
    public Builder columns(String... fields) {
      columns.addAll(List.of(fields));
      return this;
    }

    /** Adds a filter. */
    public Builder where(String field, Operator operator, String... values) {
      filters.add(ReportFilter.of(field, operator, values));
      return this;
    }

    /** Adds a filter. */
    public Builder where(ReportFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** Adds a grouping level by the field's value. */
    public Builder groupBy(String field) {
      groups.add(ReportGroup.by(field));
      return this;
    }

    /** Adds a grouping level by a date field's bucket. */
    public Builder groupBy(String field, DateBucket bucket) {
      groups.add(ReportGroup.by(field, bucket));
      return this;
    }

    /** Adds aggregate columns. */
    public Builder aggregate(ReportAggregate... values) {
      aggregates.addAll(List.of(values));
      return this;
    }

    /** Adds a sort key, smallest first. */
    public Builder sortBy(String column) {
      sorts.add(ReportSort.asc(column));
      return this;
    }

    /** Adds a sort key, largest first. */
    public Builder sortByDescending(String column) {
      sorts.add(ReportSort.desc(column));
      return this;
    }

    /** The most rows returned. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Rows skipped (paging). */
    public Builder offset(long value) {
      this.offset = value;
      return this;
    }

    /** Converts money into {@code currency} with the Crm's exchange rates. */
    public Builder reportingCurrency(Currency currency) {
      this.reportingCurrency = currency;
      return this;
    }

    /** Converts money into the currency with ISO code {@code code}. */
    public Builder reportingCurrency(String code) {
      return reportingCurrency(Currency.getInstance(code));
    }

    public ReportDefinition build() {
      return new ReportDefinition(source, columns, filters, groups, aggregates, sorts, limit, offset,
          reportingCurrency);
    }
  }
}
