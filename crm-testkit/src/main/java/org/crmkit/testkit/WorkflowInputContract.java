package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.BudgetLine;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/**
 * Contract: workflow and planning input a host may get wrong is refused with a named problem: SET_FIELD values
 * when the Crm is built, action failures at run time as WorkflowActionFailedException, null and far months as
 * ValidationException. Never a raw NullPointer, IllegalArgument, Arithmetic or DateTime exception.
 */
public interface WorkflowInputContract extends ContractSupport {
  YearMonth FAR = YearMonth.of(999_999_999, 12);

  private static WorkflowRules setting(String field, String value) {
    return WorkflowRules.of(WorkflowRule.builder("bad")
        .on(Trigger.created(RecordType.OPPORTUNITY))
        .then(WorkflowAction.setField(field, value))
        .build());
  }

  private static void assertField(Throwable e, String field) {
    assertThat(((ValidationException) e).errors()).extracting(FieldError::field).contains(field);
  }

  @Test
  default void setFieldValuesThatCanNeverBeWrittenAreRefusedWhenTheCrmIsBuilt() {
    List<String[]> bad = List.of(
        new String[] {"probability", "50.5"}, new String[] {"probability", "1e10"},
        new String[] {"probability", "500"}, new String[] {"probability", "-1"}, new String[] {"probability", "many"},
        new String[] {"amount", "-5.00 EUR"}, new String[] {"amount", "12"}, new String[] {"closeDate", "next week"},
        new String[] {"stage", "closed_won"}, new String[] {"stage", "dreaming"}, new String[] {"owner", ""},
        new String[] {"name", ""});
    for (String[] fieldAndValue : bad) {
      assertThatThrownBy(() -> crm(b -> b.workflows(setting(fieldAndValue[0], fieldAndValue[1]))))
          .as("SET_FIELD %s = '%s'", fieldAndValue[0], fieldAndValue[1])
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("rule bad: SET_FIELD " + fieldAndValue[0]);
    }
  }

  @Test
  default void setFieldValuesOfTheFieldsTypeBuildAndApply() {
    Crm crm = crm(b -> b.workflows(WorkflowRules.of(WorkflowRule.builder("good")
        .on(Trigger.created(RecordType.OPPORTUNITY))
        .then(WorkflowAction.setField("probability", "50.0"), WorkflowAction.setField("amount", "12.50 EUR"),
            WorkflowAction.setField("closeDate", "2026-06-30"))
        .build())));

    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets"));

    assertThat(o.probability().percent()).isEqualTo(50);
    assertThat(o.amount()).contains(Money.of("12.50", "EUR"));
  }

  @Test
  default void anActionThatFailsAtRunTimeIsAWorkflowActionFailedAndWritesNothing() {
    Crm crm = crm(b -> b.workflows(WorkflowRules.of(WorkflowRule.builder("clear-date")
        .on(Trigger.stageChangedTo("closed_won"))
        .then(WorkflowAction.setField("closeDate", null))
        .build())));
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets"));

    assertThatThrownBy(() -> crm.opportunities().win(ALICE, new WinOpportunity(o.id(), null, null)))
        .isInstanceOf(WorkflowActionFailedException.class)
        .hasMessageContaining("clear-date").hasMessageContaining("keeps its close date");

    Opportunity stored = crm.opportunities().get(ALICE, o.id());
    assertThat(stored.stage()).isEqualTo(o.stage());
    assertThat(stored.version()).isEqualTo(o.version());
  }

  @Test
  default void removingNullBudgetMonthsIsAValidationErrorOnMonths() {
    Account a = crm().accounts().create(ALICE, CreateAccount.named("Acme"));

    assertThatThrownBy(() -> crm().budgets().removeMonths(ALICE, a.id(), null, Arrays.asList((YearMonth) null)))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "months"));
    assertThatThrownBy(() -> crm().budgets().removeMonths(ALICE, a.id(), null, null))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "months"));
  }

  @Test
  default void farMonthsInForecastsBudgetsAndTheAccountCardAreValidationErrors() {
    Account a = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Opportunity o = crm().opportunities().create(ALICE,
        CreateOpportunity.named("Fleet").withAccount(a.id()).withAmount(Money.of("100.00", "EUR")));

    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), FAR, 2)))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "start"));
    assertThatThrownBy(() -> crm().forecasts().splitEvenly(ALICE,
            SplitForecast.ofAmount(o.id(), YearMonth.of(9999, 12), 2)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("would end after 9999-12");
    assertThatThrownBy(() -> crm().forecasts().editLine(ALICE,
            EditForecastLine.of(o.id(), FAR, Money.of("1.00", "EUR"))))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "month"));
    assertThatThrownBy(() -> crm().budgets().setMonths(ALICE,
            SetBudgetMonths.of(a.id(), List.of(BudgetLine.of(FAR, Money.of("1.00", "EUR"))))))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "months[" + FAR + "].month"));
    assertThatThrownBy(() -> crm().accountCards().card(ALICE, a.id(), FAR, FAR))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "from"));
    assertThatThrownBy(() -> crm().accountCards().card(ALICE, a.id(), YearMonth.of(9999, 1), FAR))
        .isInstanceOf(ValidationException.class).satisfies(e -> assertField(e, "to"));

    assertThat(crm().forecasts().get(ALICE, o.id()).lines()).as("nothing was written").isEmpty();
    assertThat(crm().accountCards().card(ALICE, a.id(), YearMonth.of(9999, 1), YearMonth.of(9999, 12)).months())
        .as("the last supported year works").hasSize(12);
  }
}
