package org.crmkit.report;

import java.util.Objects;

/**
 * A field a report may use, as checked against the whitelist of {@link ReportFields}: storage adapters translate
 * only these (never a name from a definition), so a definition cannot inject anything into a query.
 *
 * @param name the name a definition uses, e.g. {@code stage}, {@code account.industry}, {@code segment.region},
 *     {@code custom.tier}; never null
 * @param type never null
 * @param kind where the value lives; never null
 * @param key the standard field's name, the account field's name, the segment dimension or the custom field key;
 *     never null
 */
public record ReportField(String name, ValueType type, Kind kind, String key) {
  public ReportField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
  }

  /** Where a field's value lives. */
  public enum Kind {
    /** A standard field of the source's rows. */
    STANDARD,
    /** A standard field of the linked account (opportunities, contacts, forecast lines). */
    ACCOUNT,
    /** A segment dimension of the record (of the opportunity for history and forecast lines). */
    SEGMENT,
    /** A custom field of the record (of the opportunity for history and forecast lines). */
    CUSTOM
  }
}
