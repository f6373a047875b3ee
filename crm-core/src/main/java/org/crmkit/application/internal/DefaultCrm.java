package org.crmkit.application.internal;

import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import jakarta.validation.Validator;
import org.crmkit.application.AccountBudgetService;
import org.crmkit.application.AccountCardService;
import org.crmkit.application.ReportService;
import org.crmkit.report.ReportSettings;
import org.crmkit.application.AccountService;
import org.crmkit.application.ContactService;
import org.crmkit.application.ForecastService;
import org.crmkit.application.ConversionService;
import org.crmkit.application.LeadService;
import org.crmkit.application.OpportunityService;
import org.crmkit.bi.BiService;
import org.crmkit.bi.BiSettings;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.workflow.WorkflowRules;

/**
 * The use cases of one CRM wired over one configuration: what {@code Crm.builder()} builds and the {@code Crm} the
 * host receives delegates to. Internal: construct it through the builder. It does not implement {@code Crm} itself,
 * so nothing in the implementation depends on the entry point (the package cycle rule covers the root package).
 */
public final class DefaultCrm {
  private final Context context;
  private final LeadService leads;
  private final AccountService accounts;
  private final ContactService contacts;
  private final OpportunityService opportunities;
  private final ForecastService forecasts;
  private final AccountBudgetService budgets;
  private final AccountCardService accountCards;
  private final ConversionService conversions;
  private final ReportService reports;
  private final BiService bi;
  private final WorkflowRules workflows;

  /**
   * Builds the use cases over the configuration and checks what only the whole configuration can check (conversion
   * policies and workflow rules against the pipeline and custom fields).
   *
   * @throws org.crmkit.shared.ConfigurationException naming every problem found
   */
  /** The default of leads per unit of work in {@code convertAll}. */
  public static final int DEFAULT_CONVERSION_CHUNK = BulkConversion.DEFAULT_CHUNK_SIZE;

  /** The most leads {@code convertAll} may hold in one unit of work (and so in one persistence context). */
  public static final int MAX_CONVERSION_CHUNK = 10_000;

  public DefaultCrm(CrmConfiguration config) {
    this(config, ReportSettings.defaults());
  }

  /**
   * As {@link #DefaultCrm(CrmConfiguration)}, with the reports' settings (kept apart from the configuration record,
   * which the builder fills field by field).
   */
  public DefaultCrm(CrmConfiguration config, ReportSettings reportSettings) {
    this(config, reportSettings, BiSettings.defaults(), BulkConversion.DEFAULT_CHUNK_SIZE);
  }

  /**
   * As {@link #DefaultCrm(CrmConfiguration, ReportSettings)}, with the settings of daily snapshots and the number of
   * leads {@code convertAll} converts in one unit of work (checked by the builder: 1 to
   * {@value #MAX_CONVERSION_CHUNK}).
   */
  public DefaultCrm(CrmConfiguration config, ReportSettings reportSettings, BiSettings biSettings,
      int conversionChunkSize) {
    this.context = new Context(config);
    this.leads = new DefaultLeadService(context);
    this.accounts = new DefaultAccountService(context);
    this.contacts = new DefaultContactService(context);
    DefaultOpportunityService opportunityService = new DefaultOpportunityService(context);
    this.opportunities = opportunityService;
    this.forecasts = new DefaultForecastService(context);
    this.budgets = new DefaultAccountBudgetService(context);
    this.accountCards = new DefaultAccountCardService(context);
    DefaultConversionService conversionService =
        new DefaultConversionService(context, opportunityService, config.conversionPolicies(), conversionChunkSize);
    this.conversions = conversionService;
    this.workflows = config.workflows();
    this.reports = new DefaultReportService(context, reportSettings);
    this.bi = new DefaultBiService(context, biSettings);
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
      // Commands are plain records, never JPA entities: every property is reachable. Without this, a provider that
      // finds Jakarta Persistence on the class path (any host with crm-jpa or Hibernate) asks the persistence
      // provider whether each property of each command is loaded, which was a third of the validation time.
      return new DefaultValidator(jakarta.validation.Validation.byDefaultProvider().configure()
          .traversableResolver(new EveryPropertyReachable())
          .buildValidatorFactory()
          .getValidator());
    } catch (NoProviderFoundException e) {
      throw new ConfigurationException(
          "no Jakarta Validation provider on the class path: add org.hibernate.validator:hibernate-validator"
              + " and org.glassfish.expressly:expressly, or pass validator(...) to the builder",
          e);
    }
  }

  public LeadService leads() {
    return leads;
  }

  public AccountService accounts() {
    return accounts;
  }

  public ContactService contacts() {
    return contacts;
  }

  public OpportunityService opportunities() {
    return opportunities;
  }

  public ForecastService forecasts() {
    return forecasts;
  }

  public AccountBudgetService budgets() {
    return budgets;
  }

  public AccountCardService accountCards() {
    return accountCards;
  }

  /** @return the report generator and the ready-made reports */
  public ReportService reports() {
    return reports;
  }

  /** @return day-level BI over the daily snapshots */
  public BiService bi() {
    return bi;
  }

  public SegmentCatalog segments() {
    return context.segments();
  }

  public ConversionService conversions() {
    return conversions;
  }

  public WorkflowRules workflows() {
    return workflows;
  }

  public Pipeline pipeline() {
    return context.pipeline();
  }

  public CustomFieldSchema customFields() {
    return context.customFields();
  }

  /**
   * @param forms the web forms to serve
   * @return the web form use case over these forms, checked against the custom fields and workflow rules
   * @throws org.crmkit.shared.ConfigurationException when a form does not fit them
   */
  public org.crmkit.application.WebFormService webForms(java.util.Collection<org.crmkit.webform.WebForm> forms) {
    return new DefaultWebFormService(context, forms);
  }

  /** Every property of a command is reachable and cascadable (the default without Jakarta Persistence). */
  private static final class EveryPropertyReachable implements TraversableResolver {
    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
        Path pathToTraversableObject, ElementType elementType) {
      return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
        Path pathToTraversableObject, ElementType elementType) {
      return true;
    }
  }
}
