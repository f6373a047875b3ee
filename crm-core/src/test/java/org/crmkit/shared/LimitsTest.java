package org.crmkit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.opportunity.OpportunityQuery;
import org.junit.jupiter.api.Test;

class LimitsTest {

  private static String fieldOf(Throwable e) {
    return ((ValidationException) e).errors().get(0).field();
  }

  @Test
  void acceptsDatesFromYearOneToYearNineThousandNineHundredNinetyNineAndRefusesOthersNamingTheField() {
    assertThat(Limits.date("closeDate", LocalDate.of(1, 1, 1))).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat(Limits.date("closeDate", LocalDate.of(9999, 12, 31))).isEqualTo(LocalDate.of(9999, 12, 31));
    for (LocalDate outside : new LocalDate[] {LocalDate.of(0, 12, 31), LocalDate.of(-100, 1, 1),
        LocalDate.of(10000, 1, 1), LocalDate.MIN, LocalDate.MAX}) {
      assertThatThrownBy(() -> Limits.date("closeDate", outside)).as(outside.toString())
          .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(fieldOf(e)).isEqualTo("closeDate"));
    }
    assertThatThrownBy(() -> Limits.month("from", YearMonth.of(0, 1))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Limits.month("to", YearMonth.of(999_999_999, 12)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aDateRangeQueryIsMovedIntoTheSupportedRange() {
    OpportunityQuery q = OpportunityQuery.all().closingBetween(LocalDate.MIN, LocalDate.MAX);

    assertThat(q.closeFrom()).isEqualTo(Limits.MIN_DATE);
    assertThat(q.closeTo()).isEqualTo(Limits.MAX_DATE);
  }

  @Test
  void refusesUnpairedSurrogatesAndControlCharactersButAllowsLineBreaksAndTabsInMultiLineTexts() {
    assertThat(Text.optional("name", "Emoji \uD83D\uDE00 ok", 200)).isEqualTo("Emoji \uD83D\uDE00 ok");
    assertThat(Text.multiline("description", "line 1\r\nline\t2", 4000)).isEqualTo("line 1\r\nline\t2");
    for (String bad : new String[] {"a\uD800b", "a\uDC00", "\uD83D", "nul\u0000here", "bell\u0007", "del\u007F",
        "c1\u0085"}) {
      assertThatThrownBy(() -> Text.optional("name", bad, 200)).as(bad).isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(fieldOf(e)).isEqualTo("name"));
      assertThatThrownBy(() -> Text.multiline("description", bad, 200)).as(bad)
          .isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> Text.optional("name", "two\nlines", 200)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("U+000A");
  }

  @Test
  void foldsCaseAccentsAndTurkishAndGreekLettersTheSameWayForQueryAndName() {
    assertThat(Text.fold("İstanbul Ltd")).contains(Text.fold("istanbul"));
    assertThat(Text.fold("ISTANBUL")).isEqualTo(Text.fold("ıstanbul"));
    assertThat(Text.fold("ΣΊΣΥΦΟΣ AE")).contains(Text.fold("σίσυφος"));
    assertThat(Text.fold("Straße")).isEqualTo("strasse");
    assertThat(Text.fold("Ｃａｆé ﬁne")).isEqualTo("cafe fine");
    assertThat(Text.fold("Plain ASCII & Co. 42")).isEqualTo("plain ascii & co. 42");
  }

  @Test
  void segmentsAndCustomFieldsAreBoundedSoTheirStoredFormFits() {
    assertThatThrownBy(() -> Segments.of(Map.of("region", "x".repeat(Limits.SEGMENT_VALUE + 1))))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(fieldOf(e)).isEqualTo("segments.region"));
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= Limits.SEGMENT_DIMENSIONS; i++) {
      many.put("d" + i, "v");
    }
    assertThatThrownBy(() -> Segments.of(many)).isInstanceOf(ValidationException.class);

    assertThatThrownBy(() -> CustomValue.text("x".repeat(Limits.CUSTOM_TEXT + 1)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CustomValue.text("nul\u0000")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CustomValue.number(new BigDecimal("1E+100000000")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CustomValue.number("not a number")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CustomValue.date(LocalDate.of(0, 1, 1))).isInstanceOf(ValidationException.class);
    Map<String, CustomValue> big = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      big.put("f" + i, CustomValue.text("x".repeat(Limits.CUSTOM_TEXT)));
    }
    assertThatThrownBy(() -> CustomFields.of(big)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(fieldOf(e)).isEqualTo("customFields"));
  }

  @Test
  void anEmailAddressMustFitInLowerCaseToo() {
    String local = "a".repeat(240);
    assertThat(EmailAddress.of(local + "@example.com").normalized()).hasSize(252);
    // U+0130 (capital I with dot) becomes two chars in lower case: 246 + 8 chars given, 254 + 4 lower-cased
    String growing = "\u0130".repeat(4) + "a".repeat(238) + "@example.com";
    assertThat(growing).hasSize(254);
    assertThatThrownBy(() -> EmailAddress.of(growing)).hasMessageContaining("lower-case form");
    assertThatThrownBy(() -> EmailAddress.of("ada\u0000@example.com")).hasMessageContaining("U+0000");
  }
}
