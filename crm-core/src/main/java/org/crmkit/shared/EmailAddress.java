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
  /** The shape {@link #hasShape} checks, as a regular expression (tests compare the two). */
  static final Pattern SHAPE =
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
    if (!hasShape(value)) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an e-mail address (expected the shape name@example.com)");
    }
    int at = value.lastIndexOf('@');
    String domain = value.substring(at);
    String lowerDomain = domain.toLowerCase(Locale.ROOT);
    if (!lowerDomain.equals(domain)) { // most addresses come lower case already: no copy of the whole address then
      value = value.substring(0, at) + lowerDomain;
    }
    if (value.toLowerCase(Locale.ROOT).length() > Limits.EMAIL) {
      // a few letters grow when lower-cased (U+0130 becomes two chars); the stored lower-case form must fit too
      throw new IllegalArgumentException("the lower-case form of this e-mail address has more than " + Limits.EMAIL
          + " characters");
    }
  }

  /**
   * Whether the text has the shape {@code local@domain.tld}: exactly what {@code ^[^@\s]+@[^@\s]+\.[^@\s]+$}
   * matches (one {@code @} with text before it, no whitespace, a dot inside the domain part), checked by hand because
   * every address a record or a conversion reads goes through here.
   */
  static boolean hasShape(String value) {
    int at = -1;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
        return false;
      }
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      }
    }
    if (at <= 0) {
      return false;
    }
    // a dot with at least one character on each side, inside the domain part
    for (int i = at + 2; i < n - 1; i++) {
      if (value.charAt(i) == '.') {
        return true;
      }
    }
    return false;
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
