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
    assertThat(DefaultConversionService.renderName("{company} - {lastName}", LEAD)).isEqualTo("AE - Lovelace");
  }

  @Test
  void takesTheFirstNonEmptyAlternative() {
    assertThat(DefaultConversionService.renderName("{title|company|fullName} deal", LEAD)).isEqualTo("AE deal");
  }

  @Test
  void dropsEmptyPlaceholdersWithTheirSeparatorsAndInventsNothing() {
    assertThat(DefaultConversionService.renderName("{title} - {lastName}", LEAD)).isEqualTo("Lovelace");
    assertThat(DefaultConversionService.renderName("{company} - {title} - {lastName}", LEAD))
        .isEqualTo("AE - Lovelace");
    assertThat(DefaultConversionService.renderName("{title} - {industry}", LEAD)).isNull();
  }
}
