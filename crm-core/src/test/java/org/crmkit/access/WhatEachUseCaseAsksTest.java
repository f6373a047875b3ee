package org.crmkit.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.BudgetLine;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordType;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/** Which operation each use case asks the policy about, recorded by a policy that permits everything. */
class WhatEachUseCaseAsksTest extends AccessFixture {
  private final OwnerAccessPolicyUseCasesTest.RecordingPolicy policy = new OwnerAccessPolicyUseCasesTest.RecordingPolicy();
  private final Crm crm = crm(policy);

  @Test
  void stageMovesAskChangeStageForecastEditsAskEditForecastAndBudgetsAskEditBudget() {
    Account account = account(crm, ANN, "Ann Oy");
    Opportunity deal = opportunity(crm, ANN, account);
    policy.asked.clear();

    Opportunity moved = crm.opportunities().changeStage(ANN, ChangeStage.of(deal.id(), deal.version(), "proposal"));
    Opportunity won = crm.opportunities().win(ANN, WinOpportunity.of(moved.id(), moved.version()));
    crm.opportunities().reopen(ANN, ReopenOpportunity.of(won.id(), won.version(), "proposal"));
    crm.forecasts().editLine(ANN, EditForecastLine.of(deal.id(), YearMonth.of(2026, 4), Money.of("10.00", "EUR")));
    crm.budgets().setMonths(ANN, SetBudgetMonths.of(account.id(),
        List.of(BudgetLine.of(YearMonth.of(2026, 4), Money.of("10.00", "EUR")))));

    assertThat(policy.asked).containsExactly("CHANGE_STAGE OPPORTUNITY ann", "CHANGE_STAGE OPPORTUNITY ann",
        "CHANGE_STAGE OPPORTUNITY ann", "EDIT_FORECAST OPPORTUNITY ann", "EDIT_BUDGET ACCOUNT ann");
  }

  @Test
  void conversionAsksConvertOnTheLeadAndCreateForWhatItCreatesAndUndoOnlyConvert() {
    Lead lead = lead(crm, ANN, "Ann Co");
    policy.asked.clear();

    crm.conversions().convert(BOB, ConvertLead.of(lead.id()));

    assertThat(policy.asked).contains("CONVERT LEAD ann", "CREATE ACCOUNT ann", "CREATE CONTACT ann",
        "CREATE OPPORTUNITY ann").doesNotContain("CHANGE LEAD ann");
    policy.asked.clear();
    crm.conversions().undo(BOB, lead.id());
    assertThat(policy.asked).isNotEmpty().containsOnly("CONVERT LEAD ann");
  }

  @Test
  void aRuleSettingAnOpportunitysStageAsksChangeStageAndOneSettingTheOwnerAsksAssign() {
    Crm withRules = crm(b -> b.accessPolicy(policy).workflows(WorkflowRules.of(
        WorkflowRule.builder("advance").on(Trigger.created(RecordType.OPPORTUNITY))
            .then(WorkflowAction.setField("stage", "proposal")).build(),
        WorkflowRule.builder("route").on(Trigger.created(RecordType.LEAD))
            .then(WorkflowAction.setField("owner", "bob")).build())));
    Account account = account(withRules, ANN, "Ann Oy");
    policy.asked.clear();

    withRules.opportunities().create(ANN, CreateOpportunity.named("x").accountId(account.id()));
    lead(withRules, ANN, "Ann Co");

    assertThat(policy.asked).containsExactly("CREATE OPPORTUNITY ann", "CHANGE_STAGE OPPORTUNITY ann",
        "CREATE LEAD ann", "CHANGE LEAD ann", "ASSIGN LEAD bob");
  }

  @Test
  void aConversionProblemNamesTheContactsOwnAccountOnlyWhenTheActorMaySeeIt() {
    Crm owners = crm(OwnerAccessPolicy.over(TEAMS));
    Account bobs = account(owners, BOB, "Bob Oy");
    Contact annsContactAtBobs = owners.contacts().create(ROOT, CreateContact.of(bobs.id(), "Wile", "Coyote", null)
        .owner(ANN.userId()));
    Lead lead = lead(owners, ANN, "Ann Co");
    ConvertLead linkingTheContact = ConvertLead.of(lead.id()).contact(TargetChoice.link(annsContactAtBobs.id()));

    ConversionOutcome asAnn = owners.conversions().convert(ANN, linkingTheContact);
    ConversionOutcome asRoot = owners.conversions().convert(ROOT, linkingTheContact);

    assertThat(problem(asAnn).message()).contains("belongs to another account").doesNotContain(bobs.id().toString());
    assertThat(problem(asRoot).message()).contains("belongs to account " + bobs.id());
  }

  private static ConversionProblem problem(ConversionOutcome outcome) {
    assertThat(outcome).isInstanceOf(ConversionOutcome.Rejected.class);
    return ((ConversionOutcome.Rejected) outcome).problems().stream()
        .filter(p -> p.reason() == ConversionProblem.Reason.CONTACT_NOT_IN_ACCOUNT).findFirst().orElseThrow();
  }
}
