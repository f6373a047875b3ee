package org.crmkit.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.crmkit.shared.RecordType;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/** An administrator's settings are plain data: they survive a JSON round trip with a stock ObjectMapper. */
class PolicyAndRulesAsJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aConversionPolicyRoundTripsThroughJson() throws Exception {
    ConversionPolicy policy = ConversionPolicy.builder("web-leads")
        .version(3)
        .map(ConversionTarget.ACCOUNT, "industry", "industry")
        .lock(ConversionTarget.ACCOUNT, "name")
        .overwriteOnLink(ConversionTarget.ACCOUNT, "website")
        .defaultAction(ConversionTarget.CONTACT, ConversionAction.MATCH_OR_CREATE)
        .opportunityNameTemplate("{company} - first order")
        .initialStage("needs_analysis")
        .convertibleStatuses("qualified", "contacted")
        .automaticConversionAllowed(true)
        .build();

    String text = json.writeValueAsString(policy);

    assertThat(json.readValue(text, ConversionPolicy.class)).isEqualTo(policy);
    assertThat(json.readValue(json.writeValueAsString(ConversionPolicy.defaults()), ConversionPolicy.class))
        .isEqualTo(ConversionPolicy.defaults());
  }

  @Test
  void workflowRulesRoundTripThroughJson() throws Exception {
    WorkflowRules rules = WorkflowRules.of(
        WorkflowRule.builder("auto-convert")
            .on(Trigger.leadStatusChangedTo("qualified"))
            .when(FieldCondition.isNotEmpty("company"))
            .then(WorkflowAction.convertLead("web-leads"),
                WorkflowAction.publishEvent("lead-converted", Map.of("who", "{fullName}")))
            .build(),
        WorkflowRule.builder("flag-big-deals")
            .on(Trigger.fieldChanged(RecordType.OPPORTUNITY, "amount"))
            .then(WorkflowAction.setField("nextStep", "call the customer"))
            .runAs("workflow")
            .build());

    String text = json.writeValueAsString(rules);

    assertThat(text).contains("\"runAs\":\"workflow\"");
    assertThat(json.readValue(text, WorkflowRules.class)).isEqualTo(rules);
  }

  @Test
  void aRuleStoredBeforeRunAsExistedRunsAsItsTrigger() throws Exception {
    String text = "{\"id\":\"r\",\"enabled\":true,\"trigger\":"
        + json.writeValueAsString(Trigger.created(RecordType.LEAD))
        + ",\"conditions\":[],\"actions\":[" + json.writeValueAsString(WorkflowAction.setField("title", "x")) + "]}";

    assertThat(json.readValue(text, WorkflowRule.class).runAs()).isNull();
  }
}
