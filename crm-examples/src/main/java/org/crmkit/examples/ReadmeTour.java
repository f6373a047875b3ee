package org.crmkit.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.MonthFigures;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.forecast.AmountChangePolicy;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.DateBucket;
import org.crmkit.report.HomePage;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportCsv;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportSource;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.SvgChart;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.segment.SegmentDimension;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordType;
import org.crmkit.storage.CrmStorage;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;

/**
 * The README's tour of the API as code that compiles and runs. Every block between a "README: begin" and a
 * "README: end" comment is a code block of README.md's tour, character for character, in the same order;
 * ExamplesTest checks that and runs each part, so the tour cannot drift from the API. The methods' parameters are
 * what the README's prose assumes (a storage, a lead id, ...).
 */
final class ReadmeTour {
  private ReadmeTour() {}

  /** What the first part of the tour leaves behind. */
  record Basics(Crm crm, Actor alice, Lead lead, Opportunity deal, List<StageHistoryEntry> history, long entries,
      Map<String, Duration> timeInStage) {}

  /** What the conversion part of the tour leaves behind. */
  record Conversion(ConversionPreview preview, ConversionOutcome outcome, BulkConversionResult bulk,
      UndoOutcome undo) {}

  /** The JPA part of the tour: the storage (close it) and the Crm on it. */
  record Jpa(JpaStorage storage, Crm crm) {}

  static Basics basics() {
    // README: begin
    Crm crm = Crm.builder()
        .storage(InMemoryStorage.create())   // or a JPA storage, or your own CrmStorage
        .clock(Clock.systemUTC())            // optional: stamps every change, defines "today"
        .pipeline(Pipeline.defaults())       // optional: your own stages and lead statuses
        .build();
    Actor alice = Actor.user("alice");       // every use case knows who acts
    // README: end

    // README: begin
    Lead lead = crm.leads().create(alice, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@example.com")
        .leadSource("Web form"));
    lead = crm.leads().changeStatus(alice, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified"));
    // README: end

    // README: begin
    Account acme = crm.accounts().create(alice, CreateAccount.named("Acme Oy").website("https://acme.example"));
    Contact wile = crm.contacts().create(alice, CreateContact.of(acme.id(), "Wile E.", "Coyote", "wile@acme.example"));

    Opportunity deal = crm.opportunities().create(alice, crm.opportunities().prefillFromContact(alice, wile.id())
        .name("Rocket skates").amount(Money.of("48000.00", "EUR")).closeDate(LocalDate.of(2026, 6, 30)));
    deal = crm.opportunities().changeStage(alice, ChangeStage.of(deal.id(), deal.version(), "proposal"));
    deal = crm.opportunities().update(alice, UpdateOpportunity.of(deal.id(), deal.version())
        .amount(Money.of("52000.00", "EUR")).clearCloseDate());    // the other fields stay as they are
    deal = crm.opportunities().win(alice, WinOpportunity.of(deal.id(), deal.version()));   // closed today
    // README: end

    // README: begin
    List<StageHistoryEntry> history = crm.opportunities().history(alice, deal.id());
    long entries = crm.opportunities().historyCount(alice, deal.id());
    Map<String, Duration> timeInStage = crm.opportunities().timeInStage(alice, deal.id());
    // README: end
    return new Basics(crm, alice, lead, deal, history, entries, timeInStage);
  }

  static Crm customFields(CrmStorage storage) {
    // README: begin
    Crm crm = Crm.builder().storage(storage).customFields(CustomFieldSchema.of(
        CustomFieldDefinition.picklist(RecordType.LEAD, "tier", "Tier", Set.of("gold", "silver")),
        CustomFieldDefinition.of(RecordType.OPPORTUNITY, "renewal", "Renewal", FieldType.BOOLEAN))).build();
    // README: end
    return crm;
  }

  static Conversion conversion(CrmStorage storage, Actor alice, LeadId leadId, List<LeadId> leadIds) {
    // README: begin
    Crm crm = Crm.builder().storage(storage)
        .conversionPolicies(ConversionPolicy.builder("web-leads")
            .opportunityNameTemplate("{company} - first order").automaticConversionAllowed(true).build())
        .build();

    ConversionPreview preview = crm.conversions().preview(alice, ConvertLead.of(leadId));   // dry run: writes nothing
    ConversionOutcome outcome = crm.conversions().convert(alice, ConvertLead.of(leadId)
        .policyId("web-leads")
        .account(TargetChoice.matchOrCreate())        // or create(), link(accountId), none()
        .override(ConversionTarget.OPPORTUNITY, "amount", CustomValue.money(Money.of("12000.00", "EUR"))));
    if (outcome instanceof ConversionOutcome.Rejected r) {
      r.problems().forEach(p -> System.out.println(p.message()));   // duplicates, missing required values, ...
    }
    BulkConversionResult bulk = crm.conversions().convertAll(alice, leadIds, "web-leads");  // each lead its own unit of work
    UndoOutcome undo = crm.conversions().undo(alice, leadId);   // refused if the new records changed since
    // README: end
    return new Conversion(preview, outcome, bulk, undo);
  }

  static Crm workflows(CrmStorage storage, ConversionPolicy webLeads) {
    // README: begin
    Crm crm = Crm.builder().storage(storage)
        .conversionPolicies(webLeads)
        .workflows(WorkflowRules.of(WorkflowRule.builder("auto-convert-qualified")
            .on(Trigger.leadStatusChangedTo("qualified"))
            .when(FieldCondition.isNotEmpty("company"))
            .then(WorkflowAction.convertLead("web-leads"))
            .build()))
        .build();
    // README: end
    return crm;
  }

  static AccountCard forecasts(CrmStorage storage, Actor alice, OpportunityId dealId, AccountId accountId) {
    // README: begin
    Crm crm = Crm.builder().storage(storage)
        .pipeline(Pipeline.defaults().withForecastOnAmountChange(AmountChangePolicy.RESCALE))
        .segments(SegmentCatalog.of(
            SegmentDimension.of("industry", "Industry", "manufacturing", "retail", "software"),
            SegmentDimension.of("region", "Region", "nordics", "dach")))
        .build();

    crm.forecasts().splitEvenly(alice, SplitForecast.ofAmount(dealId, YearMonth.of(2026, 4), 3)); // remainder on the last month
    crm.forecasts().repeat(alice, RepeatForecast.of(dealId, Money.of("500.00", "EUR"), YearMonth.of(2026, 4), 12));
    crm.budgets().setMonths(alice, SetBudgetMonths.of(accountId, List.of(BudgetLine.of(YearMonth.of(2026, 4), Money.of("20000.00", "EUR")))));

    AccountCard card = crm.accountCards().card(alice, accountId, YearMonth.of(2026, 4), YearMonth.of(2026, 6));
    for (MonthFigures m : card.months()) {
      System.out.println(m.month() + " budget " + m.budget() + " forecast " + m.forecast() + " weighted " + m.weighted()
          + " committed " + m.committed() + " won " + m.won());
    }
    // README: end
    return card;
  }

  /** What the reports part of the tour leaves behind. */
  record Reports(ReportResult pipeline, String csv, HomePage home, SalesDashboard dashboard, String svg) {}

  static Reports reports(Crm crm, Actor alice) {
    // README: begin
    ReportResult pipeline = crm.reports().run(alice, ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .where("closeDate", Operator.EQUALS, "this_quarter")       // relative dates follow the Crm's clock
        .where("segment.region", Operator.IN, "nordics", "dach")
        .groupBy("stage").groupBy("closeDate", DateBucket.MONTH)
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount())
        .sortByDescending("sum(amount)")
        .build());
    String csv = ReportCsv.write(pipeline);                        // formula-like cells neutralised

    HomePage home = crm.reports().homePage(alice);                 // mine: open, by stage, this month, leads, overdue
    SalesDashboard dashboard = crm.reports().dashboard(alice,
        DashboardQuery.of(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)).withSegment("region"));
    String svg = SvgChart.of(SvgChart.Kind.BAR, "Pipeline by stage", home.pipelineByStage()).toSvg();
    // README: end
    return new Reports(pipeline, csv, home, dashboard, svg);
  }

  static Crm access(CrmStorage storage, TeamDirectory teams) {
    // README: begin
    Crm crm = Crm.builder().storage(storage)
        .accessPolicy(OwnerAccessPolicy.over(teams).trustingSystemActors("workflow"))
        .build();
    // README: end
    return crm;
  }

  static Crm inMemory() {
    // README: begin
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
    // README: end
    return crm;
  }

  static Jpa jpa(DataSource dataSource) {
    // README: begin
    JpaStorage storage = JpaStorage.builder()
        .dataSource(dataSource)      // your pool; or .jdbcUrl(url, user, password)
        .build();                    // applies crmkit's SQL migrations (Flyway), then validates the mapping
    Crm crm = Crm.builder().storage(storage).build();
    // README: end
    return new Jpa(storage, crm);
  }
}
