package org.crmkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.RecordType;
import org.junit.jupiter.api.Test;

/** Broken workflow rule data is refused as it is made, with a ConfigurationException that names the problem. */
class WorkflowRulesInputTest {
  private static final WorkflowRule RULE = WorkflowRule.builder("r1")
      .on(Trigger.created(RecordType.LEAD)).then(WorkflowAction.setField("title", "New")).build();

  private static void refused(ThrowingCallable making, String problem) {
    assertThatThrownBy(making).isInstanceOf(ConfigurationException.class).hasMessageContaining(problem);
  }

  @Test
  void refusesADepthLimitOutsideOneToTwenty() {
    refused(() -> WorkflowRules.of(RULE).withMaxDepth(0), "maxDepth must be 1..20, was 0");
    refused(() -> WorkflowRules.of(RULE).withMaxDepth(1000), "maxDepth must be 1..20, was 1000");
    assertThat(WorkflowRules.of(RULE).withMaxDepth(20).maxDepth()).isEqualTo(20);
  }

  @Test
  void refusesARuleIdUsedTwice() {
    refused(() -> WorkflowRules.of(RULE, RULE), "workflow rule id r1 appears twice");
  }

  @Test
  void refusesNullRulesAndNullEntriesButAcceptsAnEmptyList() {
    refused(() -> new WorkflowRules(null, 5), "workflow rules are required");
    refused(() -> new WorkflowRules(Arrays.asList(RULE, null), 5), "entry 1 is null");
    refused(() -> WorkflowRules.of((WorkflowRule) null), "entry 0 is null");
    assertThat(new WorkflowRules(List.of(), 5).rules()).isEmpty();
  }

  @Test
  void refusesARuleWithoutIdTriggerOrActions() {
    refused(() -> WorkflowRule.builder("").on(Trigger.created(RecordType.LEAD))
        .then(WorkflowAction.setField("title", "x")).build(), "rule id '' must be 1-100 letters");
    refused(() -> WorkflowRule.builder(null).build(), "rule id 'null'");
    refused(() -> WorkflowRule.builder("r").then(WorkflowAction.setField("title", "x")).build(),
        "rule r: the trigger is required");
    refused(() -> WorkflowRule.builder("r").on(Trigger.created(RecordType.LEAD)).build(),
        "rule r needs at least one action");
    refused(() -> new WorkflowRule("r", true, Trigger.created(RecordType.LEAD), null, null),
        "rule r: actions are required");
    refused(() -> WorkflowRule.builder("r").on(null), "rule r: the trigger is required");
    refused(() -> WorkflowRule.builder("r").then((WorkflowAction) null), "rule r: actions must not contain null");
    refused(() -> WorkflowRule.builder("r").when((FieldCondition) null), "rule r: conditions must not contain null");
  }

  @Test
  void refusesTriggersOnTheWrongRecordType() {
    refused(() -> new Trigger(TriggerType.STAGE_CHANGED, RecordType.LEAD, null, null),
        "STAGE_CHANGED is a trigger of opportunities and takes no field, was on LEAD");
    refused(() -> new Trigger(TriggerType.LEAD_STATUS_CHANGED, RecordType.OPPORTUNITY, null, null),
        "LEAD_STATUS_CHANGED is a trigger of leads");
    refused(() -> Trigger.created(RecordType.BILLING_FORECAST), "not BILLING_FORECAST");
    refused(() -> Trigger.created(null), "trigger recordType is required");
    refused(() -> Trigger.stageChangedTo(null), "the stage is required");
    refused(() -> new Trigger(TriggerType.FIELD_CHANGED, RecordType.LEAD, " ", null), "FIELD_CHANGED needs a field");
  }

  @Test
  void refusesActionsWithPartsThatDoNotBelongAndNullEventData() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("who", null);
    refused(() -> WorkflowAction.publishEvent("done", nullValue), "event data 'who' has a null value");
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "x");
    refused(() -> WorkflowAction.publishEvent("done", nullName), "event data has a null name");
    refused(() -> WorkflowAction.setField(null, "x"), "a SET_FIELD action takes only a field and a value");
    refused(() -> WorkflowAction.convertLead(" "), "a CONVERT_LEAD action takes only a policy id");
    refused(() -> new WorkflowAction(null, null, null, null, null, null), "action type is required");
  }

  @Test
  void refusesBrokenConditions() {
    refused(() -> FieldCondition.equalTo("company", null), "condition on company: EQUALS needs a value");
    refused(() -> new FieldCondition(null, FieldCondition.Operator.IS_EMPTY, null), "a condition needs a field");
    refused(() -> new FieldCondition("company", FieldCondition.Operator.IS_EMPTY, "x"), "IS_EMPTY takes no value");
  }

  @Test
  void brokenJsonDocumentsFailWithTheConfigurationProblemAsCause() {
    ObjectMapper json = new ObjectMapper();
    assertThatThrownBy(() -> json.readValue("{\"rules\":[null],\"maxDepth\":5}", WorkflowRules.class))
        .hasRootCauseInstanceOf(ConfigurationException.class).hasMessageContaining("entry 0 is null");
    assertThatThrownBy(() -> json.readValue("{\"rules\":[],\"maxDepth\":1000}", WorkflowRules.class))
        .hasRootCauseInstanceOf(ConfigurationException.class).hasMessageContaining("maxDepth must be 1..20");
    assertThatThrownBy(() -> json.readValue(
            "{\"type\":\"STAGE_CHANGED\",\"recordType\":\"LEAD\",\"field\":null,\"value\":null}", Trigger.class))
        .hasRootCauseInstanceOf(ConfigurationException.class).hasMessageContaining("STAGE_CHANGED");
  }
}
