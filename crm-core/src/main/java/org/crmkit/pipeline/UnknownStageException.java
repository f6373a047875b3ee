package org.crmkit.pipeline;

import java.util.List;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.ValidationException;

/** A stage or lead status key that the configured pipeline does not have. */
public class UnknownStageException extends ValidationException {
  private static final long serialVersionUID = 1L;

  UnknownStageException(String what, String key, List<String> known) {
    super(
        List.of(
            new FieldError(
                what.equals("sales stage") ? "stage" : "status",
                "'" + key + "' is not a " + what + " of the pipeline; use one of " + known)));
  }
}
