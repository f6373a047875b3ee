package org.crmkit.access;

/**
 * What an actor asks to do to a record, as the {@link AccessPolicy} is asked about it. Reading is not an operation:
 * what an actor may read is the policy's {@link AccessPolicy#visibility visibility}.
 */
public enum Operation {
  /** Create a record owned by the given owner. */
  CREATE,
  /** Change a record's fields (lead status, contact details, ...). */
  CHANGE,
  /** Give a record to the given (new) owner; checked besides {@link #CHANGE} of the record as it was. */
  ASSIGN,
  /** Delete a record. */
  DELETE,
  /** Move an opportunity to another stage, win, lose or reopen it. */
  CHANGE_STAGE,
  /** Convert a lead (checked on the lead; the records it creates are checked with {@link #CREATE}). */
  CONVERT,
  /** Enter, change or delete an opportunity's billing forecast (checked on the opportunity). */
  EDIT_FORECAST,
  /** Set an account's budget (checked on the account). */
  EDIT_BUDGET
}
