package org.crmkit.shared;

/** A record looked up by id does not exist (never created, deleted, or in another tenant's data). */
public class RecordNotFoundException extends CrmException {
  private static final long serialVersionUID = 1L;
  private final RecordType recordType;
  private final String id;

  public RecordNotFoundException(RecordType recordType, Object id) {
    super(recordType.label() + " " + id + " does not exist; check the id, or whether it was deleted");
    this.recordType = recordType;
    this.id = String.valueOf(id);
  }

  /** @return the kind of record that was looked for */
  public RecordType recordType() {
    return recordType;
  }

  /** @return the id that was looked for, as text */
  public String id() {
    return id;
  }
}
