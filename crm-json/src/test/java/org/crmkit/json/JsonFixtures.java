package org.crmkit.json;


import java.time.Instant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.crmkit.report.DateBucket;
import org.crmkit.report.MoneySums;
import org.crmkit.report.Operator;
import org.crmkit.report.RateUsed;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportColumn;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.AccountCardReport;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.HomePage;
import org.crmkit.report.LeadSourceConversion;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.WinRate;
import org.crmkit.report.ReportRow;
import org.crmkit.report.ReportSource;
import org.crmkit.report.ValueType;
import java.time.YearMonth;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.MonthFigures;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.FieldFill;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.TargetPlan;
import org.crmkit.conversion.TargetResult;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadDetails;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.bi.Movement;
import org.crmkit.bi.MovementKind;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineAsOf;
import org.crmkit.bi.PipelineGroup;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import org.crmkit.bi.TrendPoint;
import org.crmkit.bi.Waterfall;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.StageKind;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/** One example of every crmkit document, all fields filled, for the round-trip suite and docs/API.md. */
public final class JsonFixtures {

  private JsonFixtures() {}

  /** The custom fields the examples carry: one of every type. */
  public static final CustomFieldSchema SCHEMA = CustomFieldSchema.of(
      CustomFieldDefinition.picklist(RecordType.LEAD, "tier", "Tier", Set.of("gold", "silver")),
      CustomFieldDefinition.of(RecordType.LEAD, "employees", "Employees", FieldType.NUMBER),
      CustomFieldDefinition.of(RecordType.LEAD, "budget", "Budget", FieldType.MONEY),
      CustomFieldDefinition.of(RecordType.LEAD, "firstContact", "First contact", FieldType.DATE),
      CustomFieldDefinition.of(RecordType.LEAD, "newsletter", "Newsletter", FieldType.BOOLEAN),
      CustomFieldDefinition.text(RecordType.LEAD, "notes", "Notes"),
      CustomFieldDefinition.picklist(RecordType.ACCOUNT, "tier", "Tier", Set.of("gold", "silver")),
      CustomFieldDefinition.of(RecordType.ACCOUNT, "employees", "Employees", FieldType.NUMBER),
      CustomFieldDefinition.text(RecordType.CONTACT, "linkedin", "LinkedIn"),
      CustomFieldDefinition.of(RecordType.OPPORTUNITY, "renewal", "Renewal", FieldType.BOOLEAN),
      CustomFieldDefinition.of(RecordType.OPPORTUNITY, "budget", "Budget", FieldType.MONEY));

  public static final Instant CREATED = Instant.parse("2026-03-02T09:30:00Z");
  public static final Instant UPDATED = Instant.parse("2026-03-05T14:15:00Z");
  public static final UserId ALICE = UserId.of("alice");
  public static final LeadId LEAD_ID = LeadId.of(UUID.fromString("0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b"));
  public static final AccountId ACCOUNT_ID = AccountId.of(UUID.fromString("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"));
  public static final ContactId CONTACT_ID = ContactId.of(UUID.fromString("2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e"));
  public static final OpportunityId OPPORTUNITY_ID =
      OpportunityId.of(UUID.fromString("3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f"));
  public static final ConversionId CONVERSION_ID =
      ConversionId.of(UUID.fromString("4d5e6f7a-8b9c-4d1e-8f3a-4b5c6d7e8f90"));
  public static final Money DEAL = Money.of("48000.00", "EUR");

  public static LeadSnapshot leadSnapshot() {
    Map<String, CustomValue> custom = new LinkedHashMap<>();
    custom.put("tier", CustomValue.picklist("gold"));
    custom.put("employees", CustomValue.number("250"));
    custom.put("budget", CustomValue.money(Money.of("50000.00", "EUR")));
    custom.put("firstContact", CustomValue.date(LocalDate.of(2026, 2, 20)));
    custom.put("newsletter", CustomValue.bool(true));
    custom.put("notes", CustomValue.text("Met at the trade fair in Hanover"));
    return new LeadSnapshot(LEAD_ID, 3, ALICE, new LeadDetails("Ada", "Lovelace", "Analytical Engines Ltd", "CTO",
        EmailAddress.of("ada@engines.example"), "+44 20 7946 0000", "https://engines.example", "web form",
        "Manufacturing", "Wants a pilot for 50 seats"), "working", null, CustomFields.of(custom), null, CREATED,
        UPDATED);
  }

  public static LeadSnapshot convertedLead() {
    LeadSnapshot s = leadSnapshot();
    return new LeadSnapshot(s.id(), 4, s.owner(), s.details(), "converted", null, s.customFields(),
        new LeadConversionInfo(ACCOUNT_ID, CONTACT_ID, OPPORTUNITY_ID, UPDATED, ALICE), s.createdAt(), UPDATED);
  }

  public static AccountSnapshot accountSnapshot() {
    return new AccountSnapshot(ACCOUNT_ID, 2, ALICE, new AccountDetails("Analytical Engines Ltd",
        "https://engines.example", "Manufacturing", "+44 20 7946 0000", EmailAddress.of("info@engines.example"),
        "London", "GB", "Makers of difference engines"), Segments.of(Map.of("region", "EMEA", "size", "mid")),
        CustomFields.of(Map.of("tier", CustomValue.picklist("gold"), "employees", CustomValue.number("250"))),
        CREATED, UPDATED);
  }

  public static ContactSnapshot contactSnapshot() {
    return new ContactSnapshot(CONTACT_ID, 1, ALICE, ACCOUNT_ID, new ContactDetails("Ada", "Lovelace",
        EmailAddress.of("ada@engines.example"), "+44 20 7946 0000", "CTO", null),
        CustomFields.of(Map.of("linkedin", CustomValue.text("in/ada"))), CREATED, UPDATED);
  }

  public static OpportunitySnapshot opportunitySnapshot() {
    return new OpportunitySnapshot(OPPORTUNITY_ID, 5, ALICE, "Analytical Engines Ltd - first order", ACCOUNT_ID,
        CONTACT_ID, DEAL, Probability.of(60), false, "proposal", LocalDate.of(2026, 6, 30), null, "web form",
        "Send the revised quote", "50 seats, three-year term", Segments.of(Map.of("region", "EMEA")),
        CustomFields.of(Map.of("renewal", CustomValue.bool(false), "budget",
            CustomValue.money(Money.of("50000.00", "EUR")))), LEAD_ID, CREATED, UPDATED);
  }

  public static OpportunitySnapshot lostOpportunity() {
    return new OpportunitySnapshot(OPPORTUNITY_ID, 7, ALICE, "Analytical Engines Ltd - first order", ACCOUNT_ID,
        null, Money.of("12000.00", "USD"), Probability.of(0), false, "closed-lost",
        LocalDate.of(2026, 4, 1), "chose a competitor", null, null, null, Segments.none(), CustomFields.empty(),
        null, CREATED, UPDATED);
  }

  public static StageHistoryEntry stageEntry() {
    return new StageHistoryEntry(UUID.fromString("5e6f7a8b-9c0d-4e2f-9a4b-5c6d7e8f9a01"), OPPORTUNITY_ID, 5,
        ChangeKind.UPDATED, ChangeOrigin.DIRECT, "proposal", DEAL, Probability.of(60), false,
        LocalDate.of(2026, 6, 30), "qualification", Money.of("40000.00", "EUR"), LocalDate.of(2026, 5, 31), UPDATED,
        ALICE);
  }

  public static List<ForecastLine> lines() {
    return List.of(new ForecastLine(YearMonth.of(2026, 7), Money.of("16000.00", "EUR"), "first third"),
        new ForecastLine(YearMonth.of(2026, 8), Money.of("16000.00", "EUR"), null),
        new ForecastLine(YearMonth.of(2026, 9), Money.of("16000.00", "EUR"), null));
  }

  public static BillingForecastSnapshot forecastSnapshot() {
    return new BillingForecastSnapshot(OPPORTUNITY_ID, 2, lines(), null, UPDATED);
  }

  public static ForecastHistoryEntry forecastEntry() {
    return new ForecastHistoryEntry(UUID.fromString("6f7a8b9c-0d1e-4f3a-8b5c-6d7e8f9a0b12"), OPPORTUNITY_ID, 2,
        ForecastChangeCause.AMOUNT_FLAGGED, lines(), lines(), Money.of("-8000.00", "EUR"), UPDATED, ALICE);
  }

  public static AccountBudgetSnapshot budgetSnapshot() {
    return new AccountBudgetSnapshot(ACCOUNT_ID, 1, List.of(new BudgetLine(YearMonth.of(2026, 7),
        Money.of("20000.00", "EUR")), new BudgetLine(YearMonth.of(2026, 8), Money.of("20000.00", "EUR"))), UPDATED);
  }

  public static AccountCard card() {
    Money zero = Money.zero("EUR");
    return new AccountCard(ACCOUNT_ID, Currency.getInstance("EUR"), YearMonth.of(2026, 7), YearMonth.of(2026, 8),
        List.of(new MonthFigures(YearMonth.of(2026, 7), Money.of("20000.00", "EUR"), Money.of("16000.00", "EUR"),
            Money.of("9600.00", "EUR"), zero, zero),
            new MonthFigures(YearMonth.of(2026, 8), Money.of("20000.00", "EUR"), Money.of("16000.00", "EUR"),
                Money.of("9600.00", "EUR"), zero, Money.of("1250.50", "EUR"))));
  }

  public static ConversionRecord conversionRecord() {
    Map<ConversionTarget, TargetResult> targets = new EnumMap<>(ConversionTarget.class);
    targets.put(ConversionTarget.ACCOUNT, TargetResult.of(ConversionAction.MATCH_OR_CREATE, Disposition.LINKED,
        ACCOUNT_ID, 3).withFills(List.of(new FieldFill("website", Optional.empty(),
            CustomValue.text("https://engines.example")),
        new FieldFill("customFields.employees", Optional.of(CustomValue.number("200")), CustomValue.number("250")))));
    targets.put(ConversionTarget.CONTACT, TargetResult.of(ConversionAction.CREATE, Disposition.CREATED, CONTACT_ID,
        1));
    targets.put(ConversionTarget.OPPORTUNITY, TargetResult.of(ConversionAction.CREATE, Disposition.CREATED,
        OPPORTUNITY_ID, 1));
    return new ConversionRecord(CONVERSION_ID, 1, LEAD_ID, "web-leads", 2, targets, leadSnapshot(), false, null,
        ALICE, UPDATED, null, null);
  }

  public static ConversionRecord undoneRecord() {
    return conversionRecord().undone(UserId.of("bob"), UPDATED.plusSeconds(3600)).withVersion(2);
  }

  public static DuplicateCandidate candidate() {
    return new DuplicateCandidate(ConversionTarget.ACCOUNT, ACCOUNT_ID, "Analytical Engines Ltd",
        List.of("name", "website"), 0.92);
  }

  public static ConversionOutcome.Rejected rejected() {
    return new ConversionOutcome.Rejected(LEAD_ID, List.of(
        new ConversionProblem(ConversionProblem.Reason.AMBIGUOUS_MATCH, "account", "2 accounts match; link one "
            + "by its id or create a new one", List.of(candidate(), new DuplicateCandidate(ConversionTarget.ACCOUNT,
            AccountId.of(UUID.fromString("7a8b9c0d-1e2f-4a4b-9c6d-7e8f9a0b1c23")), "Analytical Engines",
            List.of("name"), 0.75))),
        ConversionProblem.of(ConversionProblem.Reason.MISSING_REQUIRED_VALUE, "opportunity.closeDate",
            "is required by policy web-leads")));
  }

  public static ConversionPreview preview() {
    Map<ConversionTarget, TargetPlan> targets = new EnumMap<>(ConversionTarget.class);
    Map<String, CustomValue> accountValues = new LinkedHashMap<>();
    accountValues.put("name", CustomValue.text("Analytical Engines Ltd"));
    accountValues.put("customFields.tier", CustomValue.picklist("gold"));
    targets.put(ConversionTarget.ACCOUNT, new TargetPlan(ConversionAction.MATCH_OR_CREATE, Disposition.LINKED,
        Optional.of(ACCOUNT_ID), accountValues, List.of(candidate())));
    targets.put(ConversionTarget.CONTACT, new TargetPlan(ConversionAction.CREATE, Disposition.CREATED,
        Optional.empty(), Map.of("lastName", CustomValue.text("Lovelace")), List.of()));
    Map<String, CustomValue> opportunityValues = new LinkedHashMap<>();
    opportunityValues.put("name", CustomValue.text("Analytical Engines Ltd - first order"));
    opportunityValues.put("amount", CustomValue.money(DEAL));
    opportunityValues.put("closeDate", CustomValue.date(LocalDate.of(2026, 6, 30)));
    opportunityValues.put("customFields.renewal", CustomValue.bool(false));
    targets.put(ConversionTarget.OPPORTUNITY, new TargetPlan(ConversionAction.CREATE, Disposition.CREATED,
        Optional.empty(), opportunityValues, List.of()));
    return new ConversionPreview(LEAD_ID, "web-leads", 2, targets, List.of());
  }

  public static UpdateOpportunity updateOpportunity() {
    return UpdateOpportunity.of(OPPORTUNITY_ID, 5).amount(Money.of("52000.00", "EUR")).probability(70)
        .clearCloseDate().nextStep("Sign the contract").customFields(Map.of("renewal", CustomValue.bool(true)));
  }

  /**
   * Every example, by the name docs/API.md gives it. Aggregates (Lead, ...) are given as the aggregate; their
   * snapshot reads and writes the same document.
   *
   * @return name to value, in the order of docs/API.md
   */
  /** @return an ad-hoc report: open pipeline of this quarter by stage and month, in euros */
  public static ReportDefinition reportDefinition() {
    return ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .where("stage", Operator.IN, "proposal", "negotiation")
        .where("closeDate", Operator.EQUALS, "this_quarter")
        .groupBy("stage").groupBy("closeDate", DateBucket.MONTH)
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.avgProbability())
        .sortByDescending("sum(amount)").limit(50).reportingCurrency("EUR").build();
  }

  /** @return the result of {@link #reportDefinition()}: groups, a subtotal, the grand total and a rate used */
  public static ReportResult reportResult() {
    List<ReportColumn> columns = List.of(new ReportColumn("stage", ValueType.TEXT),
        new ReportColumn("closeDate:month", ValueType.TEXT), new ReportColumn("count", ValueType.INTEGER),
        new ReportColumn("sum(amount)", ValueType.MONEY), new ReportColumn("avg_probability", ValueType.DECIMAL));
    List<ReportRow> rows = List.of(
        new ReportRow(ReportRow.Kind.GROUP, 2, Arrays.asList("proposal", "2026-05", 2L,
            MoneySums.of(Money.of("61000.00", "EUR")), new BigDecimal("50"))),
        new ReportRow(ReportRow.Kind.GROUP, 2, Arrays.asList("proposal", "2026-06", 1L,
            MoneySums.of(DEAL), new BigDecimal("62.5"))));
    List<ReportRow> subtotals = List.of(new ReportRow(ReportRow.Kind.SUBTOTAL, 1, Arrays.asList("proposal", null,
        3L, MoneySums.of(Money.of("109000.00", "EUR")), new BigDecimal("54.17"))));
    ReportRow total = new ReportRow(ReportRow.Kind.TOTAL, 0, Arrays.asList(null, null, 3L,
        MoneySums.of(Money.of("109000.00", "EUR")), new BigDecimal("54.17")));
    return new ReportResult(ReportSource.OPPORTUNITIES, LocalDate.of(2026, 5, 4), columns, rows, subtotals, total,
        2, List.of(new RateUsed(Currency.getInstance("USD"), Currency.getInstance("EUR"), LocalDate.of(2026, 5, 4),
            new BigDecimal("0.9210"))));
  }

  /** @return a one-column-pair result: a count by one text column, one group row and the total */
  public static ReportResult countBy(ReportSource source, String column, String key, long count) {
    List<ReportColumn> columns = List.of(new ReportColumn(column, ValueType.TEXT),
        new ReportColumn("count", ValueType.INTEGER));
    return new ReportResult(source, LocalDate.of(2026, 5, 4), columns,
        List.of(new ReportRow(ReportRow.Kind.GROUP, 1, Arrays.asList(key, count))), List.of(),
        new ReportRow(ReportRow.Kind.TOTAL, 0, Arrays.asList(null, count)), 1, List.of());
  }

  /** @return Alice's home page on 2026-05-04 */
  public static HomePage homePage() {
    return new HomePage(LocalDate.of(2026, 5, 4), countBy(ReportSource.OPPORTUNITIES, "name",
        "Analytical Engines Ltd - first order", 1), reportResult(),
        countBy(ReportSource.OPPORTUNITIES, "stage", "proposal", 1),
        countBy(ReportSource.LEADS, "status", "new", 4), countBy(ReportSource.OPPORTUNITIES, "stage", "proposal", 0));
  }

  /** @return the dashboard of the second quarter of 2026, with win rate by region */
  public static SalesDashboard dashboard() {
    MoneySums eur = MoneySums.of(Money.of("48000.00", "EUR"));
    return new SalesDashboard(DashboardQuery.of(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30))
        .withSegment("region"), reportResult(), countBy(ReportSource.OPPORTUNITIES, "owner", "alice", 3),
        List.of(new WinRate("alice", 3, 1, new BigDecimal("0.75"))),
        List.of(new WinRate("EMEA", 2, 2, new BigDecimal("0.5")), new WinRate(null, 0, 0, null)),
        List.of(new WinRate("web form", 1, 0, new BigDecimal("1"))),
        MoneySums.of(Money.of("48000.00", "EUR"), Money.of("12000.00", "USD")), new BigDecimal("41.5"),
        List.of(new FunnelStep("qualification", 10, new BigDecimal("0.6"), new BigDecimal("12.3")),
            new FunnelStep("closed_won", 3, null, null)),
        List.of(new ForecastMonth("2026-05", eur, MoneySums.of(Money.of("28800.00", "EUR")), MoneySums.none())),
        countBy(ReportSource.LEADS, "leadSource", "web form", 7),
        List.of(new LeadSourceConversion("web form", 7, 2, new BigDecimal("0.2857")),
            new LeadSourceConversion(null, 1, 0, null)));
  }

  /** @return the account card report of {@link #card()} */
  public static AccountCardReport cardReport() {
    return new AccountCardReport(card(), countBy(ReportSource.FORECAST_LINES, "month", "2026-08", 2),
        countBy(ReportSource.OPPORTUNITIES, "stage", "proposal", 1));
  }

  /** @return a kept day: 31 March 2026, taken that evening, 1,204 opportunities of which 61 changed */
  public static SnapshotDay snapshotDay() {
    return new SnapshotDay(LocalDate.of(2026, 3, 31), Instant.parse("2026-03-31T21:30:00Z"), SnapshotSource.CURRENT,
        1204, 61);
  }

  /** @return the open deal's state at the end of 31 March 2026 */
  public static OpportunityDayState dayState() {
    return new OpportunityDayState(OPPORTUNITY_ID, "proposal", StageKind.OPEN, ForecastCategory.PIPELINE, DEAL,
        Probability.of(60), Money.of("28800.00", "EUR"), LocalDate.of(2026, 6, 30), ALICE, ACCOUNT_ID,
        Segments.of(Map.of("region", "EMEA")), Money.of("48000.00", "EUR"));
  }

  /** @return a lost deal without an amount, account, segments or forecast, as a day holds it after its close */
  public static OpportunityDayState closedDayState() {
    return new OpportunityDayState(OPPORTUNITY_ID, "closed_lost", StageKind.LOST, ForecastCategory.OMITTED, null,
        Probability.of(0), null, LocalDate.of(2026, 3, 20), ALICE, null, Segments.none(), null);
  }

  /** @return the open pipeline by region on Saturday 28 March 2026, answered by the Sunday before (weekly retention) */
  public static PipelineAsOf pipelineAsOf() {
    return new PipelineAsOf(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 22), PipelineGrouping.bySegment("region"),
        List.of(new PipelineGroup("EMEA", 2, MoneySums.of(Money.of("68000.00", "EUR")),
                MoneySums.of(Money.of("36800.00", "EUR"))),
            new PipelineGroup(null, 1, MoneySums.of(Money.of("12000.00", "USD")),
                MoneySums.of(Money.of("1200.00", "USD")))),
        new PipelineGroup(null, 3, MoneySums.of(Money.of("68000.00", "EUR"), Money.of("12000.00", "USD")),
            MoneySums.of(Money.of("36800.00", "EUR"), Money.of("1200.00", "USD"))));
  }

  /** @return March 2026's waterfall: opening + new - won + amount up = closing, in EUR */
  public static Waterfall waterfall() {
    List<Movement> movements = new java.util.ArrayList<>();
    for (MovementKind kind : MovementKind.values()) {
      movements.add(switch (kind) {
        case NEW -> new Movement(kind, 1, MoneySums.of(Money.of("20000.00", "EUR")));
        case WON -> new Movement(kind, 1, MoneySums.of(Money.of("-48000.00", "EUR")));
        case AMOUNT_UP -> new Movement(kind, 1, MoneySums.of(Money.of("5000.00", "EUR")));
        case MOVED_FORWARD -> new Movement(kind, 1, MoneySums.of(Money.of("37000.00", "EUR")));
        case PUSHED_OUT -> new Movement(kind, 1, MoneySums.of(Money.of("12000.00", "EUR")));
        default -> new Movement(kind, 0, MoneySums.none());
      });
    }
    return new Waterfall(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 31), new PipelineGroup(null, 3, MoneySums.of(Money.of("100000.00", "EUR")),
            MoneySums.of(Money.of("45000.00", "EUR"))), movements,
        new PipelineGroup(null, 3, MoneySums.of(Money.of("77000.00", "EUR")), MoneySums.of(Money.of("41000.00",
            "EUR"))));
  }

  /** @return the open pipeline at the end of 31 March 2026, as a trend holds it */
  public static TrendPoint trendPoint() {
    return new TrendPoint(LocalDate.of(2026, 3, 31), 3, MoneySums.of(Money.of("77000.00", "EUR")),
        MoneySums.of(Money.of("41000.00", "EUR")));
  }

  public static Map<String, Object> documents() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("Money", DEAL);
    d.put("LeadId", LEAD_ID);
    d.put("Lead", Lead.restore(leadSnapshot()));
    d.put("Lead (converted)", Lead.restore(convertedLead()));
    d.put("LeadSnapshot", leadSnapshot());
    d.put("LeadDetails", leadSnapshot().details());
    d.put("Account", Account.restore(accountSnapshot()));
    d.put("AccountSnapshot", accountSnapshot());
    d.put("Contact", Contact.restore(contactSnapshot()));
    d.put("ContactSnapshot", contactSnapshot());
    d.put("Opportunity", Opportunity.restore(opportunitySnapshot()));
    d.put("Opportunity (lost)", Opportunity.restore(lostOpportunity()));
    d.put("OpportunitySnapshot", opportunitySnapshot());
    d.put("OpportunitySummary", new OpportunitySummary(OPPORTUNITY_ID, "Analytical Engines Ltd - first order",
        "proposal", DEAL, Probability.of(60), LocalDate.of(2026, 6, 30), ALICE, ACCOUNT_ID,
        "Analytical Engines Ltd"));
    d.put("StageHistoryEntry", stageEntry());
    d.put("BillingForecast", BillingForecast.restore(forecastSnapshot()));
    d.put("BillingForecastSnapshot", new BillingForecastSnapshot(OPPORTUNITY_ID, 3, lines(),
        Money.of("-8000.00", "EUR"), UPDATED));
    d.put("ForecastHistoryEntry", forecastEntry());
    d.put("AccountBudget", AccountBudget.restore(budgetSnapshot()));
    d.put("AccountBudgetSnapshot", budgetSnapshot());
    d.put("AccountCard", card());
    d.put("ConversionRecord", conversionRecord());
    d.put("ConversionRecord (undone)", undoneRecord());
    d.put("ConversionOutcome (converted)", new ConversionOutcome.Converted(LEAD_ID, conversionRecord()));
    d.put("ConversionOutcome (rejected)", rejected());
    d.put("UndoOutcome (undone)", new UndoOutcome.Undone(LEAD_ID, undoneRecord()));
    d.put("UndoOutcome (refused)", new UndoOutcome.Refused(LEAD_ID, List.of(
        "the opportunity was changed after the conversion (version 3, created at 1); undo it by hand")));
    d.put("ConversionPreview", preview());
    d.put("ReportDefinition", reportDefinition());
    d.put("ReportResult", reportResult());
    d.put("HomePage", homePage());
    d.put("SalesDashboard", dashboard());
    d.put("AccountCardReport", cardReport());
    d.put("SnapshotDay", snapshotDay());
    d.put("OpportunityDayState", dayState());
    d.put("OpportunityDayState (closed)", closedDayState());
    d.put("PipelineAsOf", pipelineAsOf());
    d.put("Waterfall", waterfall());
    d.put("TrendPoint", trendPoint());
    d.put("CreateLead", CreateLead.of("Ada", "Lovelace", "Analytical Engines Ltd", "ada@engines.example")
        .leadSource("web form").customFields(Map.of("tier", CustomValue.picklist("gold"), "employees",
            CustomValue.number("250"))));
    d.put("UpdateLead", UpdateLead.of(LEAD_ID, 3).title("Chief Technology Officer").clearPhone()
        .customFields(Map.of("newsletter", CustomValue.bool(false))));
    d.put("ChangeLeadStatus", new ChangeLeadStatus(LEAD_ID, 3, "unqualified", "no budget this year"));
    d.put("CreateAccount", CreateAccount.named("Analytical Engines Ltd").website("https://engines.example")
        .segments(Map.of("region", "EMEA")).customFields(Map.of("tier", CustomValue.picklist("silver"))));
    d.put("UpdateAccount", UpdateAccount.of(ACCOUNT_ID, 2).city("Manchester").clearDescription());
    d.put("CreateContact", CreateContact.named("Ada", "Lovelace").accountId(ACCOUNT_ID)
        .email("ada@engines.example").customFields(Map.of("linkedin", CustomValue.text("in/ada"))));
    d.put("UpdateContact", UpdateContact.of(CONTACT_ID, 1).clearAccountId().title("CTO"));
    d.put("CreateOpportunity", CreateOpportunity.named("Analytical Engines Ltd - first order")
        .accountId(ACCOUNT_ID).contactId(CONTACT_ID).amount(DEAL).stage("qualification")
        .closeDate(LocalDate.of(2026, 6, 30)).customFields(Map.of("renewal", CustomValue.bool(false))));
    d.put("UpdateOpportunity", updateOpportunity());
    d.put("ChangeStage", new ChangeStage(OPPORTUNITY_ID, 5, "negotiation"));
    d.put("WinOpportunity", new WinOpportunity(OPPORTUNITY_ID, 6, LocalDate.of(2026, 6, 15)));
    d.put("LoseOpportunity", new LoseOpportunity(OPPORTUNITY_ID, 6, "chose a competitor", null));
    d.put("ReopenOpportunity", new ReopenOpportunity(OPPORTUNITY_ID, 7, "negotiation"));
    d.put("ConvertLead", new ConvertLead(LEAD_ID, 3L, "web-leads", TargetChoice.link(ACCOUNT_ID),
        TargetChoice.create(), TargetChoice.create(), Map.of(ConversionTarget.OPPORTUNITY, Map.of("amount",
            CustomValue.money(DEAL), "customFields.renewal", CustomValue.bool(true))), false));
    d.put("TargetChoice", TargetChoice.link(CONTACT_ID));
    d.put("EnterForecast", new EnterForecast(OPPORTUNITY_ID, 2L, lines()));
    d.put("EditForecastLine", new EditForecastLine(OPPORTUNITY_ID, 2L, YearMonth.of(2026, 8),
        Money.of("12000.00", "EUR"), "moved a third to September"));
    d.put("RepeatForecast", new RepeatForecast(OPPORTUNITY_ID, null, Money.of("4000.00", "EUR"),
        YearMonth.of(2026, 7), 12));
    d.put("SplitForecast", new SplitForecast(OPPORTUNITY_ID, 2L, null, YearMonth.of(2026, 7), 3));
    d.put("SetBudgetMonths", new SetBudgetMonths(ACCOUNT_ID, 1L, budgetSnapshot().months()));
    d.put("Page", new Page<>(List.of(Lead.restore(leadSnapshot())), PageRequest.of(0, 1), 42));
    d.put("CrmError (validation)", new CrmError("VALIDATION", "Invalid input: lastName: must not be blank",
        List.of(new FieldError("lastName", "must not be blank")), null, null));
    d.put("CrmError (not found)", new CrmError("NOT_FOUND", "Lead " + LEAD_ID + " does not exist; check the id, "
        + "or whether it was deleted", List.of(), RecordType.LEAD, LEAD_ID.toString()));
    return d;
  }

  /**
   * A copy for comparison: aggregates compared by their snapshot (they are not values), the rest as they are.
   *
   * @param value a document value
   * @return what equality is checked on
   */
  public static Object comparable(Object value) {
    if (value instanceof Lead l) {
      return l.snapshot();
    }
    if (value instanceof Account a) {
      return a.snapshot();
    }
    if (value instanceof Contact c) {
      return c.snapshot();
    }
    if (value instanceof Opportunity o) {
      return o.snapshot();
    }
    if (value instanceof BillingForecast f) {
      return f.snapshot();
    }
    if (value instanceof AccountBudget b) {
      return b.snapshot();
    }
    if (value instanceof Page<?> p) {
      return new Page<>(p.items().stream().map(JsonFixtures::comparable).toList(), p.request(), p.total());
    }
    return value;
  }

}
