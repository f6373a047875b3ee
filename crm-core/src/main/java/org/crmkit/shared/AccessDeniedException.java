package org.crmkit.shared;

import java.util.Objects;

/**
 * The acting user may see the record but the host's access policy does not let them do this to it (change,
 * delete, convert, change its stage, give it to another owner, ...). The message names the operation and the record
 * the actor asked for, never data the actor may not see: a record the actor may not read is reported as
 * {@link RecordNotFoundException} instead, exactly as if it did not exist.
 */
public class AccessDeniedException extends CrmException {
  private static final long serialVersionUID = 1L;
  private final transient Actor actor;
  private final String operation;

  /**
   * @param actor who was refused
   * @param operation what was refused, in words (e.g. "delete Lead 1f0c...")
   */
  public AccessDeniedException(Actor actor, String operation) {
    this(actor, operation, "the host's access policy refuses it; ask an owner, manager or administrator of the record");
  }

  /**
   * @param actor who was refused
   * @param operation what was refused, in words
   * @param reason why, and what to do instead (names nothing the actor may not see)
   */
  public AccessDeniedException(Actor actor, String operation, String reason) {
    super(Objects.requireNonNull(actor, "actor") + " may not " + Objects.requireNonNull(operation, "operation")
        + ": " + Objects.requireNonNull(reason, "reason"));
    this.actor = actor;
    this.operation = operation;
  }

  /** @return the actor who was refused */
  public Actor actor() {
    return actor;
  }

  /** @return what was refused, in words */
  public String operation() {
    return operation;
  }
}
