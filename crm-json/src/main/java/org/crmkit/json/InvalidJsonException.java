package org.crmkit.json;

import java.util.List;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.ValidationException;

/**
 * A JSON document that is not the crmkit document it was read as: a property of the wrong type, a required one
 * missing, one that is unknown, a value a crmkit type refuses (a bad currency, an id that is no UUID, a custom
 * field the schema does not define), or a document beyond the {@link JsonLimits}.
 *
 * <p>Each {@link FieldError} names the property by its path in the document ({@code "amount.currency"},
 * {@code "lines[2].month"}, {@code "customFields.tier"}) and says what was wrong and what is expected. Nothing was
 * read, so nothing was written. The Jackson modules throw their library's own mapping exception (which frameworks
 * answer with 400) with the same message and this exception as its cause; {@link CrmError#of(Throwable)} finds it
 * there.
 */
public class InvalidJsonException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param errors what was wrong, at least one, never null
   */
  public InvalidJsonException(List<FieldError> errors) {
    super(errors);
  }
}
