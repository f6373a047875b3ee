package org.crmkit.application.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.customfield.CustomValue;

/**
 * Renders a conversion policy's opportunity name template: {@code {a|b}} takes the first non-empty of the lead
 * fields a and b; a placeholder without value vanishes together with the separators around it.
 *
 * <p>Every conversion renders its policy's template, so a template is parsed once (into literal text and
 * placeholders) and kept; the clean-up of spaces and separators runs only when the rendered name holds something
 * it could change.
 */
final class ConversionNameTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\|");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern SEPARATOR_RUN = Pattern.compile("\\s*([\\-–—:,/|])(?:\\s*[\\-–—:,/|])+");
  private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[\\s\\-–—:,/|]+");
  private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s\\-–—:,/|]+$");
  /** Parsed templates; policies are few, so the cache stays small (and stops growing at {@value #CACHED}). */
  private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();
  private static final int CACHED = 256;

  /**
   * A template as parts: literal text ({@code String}) and placeholders (the lead fields to try, in order, as a
   * {@code String[]}).
   */
  private record Parsed(List<Object> parts) {}

  private ConversionNameTemplate() {}

  /** @return the rendered name, or null when the template gives no text for these values */
  static String render(String template, Map<String, CustomValue> values) {
    Parsed parsed = PARSED.get(template);
    if (parsed == null) {
      parsed = parse(template);
      if (PARSED.size() < CACHED) {
        PARSED.put(template, parsed);
      }
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parsed.parts()) {
      if (part instanceof String literal) {
        out.append(literal);
        continue;
      }
      for (String f : (String[]) part) {
        String v = RecordFields.asText(values.get(f));
        if (v != null) {
          out.append(v);
          break;
        }
      }
    }
    String s = out.toString();
    if (needsCleanUp(s)) {
      s = SPACES.matcher(s).replaceAll(" ");
      s = SEPARATOR_RUN.matcher(s).replaceAll(" $1");
      s = LEADING_SEPARATORS.matcher(s).replaceAll("");
      s = TRAILING_SEPARATORS.matcher(s).replaceAll("");
    }
    return s.isBlank() ? null : s.strip();
  }

  private static Parsed parse(String template) {
    List<Object> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(template.substring(last, m.start()));
      }
      String[] fields = FIELD_SEPARATOR.split(m.group(1), -1);
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].strip();
      }
      parts.add(fields);
      last = m.end();
    }
    if (last < template.length()) {
      parts.add(template.substring(last));
    }
    return new Parsed(List.copyOf(parts));
  }

  /**
   * @return false when the four clean-up expressions would leave {@code s} as it is: no whitespace but single
   *     spaces, none at either end, and no separator character
   */
  static boolean needsCleanUp(String s) {
    int n = s.length();
    if (n > 0 && (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ')) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ':
          if (i + 1 < n && s.charAt(i + 1) == ' ') {
            return true;
          }
          break;
        case '\t', '\n', 0x0B, '\f', '\r', '-', '–', '—', ':', ',', '/', '|':
          return true;
        default:
          break;
      }
    }
    return false;
  }
}
