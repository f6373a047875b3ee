package org.crmkit;

import org.crmkit.application.AccountBudgetService;
import org.crmkit.application.AccountCardService;
import org.crmkit.application.AccountService;
import org.crmkit.application.ContactService;
import org.crmkit.application.ConversionService;
import org.crmkit.application.ForecastService;
import org.crmkit.application.LeadService;
import org.crmkit.application.OpportunityService;
import org.crmkit.application.WebFormService;
import org.crmkit.application.internal.DefaultCrm;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.workflow.WorkflowRules;

/**
 * The {@link Crm} that {@link Crm.Builder#build()} returns: the entry point's face over the wired use cases. It
 * lives beside {@link Crm} so the implementation package never depends on the entry point. Immutable.
 */
final class BuiltCrm implements Crm {
  private final DefaultCrm crm;
  private final WebFormService webForms;

  BuiltCrm(DefaultCrm crm, WebFormService webForms) {
    this.crm = crm;
    this.webForms = webForms;
  }

  @Override
  public WebFormService webForms() {
    return webForms;
  }

  @Override
  public LeadService leads() {
    return crm.leads();
  }

  @Override
  public AccountService accounts() {
    return crm.accounts();
  }

  @Override
  public ContactService contacts() {
    return crm.contacts();
  }

  @Override
  public OpportunityService opportunities() {
    return crm.opportunities();
  }

  @Override
  public ForecastService forecasts() {
    return crm.forecasts();
  }

  @Override
  public AccountBudgetService budgets() {
    return crm.budgets();
  }

  @Override
  public AccountCardService accountCards() {
    return crm.accountCards();
  }

  @Override
  public SegmentCatalog segments() {
    return crm.segments();
  }

  @Override
  public ConversionService conversions() {
    return crm.conversions();
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
