package org.crmkit.application.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
}
