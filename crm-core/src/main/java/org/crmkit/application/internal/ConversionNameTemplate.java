package org.crmkit.application.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.customfield.CustomValue;

/**
 * Renders a conversion policy's opportunity name template: {@code {a|b}} takes the first non-empty of the lead
 * fields a and b; a placeholder without value vanishes together with the separators around it.
 */
final class ConversionNameTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\|");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern SEPARATOR_RUN = Pattern.compile("\\s*([\\-–—:,/|])(?:\\s*[\\-–—:,/|])+");
  private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[\\s\\-–—:,/|]+");
  private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s\\-–—:,/|]+$");

  private ConversionNameTemplate() {}

  /** @return the rendered name, or null when the template gives no text for these values */
  static String render(String template, Map<String, CustomValue> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = "";
      for (String f : FIELD_SEPARATOR.split(m.group(1), -1)) {
        String v = RecordFields.asText(values.get(f.strip()));
        if (v != null) {
          value = v;
          break;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String s = SPACES.matcher(out).replaceAll(" ");
    s = SEPARATOR_RUN.matcher(s).replaceAll(" $1");
    s = LEADING_SEPARATORS.matcher(s).replaceAll("");
    s = TRAILING_SEPARATORS.matcher(s).replaceAll("");
    return s.isBlank() ? null : s.strip();
  }
}
