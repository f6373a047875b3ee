package org.crmkit.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Helpers for text fields: blank means absent, lengths are bounded ({@link Limits}), and only valid text is
 * accepted: no unpaired UTF-16 surrogate (no storage can keep one) and no control character (NUL and the like),
 * except that multi-line texts may hold line breaks and tabs. Also the one case-folding rule that every storage
 * uses for case-insensitive search ({@link #fold}). Not part of the public API promise.
 */
public final class Text {
  private Text() {}

  /** @return the stripped value, or null when null or blank */
  public static String clean(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    return s.isEmpty() ? null : s;
  }

  /**
   * Checks an optional one-line text after cleaning: its length and that it is valid (no line breaks, tabs or
   * other control characters, no unpaired surrogates).
   *
   * @return the cleaned value, or null
   * @throws ValidationException naming {@code field}
   */
  public static String optional(String field, String value, int maxLength) {
    return checked(field, clean(value), maxLength, false);
  }

  /**
   * Like {@link #optional}, for texts that may span lines: line breaks (CR, LF) and tabs are allowed.
   *
   * @return the cleaned value, or null
   * @throws ValidationException naming {@code field}
   */
  public static String multiline(String field, String value, int maxLength) {
    return checked(field, clean(value), maxLength, true);
  }

  /** Checks a required one-line text; returns the cleaned value. */
  public static String required(String field, String value, int maxLength) {
    String s = optional(field, value, maxLength);
    if (s == null) {
      throw ValidationException.of(field, "is required");
    }
    return s;
  }

  /**
   * Checks a text as it is (not stripped): length and validity.
   *
   * @param multiline whether line breaks and tabs are allowed
   * @return {@code value}
   * @throws ValidationException naming {@code field}
   */
  public static String exact(String field, String value, int maxLength, boolean multiline) {
    return checked(field, value, maxLength, multiline);
  }

  private static String checked(String field, String s, int maxLength, boolean multiline) {
    if (s == null) {
      return null;
    }
    if (s.length() > maxLength) {
      throw ValidationException.of(field, "must be at most " + maxLength + " characters, was " + s.length());
    }
    String problem = invalidCharacter(s, multiline);
    if (problem != null) {
      throw ValidationException.of(field, problem);
    }
    return s;
  }

  /**
   * @param multiline whether CR, LF and tab are allowed
   * @return what is wrong with the text's characters, or null when they are all allowed
   */
  public static String invalidCharacter(String s, boolean multiline) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= ' ' && c < 0x7F) {
        continue; // printable ASCII, the usual character: neither a surrogate nor a control character
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "holds an unpaired UTF-16 surrogate (U+" + hex(c) + ") at position " + i
            + ", which is not valid Unicode; send the text as valid UTF-16";
      }
      if (Character.isLowSurrogate(c)) {
        return "holds an unpaired UTF-16 surrogate (U+" + hex(c) + ") at position " + i
            + ", which is not valid Unicode; send the text as valid UTF-16";
      }
      if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        return "holds the control character U+" + hex(c) + " at position " + i + "; "
            + (multiline ? "only line breaks and tabs are allowed" : "it must be one line without tabs");
      }
    }
    return null;
  }

  private static String hex(char c) {
    return String.format(Locale.ROOT, "%04X", (int) c);
  }

  /**
   * The search form of a text: the one case- and accent-insensitive rule of every storage. Compatibility
   * decomposition (NFKD; ligatures and full-width forms become plain letters), combining marks removed, upper-
   * then lower-cased in {@link Locale#ROOT} (so {@code ß} matches {@code ss}, dotted {@code İ} and dotless
   * {@code ı} match {@code i}), and final sigma {@code ς} as {@code σ}. "istanbul" matches "İstanbul",
   * "σίσυφος" matches "ΣΊΣΥΦΟΣ".
   *
   * @param value never null
   * @return the folded text, never null; may be longer than {@code value}
   */
  public static String fold(String value) {
    if (isAscii(value)) {
      return value.toLowerCase(Locale.ROOT); // what the steps below give for ASCII, without the Unicode work
    }
    String s = stripMarks(value);
    s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('ς', 'σ').replace('ı', 'i');
    return stripMarks(s);
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String stripMarks(String value) {
    String d = Normalizer.normalize(value, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      int type = Character.getType(c);
      if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
        out.append(c);
      }
    }
    return out.toString();
  }

  public static Optional<String> opt(String value) {
    return Optional.ofNullable(value);
  }
}
