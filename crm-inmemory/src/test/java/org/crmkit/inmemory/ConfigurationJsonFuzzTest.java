package org.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.crmkit.Crm;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordType;
import org.crmkit.testkit.fuzz.HostileValues;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Conversion policies and workflow rules as an administrator stores them, read by a stock Jackson ObjectMapper and
 * then randomly broken (null entries, wrong types, missing and unknown fields, duplicates, extreme numbers and
 * maxDepth, hostile texts): each document is read and built into a {@link Crm}, or refused with Jackson's own error
 * (wrong JSON types) or a {@link CrmException} (a value the core refuses), and {@code Crm.build} refuses it with a
 * {@link ConfigurationException}; never another exception, never a hang. A Crm that was built then runs a few
 * writes the rules react to: each succeeds or fails with a {@link CrmException}.
 *
 * <p>Seeded: {@code -Dcrmkit.fuzz.seed}, {@code -Dcrmkit.fuzz.batch} (documents per repetition, default 25).
 */
class ConfigurationJsonFuzzTest {
  private static final long SEED = Long.getLong("crmkit.fuzz.seed", 20_261_202L);
  private static final int BATCH = Integer.getInteger("crmkit.fuzz.batch", 25);
  private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("crmkit.fuzz.timeoutSeconds", 10));
  private static final Actor ADMIN = Actor.user("admin");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper json = new ObjectMapper();
  private final List<String> findings = new ArrayList<>();
  private int documents;
  private int built;
  private int refused;

  @RepeatedTest(12)
  void mutatedPoliciesAndRulesAreBuiltOrRefusedWithADocumentedError(RepetitionInfo repetition) {
    long seed = SEED * 1_000 + repetition.getCurrentRepetition();
    HostileValues v = new HostileValues(seed);
    List<JsonNode> policies = List.of(json.valueToTree(ConversionPolicy.defaults()), json.valueToTree(webLeads()));
    JsonNode rules = json.valueToTree(rules());
    assertTimeoutPreemptively(TIMEOUT, () -> {
      for (int i = 0; i < BATCH; i++) {
        JsonNode policy = v.oneOf(policies);
        if (v.chance(40)) {
          policy = mutate(policy, v);
        }
        JsonNode mutatedRules = v.chance(60) ? mutate(rules, v) : rules;
        if (v.chance(20)) {
          ((ObjectNode) mutatedRules).put("maxDepth", v.oneOf(-1, 0, 1, 2, 5, 1000, 100_000, Integer.MAX_VALUE,
              Integer.MIN_VALUE));
        }
        judge(policy.toString(), mutatedRules.toString());
      }
    }, () -> "seed " + seed + ": a batch of " + BATCH + " documents did not finish within " + TIMEOUT);
    assertNoFindings("seed " + seed);
  }

  @Test
  void theUnbrokenDocumentsReadBuildAndRun() throws Exception {
    ConversionPolicy policy = json.readValue(json.writeValueAsString(webLeads()), ConversionPolicy.class);
    WorkflowRules rules = json.readValue(json.writeValueAsString(rules()), WorkflowRules.class);

    Crm crm = Crm.builder().storage(InMemoryStorage.create()).conversionPolicies(policy).workflows(rules).build();
    exercise("the unbroken documents", crm);

    assertThat(findings).isEmpty();
    assertThat(crm.opportunities().list(ADMIN, org.crmkit.opportunity.OpportunityQuery.all(),
        org.crmkit.shared.PageRequest.first(10)).items()).as("the rules priced the new deal")
        .anyMatch(o -> o.amount().equals(java.util.Optional.of(Money.of("12000.00", "EUR"))));
  }

  @Test
  void knownBrokenDocumentsAreRefusedWithADocumentedError() throws Exception {
    String policy = json.writeValueAsString(webLeads());
    String rule = "{\"id\":\"r\",\"enabled\":true,\"trigger\":{\"type\":\"%s\",\"recordType\":\"%s\",\"field\":%s,"
        + "\"value\":%s},\"conditions\":[],\"actions\":[%s]}";
    String setField = "{\"type\":\"SET_FIELD\",\"field\":\"%s\",\"value\":\"%s\"}";
    List<String[]> corpus = List.of(
        new String[] {policy, "{}"},
        new String[] {policy, "{\"rules\":[],\"maxDepth\":0}"},
        new String[] {policy, "{\"rules\":[],\"maxDepth\":1000}"},
        new String[] {policy, "{\"rules\":null,\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[null],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "OPPORTUNITY", null, null,
            String.format(setField, "nextStep", "x")) + "," + String.format(rule, "RECORD_CREATED", "OPPORTUNITY",
            null, null, String.format(setField, "nextStep", "y")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "STAGE_CHANGED", "LEAD", null, null,
            String.format(setField, "title", "x")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "LEAD", null, null, "")
            + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "LEAD", null, null, "null")
            + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "OPPORTUNITY", null, null,
            String.format(setField, "amount", "1E+100000000 EUR")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "OPPORTUNITY", null, null,
            String.format(setField, "probability", "50.5")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "OPPORTUNITY", null, null,
            String.format(setField, "probability", "1e10")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "OPPORTUNITY", null, null,
            String.format(setField, "probability", "500")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "OPPORTUNITY", null, null,
            String.format(setField, "closeDate", "+999999999-12-31")) + "],\"maxDepth\":5}"},
        new String[] {policy, "{\"rules\":[" + String.format(rule, "RECORD_CREATED", "LEAD", null, null,
            "{\"type\":\"PUBLISH_EVENT\",\"eventName\":\"e\",\"eventData\":{\"who\":null}}") + "],\"maxDepth\":5}"},
        new String[] {policy.replace("\"targets\":{", "\"targets\":{\"ACCOUNT\":null,"), "{\"rules\":[]}"},
        new String[] {policy.replace("\"defaultActions\":{", "\"defaultActions\":{\"CONTACT\":null,"),
            "{\"rules\":[]}"},
        new String[] {policy.replace("\"convertibleStatuses\":[", "\"convertibleStatuses\":[null,"),
            "{\"rules\":[]}"});
    for (String[] document : corpus) {
      assertTimeoutPreemptively(TIMEOUT, () -> judge(document[0], document[1]),
          () -> "not refused or built within " + TIMEOUT + ": " + document[1]);
    }
    assertNoFindings("known broken documents");
  }

  private void judge(String policyText, String rulesText) {
    documents++;
    String input = "policy " + abbreviate(policyText) + "\n      rules " + abbreviate(rulesText);
    int findingsBefore = findings.size();
    ConversionPolicy policy = read(input, policyText, ConversionPolicy.class);
    WorkflowRules rules = read(input, rulesText, WorkflowRules.class);
    if (policy == null || rules == null) {
      if (findings.size() == findingsBefore) {
        refused++;
      }
      return;
    }
    Crm crm;
    try {
      crm = Crm.builder().storage(InMemoryStorage.create()).conversionPolicies(policy).workflows(rules).build();
    } catch (ConfigurationException e) {
      refused++;
      return;
    } catch (RuntimeException e) {
      findings.add(input + "\n      Crm.build ended in " + e + " (expected a Crm or ConfigurationException)");
      return;
    }
    built++;
    exercise(input, crm);
  }

  private <T> T read(String input, String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JacksonException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof CrmException) {
          break;                      // the core refused a value, with its own documented exception
        }
        if (!(c instanceof JacksonException)) {
          findings.add(input + "\n      reading a " + type.getSimpleName() + " ended in " + c
              + " (expected a value, Jackson's error for a wrong JSON type, or a CrmException)");
          return null;
        }
      }
      return null;
    } catch (RuntimeException e) {
      findings.add(input + "\n      reading a " + type.getSimpleName() + " ended in " + e);
      return null;
    }
  }

  /** Runs writes the seed rules react to; each must succeed or fail with a CrmException. */
  private void exercise(String input, Crm crm) {
    Lead[] lead = new Lead[1];
    Opportunity[] deal = new Opportunity[1];
    run(input, "create a lead", () -> lead[0] = crm.leads().create(ADMIN,
        CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@example.com")));
    if (lead[0] != null) {
      run(input, "qualify the lead", () -> crm.leads().changeStatus(ADMIN,
          ChangeLeadStatus.of(lead[0].id(), lead[0].version(), "qualified")));
    }
    run(input, "create an opportunity", () -> deal[0] = crm.opportunities().create(ADMIN,
        CreateOpportunity.named("Rockets").amount(Money.of("1000.00", "EUR"))));
    if (deal[0] != null) {
      run(input, "change the amount", () -> {
        Opportunity current = crm.opportunities().get(ADMIN, deal[0].id());
        crm.opportunities().update(ADMIN,
            UpdateOpportunity.of(current.id(), current.version()).amount(Money.of("2000.00", "EUR")));
      });
      run(input, "change the stage", () -> {
        Opportunity current = crm.opportunities().get(ADMIN, deal[0].id());
        crm.opportunities().changeStage(ADMIN,
            ChangeStage.of(current.id(), current.version(), crm.pipeline().stages().get(2).key()));
      });
    }
  }

  private void run(String input, String what, Runnable write) {
    try {
      write.run();
    } catch (CrmException e) {
      // a rule that cannot act fails the write with a documented exception
    } catch (RuntimeException e) {
      findings.add(input + "\n      built, but '" + what + "' ended in " + e
          + " (expected success or a CrmException such as WorkflowActionFailedException)");
    }
  }

  private void assertNoFindings(String what) {
    String figures = "[crmkit fuzz] configuration JSON, " + what + ": " + documents + " documents, " + built
        + " built, " + refused + " refused with a documented error, " + findings.size() + " findings";
    System.out.println(figures);
    assertThat(findings).as(figures + ":\n  " + String.join("\n  ", findings.stream().limit(20).toList()))
        .isEmpty();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Documents and mutations

  private static ConversionPolicy webLeads() {
    return ConversionPolicy.builder("web-leads")
        .version(3)
        .map(ConversionTarget.ACCOUNT, "industry", "industry")
        .lock(ConversionTarget.ACCOUNT, "name")
        .overwriteOnLink(ConversionTarget.ACCOUNT, "website")
        .defaultAction(ConversionTarget.CONTACT, ConversionAction.MATCH_OR_CREATE)
        .opportunityNameTemplate("{company} - first order")
        .convertibleStatuses("qualified", "contacted")
        .automaticConversionAllowed(true)
        .build();
  }

  private static WorkflowRules rules() {
    return WorkflowRules.of(
        WorkflowRule.builder("auto-convert")
            .on(Trigger.leadStatusChangedTo("qualified"))
            .when(FieldCondition.isNotEmpty("company"))
            .then(WorkflowAction.convertLead("web-leads"),
                WorkflowAction.publishEvent("lead-converted", Map.of("who", "{fullName}")))
            .build(),
        WorkflowRule.builder("flag-big-deals")
            .on(Trigger.fieldChanged(RecordType.OPPORTUNITY, "amount"))
            .when(FieldCondition.contains("name", "o"))
            .then(WorkflowAction.setField("nextStep", "call the customer"),
                WorkflowAction.setField("probability", "60"))
            .build(),
        WorkflowRule.builder("price-new-deals")
            .on(Trigger.created(RecordType.OPPORTUNITY))
            .then(WorkflowAction.setField("amount", "12000.00 EUR"), WorkflowAction.setField("closeDate", "2026-12-31"))
            .build(),
        WorkflowRule.builder("on-proposal")
            .on(Trigger.stageChangedTo("proposal"))
            .then(WorkflowAction.publishEvent("proposal", Map.of("deal", "{name}")))
            .build());
  }

  /** One to three random edits at random places of a copy of the document. */
  private static JsonNode mutate(JsonNode document, HostileValues v) {
    JsonNode copy = document.deepCopy();
    int edits = 1 + v.nextInt(3);
    for (int i = 0; i < edits; i++) {
      List<Consumer<JsonNode>> slots = new ArrayList<>();
      collectSlots(copy, slots);
      if (!slots.isEmpty()) {
        v.oneOf(slots).accept(replacement(copy, v));
      }
    }
    return copy;
  }

  /** Each slot replaces one value (or removes it, when given null) in its container. */
  private static void collectSlots(JsonNode node, List<Consumer<JsonNode>> slots) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        slots.add(r -> {
          if (r == null) {
            object.remove(name);
          } else {
            object.set(name, r);
          }
        });
        collectSlots(object.get(name), slots);
      }
      slots.add(r -> object.set("unknown" + names.size(), r == null ? NODES.nullNode() : r));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        slots.add(r -> {
          if (r == null) {
            array.remove(index);
          } else {
            array.set(index, r);
          }
        });
        collectSlots(array.get(i), slots);
      }
      slots.add(r -> array.add(r == null ? NODES.nullNode() : r));
    }
  }

  /** @return a value to put in a slot, or null to remove what is there */
  private static JsonNode replacement(JsonNode document, HostileValues v) {
    return switch (v.nextInt(11)) {
      case 0 -> null;
      case 1, 2 -> NODES.nullNode();
      case 3 -> NODES.textNode(v.text());
      case 4 -> NODES.textNode(v.oneOf("CONVERT_LEAD", "SET_FIELD", "PUBLISH_EVENT", "LEAD", "OPPORTUNITY",
          "STAGE_CHANGED", "FIELD_CHANGED", "RECORD_CREATED", "MATCH_OR_CREATE", "LINK", "amount", "probability",
          "closeDate", "stage", "50.5", "1e10", "500", "-1", "1E+1000", "+999999999-12-31", "{unknown}", "{"));
      case 5 -> NODES.numberNode(v.oneOf(0, -1, 1, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE));
      case 6 -> v.chance(50) ? NODES.numberNode(Long.MAX_VALUE) : NODES.numberNode(new BigDecimal("1E+1000"));
      case 7 -> NODES.booleanNode(v.chance(50));
      case 8 -> NODES.objectNode();
      case 9 -> NODES.arrayNode().add(NODES.nullNode());
      default -> anyValueOf(document, v).deepCopy();   // a piece of the document somewhere else
    };
  }

  private static JsonNode anyValueOf(JsonNode document, HostileValues v) {
    List<JsonNode> all = new ArrayList<>();
    collectValues(document, all);
    return v.oneOf(all);
  }

  private static void collectValues(JsonNode node, List<JsonNode> all) {
    all.add(node);
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collectValues(it.next(), all);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text;
  }
}
