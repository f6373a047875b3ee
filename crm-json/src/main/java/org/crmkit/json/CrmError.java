package org.crmkit.json;

import java.util.List;
import java.util.Objects;
import org.crmkit.opportunity.IllegalStageTransitionException;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.OutcomeUnknownException;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.ValidationException;
import org.crmkit.workflow.WorkflowException;

/**
 * The error document: what a host sends back when a use case refused, built from the exception by
 * {@link #of(Throwable)}. The Jackson modules write every {@link CrmException} in this shape and read this shape
 * back as a {@code CrmError} (an exception itself is never rebuilt from JSON).
 *
 * <p>{@code code} is stable and names what happened, so a client can branch on it; {@code message} is for people.
 * A storage failure or an exception that is not crmkit's gives a fixed message: its own text may hold SQL or other
 * internals, and no stack trace is ever part of the document.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><th>code</th><th>exception</th><th>HTTP status a server would answer</th></tr>
 *   <tr><td>TOO_LARGE</td><td>{@link JsonLimitExceededException}, or the JSON library's own limit</td><td>413</td></tr>
 *   <tr><td>INVALID_JSON</td><td>{@link InvalidJsonException}, or the JSON library's parse error</td><td>400</td></tr>
 *   <tr><td>VALIDATION</td><td>{@link ValidationException}</td><td>400</td></tr>
 *   <tr><td>NOT_FOUND</td><td>{@link RecordNotFoundException}</td><td>404</td></tr>
 *   <tr><td>ACCESS_DENIED</td><td>{@link AccessDeniedException}</td><td>403</td></tr>
 *   <tr><td>CONFLICT</td><td>{@link ConflictException}</td><td>409</td></tr>
 *   <tr><td>READ_ONLY</td><td>{@link RecordReadOnlyException}</td><td>409</td></tr>
 *   <tr><td>ILLEGAL_STAGE_TRANSITION</td><td>{@link IllegalStageTransitionException}</td><td>409</td></tr>
 *   <tr><td>RULE_VIOLATION</td><td>other {@link RuleViolationException}s</td><td>409</td></tr>
 *   <tr><td>WORKFLOW</td><td>{@link WorkflowException}</td><td>409</td></tr>
 *   <tr><td>OUTCOME_UNKNOWN</td><td>{@link OutcomeUnknownException}</td><td>503</td></tr>
 *   <tr><td>STORAGE</td><td>other {@link StorageException}s</td><td>503</td></tr>
 *   <tr><td>CONFIGURATION</td><td>{@link ConfigurationException}</td><td>500</td></tr>
 *   <tr><td>ERROR</td><td>any other {@link CrmException}</td><td>500</td></tr>
 *   <tr><td>INTERNAL</td><td>anything else</td><td>500</td></tr>
 * </table>
 *
 * @param code what happened, one of the codes above; never null
 * @param message what was wrong and what to do, for people; never null
 * @param fieldErrors the fields at fault (validation and invalid JSON), else empty; never null
 * @param recordType the type of the record that was not found, else null
 * @param recordId the id of the record that was not found, else null
 */
public record CrmError(
    String code, String message, List<FieldError> fieldErrors, RecordType recordType, String recordId) {

  /** The message of a storage failure: its own text may hold SQL. */
  public static final String STORAGE_MESSAGE = "the storage failed and nothing was written; try again later";

  /** The message of a failed commit whose outcome is unknown. */
  public static final String OUTCOME_UNKNOWN_MESSAGE = "the connection failed while the change was committed; reload "
      + "the record to see whether the change is there before you try again";

  /** The message of an exception that is not crmkit's: its text is not meant for clients. */
  public static final String INTERNAL_MESSAGE = "an unexpected error occurred; it has been logged by the host";

  /**
   * Checks the parts.
   *
   * @throws NullPointerException if code, message or fieldErrors (or one of them) is null
   */
  public CrmError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    fieldErrors = List.copyOf(fieldErrors);
  }

  /**
   * The error document of an exception: of the first {@link CrmException} in its cause chain (so a JSON library's
   * exception caused by an {@link InvalidJsonException} gives {@code INVALID_JSON} with its field errors), else
   * {@code INTERNAL} with a fixed message.
   *
   * @param failure what was thrown, never null
   * @return its error document, never null
   */
  public static CrmError of(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CrmException crm) {
        return ofCrm(crm);
      }
    }
    return new CrmError("INTERNAL", INTERNAL_MESSAGE, List.of(), null, null);
  }

  /**
   * The error document of a document that could not be parsed at all (malformed JSON), as the Jackson modules
   * report it.
   *
   * @param message the parser's description of the problem, never null
   * @return an {@code INVALID_JSON} error, never null
   */
  public static CrmError malformed(String message) {
    return new CrmError("INVALID_JSON", "the body is not valid JSON: " + message, List.of(), null, null);
  }

  /**
   * The error document of a document beyond a limit the JSON library itself enforces (its document length, say).
   *
   * @param message the library's description of the excess, never null
   * @return a {@code TOO_LARGE} error, never null
   */
  public static CrmError tooLarge(String message) {
    return new CrmError("TOO_LARGE", "the body is too large: " + message, List.of(), null, null);
  }

  private static CrmError ofCrm(CrmException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof JsonLimitExceededException v) {
      return new CrmError("TOO_LARGE", message, v.errors(), null, null);
    }
    if (e instanceof InvalidJsonException v) {
      return new CrmError("INVALID_JSON", message, v.errors(), null, null);
    }
    if (e instanceof ValidationException v) {
      return new CrmError("VALIDATION", message, v.errors(), null, null);
    }
    if (e instanceof RecordNotFoundException n) {
      return new CrmError("NOT_FOUND", message, List.of(), n.recordType(), n.id());
    }
    if (e instanceof OutcomeUnknownException) {
      return new CrmError("OUTCOME_UNKNOWN", OUTCOME_UNKNOWN_MESSAGE, List.of(), null, null);
    }
    if (e instanceof StorageException) {
      return new CrmError("STORAGE", STORAGE_MESSAGE, List.of(), null, null);
    }
    String code;
    if (e instanceof AccessDeniedException) {
      code = "ACCESS_DENIED";
    } else if (e instanceof ConflictException) {
      code = "CONFLICT";
    } else if (e instanceof RecordReadOnlyException) {
      code = "READ_ONLY";
    } else if (e instanceof IllegalStageTransitionException) {
      code = "ILLEGAL_STAGE_TRANSITION";
    } else if (e instanceof RuleViolationException) {
      code = "RULE_VIOLATION";
    } else if (e instanceof WorkflowException) {
      code = "WORKFLOW";
    } else if (e instanceof ConfigurationException) {
      code = "CONFIGURATION";
    } else {
      code = "ERROR";
    }
    return new CrmError(code, message, List.of(), null, null);
  }
}
