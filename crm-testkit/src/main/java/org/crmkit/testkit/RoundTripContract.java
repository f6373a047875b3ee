package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.budget.BudgetLine;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.Crm;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Contract: what is stored comes back exactly, across the whole supported range ({@link Limits}): dates including
 * the Julian/Gregorian cut-over, months, amounts up to the stored precision, texts with every allowed character
 * and segments and custom fields at their limits (the worst case for their stored encoding).
 */
public interface RoundTripContract extends ContractSupport {

  /** Dates a database could shift: the ends of the range, around the 1582 calendar cut-over, 1900. */
  List<LocalDate> EDGE_DATES = List.of(
      LocalDate.of(1, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 5), LocalDate.of(1582, 10, 10),
      LocalDate.of(1582, 10, 15), LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31));

  @Test
  default void closeDatesComeBackExactlyAcrossTheSupportedRangeIncludingTheCalendarCutOver() {
    for (LocalDate date : EDGE_DATES) {
      Opportunity o = crm().opportunities().create(ALICE,
          CreateOpportunity.named("Closes " + date).withCloseDate(date));

      assertThat(crm().opportunities().get(ALICE, o.id()).closeDate()).as("read back").contains(date);
      assertThat(crm().opportunities().history(ALICE, o.id())).as("history")
          .singleElement().satisfies(e -> assertThat(e.closeDate()).isEqualTo(date));
      assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all().closingBetween(date, date),
          PageRequest.first(10)).items()).as("found by that one date").extracting(Opportunity::id)
          .containsExactly(o.id());
    }
  }

  @Test
  default void aDateRangeQueryOverEveryDateFindsTheSameOnEveryStorage() {
    for (LocalDate date : List.of(Limits.MIN_DATE, LocalDate.of(2026, 6, 30), Limits.MAX_DATE)) {
      crm().opportunities().create(ALICE, CreateOpportunity.named("Closes " + date).withCloseDate(date));
    }
    crm().opportunities().create(ALICE, CreateOpportunity.named("No close date"));

    for (OpportunityQuery q : List.of(OpportunityQuery.all().closingBetween(LocalDate.MIN, LocalDate.MAX),
        OpportunityQuery.all().closingBetween(Limits.MIN_DATE, Limits.MAX_DATE),
        OpportunityQuery.all().closingBetween(LocalDate.of(-5000, 1, 1), LocalDate.of(20000, 1, 1)))) {
      assertThat(crm().opportunities().list(ALICE, q, PageRequest.first(10)).items()).as(q.toString()).hasSize(3);
    }
  }

  @Test
  default void datesOutsideTheSupportedRangeAreRefusedWithAFieldError() {
    for (LocalDate date : List.of(LocalDate.of(0, 1, 1), LocalDate.of(-100, 6, 1), LocalDate.of(-5000, 1, 1),
        LocalDate.of(10000, 1, 1), LocalDate.MAX, LocalDate.MIN)) {
      assertThatThrownBy(() -> crm().opportunities().create(ALICE,
              CreateOpportunity.named("Closes " + date).withCloseDate(date)))
          .as(date.toString()).isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("closeDate"));
    }
    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  default void budgetMonthsComeBackExactlyAtTheEndsOfTheRangeAndAroundTheCutOver() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Budgeted"));
    List<BudgetLine> lines = List.of(
        BudgetLine.of(Limits.MIN_MONTH, Money.of("1.00", "EUR")),
        BudgetLine.of(YearMonth.of(1582, 10), Money.of("2.00", "EUR")),
        BudgetLine.of(YearMonth.of(1900, 1), Money.of("3.00", "EUR")),
        BudgetLine.of(Limits.MAX_MONTH, Money.of("999999999999999.99", "EUR")));

    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(account.id(), lines));

    assertThat(crm().budgets().get(ALICE, account.id()).months()).containsExactlyElementsOf(lines);
    assertThatThrownBy(() -> BudgetLine.of(YearMonth.of(0, 1), Money.of("1.00", "EUR")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  default void forecastMonthsComeBackExactlyAtTheEndsOfTheRangeAndAroundTheCutOver() {
    for (YearMonth start : List.of(Limits.MIN_MONTH, YearMonth.of(1582, 9), YearMonth.of(1899, 12),
        Limits.MAX_MONTH.minusMonths(2))) {
      Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Forecast from " + start)
          .withAmount(Money.of("300.00", "EUR")));

      crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), start, 3));

      assertThat(crm().forecasts().get(ALICE, o.id()).lines()).as(start.toString())
          .extracting(org.crmkit.forecast.ForecastLine::month)
          .containsExactly(start, start.plusMonths(1), start.plusMonths(2));
      assertThat(crm().forecasts().history(ALICE, o.id())).singleElement()
          .satisfies(h -> assertThat(h.after()).extracting(org.crmkit.forecast.ForecastLine::month)
              .containsExactly(start, start.plusMonths(1), start.plusMonths(2)));
    }
  }

  @Test
  default void amountsUpToTheStoredPrecisionComeBackExactlyAndLargerOnesAreRefusedBeforeStorage() {
    for (Money amount : List.of(Money.of("999999999999999.99", "EUR"), Money.of("999999999999999", "JPY"),
        Money.of("99999999999999.999", "BHD"), Money.of("0.01", "EUR"))) {
      Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Big").withAmount(amount));
      assertThat(crm().opportunities().get(ALICE, o.id()).amount()).contains(amount);
    }
    assertThatThrownBy(() -> Money.of("1000000000000000", "EUR")).isInstanceOf(ValidationException.class);
  }

  @Test
  default void textsWithEveryAllowedKindOfCharacterComeBackExactly() {
    String name = "Émile & Söhne 😀 ΣΊΣΥΦΟΣ \\ back\\slash";
    String description = "line one\r\nline two\n\ttabbed\\t literal 𝄞 ü";
    Account a = crm().accounts().create(ALICE, new CreateAccount(null, name, null, null, null, null, null, null,
        description, null, null));

    Account read = crm().accounts().get(ALICE, a.id());
    assertThat(read.name()).isEqualTo(name);
    assertThat(read.details().description()).isEqualTo(description);
  }

  @Test
  default void segmentsAtTheirLimitsComeBackExactly() {
    Map<String, String> segments = new LinkedHashMap<>();
    for (int i = 0; i < Limits.SEGMENT_DIMENSIONS; i++) {
      // backslashes are what the JPA adapter escapes: the longest stored form
      String key = String.format("d%02d", i) + "-".repeat(Limits.SEGMENT_KEY - 3);
      segments.put(key, "\\".repeat(Limits.SEGMENT_VALUE));
    }
    Account a = crm().accounts().create(ALICE, CreateAccount.named("Segmented").withSegments(segments));

    assertThat(crm().accounts().get(ALICE, a.id()).segments().values()).isEqualTo(segments);
  }

  @Test
  default void customTextsAtTheirLimitsComeBackExactlyAndLongerOnesAreRefusedOnEveryStorage() {
    int fields = Limits.CUSTOM_FIELDS_TOTAL / (Limits.CUSTOM_TEXT + 10);
    CustomFieldDefinition[] definitions = new CustomFieldDefinition[fields + 1];
    Map<String, CustomValue> values = new LinkedHashMap<>();
    for (int i = 0; i <= fields; i++) {
      definitions[i] = new CustomFieldDefinition(RecordType.LEAD, "note" + i, "Note " + i,
          org.crmkit.customfield.FieldType.TEXT, false, java.util.Set.of(), Limits.CUSTOM_TEXT);
      if (i < fields) {
        values.put("note" + i, CustomValue.text("\\\t\n".repeat(Limits.CUSTOM_TEXT / 3)));
      }
    }
    Crm crm = crm(b -> b.customFields(CustomFieldSchema.of(definitions)));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, null).withCustomFields(values));

    assertThat(crm.leads().get(ALICE, lead.id()).customFields().values()).isEqualTo(values);

    Map<String, CustomValue> tooMuch = new LinkedHashMap<>(values);
    tooMuch.put("note" + fields, CustomValue.text("x".repeat(Limits.CUSTOM_TEXT)));
    assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, null)
            .withCustomFields(tooMuch)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("customFields"));
  }

  @Test
  default void anEmailAddressOfTheLongestAllowedLengthComesBackExactly() {
    // 254 characters, with the longest local part (64) and domain labels (63) that well-formed addresses allow
    String email = "A".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
    assertThat(email).hasSize(Limits.EMAIL);
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, email));

    assertThat(crm().leads().get(ALICE, lead.id()).details().email()).hasToString(email);
  }
}
