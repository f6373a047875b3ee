package org.crmkit.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-mail address, checked for a plausible shape ({@code local@domain.tld}), valid text and length (at most
 * {@link Limits#EMAIL} characters, also in lower case) and trimmed. Comparison ignores the
 * case of the domain part only; {@link #normalized()} gives the fully lower-cased form used for matching.
 *
 * @param value the address as given, trimmed; never blank
 */
public record EmailAddress(String value) {
  private static final Pattern SHAPE =
      Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  public EmailAddress {
    Objects.requireNonNull(value, "value");
    value = value.strip();
    if (value.length() > Limits.EMAIL) {
      throw new IllegalArgumentException("an e-mail address has at most " + Limits.EMAIL + " characters, this one "
          + value.length());
    }
    String problem = Text.invalidCharacter(value, false);
    if (problem != null) {
      throw new IllegalArgumentException("an e-mail address must be valid text: it " + problem);
    }
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an e-mail address (expected the shape name@example.com)");
    }
    int at = value.lastIndexOf('@');
    value = value.substring(0, at) + value.substring(at).toLowerCase(Locale.ROOT);
    if (value.toLowerCase(Locale.ROOT).length() > Limits.EMAIL) {
      // a few letters grow when lower-cased (U+0130 becomes two chars); the stored lower-case form must fit too
      throw new IllegalArgumentException("the lower-case form of this e-mail address has more than " + Limits.EMAIL
          + " characters");
    }
  }

  public static EmailAddress of(String value) {
    return new EmailAddress(value);
  }

  /** @return the domain part, lower case, e.g. {@code example.com} */
  public String domain() {
    return value.substring(value.lastIndexOf('@') + 1);
  }

  /** @return the address in lower case, for duplicate matching */
  public String normalized() {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
