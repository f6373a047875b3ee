package org.crmkit.json;

import java.util.List;
import org.crmkit.shared.FieldError;

/**
 * A document beyond the {@link JsonLimits}: a string too long, nesting too deep, an array or object too big. Its
 * error document has the code {@code TOO_LARGE} (a server answers 413). Reading stopped at the first excess, so an
 * oversized document is never held in memory as a whole by crmkit.
 */
public class JsonLimitExceededException extends InvalidJsonException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param errors where the limit was exceeded and which, at least one, never null
   */
  public JsonLimitExceededException(List<FieldError> errors) {
    super(errors);
  }
}
