package org.crmkit.json;

import java.util.List;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Limits;

/**
 * The bounds a crmkit JSON document must keep before any of it is turned into a crmkit value: the length of one
 * string, how deeply objects and arrays nest, how many items an array and how many properties an object hold, and
 * (for the mappers the Jackson modules build) how long the whole document is.
 *
 * <p>The Jackson modules check the first four while they read a crmkit document, whatever the host's mapper allows;
 * the document length is a property of the parser, so it applies where the host builds its mapper with the module's
 * helpers (or sets it itself). The defaults fit every crmkit document: the longest text field is
 * {@value Limits#CUSTOM_TEXT} characters, the biggest array a page of {@value org.crmkit.shared.PageRequest#MAX_SIZE}
 * items, the deepest document (a page of conversion outcomes) nests 8 levels. One result is unbounded: a BI
 * {@code PipelineAsOf} grouped by owner or account holds one group per owner or account, so a host that reads one
 * for more than 1,000 accounts gives the module larger limits ({@code CrmDocuments.of(schema, limits)}).
 *
 * @param maxStringLength the most characters one string (a value or a property name) may have; at least 1
 * @param maxNestingDepth the most levels of objects and arrays inside each other; at least 1
 * @param maxArraySize the most items of one array; at least 1
 * @param maxProperties the most properties of one object; at least 1
 * @param maxDocumentLength the most characters (or bytes) of a whole document, for the parser; at least 1
 */
public record JsonLimits(
    int maxStringLength, int maxNestingDepth, int maxArraySize, int maxProperties, long maxDocumentLength) {

  private static final JsonLimits DEFAULTS = new JsonLimits(10_000, 20, 1_000, 200, 4_000_000L);

  /**
   * Checks that each bound is positive.
   *
   * @throws IllegalArgumentException if one is not
   */
  public JsonLimits {
    if (maxStringLength < 1 || maxNestingDepth < 1 || maxArraySize < 1 || maxProperties < 1 || maxDocumentLength < 1) {
      throw new IllegalArgumentException("every JSON limit must be at least 1, were " + maxStringLength + ", "
          + maxNestingDepth + ", " + maxArraySize + ", " + maxProperties + ", " + maxDocumentLength);
    }
  }

  /**
   * The defaults: strings up to 10,000 characters, 20 levels of nesting, 1,000 array items, 200 properties per
   * object, documents up to 4,000,000 characters.
   *
   * @return the default limits, never null
   */
  public static JsonLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Refuses a string longer than {@link #maxStringLength()}.
   *
   * @param path where the string is, as a crmkit field path ("" for the document itself)
   * @param length its length
   * @throws JsonLimitExceededException if it is too long
   */
  public void checkString(String path, int length) {
    if (length > maxStringLength) {
      throw tooBig(path, "is a string of " + length + " characters; at most " + maxStringLength + " are accepted");
    }
  }

  /**
   * Refuses nesting deeper than {@link #maxNestingDepth()}.
   *
   * @param path where the object or array starts
   * @param depth its depth (the document's top level is 1)
   * @throws JsonLimitExceededException if it is too deep
   */
  public void checkDepth(String path, int depth) {
    if (depth > maxNestingDepth) {
      throw tooBig(path, "nests objects and arrays " + depth + " levels deep; at most " + maxNestingDepth
          + " are accepted");
    }
  }

  /**
   * Refuses an array with more than {@link #maxArraySize()} items.
   *
   * @param path where the array is
   * @param size how many items were read so far
   * @throws JsonLimitExceededException if that is too many
   */
  public void checkArraySize(String path, int size) {
    if (size > maxArraySize) {
      throw tooBig(path, "is an array of more than " + maxArraySize + " items; at most " + maxArraySize
          + " are accepted");
    }
  }

  /**
   * Refuses an object with more than {@link #maxProperties()} properties.
   *
   * @param path where the object is
   * @param size how many properties were read so far
   * @throws JsonLimitExceededException if that is too many
   */
  public void checkProperties(String path, int size) {
    if (size > maxProperties) {
      throw tooBig(path, "is an object of more than " + maxProperties + " properties; at most " + maxProperties
          + " are accepted");
    }
  }

  private static JsonLimitExceededException tooBig(String path, String message) {
    return new JsonLimitExceededException(List.of(new FieldError(path.isEmpty() ? "(document)" : path, message)));
  }
}
