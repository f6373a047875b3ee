package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.RecordType;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Limits;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Contract: input beyond the core's limits ({@link Limits}) is refused up front with the same field error on every
 * storage, never by the database; and case-insensitive search follows one folding rule everywhere.
 */
public interface LimitsContract extends ContractSupport {

  private static void refusedNaming(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly(field));
  }

  @Test
  default void unpairedSurrogatesAndControlCharactersAreRefusedInEveryTextField() {
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("Lone \uD800 surrogate")), "name");
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("NUL \u0000 inside")), "name");
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("Two\nlines")), "name");
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("Acme").description("NUL \u0000 in a description")), "description");
    refusedNaming(() -> crm().leads().create(ALICE, CreateLead.of("Ada", "Love\uDC00lace", null, null)),
        "lastName");
    refusedNaming(() -> crm().opportunities().create(ALICE, CreateOpportunity.named("Deal \u0007")), "name");

    assertThat(crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(10)).items()).isEmpty();
    assertThat(crm().leads().list(ALICE, LeadQuery.all(), PageRequest.first(10)).items()).isEmpty();
    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  default void textsLongerThanTheirFieldAreRefusedNamingTheField() {
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("x".repeat(Limits.NAME + 1))), "name");
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("Acme")
        .segments(Map.of("region", "x".repeat(Limits.SEGMENT_VALUE + 1)))), "segments.region");
    refusedNaming(() -> crm().accounts().create(ALICE, CreateAccount.named("Acme")
        .segments(Map.of("region", "x".repeat(4001)))), "segments.region");
  }

  @Test
  default void anEmailAddressWhoseLowerCaseFormOutgrowsTheLimitIsRefused() {
    String growing = "\u0130".repeat(4) + "a".repeat(Limits.EMAIL - 16) + "@example.com";

    refusedNaming(() -> crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, growing)), "email");
    assertThat(crm().leads().list(ALICE, LeadQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  default void aHugeAmountIsRefusedAtOnceInAWorkflowRuleAndInAConversionOverride() {
    // 1E+100000000 would be a number of 100 million digits once scaled to cents: refused before any arithmetic.
    String huge = "1E+100000000 EUR";
    assertThatThrownBy(() -> crm(b -> b.workflows(WorkflowRules.of(WorkflowRule.builder("inflate")
            .on(Trigger.created(RecordType.OPPORTUNITY))
            .then(WorkflowAction.setField("amount", huge))
            .build()))))
        .isInstanceOf(CrmException.class).hasMessageContaining("amount");

    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));
    assertThatThrownBy(() -> crm().conversions().convert(ALICE, ConvertLead.of(lead.id())
            .override(ConversionTarget.OPPORTUNITY, "amount", CustomValue.text(huge))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).containsExactly("overrides.opportunity.amount"));
    assertThat(crm().leads().get(ALICE, lead.id()).isConverted()).isFalse();
  }

  @Test
  default void monthsBeyondTheSupportedRangeAreRefusedByTheAccountCardAndTheForecast() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Far future"));
    refusedNaming(() -> crm().accountCards().card(ALICE, account.id(), YearMonth.of(999_999_999, 1),
        YearMonth.of(999_999_999, 12)), "from");
    refusedNaming(() -> crm().accountCards().card(ALICE, account.id(), YearMonth.of(9999, 1),
        YearMonth.of(10_000, 1)), "to");
    var o = crm().opportunities().create(ALICE, CreateOpportunity.named("Far")
        .amount(org.crmkit.shared.Money.of("100.00", "EUR")));
    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE,
            org.crmkit.application.SplitForecast.ofAmount(o.id(), YearMonth.of(9999, 12), 2)))
        .isInstanceOf(ValidationException.class);
    assertThat(crm().forecasts().get(ALICE, o.id()).lines()).isEmpty();
  }

  @Test
  default void accountSearchFoldsCaseAndAccentsTheSameWayOnEveryStorage() {
    Account istanbul = crm().accounts().create(ALICE, CreateAccount.named("İstanbul Ltd"));
    Account sisyphus = crm().accounts().create(ALICE, CreateAccount.named("ΣΊΣΥΦΟΣ AE"));
    Account strasse = crm().accounts().create(ALICE, CreateAccount.named("Hauptstraße GmbH"));
    crm().accounts().create(ALICE, CreateAccount.named("Ankara Oy"));

    for (var search : List.of(
        Map.entry("istanbul", istanbul), Map.entry("ISTANBUL", istanbul), Map.entry("ıstanbul", istanbul),
        Map.entry("σίσυφος", sisyphus), Map.entry("Σισυφος", sisyphus),
        Map.entry("STRASSE", strasse), Map.entry("straße", strasse))) {
      List<Account> found = crm().accounts().list(ALICE, new AccountQuery(null, search.getKey()),
          PageRequest.first(10)).items();
      assertThat(found).as(search.getKey()).extracting(Account::id).containsExactly(search.getValue().id());
    }
    assertThat(crm().accounts().list(ALICE, new AccountQuery(null, "sisyphus"), PageRequest.first(10)).items())
        .as("folding is not transliteration").isEmpty();
  }

  @Test
  default void aSearchWithLikeWildcardsFindsThemLiterally() {
    Account percent = crm().accounts().create(ALICE, CreateAccount.named("100% Pure_Water"));
    crm().accounts().create(ALICE, CreateAccount.named("1000 Pure Water"));

    assertThat(crm().accounts().list(ALICE, new AccountQuery(null, "100%"), PageRequest.first(10)).items())
        .extracting(Account::id).containsExactly(percent.id());
    assertThat(crm().accounts().list(ALICE, new AccountQuery(null, "e_w"), PageRequest.first(10)).items())
        .extracting(Account::id).containsExactly(percent.id());
  }
}
