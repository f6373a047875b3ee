package org.crmkit.json;

import java.util.ArrayList;
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

  /**
   * The same problems, named from an enclosing document: a crmkit document read as a property of a host's own
   * document names its fields from there ({@code "budget.amount"} rather than {@code "amount"}).
   *
   * @param jsonPointer where the crmkit document sits in the enclosing one, as a JSON Pointer ({@code "/budget"},
   *     {@code "/items/0"}); empty for the top level
   * @return this exception when the pointer is empty, else a new one of the same kind with prefixed fields
   */
  public InvalidJsonException under(String jsonPointer) {
    if (jsonPointer == null || jsonPointer.isEmpty() || jsonPointer.equals("/")) {
      return this;
    }
    StringBuilder prefix = new StringBuilder();
    for (String segment : jsonPointer.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        prefix.append('[').append(name).append(']');
      } else {
        prefix.append(prefix.length() == 0 ? "" : ".").append(name);
      }
    }
    List<FieldError> prefixed = new ArrayList<>();
    for (FieldError e : errors()) {
      String field = e.field().equals("(document)") ? prefix.toString()
          : e.field().startsWith("[") ? prefix + e.field() : prefix + "." + e.field();
      prefixed.add(new FieldError(field, e.message()));
    }
    InvalidJsonException moved = this instanceof JsonLimitExceededException
        ? new JsonLimitExceededException(prefixed) : new InvalidJsonException(prefixed);
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
