package org.crmkit.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import java.util.List;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.json.CrmDocuments;
import org.crmkit.json.CrmError;
import org.crmkit.json.JsonFixtures;
import org.crmkit.json.JsonLimits;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.Page;
import org.junit.jupiter.api.Test;

/** What only this binding has: its mapper helper, and its place in a host's own mapper and beans. */
class CrmJackson3ModuleTest {

  /** A host's own request body, holding crmkit values beside its own. */
  record HostRequest(String note, LeadId lead, Money budget, CreateLead command, List<ConversionOutcome> outcomes) {}

  @Test
  void aHostsOwnBeanHoldingCrmkitValuesIsWrittenAndReadWithThem() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA)).build();
    HostRequest request = new HostRequest("from the fair", JsonFixtures.LEAD_ID, JsonFixtures.DEAL,
        CreateLead.ofCompany("Analytical Engines"), List.of(JsonFixtures.rejected()));

    String json = mapper.writeValueAsString(request);

    assertThat(json).contains("\"lead\":\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\"",
        "\"budget\":{\"amount\":\"48000.00\",\"currency\":\"EUR\"}", "\"command\":{\"company\":\"Analytical Engines\"}");
    assertThat(mapper.readValue(json, HostRequest.class)).isEqualTo(request);
  }

  @Test
  void anInvalidCrmkitValueInsideAHostsBeanKeepsItsClearMessageAndCause() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA)).build();

    Throwable thrown = catchThrowable(() -> mapper.readValue("{\"budget\":{\"amount\":\"1.234\",\"currency\":\"EUR\"}}",
        HostRequest.class));

    CrmError error = CrmJackson3Module.error(thrown);
    assertThat(error.code()).isEqualTo("INVALID_JSON");
    assertThat(error.fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("budget.amount");
      assertThat(f.message()).contains("more decimals than EUR allows");
    });
  }

  @Test
  void aProblemDeepInsideAHostsBeanIsNamedByItsWholePath() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA)).build();

    Throwable thrown = catchThrowable(() -> mapper.readValue("{\"outcomes\":[{\"outcome\":\"REJECTED\","
        + "\"leadId\":\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\",\"problems\":[{\"reason\":\"NO_SUCH\","
        + "\"field\":\"x\",\"message\":\"y\"}]}]}", HostRequest.class));

    assertThat(CrmJackson3Module.error(thrown).fieldErrors()).singleElement()
        .satisfies(f -> assertThat(f.field()).isEqualTo("outcomes[0].problems[0].reason"));
  }

  @Test
  void aDocumentEditedAsATreeByTheHostReadsLikeText() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA)).build();
    tools.jackson.databind.node.ObjectNode body = (tools.jackson.databind.node.ObjectNode) mapper.readTree("{\"expectedVersion\":5,\"closeDate\":null,"
        + "\"amount\":{\"amount\":\"52000.00\",\"currency\":\"EUR\"}}");

    body.put("id", JsonFixtures.OPPORTUNITY_ID.toString());   // a server takes the id from the path
    org.crmkit.application.UpdateOpportunity command =
        mapper.treeToValue(body, org.crmkit.application.UpdateOpportunity.class);

    assertThat(command).isEqualTo(org.crmkit.application.UpdateOpportunity.of(JsonFixtures.OPPORTUNITY_ID, 5)
        .clearCloseDate().amount(Money.of("52000", "EUR")));
    assertThat(mapper.convertValue(mapper.convertValue(command, java.util.Map.class),
        org.crmkit.application.UpdateOpportunity.class)).isEqualTo(command);
  }

  @Test
  void idsAsKeysOfAHostsMapAreTheirStringsBothWays() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA)).build();
    java.util.Map<LeadId, Money> budgets = java.util.Map.of(JsonFixtures.LEAD_ID, JsonFixtures.DEAL);

    String json = mapper.writeValueAsString(budgets);

    assertThat(json).isEqualTo("{\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\":{\"amount\":\"48000.00\","
        + "\"currency\":\"EUR\"}}");
    assertThat(mapper.readValue(json, new TypeReference<java.util.Map<LeadId, Money>>() {})).isEqualTo(budgets);
    assertThat(catchThrowable(() -> mapper.readValue("{\"nope\":{\"amount\":\"1\",\"currency\":\"EUR\"}}",
        new TypeReference<java.util.Map<LeadId, Money>>() {}))).hasMessageContaining("is not an id");
  }

  @Test
  void defaultTypingOfTheHostNeitherWritesNorReadsTypeInformationForCrmkitDocuments() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA))
        .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
            DefaultTyping.OBJECT_AND_NON_CONCRETE)
        .build();
    ConversionOutcome outcome = JsonFixtures.rejected();

    String json = mapper.writeValueAsString(outcome);

    assertThat(json).doesNotContain("@class", "org.crmkit").startsWith("{\"outcome\":\"REJECTED\"");
    assertThat(mapper.readValue(json, ConversionOutcome.class)).isEqualTo(outcome);
  }

  @Test
  void theApiMapperRefusesABodyLongerThanTheDocumentLimitAsTooLarge() {
    JsonLimits small = new JsonLimits(1_000, 20, 100, 100, 200);
    JsonMapper mapper = CrmJackson3Module.jsonMapper(CrmDocuments.of(JsonFixtures.SCHEMA, small));

    Throwable thrown = catchThrowable(() -> mapper.readValue("{\"description\":\"" + "x".repeat(300) + "\"}",
        CreateLead.class));

    assertThat(CrmJackson3Module.error(thrown).code()).isEqualTo("TOO_LARGE");
  }

  @Test
  void theApiMapperRefusesTrailingContentAfterTheDocument() {
    JsonMapper mapper = CrmJackson3Module.jsonMapper(CrmDocuments.of(JsonFixtures.SCHEMA));

    Throwable thrown = catchThrowable(() -> mapper.readValue("{\"company\":\"A\"} {\"company\":\"B\"}",
        CreateLead.class));

    assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)).isTrue();
    assertThat(CrmJackson3Module.error(thrown).code()).isEqualTo("INVALID_JSON");
  }

  @Test
  void aHostReadingAPipelineOfManyAccountsGivesTheModuleLargerLimits() {
    List<org.crmkit.bi.PipelineGroup> groups = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      groups.add(new org.crmkit.bi.PipelineGroup("account-" + i, 1, org.crmkit.report.MoneySums.none(),
          org.crmkit.report.MoneySums.none()));
    }
    org.crmkit.bi.PipelineAsOf byAccount = new org.crmkit.bi.PipelineAsOf(java.time.LocalDate.of(2026, 3, 31),
        java.time.LocalDate.of(2026, 3, 31), org.crmkit.bi.PipelineGrouping.byAccount(), groups,
        new org.crmkit.bi.PipelineGroup(null, 5_000, org.crmkit.report.MoneySums.none(),
            org.crmkit.report.MoneySums.none()));
    JsonLimits larger = new JsonLimits(10_000, 20, 100_000, 200, 40_000_000L);
    JsonMapper mapper = CrmJackson3Module.jsonMapper(CrmDocuments.of(JsonFixtures.SCHEMA, larger));

    assertThat(mapper.readValue(mapper.writeValueAsString(byAccount), org.crmkit.bi.PipelineAsOf.class))
        .isEqualTo(byAccount);
    assertThat(mapper.readValue(mapper.writeValueAsString(List.of(JsonFixtures.trendPoint())),
        new TypeReference<List<org.crmkit.bi.TrendPoint>>() {})).containsExactly(JsonFixtures.trendPoint());
  }

  @Test
  void aPageReadWithoutItsItemTypeIsRefusedSayingHowToGiveIt() {
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(JsonFixtures.SCHEMA)).build();

    Throwable raw = catchThrowable(() -> mapper.readValue("{\"items\":[],\"page\":0,\"size\":1,\"total\":0}",
        Page.class));
    Throwable typed = catchThrowable(() -> mapper.readValue("{\"items\":[],\"page\":0,\"size\":1,\"total\":0}",
        new TypeReference<Page<LeadId>>() {}));

    assertThat(raw).hasMessageContaining("TypeReference<Page<Lead>>");
    assertThat(typed).isNull();
  }
}
