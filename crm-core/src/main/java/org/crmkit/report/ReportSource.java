package org.crmkit.report;

import org.crmkit.shared.RecordType;

/**
 * What a report reads: one row per record of this kind. Visibility follows the owner of {@link #ownerType()}: stage
 * history entries and billing forecast lines are seen through their opportunity.
 */
public enum ReportSource {
  OPPORTUNITIES(RecordType.OPPORTUNITY),
  LEADS(RecordType.LEAD),
  ACCOUNTS(RecordType.ACCOUNT),
  CONTACTS(RecordType.CONTACT),
  /** One row per stage history entry; owner and segments are the opportunity's. */
  STAGE_HISTORY(RecordType.OPPORTUNITY),
  /** One row per billing forecast line (month, amount) with its opportunity's fields. */
  FORECAST_LINES(RecordType.OPPORTUNITY);

  private final RecordType ownerType;

  ReportSource(RecordType ownerType) {
    this.ownerType = ownerType;
  }

  /** @return the record type whose owner decides whether a row is visible */
  public RecordType ownerType() {
    return ownerType;
  }

  /** @return the record type whose custom fields the report may use */
  public RecordType customFieldType() {
    return ownerType;
  }
}
