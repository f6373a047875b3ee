package org.crmkit.report;

import java.util.Objects;

/**
 * One grouping level of a report: a field, and for a date field the bucket its days fall into.
 *
 * @param field a field name of the report's source; never null
 * @param bucket for a date field the bucket (day when null); must be null for other fields
 */
public record ReportGroup(String field, DateBucket bucket) {
  public ReportGroup {
    Objects.requireNonNull(field, "field");
  }

  /** Groups by the field's value (a date field by day). */
  public static ReportGroup by(String field) {
    return new ReportGroup(field, null);
  }

  /** Groups a date field by {@code bucket}. */
  public static ReportGroup by(String field, DateBucket bucket) {
    return new ReportGroup(field, Objects.requireNonNull(bucket, "bucket"));
  }

  /** @return the result column name of this grouping: the field, with the bucket when there is one */
  public String columnName() {
    return bucket == null ? field : field + ":" + bucket.name().toLowerCase(java.util.Locale.ROOT);
  }
}
