package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateLead;
import org.crmkit.contact.ContactQuery;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.LeadConverted;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.crmkit.workflow.ActionType;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowDepthExceededException;
import org.crmkit.workflow.WorkflowEvent;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/** Contract: workflow rules run inside the triggering unit of work, convert leads automatically, chain safely. */
public interface WorkflowContract extends ContractSupport {

  /** A policy for web leads that may run automatically. */
  ConversionPolicy AUTO = ConversionPolicy.builder("web-auto").automaticConversionAllowed(true).build();

  /** Convert a lead automatically when it becomes qualified. */
  WorkflowRule AUTO_CONVERT = WorkflowRule.builder("auto-convert")
      .on(Trigger.leadStatusChangedTo("qualified"))
      .then(WorkflowAction.convertLead("web-auto"))
      .build();

  private Crm withRules(WorkflowRules rules) {
    return crm(b -> b.conversionPolicies(AUTO).workflows(rules));
  }

  private long leadCount(Crm crm) {
    return crm.leads().list(ALICE, LeadQuery.all(), PageRequest.first(1)).total();
  }

  private long accountCount(Crm crm) {
    return crm.accounts().list(ALICE, AccountQuery.all(), PageRequest.first(1)).total();
  }

  private long contactCount(Crm crm) {
    return crm.contacts().list(ALICE, ContactQuery.all(), PageRequest.first(1)).total();
  }

  @Test
  default void convertsALeadAutomaticallyWhenItsStatusBecomesQualified() {
    List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    Crm crm = crm(b -> b.conversionPolicies(AUTO).workflows(WorkflowRules.of(AUTO_CONVERT))
        .eventPublisher(events::add));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example")
        .leadSource("Web form"));
    assertThat(lead.isConverted()).isFalse();

    Lead qualified = crm.leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified"));

    assertThat(qualified.isConverted()).as("the use case returns the state the rule left").isTrue();
    Lead stored = crm.leads().get(ALICE, lead.id());
    assertThat(stored.isConverted()).isTrue();
    var info = stored.conversion().orElseThrow();
    assertThat(crm.accounts().get(ALICE, info.accountId()).name()).isEqualTo("Analytical Engines");
    assertThat(crm.contacts().get(ALICE, info.contactId()).details().lastName()).isEqualTo("Lovelace");
    Opportunity o = crm.opportunities().get(ALICE, info.opportunityId());
    assertThat(crm.opportunities().history(ALICE, o.id())).singleElement()
        .extracting(StageHistoryEntry::origin).isEqualTo(ChangeOrigin.LEAD_CONVERSION);
    ConversionRecord record = crm.conversions().records(ALICE, lead.id()).get(0);
    assertThat(record.automatic()).isTrue();
    assertThat(record.ruleId()).isEqualTo("auto-convert");
    assertThat(record.policyId()).isEqualTo("web-auto");
    assertThat(record.convertedBy()).isEqualTo(ALICE.userId());
    assertThat(record.leadBefore().status()).isEqualTo("qualified");
    assertThat(events).filteredOn(LeadConverted.class::isInstance).singleElement()
        .satisfies(e -> assertThat(e.actor()).as("a rule acts as its trigger, with its rights").isEqualTo(ALICE));
  }

  @Test
  default void convertsALeadCapturedAsQualifiedAtOnce() {
    Crm crm = withRules(WorkflowRules.of(AUTO_CONVERT));

    Lead lead = crm.leads().create(ALICE,
        CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example").status("qualified"));

    assertThat(lead.isConverted()).isTrue();
    assertThat(accountCount(crm)).isOne();
  }

  @Test
  default void aRejectedAutomaticConversionFailsTheStatusChangeWithTheReason() {
    Crm crm = withRules(WorkflowRules.of(AUTO_CONVERT));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Grace", "Hopper", null, "grace@navy.example"));

    assertThatThrownBy(() -> crm.leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified")))
        .isInstanceOf(WorkflowActionFailedException.class)
        .hasMessageContaining("auto-convert")
        .hasMessageContaining("account.name")
        .hasMessageContaining("not saved")
        .satisfies(e -> assertThat(((WorkflowActionFailedException) e).action()).isEqualTo(ActionType.CONVERT_LEAD));

    Lead stored = crm.leads().get(ALICE, lead.id());
    assertThat(stored.status()).isEqualTo("new");
    assertThat(stored.version()).isEqualTo(lead.version());
    assertThat(contactCount(crm)).isZero();
  }

  @Test
  default void aStorageFailureInsideAnActionRollsBackTheTriggeringChange() {
    Crm crm = withRules(WorkflowRules.of(AUTO_CONVERT));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));
    storage().failNext(Operation.SAVE_OPPORTUNITY);

    assertThatThrownBy(() -> crm.leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified")))
        .isInstanceOf(FaultyStorage.InjectedFault.class);

    assertThat(crm.leads().get(ALICE, lead.id()).status()).isEqualTo("new");
    assertThat(accountCount(crm)).isZero();
    assertThat(contactCount(crm)).isZero();
  }

  @Test
  default void aFailingSetFieldActionFailsTheSaveThatTriggeredIt() {
    Crm crm = withRules(WorkflowRules.of(WorkflowRule.builder("disqualify-competitors")
        .on(Trigger.created(RecordType.LEAD))
        .when(FieldCondition.contains("company", "competitor"))
        .then(WorkflowAction.setField("status", "unqualified"))
        .build()));

    assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("Eve", "Spy", "Competitor Inc", null)))
        .isInstanceOf(WorkflowActionFailedException.class)
        .hasMessageContaining("disqualify-competitors")
        .hasMessageContaining("reason");
    assertThat(leadCount(crm)).isZero();

    crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    assertThat(leadCount(crm)).as("the condition keeps the rule quiet").isOne();
  }

  @Test
  default void setsAFieldWhenAnotherChangesToAValue() {
    Crm crm = withRules(WorkflowRules.of(WorkflowRule.builder("banking-is-regulated")
        .on(Trigger.fieldChangedTo(RecordType.LEAD, "industry", "Banking"))
        .then(WorkflowAction.setField("description", "Regulated industry: involve compliance"))
        .build()));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    assertThat(lead.details().description()).isNull();

    Lead updated = crm.leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).industry("Banking"));

    assertThat(updated.details().description()).isEqualTo("Regulated industry: involve compliance");
    assertThat(crm.leads().get(ALICE, lead.id()).details().description())
        .isEqualTo("Regulated industry: involve compliance");
  }

  @Test
  default void returnsAccountsAndContactsAsTheRulesLeftThem() {
    Crm crm = withRules(WorkflowRules.of(
        WorkflowRule.builder("new-accounts-are-prospects")
            .on(Trigger.created(RecordType.ACCOUNT))
            .then(WorkflowAction.setField("description", "Prospect: qualify within a week"))
            .build(),
        WorkflowRule.builder("titles-for-new-contacts")
            .on(Trigger.created(RecordType.CONTACT))
            .when(FieldCondition.isEmpty("title"))
            .then(WorkflowAction.setField("title", "Unknown"))
            .build()));

    org.crmkit.account.Account account = crm.accounts().create(ALICE, org.crmkit.application.CreateAccount.named("Acme"));
    org.crmkit.contact.Contact contact = crm.contacts().create(ALICE,
        org.crmkit.application.CreateContact.of(account.id(), "Wile", "Coyote", null));

    assertThat(account.details().description()).isEqualTo("Prospect: qualify within a week");
    assertThat(account.version()).isEqualTo(crm.accounts().get(ALICE, account.id()).version());
    assertThat(contact.details().title()).isEqualTo("Unknown");
  }

  @Test
  default void reactsToStageChangesAndRecordsTheirHistoryAsWorkflowChanges() {
    Crm crm = withRules(WorkflowRules.of(WorkflowRule.builder("proposal-deadline")
        .on(Trigger.stageChangedTo("proposal"))
        .when(FieldCondition.isEmpty("closeDate"))
        .then(WorkflowAction.setField("closeDate", "2026-04-30"), WorkflowAction.setField("nextStep", "Send it"))
        .build()));
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal"));

    Opportunity moved = crm.opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "proposal"));

    assertThat(moved.closeDate()).contains(LocalDate.of(2026, 4, 30));
    assertThat(moved.nextStep()).contains("Send it");
    List<StageHistoryEntry> history = crm.opportunities().history(ALICE, o.id());
    assertThat(history).extracting(StageHistoryEntry::origin)
        .containsExactly(ChangeOrigin.DIRECT, ChangeOrigin.DIRECT, ChangeOrigin.WORKFLOW);
    assertThat(history.get(2).closeDate()).isEqualTo(LocalDate.of(2026, 4, 30));
  }

  @Test
  default void publishesACustomEventToTheHostOnlyWhenTheChangeCommits() {
    List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    WorkflowRules rules = WorkflowRules.of(
        WorkflowRule.builder("notify-sales")
            .on(Trigger.created(RecordType.LEAD))
            .then(WorkflowAction.publishEvent("new-lead", Map.of("who", "{fullName}", "company", "{company}")))
            .build(),
        WorkflowRule.builder("no-spam")
            .on(Trigger.created(RecordType.LEAD))
            .when(FieldCondition.equalTo("lastName", "Spam"))
            .then(WorkflowAction.setField("status", "unqualified"))
            .build());
    Crm crm = crm(b -> b.workflows(rules).eventPublisher(events::add));

    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));

    assertThat(events).filteredOn(WorkflowEvent.class::isInstance).singleElement().satisfies(e -> {
      WorkflowEvent w = (WorkflowEvent) e;
      assertThat(w.name()).isEqualTo("new-lead");
      assertThat(w.ruleId()).isEqualTo("notify-sales");
      assertThat(w.recordId()).isEqualTo(lead.id().value());
      assertThat(w.data()).containsEntry("who", "Ada Lovelace").containsEntry("company", "AE");
    });

    events.clear();
    assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("Sam", "Spam", "Junk", null)))
        .as("notify-sales queued its event, then no-spam failed (an unqualified status needs a reason)")
        .isInstanceOf(WorkflowActionFailedException.class)
        .hasMessageContaining("no-spam");
    assertThat(events).isEmpty();
    assertThat(leadCount(crm)).isOne();
  }

  @Test
  default void aDisabledRuleNeverFires() {
    Crm crm = withRules(WorkflowRules.of(WorkflowRule.builder("off")
        .on(Trigger.leadStatusChangedTo("qualified")).then(WorkflowAction.convertLead("web-auto")).enabled(false)
        .build()));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    assertThat(crm.leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified"))
        .isConverted()).isFalse();
  }

  @Test
  default void runsChainedRulesWithinTheDepthLimit() {
    Crm crm = withRules(WorkflowRules.of(
        WorkflowRule.builder("tag-web-leads")
            .on(Trigger.created(RecordType.LEAD))
            .when(FieldCondition.equalTo("leadSource", "Web form"))
            .then(WorkflowAction.setField("title", "Web visitor"))
            .build(),
        WorkflowRule.builder("qualify-web-visitors")
            .on(Trigger.fieldChangedTo(RecordType.LEAD, "title", "Web visitor"))
            .when(FieldCondition.isNotEmpty("company"))
            .then(WorkflowAction.setField("status", "qualified"))
            .build(),
        AUTO_CONVERT).withMaxDepth(3));

    Lead lead = crm.leads().create(ALICE,
        CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example").leadSource("Web form"));

    assertThat(lead.isConverted()).as("three rules chained: tag, qualify, convert").isTrue();
    assertThat(crm.leads().get(ALICE, lead.id()).details().title()).isEqualTo("Web visitor");
    assertThat(accountCount(crm)).isOne();
  }

  @Test
  default void failsTheSaveClearlyWhenRulesChainDeeperThanTheLimit() {
    Crm crm = withRules(WorkflowRules.of(
        WorkflowRule.builder("ping")
            .on(Trigger.fieldChangedTo(RecordType.LEAD, "description", "ping"))
            .then(WorkflowAction.setField("description", "pong"))
            .build(),
        WorkflowRule.builder("pong")
            .on(Trigger.fieldChangedTo(RecordType.LEAD, "description", "pong"))
            .then(WorkflowAction.setField("description", "ping"))
            .build()).withMaxDepth(4));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));

    assertThatThrownBy(() -> crm.leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).description("ping")))
        .isInstanceOf(WorkflowDepthExceededException.class)
        .hasMessageContaining("limit of 4")
        .hasMessageContaining("ping -> pong -> ping -> pong -> ping")
        .satisfies(e -> assertThat(((WorkflowDepthExceededException) e).chain()).hasSize(5));

    Lead stored = crm.leads().get(ALICE, lead.id());
    assertThat(stored.details().description()).isNull();
    assertThat(stored.version()).isEqualTo(lead.version());
  }

  @Test
  default void refusesRulesThatDoNotFitTheConfiguration() {
    WorkflowRule convertWithManualPolicy = WorkflowRule.builder("convert")
        .on(Trigger.leadStatusChangedTo("qualified")).then(WorkflowAction.convertLead(ConversionPolicy.DEFAULT_ID))
        .build();
    assertThatThrownBy(() -> crm(b -> b.workflows(WorkflowRules.of(convertWithManualPolicy))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("does not allow automatic conversion");

    WorkflowRule unknownField = WorkflowRule.builder("typo")
        .on(Trigger.fieldChanged(RecordType.ACCOUNT, "revenue")).then(WorkflowAction.setField("cty", "Oulu"))
        .build();
    assertThatThrownBy(() -> crm(b -> b.workflows(WorkflowRules.of(unknownField))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("revenue")
        .hasMessageContaining("cty");

    WorkflowRule unknownStatus = WorkflowRule.builder("status")
        .on(Trigger.leadStatusChangedTo("hot")).then(WorkflowAction.convertLead("web-auto")).build();
    assertThatThrownBy(() -> withRules(WorkflowRules.of(unknownStatus)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("hot is not a lead status");
  }

  @Test
  default void rulesWithoutChangesDoNotLoopOrWrite() {
    List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    Crm crm = crm(b -> b.eventPublisher(events::add).workflows(WorkflowRules.of(WorkflowRule.builder("normalise-source")
        .on(Trigger.fieldChanged(RecordType.LEAD, "leadSource"))
        .then(WorkflowAction.setField("leadSource", "Web"))
        .build()).withMaxDepth(2)));

    java.util.concurrent.atomic.AtomicInteger leadSaves = new java.util.concurrent.atomic.AtomicInteger();
    storage().beforeEach(op -> {
      if (op == Operation.SAVE_LEAD) {
        leadSaves.incrementAndGet();
      }
    });

    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null).leadSource("web form"));
    storage().reset();

    assertThat(lead.details().leadSource()).isEqualTo("Web");
    // The rule wrote once ("web form" -> "Web"); its second firing found nothing to change and wrote nothing.
    assertThat(leadSaves).as("lead saves: the creation and the rule's one change").hasValue(2);
    assertThat(lead.version()).isEqualTo(2);
    assertThat(crm.leads().get(ALICE, lead.id()).version()).isEqualTo(2);
    assertThat(events).filteredOn(org.crmkit.lead.LeadChanged.class::isInstance).hasSize(2);
  }

  @Test
  default void aRuleWhoseValueIsAlreadySetWritesNothing() {
    Crm crm = withRules(WorkflowRules.of(WorkflowRule.builder("next-step")
        .on(Trigger.created(RecordType.OPPORTUNITY))
        .then(WorkflowAction.setField("leadSource", "Partner"))
        .build()));
    List<Operation> writes = Collections.synchronizedList(new ArrayList<>());
    storage().beforeEach(writes::add);

    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets").leadSource("Partner"));
    storage().reset();

    assertThat(writes).as("only the creation and its history entry were written")
        .containsExactly(Operation.SAVE_OPPORTUNITY, Operation.APPEND_HISTORY);
    assertThat(o.version()).isEqualTo(1);
    assertThat(crm.opportunities().get(ALICE, o.id()).version()).isEqualTo(1);
    assertThat(crm.opportunities().history(ALICE, o.id())).hasSize(1);
  }
}
