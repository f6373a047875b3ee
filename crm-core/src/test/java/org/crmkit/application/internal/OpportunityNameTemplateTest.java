package org.crmkit.application.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.customfield.CustomValue;
import org.junit.jupiter.api.Test;

class OpportunityNameTemplateTest {
  private static final Map<String, CustomValue> LEAD = Map.of(
      "company", CustomValue.text("AE"), "lastName", CustomValue.text("Lovelace"),
      "fullName", CustomValue.text("Ada Lovelace"));

  @Test
  void fillsPlaceholders() {
    assertThat(ConversionNameTemplate.render("{company} - {lastName}", LEAD)).isEqualTo("AE - Lovelace");
  }

  @Test
  void takesTheFirstNonEmptyAlternative() {
    assertThat(ConversionNameTemplate.render("{title|company|fullName} deal", LEAD)).isEqualTo("AE deal");
  }

  @Test
  void dropsEmptyPlaceholdersWithTheirSeparatorsAndInventsNothing() {
    assertThat(ConversionNameTemplate.render("{title} - {lastName}", LEAD)).isEqualTo("Lovelace");
    assertThat(ConversionNameTemplate.render("{company} - {title} - {lastName}", LEAD))
        .isEqualTo("AE - Lovelace");
    assertThat(ConversionNameTemplate.render("{title} - {industry}", LEAD)).isNull();
  }

  @Test
  void rendersExactlyAsTheRegularExpressionsAloneDid() {
    String[] templateParts = {"{company}", "{title|company}", "{ lastName | fullName }", "{title}", "{}", "{a{b}",
        "}", " ", "  ", " - ", "–", "—", ":", ",", "/", "|", "\t", "deal", "x", "{industry|title}"};
    String[] valueParts = {"AE", " ", "-", "Ada", "Lovelace", "\u2003", "/", ", ", "a  b", "\t", "Oy"};
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder template = new StringBuilder();
      for (int n = random.nextInt(6); n >= 0; n--) {
        template.append(templateParts[random.nextInt(templateParts.length)]);
      }
      Map<String, CustomValue> values = new LinkedHashMap<>();
      for (String field : new String[] {"company", "title", "lastName", "fullName", "industry"}) {
        if (random.nextBoolean()) {
          StringBuilder v = new StringBuilder();
          for (int n = random.nextInt(3); n >= 0; n--) {
            v.append(valueParts[random.nextInt(valueParts.length)]);
          }
          values.put(field, CustomValue.text(v.toString()));
        }
      }
      String t = template.toString();
      assertThat(ConversionNameTemplate.render(t, values)).as("template '%s' with %s", t, values)
          .isEqualTo(renderedByRegularExpressions(t, values));
    }
  }

  /** The renderer as it was before templates were parsed once: the reference the one in use must agree with. */
  private static String renderedByRegularExpressions(String template, Map<String, CustomValue> values) {
    Matcher m = Pattern.compile("\\{([^{}]*)}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = "";
      for (String f : m.group(1).split("\\|", -1)) {
        String v = RecordFields.asText(values.get(f.strip()));
        if (v != null) {
          value = v;
          break;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String s = out.toString().replaceAll("\\s+", " ");
    s = s.replaceAll("\\s*([\\-–—:,/|])(?:\\s*[\\-–—:,/|])+", " $1");
    s = s.replaceAll("^[\\s\\-–—:,/|]+", "");
    s = s.replaceAll("[\\s\\-–—:,/|]+$", "");
    return s.isBlank() ? null : s.strip();
  }
}
