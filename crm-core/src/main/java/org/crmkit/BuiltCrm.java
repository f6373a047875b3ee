package org.crmkit;

import org.crmkit.application.AccountBudgetService;
import org.crmkit.application.AccountCardService;
import org.crmkit.application.ReportService;
import org.crmkit.application.AccountService;
import org.crmkit.application.ContactService;
import org.crmkit.application.ConversionService;
import org.crmkit.application.ForecastService;
import org.crmkit.application.LeadService;
import org.crmkit.application.OpportunityService;
import org.crmkit.application.WebFormService;
import org.crmkit.application.internal.DefaultCrm;
import org.crmkit.bi.BiService;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.observe.CrmObserver;
import org.crmkit.observe.internal.Observation;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.workflow.WorkflowRules;

/**
 * The {@link Crm} that {@link Crm.Builder#build()} returns: the entry point's face over the wired use cases. It
 * lives beside {@link Crm} so the implementation package never depends on the entry point. Every service it hands
 * out is observed ({@link Observation}): timed, logged and reported to the {@link CrmObserver}. Immutable.
 */
final class BuiltCrm implements Crm {
  private final DefaultCrm crm;
  private final LeadService leads;
  private final AccountService accounts;
  private final ContactService contacts;
  private final OpportunityService opportunities;
  private final ForecastService forecasts;
  private final AccountBudgetService budgets;
  private final AccountCardService accountCards;
  private final ConversionService conversions;
  private final WebFormService webForms;
  private final ReportService reports;
  private final BiService bi;

  BuiltCrm(CrmObserver observer, DefaultCrm crm, WebFormService webForms) {
    this.crm = crm;
    this.webForms = Observation.observe(WebFormService.class, "webForms", webForms, observer);
    this.leads = Observation.observe(LeadService.class, "leads", crm.leads(), observer);
    this.accounts = Observation.observe(AccountService.class, "accounts", crm.accounts(), observer);
    this.contacts = Observation.observe(ContactService.class, "contacts", crm.contacts(), observer);
    this.opportunities =
        Observation.observe(OpportunityService.class, "opportunities", crm.opportunities(), observer);
    this.forecasts = Observation.observe(ForecastService.class, "forecasts", crm.forecasts(), observer);
    this.budgets = Observation.observe(AccountBudgetService.class, "budgets", crm.budgets(), observer);
    this.accountCards =
        Observation.observe(AccountCardService.class, "accountCards", crm.accountCards(), observer);
    this.conversions = Observation.observe(ConversionService.class, "conversions", crm.conversions(), observer);
    this.reports = Observation.observe(ReportService.class, "reports", crm.reports(), observer);
    this.bi = Observation.observe(BiService.class, "bi", crm.bi(), observer);
  }

  @Override
  public WebFormService webForms() {
    return webForms;
  }

  @Override
  public LeadService leads() {
    return leads;
  }

  @Override
  public AccountService accounts() {
    return accounts;
  }

  @Override
  public ContactService contacts() {
    return contacts;
  }

  @Override
  public OpportunityService opportunities() {
    return opportunities;
  }

  @Override
  public ForecastService forecasts() {
    return forecasts;
  }

  @Override
  public AccountBudgetService budgets() {
    return budgets;
  }

  @Override
  public AccountCardService accountCards() {
    return accountCards;
  }

  @Override
  public ReportService reports() {
    return reports;
  }

  @Override
  public BiService bi() {
    return bi;
  }

  @Override
  public SegmentCatalog segments() {
    return crm.segments();
  }

  @Override
  public ConversionService conversions() {
    return conversions;
  }

  @Override
  public WorkflowRules workflows() {
    return crm.workflows();
  }

  @Override
  public Pipeline pipeline() {
    return crm.pipeline();
  }

  @Override
  public CustomFieldSchema customFields() {
    return crm.customFields();
  }
}
