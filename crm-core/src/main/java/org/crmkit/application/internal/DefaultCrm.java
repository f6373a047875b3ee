package org.crmkit.application.internal;

import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Collection;
import org.crmkit.Crm;
import org.crmkit.application.AccountBudgetService;
import org.crmkit.application.AccountCardService;
import org.crmkit.application.AccountService;
import org.crmkit.application.ContactService;
import org.crmkit.application.ForecastService;
import org.crmkit.application.ConversionService;
import org.crmkit.application.LeadService;
import org.crmkit.application.OpportunityRules;
import org.crmkit.application.OpportunityService;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.DomainEventPublisher;
import org.crmkit.shared.IdGenerator;
import org.crmkit.storage.CrmStorage;
import org.crmkit.workflow.WorkflowRules;

/** The {@link Crm} built by {@link Crm#builder()}. Internal: construct it through the builder. */
public final class DefaultCrm implements Crm {
  private final Context context;
  private final LeadService leads;
  private final AccountService accounts;
  private final ContactService contacts;
  private final OpportunityService opportunities;
  private final ForecastService forecasts;
  private final AccountBudgetService budgets;
  private final AccountCardService accountCards;
  private final ConversionService conversions;
  private final WorkflowRules workflows;

  public DefaultCrm(
      CrmStorage storage,
      Clock clock,
      IdGenerator ids,
      Pipeline pipeline,
      CustomFieldSchema customFields,
      OpportunityRules opportunityRules,
      DomainEventPublisher publisher,
      Validator validator,
      SegmentCatalog segments,
      Collection<ConversionPolicy> conversionPolicies,
      WorkflowRules workflows) {
    this.context = new Context(
        storage, clock, ids, pipeline, customFields, opportunityRules, publisher, new Validation(validator), segments);
    this.leads = new DefaultLeadService(context);
    this.accounts = new DefaultAccountService(context);
    this.contacts = new DefaultContactService(context);
    DefaultOpportunityService opportunityService = new DefaultOpportunityService(context);
    this.opportunities = opportunityService;
    this.forecasts = new DefaultForecastService(context);
    this.budgets = new DefaultAccountBudgetService(context);
    this.accountCards = new DefaultAccountCardService(context);
    DefaultConversionService conversionService =
        new DefaultConversionService(context, opportunityService, conversionPolicies);
    this.conversions = conversionService;
    this.workflows = workflows;
    if (!workflows.rules().isEmpty()) {
      FieldSetter fields = new FieldSetter(context);
      new WorkflowCheck(context, fields, conversionService.policies()).check(workflows);
      context.dispatchInTransaction(
          new WorkflowEngine(workflows, new WorkflowActions(context, fields, conversionService)));
    }
  }

  /** The default Jakarta Validation validator, with a clear error when no provider is on the class path. */
  public static Validator defaultValidator() {
    try {
      return jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
    } catch (NoProviderFoundException e) {
      throw new ConfigurationException(
          "no Jakarta Validation provider on the class path: add org.hibernate.validator:hibernate-validator"
              + " and org.glassfish.expressly:expressly, or pass validator(...) to the builder",
          e);
    }
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
  public SegmentCatalog segments() {
    return context.segments;
  }

  @Override
  public ConversionService conversions() {
    return conversions;
  }

  @Override
  public WorkflowRules workflows() {
    return workflows;
  }

  @Override
  public Pipeline pipeline() {
    return context.pipeline;
  }

  @Override
  public CustomFieldSchema customFields() {
    return context.customFields;
  }
}
