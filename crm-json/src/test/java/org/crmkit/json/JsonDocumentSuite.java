package org.crmkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.PageRequest;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.Page;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round-trip and refusal suite every JSON binding of crmkit runs (crm-jackson2 and crm-jackson3 extend it): the
 * same documents, the same expectations, whichever Jackson reads and writes them. A binding gives a mapper built
 * with its module over {@link JsonFixtures#SCHEMA} and the default {@link JsonLimits}.
 */
public abstract class JsonDocumentSuite {

  /** @return the JSON text of a value, through the binding's mapper */
  protected abstract String write(Object value);

  /** @return the value of JSON text as a type, through the binding's mapper; throws the binding's exception */
  protected abstract <T> T read(String json, Class<T> type);

  /** @return a page of a type, through the binding's mapper */
  protected abstract <T> Page<T> readPage(String json, Class<T> itemType);

  /** @return a JSON array of documents of a type, through the binding's mapper (a list type reference) */
  protected abstract <T> java.util.List<T> readList(String json, Class<T> itemType);

  /** @return the error document the binding gives for what reading threw */
  protected abstract CrmError error(Throwable failure);

  /** @return the exception type the binding throws for a document that is not what it is read as */
  protected abstract Class<? extends Throwable> mappingFailure();

  /** @return the exception type the binding's parser throws for malformed JSON */
  protected abstract Class<? extends Throwable> parseFailure();

  /** @return the binding's own exception, where {@link #read} had to wrap a checked one; by default as given */
  protected Throwable unwrap(Throwable thrown) {
    return thrown;
  }

  static Stream<Arguments> documents() {
    return JsonFixtures.documents().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} reads back equal to what was written")
  @MethodSource("documents")
  void everyDocumentReadsBackEqualToWhatWasWritten(String name, Object value) {
    String json = write(value);

    Object back = value instanceof Page<?> ? readPage(json, Lead.class) : read(json, documentType(value));

    assertThat(JsonFixtures.comparable(back)).as(json).isEqualTo(JsonFixtures.comparable(value));
    assertThat(write(back)).isEqualTo(json);
  }

  private static Class<?> documentType(Object value) {
    if (value instanceof ConversionOutcome) {
      return ConversionOutcome.class;
    }
    if (value instanceof org.crmkit.conversion.UndoOutcome) {
      return org.crmkit.conversion.UndoOutcome.class;
    }
    return value.getClass();
  }

  @ParameterizedTest(name = "{0} has no floating-point number and no Java-internal property")
  @MethodSource("documents")
  void noDocumentHoldsAFloatOrAnInternalProperty(String name, Object value) {
    String json = write(value);

    assertThat(json).doesNotContainPattern("\"amount\":\\s*[-0-9]").doesNotContainPattern(":\\s*-?[0-9]+[.eE]")
        .doesNotContainPattern("\"converted\":\\s*(true|false)")
        .doesNotContain("\"zero\"", "\"negative\"", "\"value\":{", "E+", "e+");
  }

  @Test
  void moneyIsADecimalStringWithItsCurrency() {
    assertThat(write(Money.of("1500", "EUR"))).isEqualTo("{\"amount\":\"1500.00\",\"currency\":\"EUR\"}");
    assertThat(write(Money.of("1500", "JPY"))).isEqualTo("{\"amount\":\"1500\",\"currency\":\"JPY\"}");
    assertThat(read("{\"amount\":\"0.10\",\"currency\":\"USD\"}", Money.class)).isEqualTo(Money.of("0.1", "USD"));
  }

  @Test
  void moneyWrittenAsAJsonNumberIsRefusedSoNoAmountEverPassesThroughADouble() {
    Throwable thrown = catchThrowable(() -> read("{\"amount\":1500.10,\"currency\":\"EUR\"}", Money.class));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure());
    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("amount");
      assertThat(f.message()).contains("decimal number written as a string");
    });
  }

  @Test
  void idsAndDatesAreStringsInIsoForm() {
    String json = write(Opportunity.restore(JsonFixtures.opportunitySnapshot()));

    assertThat(json).contains("\"id\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\"", "\"owner\":\"alice\"",
        "\"closeDate\":\"2026-06-30\"", "\"createdAt\":\"2026-03-02T09:30:00Z\"", "\"probability\":60");
    assertThat(write(JsonFixtures.LEAD_ID)).isEqualTo("\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\"");
  }

  @Test
  void customFieldValuesAreWrittenInTheirTypesFormAndReadByTheirDefinition() {
    String json = write(Lead.restore(JsonFixtures.leadSnapshot()));

    assertThat(json).contains("\"tier\":\"gold\"", "\"employees\":\"250\"",
        "\"budget\":{\"amount\":\"50000.00\",\"currency\":\"EUR\"}", "\"firstContact\":\"2026-02-20\"",
        "\"newsletter\":true");
    LeadSnapshot back = read(json, LeadSnapshot.class);
    assertThat(back.customFields().get("budget")).contains(CustomValue.money(Money.of("50000", "EUR")));
    assertThat(back.customFields().get("firstContact")).contains(CustomValue.date(LocalDate.of(2026, 2, 20)));
  }

  @Test
  void aCustomFieldValueOfTheWrongTypeIsRefusedNamingTheField() {
    Throwable thrown = catchThrowable(() -> read("{\"firstName\":\"Ada\",\"customFields\":{\"newsletter\":\"yes\"}}",
        CreateLead.class));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure());
    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("customFields.newsletter");
      assertThat(f.message()).isEqualTo("must be true or false, was a string");
    });
  }

  @Test
  void aCustomFieldTheSchemaDoesNotDefineIsRefused() {
    Throwable thrown = catchThrowable(() -> read("{\"customFields\":{\"shoeSize\":\"42\"}}", CreateLead.class));

    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("customFields.shoeSize");
      assertThat(f.message()).startsWith("is not a custom field of Lead").contains("tier");
    });
  }

  @Test
  void anUpdateChangesExactlyThePropertiesPresentAndAnExplicitNullClears() {
    UpdateOpportunity command = read("{\"id\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\",\"expectedVersion\":5,"
        + "\"amount\":{\"amount\":\"52000\",\"currency\":\"EUR\"},\"closeDate\":null,\"probability\":null}",
        UpdateOpportunity.class);

    assertThat(command.changed()).containsExactlyInAnyOrder(UpdateOpportunity.Field.AMOUNT,
        UpdateOpportunity.Field.CLOSE_DATE, UpdateOpportunity.Field.PROBABILITY);
    assertThat(command.amount()).isEqualTo(Money.of("52000", "EUR"));
    assertThat(command.closeDate()).isNull();
    assertThat(command).isEqualTo(UpdateOpportunity.of(JsonFixtures.OPPORTUNITY_ID, 5)
        .amount(Money.of("52000", "EUR")).clearCloseDate().probabilityFromStage());
  }

  @Test
  void anUpdateWritesOnlyItsChangedFieldsWithNullForAClearedOne() {
    String json = write(UpdateOpportunity.of(JsonFixtures.OPPORTUNITY_ID, 5).clearCloseDate().nextStep("call"));

    assertThat(json).isEqualTo("{\"id\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\",\"expectedVersion\":5,"
        + "\"closeDate\":null,\"nextStep\":\"call\"}");
  }

  @Test
  void anUpdateRefusesNullForAFieldThatCannotBeCleared() {
    Throwable thrown = catchThrowable(() -> read("{\"id\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\","
        + "\"expectedVersion\":5,\"name\":null}", UpdateOpportunity.class));

    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("name");
      assertThat(f.message()).isEqualTo("cannot be cleared; leave it out to keep the current value");
    });
  }

  @Test
  void unknownPropertiesAreRefusedNamingThemAndTheKnownOnes() {
    Throwable thrown = catchThrowable(() -> read("{\"name\":\"Deal\",\"amout\":{\"amount\":\"1\","
        + "\"currency\":\"EUR\"}}", CreateOpportunity.class));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure()).hasMessageContaining("amout");
    CrmError error = error(thrown);
    assertThat(error.code()).isEqualTo("INVALID_JSON");
    assertThat(error.fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("amout");
      assertThat(f.message()).contains("is not a property of this document").contains("amount", "closeDate");
    });
  }

  @Test
  void aReportDefinitionNeedsOnlyItsSourceAndRefusesAnUnknownPropertyOfAFilter() {
    org.crmkit.report.ReportDefinition minimal = read("{\"source\":\"LEADS\"}",
        org.crmkit.report.ReportDefinition.class);
    assertThat(minimal).isEqualTo(org.crmkit.report.ReportDefinition.builder(org.crmkit.report.ReportSource.LEADS)
        .build());

    Throwable thrown = catchThrowable(() -> read("{\"source\":\"LEADS\",\"filters\":[{\"field\":\"status\","
        + "\"operator\":\"EQUALS\",\"values\":[\"new\"],\"sql\":\"1=1\"}]}",
        org.crmkit.report.ReportDefinition.class));
    assertThat(error(thrown).code()).isEqualTo("INVALID_JSON");
    assertThat(error(thrown).fieldErrors()).extracting(f -> f.field()).containsExactly("filters[0].sql");
  }

  @Test
  void aReportCellIsReadByItsColumnTypeSoMoneyWrittenAsANumberOrACellTooManyIsRefused() {
    String json = write(JsonFixtures.reportResult());
    assertThat(json).contains("\"cells\":[\"proposal\",\"2026-05\",2,[{\"amount\":\"61000.00\"");
    Throwable number = catchThrowable(() -> read(json.replace("\"amount\":\"61000.00\"", "\"amount\":61000.00"),
        org.crmkit.report.ReportResult.class));
    assertThat(error(number).fieldErrors()).extracting(f -> f.field()).containsExactly("rows[0].cells[3][0].amount");
    Throwable extra = catchThrowable(() -> read(json.replace("\"62.5\" ]", "\"62.5\", 1 ]")
        .replace("\"62.5\"]", "\"62.5\",1]"), org.crmkit.report.ReportResult.class));
    assertThat(error(extra).fieldErrors()).extracting(f -> f.field()).containsExactly("rows[1].cells");
  }

  @Test
  void typeInformationInTheInputIsAnUnknownPropertyNotAnInstruction() {
    Throwable thrown = catchThrowable(() -> read("{\"@class\":\"java.net.URL\",\"name\":\"Deal\"}",
        CreateOpportunity.class));

    assertThat(error(thrown).fieldErrors()).extracting(f -> f.field()).containsExactly("@class");
  }

  @Test
  void aMissingRequiredPropertyIsNamed() {
    Throwable thrown = catchThrowable(() -> read("{\"id\":\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\","
        + "\"status\":\"working\"}", org.crmkit.application.ChangeLeadStatus.class));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure());
    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("expectedVersion");
      assertThat(f.message()).isEqualTo("is required");
    });
  }

  @Test
  void wrongTypesAreNamedWithWhatWasExpected() {
    Throwable version = catchThrowable(() -> read("{\"id\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\","
        + "\"expectedVersion\":\"five\",\"stage\":\"won\"}", org.crmkit.application.ChangeStage.class));
    Throwable id = catchThrowable(() -> read("{\"id\":42,\"expectedVersion\":1,\"stage\":\"won\"}",
        org.crmkit.application.ChangeStage.class));
    Throwable date = catchThrowable(() -> read("{\"id\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\","
        + "\"expectedVersion\":1,\"closedOn\":\"30/06/2026\"}", org.crmkit.application.WinOpportunity.class));

    assertThat(error(version).fieldErrors().get(0).message()).isEqualTo("must be a whole number, was a string");
    assertThat(error(id).fieldErrors().get(0).message()).isEqualTo("must be a string, was a number");
    assertThat(error(date).fieldErrors().get(0)).satisfies(f -> {
      assertThat(f.field()).isEqualTo("closedOn");
      assertThat(f.message()).contains("not an ISO-8601 date");
    });
  }

  @Test
  void aValueTheCoreRefusesIsNamedByItsPathInTheDocument() {
    Throwable thrown = catchThrowable(() -> read("{\"opportunityId\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\","
        + "\"lines\":[{\"month\":\"2026-07\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}},"
        + "{\"month\":\"2026-08\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"XXY\"}}]}",
        org.crmkit.application.EnterForecast.class));

    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("lines[1].amount.currency");
      assertThat(f.message()).contains("'XXY' is not an ISO 4217 currency code");
    });
  }

  @Test
  void malformedJsonIsAnInvalidJsonError() {
    Throwable thrown = catchThrowable(() -> read("{\"firstName\": \"Ada\",", CreateLead.class));

    assertThat(thrown).isNotNull();
    CrmError error = error(thrown);
    assertThat(error.code()).isEqualTo("INVALID_JSON");
    assertThat(error.message()).startsWith("the body is not valid JSON");
  }

  @Test
  void aDuplicatePropertyIsRefused() {
    Throwable thrown = catchThrowable(() -> read("{\"firstName\":\"Ada\",\"firstName\":\"Eve\"}", CreateLead.class));

    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("firstName");
      assertThat(f.message()).contains("appears twice");
    });
  }

  @Test
  void anOversizedStringIsTooLarge() {
    String big = "x".repeat(JsonLimits.defaults().maxStringLength() + 1);

    Throwable thrown = catchThrowable(() -> read("{\"description\":\"" + big + "\"}", CreateLead.class));

    assertThat(thrown).isNotNull();
    assertThat(error(thrown).code()).isEqualTo("TOO_LARGE");
  }

  @Test
  void anOversizedArrayIsTooLargeAndNamedByItsPath() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i <= JsonLimits.defaults().maxArraySize(); i++) {
      lines.append(i == 0 ? "" : ",").append("1");
    }

    Throwable thrown = catchThrowable(() -> read("{\"opportunityId\":\"3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f\","
        + "\"lines\":[" + lines + "]}", org.crmkit.application.EnterForecast.class));

    CrmError error = error(thrown);
    assertThat(error.code()).isEqualTo("TOO_LARGE");
    assertThat(error.fieldErrors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("lines"));
  }

  @Test
  void nestingBeyondTheLimitIsTooLarge() {
    String deep = "[".repeat(JsonLimits.defaults().maxNestingDepth() + 5) + "]".repeat(
        JsonLimits.defaults().maxNestingDepth() + 5);

    Throwable thrown = catchThrowable(() -> read("{\"customFields\":{\"notes\":" + deep + "}}", CreateLead.class));

    assertThat(thrown).isNotNull();
    assertThat(error(thrown).code()).isEqualTo("TOO_LARGE");
  }

  @Test
  void aPageIsReadWithItsItemTypeAndRefusesAWrongHasNext() {
    String json = write(new Page<>(java.util.List.of(JsonFixtures.LEAD_ID), org.crmkit.shared.PageRequest.of(0, 1),
        3));

    assertThat(json).isEqualTo("{\"items\":[\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\"],\"page\":0,\"size\":1,"
        + "\"total\":3,\"hasNext\":true}");
    assertThat(readPage(json, LeadId.class).items()).containsExactly(JsonFixtures.LEAD_ID);
    assertThat(unwrap(catchThrowable(() -> readPage(json.replace("true", "false"), LeadId.class))))
        .isInstanceOf(mappingFailure());
  }

  @Test
  void everyCrmExceptionIsWrittenAsAnErrorDocumentWithoutInternals() {
    assertThat(write(new RecordNotFoundException(RecordType.LEAD, JsonFixtures.LEAD_ID))).isEqualTo(
        "{\"code\":\"NOT_FOUND\",\"message\":\"Lead 0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b does not exist; check the "
            + "id, or whether it was deleted\",\"fieldErrors\":[],\"recordType\":\"LEAD\","
            + "\"recordId\":\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\"}");
    assertThat(write(ValidationException.of("lastName", "must not be blank"))).contains("\"code\":\"VALIDATION\"",
        "\"fieldErrors\":[{\"field\":\"lastName\",\"message\":\"must not be blank\"}]");
    assertThat(write(new ConflictException("stale"))).contains("\"code\":\"CONFLICT\"");
    assertThat(write(new AccessDeniedException(Actor.user("eve"), "update lead"))).contains(
        "\"code\":\"ACCESS_DENIED\"", "eve may not update lead");
    String storage = write(new StorageException("insert into lead (id) values (?) failed: duplicate key",
        new RuntimeException("SQL state 23505")));
    assertThat(storage).contains("\"code\":\"STORAGE\"").doesNotContain("insert", "SQL", "Exception", "at org.");
    assertThat(read(write(ValidationException.of("x", "y")), CrmError.class))
        .isEqualTo(CrmError.of(ValidationException.of("x", "y")));
  }

  @Test
  void aBulkResultIsWrittenWithEachLeadsOutcomeOrErrorDocument() {
    org.crmkit.conversion.BulkConversionResult bulk = new org.crmkit.conversion.BulkConversionResult(java.util.List.of(
        org.crmkit.conversion.BulkConversionResult.Item.of(JsonFixtures.LEAD_ID, JsonFixtures.rejected()),
        org.crmkit.conversion.BulkConversionResult.Item.failed(JsonFixtures.LEAD_ID,
            new StorageException("update lead set version = 4 where id = ? failed", null)),
        org.crmkit.conversion.BulkConversionResult.Item.failed(JsonFixtures.LEAD_ID,
            new IllegalStateException("a bug in a listener"))));

    String json = write(bulk);

    assertThat(json).startsWith("{\"items\":[{\"leadId\":\"0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b\","
        + "\"outcome\":{\"outcome\":\"REJECTED\"")
        .contains("\"error\":{\"code\":\"STORAGE\"", "\"error\":{\"code\":\"INTERNAL\"")
        .doesNotContain("update lead", "a bug in a listener", "IllegalStateException");
  }

  @Test
  void anInvalidDocumentIsAlsoACrmkitValidationErrorForHostsThatMapThose() {
    Throwable thrown = catchThrowable(() -> read("{\"amount\":\"1\"}", Money.class));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure()).hasCauseInstanceOf(InvalidJsonException.class);
    assertThat(unwrap(thrown).getCause()).isInstanceOf(ValidationException.class);
    assertThat(unwrap(thrown).getMessage()).contains("currency: is required");
  }

  @Test
  void aConvertedOutcomeIsNotReadAsARejection() {
    String json = write(JsonFixtures.documents().get("ConversionOutcome (converted)"));

    Throwable thrown = catchThrowable(() -> read(json, ConversionOutcome.Rejected.class));

    assertThat(error(thrown).fieldErrors().get(0).message()).isEqualTo("must be REJECTED for a Rejected");
  }

  @Test
  void theFixturesCoverEveryDocumentTheModuleReads() {
    java.util.Set<Class<?>> covered = new java.util.HashSet<>();
    JsonFixtures.documents().values().forEach(v -> covered.add(v.getClass()));
    covered.add(ConversionOutcome.class);
    covered.add(org.crmkit.conversion.UndoOutcome.class);
    covered.add(CrmError.class);

    assertThat(covered).containsAll(CrmDocuments.of(JsonFixtures.SCHEMA).readableTypes().stream()
        .filter(t -> !Map.of(
            org.crmkit.forecast.ForecastLine.class, 1, org.crmkit.budget.BudgetLine.class, 1,
            org.crmkit.budget.MonthFigures.class, 1, org.crmkit.conversion.ConversionProblem.class, 1,
            org.crmkit.conversion.DuplicateCandidate.class, 1, org.crmkit.shared.AccountId.class, 1,
            org.crmkit.shared.ContactId.class, 1, org.crmkit.shared.OpportunityId.class, 1,
            org.crmkit.conversion.ConversionId.class, 1).containsKey(t))
        .filter(t -> !java.util.Set.of(org.crmkit.report.MoneySums.class, org.crmkit.report.WinRate.class,
            org.crmkit.report.FunnelStep.class, org.crmkit.report.ForecastMonth.class,
            org.crmkit.report.LeadSourceConversion.class, org.crmkit.report.DashboardQuery.class).contains(t))
        .filter(t -> !java.util.Set.of(org.crmkit.bi.PipelineGroup.class, org.crmkit.bi.PipelineGrouping.class,
            org.crmkit.bi.Movement.class).contains(t))
        .filter(t -> !java.util.Set.of(org.crmkit.shared.UserId.class, org.crmkit.shared.EmailAddress.class,
            org.crmkit.shared.Probability.class).contains(t))
        .toList());
  }

  // --- day-level BI ---------------------------------------------------------------------------------------------

  @Test
  void aWaterfallWritesEachMovementWithSignedMoneyAsDecimalStringsAndItsDaysInIsoForm() {
    String json = write(JsonFixtures.waterfall());

    assertThat(json).startsWith("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"fromAsOf\":\"2026-03-01\","
        + "\"toAsOf\":\"2026-03-31\",\"opening\":{\"count\":3,\"amount\":[{\"amount\":\"100000.00\","
        + "\"currency\":\"EUR\"}]")
        .contains("{\"kind\":\"WON\",\"count\":1,\"amount\":[{\"amount\":\"-48000.00\",\"currency\":\"EUR\"}]}",
            "{\"kind\":\"LOST\",\"count\":0,\"amount\":[]}");
  }

  @Test
  void aWaterfallWithoutEveryMovementKindInOrderIsRefusedNamingTheKinds() {
    String json = write(JsonFixtures.waterfall()).replace("{\"kind\":\"LOST\",\"count\":0,\"amount\":[]},", "");

    Throwable thrown = catchThrowable(() -> read(json, org.crmkit.bi.Waterfall.class));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure());
    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("movements");
      assertThat(f.message()).startsWith("must hold one movement of each kind, in this order: [NEW, WON, LOST,");
    });
  }

  @Test
  void aDayStateWithAWeightedAmountButNoAmountIsRefusedByTheCoresRule() {
    String json = write(JsonFixtures.dayState()).replace("\"amount\":{\"amount\":\"48000.00\",\"currency\":\"EUR\"},",
        "");

    Throwable thrown = catchThrowable(() -> read(json, org.crmkit.bi.OpportunityDayState.class));

    assertThat(error(thrown).code()).isEqualTo("INVALID_JSON");
    assertThat(error(thrown).fieldErrors().get(0).message()).contains("weighted amount is given exactly when");
  }

  @Test
  void aPipelineGroupWithoutAKeyLeavesItOutAndTheGroupingNamesItsSegmentDimension() {
    String json = write(JsonFixtures.pipelineAsOf());

    assertThat(json).contains("\"grouping\":{\"dimension\":\"SEGMENT\",\"segmentDimension\":\"region\"}",
        "{\"count\":1,\"amount\":[{\"amount\":\"12000.00\",\"currency\":\"USD\"}]",
        "\"total\":{\"count\":3,\"amount\":[{\"amount\":\"68000.00\",\"currency\":\"EUR\"},{\"amount\":\"12000.00\","
            + "\"currency\":\"USD\"}]");
    Throwable noSegment = catchThrowable(() -> read(json.replace(",\"segmentDimension\":\"region\"", ""),
        org.crmkit.bi.PipelineAsOf.class));
    assertThat(error(noSegment).fieldErrors()).singleElement()
        .satisfies(f -> assertThat(f.field()).isEqualTo("grouping"));
  }

  @Test
  void aTrendIsAnArrayOfTrendPointsReadBackWithItsItemType() {
    java.util.List<org.crmkit.bi.TrendPoint> trend = java.util.List.of(JsonFixtures.trendPoint(),
        new org.crmkit.bi.TrendPoint(LocalDate.of(2026, 4, 1), 0, org.crmkit.report.MoneySums.none(),
            org.crmkit.report.MoneySums.none()));

    String json = write(trend);

    assertThat(json).startsWith("[{\"day\":\"2026-03-31\",\"count\":3,\"pipeline\":[{\"amount\":\"77000.00\"")
        .endsWith("{\"day\":\"2026-04-01\",\"count\":0,\"pipeline\":[],\"weighted\":[]}]");
    assertThat(readList(json, org.crmkit.bi.TrendPoint.class)).isEqualTo(trend);
    assertThat(unwrap(catchThrowable(() -> readList(json.replace("\"2026-04-01\"", "\"1 April\""),
        org.crmkit.bi.TrendPoint.class)))).isInstanceOf(mappingFailure());
  }

  @Test
  void aPipelineWithMoreGroupsThanTheArrayLimitIsWrittenButTooLargeToReadWithTheDefaultLimits() {
    java.util.List<org.crmkit.bi.PipelineGroup> groups = new java.util.ArrayList<>();
    for (int i = 0; i <= JsonLimits.defaults().maxArraySize(); i++) {
      groups.add(new org.crmkit.bi.PipelineGroup("account-" + i, 1, org.crmkit.report.MoneySums.none(),
          org.crmkit.report.MoneySums.none()));
    }
    org.crmkit.bi.PipelineAsOf byAccount = new org.crmkit.bi.PipelineAsOf(LocalDate.of(2026, 3, 31),
        LocalDate.of(2026, 3, 31), org.crmkit.bi.PipelineGrouping.byAccount(), groups,
        new org.crmkit.bi.PipelineGroup(null, groups.size(), org.crmkit.report.MoneySums.none(),
            org.crmkit.report.MoneySums.none()));

    Throwable thrown = catchThrowable(() -> read(write(byAccount), org.crmkit.bi.PipelineAsOf.class));

    assertThat(error(thrown).code()).isEqualTo("TOO_LARGE");
    assertThat(error(thrown).fieldErrors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("groups"));
  }

  @Test
  void theBiResultsOfARealCrmReadBackEqualToWhatItAnswered() {
    Crm crm = crm();
    Actor alice = Actor.user("alice");
    LocalDate today = LocalDate.of(2026, 3, 2);
    crm.opportunities().create(alice, CreateOpportunity.named("Rocket skates").amount(Money.of("48000", "EUR"))
        .stage("proposal").closeDate(LocalDate.of(2026, 6, 30)).segments(Map.of("region", "EMEA")));
    crm.opportunities().create(alice, CreateOpportunity.named("Anvils").amount(Money.of("1200", "USD")));

    org.crmkit.bi.SnapshotDay day = crm.bi().takeDailySnapshot(alice, today);
    org.crmkit.bi.PipelineAsOf byRegion = crm.bi().pipelineAsOf(alice, today,
        org.crmkit.bi.PipelineGrouping.bySegment("region"));
    org.crmkit.bi.Waterfall waterfall = crm.bi().waterfall(alice, today, today);
    java.util.List<org.crmkit.bi.TrendPoint> trend = crm.bi().trend(alice, today, today);
    java.util.List<org.crmkit.bi.OpportunityDayState> states = crm.bi().statesOn(alice, today);

    assertThat(read(write(day), org.crmkit.bi.SnapshotDay.class)).isEqualTo(day);
    assertThat(read(write(byRegion), org.crmkit.bi.PipelineAsOf.class)).isEqualTo(byRegion);
    assertThat(read(write(waterfall), org.crmkit.bi.Waterfall.class)).isEqualTo(waterfall);
    assertThat(readList(write(trend), org.crmkit.bi.TrendPoint.class)).isEqualTo(trend);
    assertThat(readList(write(states), org.crmkit.bi.OpportunityDayState.class)).isEqualTo(states).hasSize(2);
  }

  // --- the documents of a real Crm ------------------------------------------------------------------------------

  private static Crm crm() {
    return Crm.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(Instant.parse("2026-03-02T09:30:00Z"), ZoneOffset.UTC))
        .customFields(JsonFixtures.SCHEMA).build();
  }

  @Test
  void aLeadTakenFromJsonIsCreatedUpdatedConvertedAndAnsweredInJsonThroughARealCrm() {
    Crm crm = crm();
    Actor alice = Actor.user("alice");

    Lead lead = crm.leads().create(alice, read("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
        + "\"company\":\"Analytical Engines\",\"email\":\"ada@engines.example\",\"phone\":\"+44 20 7946 0000\","
        + "\"customFields\":{\"tier\":\"gold\",\"budget\":{\"amount\":\"50000\",\"currency\":\"EUR\"}}}",
        CreateLead.class));
    assertThat(read(write(lead), Lead.class).snapshot()).isEqualTo(lead.snapshot());

    Lead updated = crm.leads().update(alice, read("{\"id\":\"" + lead.id() + "\",\"expectedVersion\":"
        + lead.version() + ",\"phone\":null,\"title\":\"CTO\"}", UpdateLead.class));
    assertThat(updated.details().phone()).isNull();
    assertThat(updated.details().title()).isEqualTo("CTO");
    assertThat(updated.details().company()).isEqualTo("Analytical Engines");
    assertThat(updated.customFields()).isEqualTo(lead.customFields());

    String convert = "{\"leadId\":\"" + lead.id() + "\",\"opportunity\":{\"action\":\"CREATE\"},"
        + "\"overrides\":{\"opportunity\":{\"amount\":{\"amount\":\"48000.00\",\"currency\":\"EUR\"},"
        + "\"closeDate\":\"2026-06-30\"}}}";
    ConversionPreview preview = crm.conversions().preview(alice, read(convert, ConvertLead.class));
    assertThat(read(write(preview), ConversionPreview.class)).isEqualTo(preview);
    ConversionOutcome outcome = crm.conversions().convert(alice, read(convert, ConvertLead.class));
    assertThat(outcome.isConverted()).as(outcome.toString()).isTrue();
    assertThat(read(write(outcome), ConversionOutcome.class)).isEqualTo(outcome);

    Opportunity deal = crm.opportunities().get(alice,
        ((ConversionOutcome.Converted) outcome).opportunityId().orElseThrow());
    assertThat(deal.amount()).contains(Money.of("48000", "EUR"));
    assertThat(read(write(deal), Opportunity.class).snapshot()).isEqualTo(deal.snapshot());
    for (StageHistoryEntry entry : crm.opportunities().history(alice, deal.id())) {
      assertThat(read(write(entry), StageHistoryEntry.class)).isEqualTo(entry);
    }
    Page<Lead> page = crm.leads().list(alice, LeadQuery.all(), PageRequest.first(10));
    assertThat(readPage(write(page), Lead.class).map(Lead::snapshot)).isEqualTo(page.map(Lead::snapshot));
    UndoOutcome undo = crm.conversions().undo(alice, lead.id());
    assertThat(read(write(undo), UndoOutcome.class)).isEqualTo(undo);
  }

  @Test
  void aUseCaseRefusalBecomesTheErrorDocumentOfItsKind() {
    Crm crm = crm();
    Actor alice = Actor.user("alice");
    Lead lead = crm.leads().create(alice, CreateLead.of("Ada", "Lovelace", null, null));
    UpdateLead stale = read("{\"id\":\"" + lead.id() + "\",\"expectedVersion\":" + (lead.version() + 1)
        + ",\"title\":\"CTO\"}", UpdateLead.class);

    Throwable conflict = catchThrowable(() -> crm.leads().update(alice, stale));
    Throwable invalid = catchThrowable(() -> crm.leads().create(alice, read("{\"email\":\"not-an-address\"}",
        CreateLead.class)));

    assertThat(read(write(conflict), CrmError.class).code()).isEqualTo("CONFLICT");
    CrmError validation = read(write(invalid), CrmError.class);
    assertThat(validation.code()).isEqualTo("VALIDATION");
    assertThat(validation.fieldErrors()).extracting(f -> f.field()).contains("email");
  }

  @Test
  void aRefusedDocumentReachesNoUseCaseSoNothingIsWritten() {
    Crm crm = crm();
    Actor alice = Actor.user("alice");

    Throwable thrown = catchThrowable(() -> crm.leads().create(alice, read("{\"firstName\":\"Ada\","
        + "\"lastName\":\"Lovelace\",\"customFields\":{\"tier\":\"platinum\"},\"extra\":1}", CreateLead.class)));

    assertThat(unwrap(thrown)).isInstanceOf(mappingFailure());
    assertThat(crm.leads().list(alice, LeadQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  // --- damaged documents ----------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}, damaged at random, reads back or is refused with a documented error")
  @MethodSource("documents")
  void aDamagedDocumentIsReadOrRefusedWithADocumentedErrorNeverAnythingElse(String name, Object value) {
    Object tree = CrmDocuments.of(JsonFixtures.SCHEMA).write(value);
    long seed = 20261202L + name.hashCode();
    JsonMutations mutations = new JsonMutations(seed);
    Class<?> type = documentType(value);
    java.util.List<String> findings = new java.util.ArrayList<>();
    int read = 0;
    int refused = 0;
    for (int i = 0; i < 60; i++) {
      String json = write(mutations.mutate(tree));
      try {
        Object back = value instanceof Page<?> ? readPage(json, Lead.class) : read(json, type);
        write(back);
        read++;
      } catch (RuntimeException e) {
        Throwable own = unwrap(e);
        CrmError error = error(e);
        boolean documented = mappingFailure().isInstance(own) && causedByInvalidJson(own)
            || parseFailure().isInstance(own);
        if (!documented || !java.util.Set.of("INVALID_JSON", "TOO_LARGE").contains(error.code())) {
          findings.add(mutations.description + " -> " + own);
        } else {
          refused++;
        }
      }
    }
    assertThat(findings).as("seed " + seed + ", " + read + " read, " + refused + " refused").isEmpty();
  }

  private static boolean causedByInvalidJson(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidJsonException) {
        return true;
      }
    }
    return false;
  }
}
