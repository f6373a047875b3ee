package org.crmkit.shared;

/** A change was attempted on a record that is read-only, such as a converted lead. */
public class RecordReadOnlyException extends RuleViolationException {
  private static final long serialVersionUID = 1L;

  public RecordReadOnlyException(String message) {
    super(message);
  }
}
