package org.crmkit;

import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Arrays;
import org.crmkit.access.AccessPolicy;
import org.crmkit.application.AccountBudgetService;
import org.crmkit.application.AccountCardService;
import org.crmkit.application.ReportService;
import org.crmkit.report.ReportSettings;
import org.crmkit.application.AccountService;
import org.crmkit.application.ContactService;
import org.crmkit.application.ForecastService;
import org.crmkit.application.ConversionService;
import org.crmkit.application.LeadService;
import org.crmkit.application.OpportunityRules;
import org.crmkit.application.OpportunityService;
import org.crmkit.application.WebFormService;
import org.crmkit.application.internal.CrmConfiguration;
import org.crmkit.application.internal.DefaultCrm;
import org.crmkit.bi.BiService;
import org.crmkit.bi.BiSettings;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.observe.CrmObserver;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.DomainEventPublisher;
import org.crmkit.shared.IdGenerator;
import org.crmkit.shared.TenantId;
import org.crmkit.storage.CrmStorage;
import org.crmkit.webform.WebForm;
import org.crmkit.workflow.WorkflowRules;

/**
 * The entry point of crmkit: the use cases of one CRM over one storage. Build it once and share it; it is
 * thread-safe.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
 * Actor me = Actor.user("alice");
 * Lead lead = crm.leads().create(me, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@example.com"));
 * }</pre>
 */
public interface Crm {

  LeadService leads();

  AccountService accounts();

  ContactService contacts();

  OpportunityService opportunities();

  /** @return billing forecasts of opportunities: expected invoicing by month */
  ForecastService forecasts();

  /** @return account budgets by month */
  AccountBudgetService budgets();

  /** @return the account card figures: budget vs forecast vs won by month */
  AccountCardService accountCards();

  /**
   * The report generator (definitions as data, run where the data is) and the ready-made reports: the personal
   * home page, the sales dashboard and the account card's reports.
   */
  ReportService reports();

  /**
   * Day-level business intelligence: daily snapshots of the pipeline (taken by the host's scheduler, back-filled
   * from history), the pipeline as of a past day, the pipeline waterfall between two days and the trend by day. Needs
   * a storage that keeps snapshots ({@code CrmStorage.pipelineSnapshots()}); both of crmkit's adapters do.
   */
  BiService bi();

  /** @return the segment dimensions in force */
  SegmentCatalog segments();
  /** Lead conversion: convert, preview (dry run), bulk, undo, audit records and the registered policies. */
  ConversionService conversions();

  /** Web forms: submissions that create or update leads, acting as each form's system actor. */
  WebFormService webForms();

  /** @return the workflow rules in force (none by default) */
  WorkflowRules workflows();

  /** @return the pipeline in force */
  Pipeline pipeline();

  /** @return the custom field definitions in force */
  CustomFieldSchema customFields();

  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link Crm}. Only {@link #storage} is required; everything else has a default. Not
   * thread-safe.
   */
  final class Builder {
    private CrmStorage storage;
    private Clock clock = Clock.systemUTC();
    private IdGenerator ids = IdGenerator.random();
    private Pipeline pipeline = Pipeline.defaults();
    private CustomFieldSchema customFields = CustomFieldSchema.empty();
    private OpportunityRules opportunityRules = OpportunityRules.defaults();
    private DomainEventPublisher publisher = DomainEventPublisher.none();
    private Validator validator;
    private SegmentCatalog segments = SegmentCatalog.unrestricted();
    private final List<ConversionPolicy> conversionPolicies = new ArrayList<>();
    private WorkflowRules workflows = WorkflowRules.none();
    private CrmObserver observer = CrmObserver.none();
    private AccessPolicy accessPolicy = AccessPolicy.permitAll();
    private final List<WebForm> webForms = new ArrayList<>();
    private ReportSettings reportSettings = ReportSettings.defaults();
    private BiSettings biSettings = BiSettings.defaults();
    private TenantId onlyTenant;
    private int conversionChunkSize = DefaultCrm.DEFAULT_CONVERSION_CHUNK;

    private Builder() {}

    /** Where records are kept: {@code InMemoryStorage.create()}, a JPA storage, or your own adapter. */
    public Builder storage(CrmStorage value) {
      this.storage = required(value, "storage");
      return this;
    }

    /** The clock that stamps every change and defines "today" (its zone). Default: UTC system clock. */
    public Builder clock(Clock value) {
      this.clock = required(value, "clock");
      return this;
    }

    /** Where new ids come from. Default: random UUIDs. */
    public Builder idGenerator(IdGenerator value) {
      this.ids = required(value, "idGenerator");
      return this;
    }

    /** The pipeline. Default: {@link Pipeline#defaults()}. */
    public Builder pipeline(Pipeline value) {
      this.pipeline = required(value, "pipeline");
      return this;
    }

    /** Custom field definitions. Default: none. */
    public Builder customFields(CustomFieldSchema value) {
      this.customFields = required(value, "customFields");
      return this;
    }

    /** Which opportunity links are required. Default: {@link OpportunityRules#defaults()}. */
    public Builder opportunityRules(OpportunityRules value) {
      this.opportunityRules = required(value, "opportunityRules");
      return this;
    }

    /**
     * The segment dimensions and values accounts and opportunities may carry. Default:
     * {@link SegmentCatalog#unrestricted()} (any dimension and value).
     */
    public Builder segments(SegmentCatalog value) {
      this.segments = required(value, "segments");
      return this;
    }

    /**
     * Told about every use case (name, duration, kind of outcome) and every lead conversion, for metrics and
     * tracing; see {@link CrmObserver}. Default: {@link CrmObserver#none()}. Combine several with
     * {@link CrmObserver#all}.
     */
    public Builder observer(CrmObserver value) {
      this.observer = required(value, "observer");
      return this;
    }

    /** Receives domain events after each commit. Default: events are dropped. */
    public Builder eventPublisher(DomainEventPublisher value) {
      this.publisher = required(value, "eventPublisher");
      return this;
    }

    /**
     * The Jakarta Validation validator for commands. Default: the provider found on the class path (Hibernate
     * Validator in crmkit's adapters).
     */
    public Builder validator(Validator value) {
      this.validator = required(value, "validator");
      return this;
    }

    /**
     * Registers conversion policies by id, adding to those registered before. {@link ConversionPolicy#defaults()}
     * is always registered under {@value ConversionPolicy#DEFAULT_ID} unless a policy given here has that id.
     * Checked against the pipeline and custom fields when built.
     */
    public Builder conversionPolicies(ConversionPolicy... values) {
      return conversionPolicies(Arrays.asList(required(values, "conversionPolicies")));
    }

    /** Registers conversion policies by id; see {@link #conversionPolicies(ConversionPolicy...)}. */
    public Builder conversionPolicies(Collection<ConversionPolicy> values) {
      required(values, "conversionPolicies").forEach(v -> conversionPolicies.add(required(v, "a conversion policy")));
      return this;
    }

    /**
     * The workflow rules. Default: none. Checked when built: fields must exist, conversion actions must name a
     * registered policy that allows automatic conversion.
     */
    public Builder workflows(WorkflowRules value) {
      this.workflows = required(value, "workflows");
      return this;
    }

    /**
     * Who may see and change what: asked by every use case, and applied in every list, search and report query.
     * Default: {@link AccessPolicy#permitAll()}; {@link org.crmkit.access.OwnerAccessPolicy} is ready to use.
     */
    public Builder accessPolicy(AccessPolicy value) {
      this.accessPolicy = required(value, "accessPolicy");
      return this;
    }

    /**
     * Registers web forms, adding to those registered before. Default: none. Checked when built: custom fields
     * and workflow rules the forms name must be configured, and form names must differ.
     */
    public Builder webForms(WebForm... values) {
      Arrays.asList(required(values, "webForms")).forEach(v -> webForms.add(required(v, "a web form")));
      return this;
    }

    /**
     * How reports run: the fiscal year start and the exchange rates for a reporting currency. Default:
     * {@link ReportSettings#defaults()} (calendar year, no rates: money is summed per currency).
     */
    public Builder reports(ReportSettings value) {
      this.reportSettings = required(value, "reports");
      return this;
    }

    /**
     * How daily snapshots are kept ({@link Crm#bi()}): the retention of kept days and how long a closed opportunity
     * stays in a day's state. Default: {@link BiSettings#defaults()} (every day for ever; closed opportunities for 90
     * days after their close date).
     */
    public Builder bi(BiSettings value) {
      this.biSettings = required(value, "bi");
      return this;
    }

    /**
     * Makes a Crm that serves the actors of one tenant only: every use case refuses an actor of another tenant with
     * an {@link org.crmkit.shared.AccessDeniedException} before it reads or writes anything. For a host that wants
     * configuration (pipeline, custom fields, segments, conversion policies, workflow rules, access policy) to
     * differ per tenant: build one Crm per tenant over the same storage, each with its tenant here. Default: the
     * Crm serves every tenant with one configuration (every call is scoped to the actor's tenant either way).
     */
    public Builder onlyTenant(TenantId value) {
      this.onlyTenant = required(value, "onlyTenant");
      return this;
    }

    /**
     * How many leads {@link org.crmkit.application.ConversionService#convertAll} converts in one unit of work
     * (one transaction, one commit; a database adapter batches the chunk's inserts). Each lead still has its own
     * outcome, and a chunk that fails is converted again lead by lead in units of work of their own, so one bad lead
     * never undoes the others. 1 gives every lead its own unit of work. Default: 100.
     *
     * @param value 1 to 10,000
     * @throws ConfigurationException when the value is outside 1 to 10,000
     */
    public Builder bulkConversionChunkSize(int value) {
      if (value < 1 || value > DefaultCrm.MAX_CONVERSION_CHUNK) {
        throw new ConfigurationException("bulkConversionChunkSize must be 1 to " + DefaultCrm.MAX_CONVERSION_CHUNK
            + " leads per unit of work, was " + value + "; leave it out to keep the default of "
            + DefaultCrm.DEFAULT_CONVERSION_CHUNK);
      }
      this.conversionChunkSize = value;
      return this;
    }

    /**
     * @throws ConfigurationException when no storage was given, no Jakarta Validation provider is available, or a
     *     conversion policy or workflow rule does not fit the pipeline and custom fields
     */
    private static <T> T required(T value, String name) {
      if (value == null) {
        throw new ConfigurationException(name + " must not be null"
            + (name.equals("storage") ? "" : "; leave it out to keep the default"));
      }
      return value;
    }

    public Crm build() {
      DefaultCrm crm = new DefaultCrm(new CrmConfiguration(
          storage, clock, ids, pipeline, customFields, opportunityRules, publisher,
          validator != null ? validator : DefaultCrm.defaultValidator(), segments, conversionPolicies, workflows,
          accessPolicy, onlyTenant), reportSettings, biSettings, conversionChunkSize);
      return new BuiltCrm(observer, crm, crm.webForms(webForms));
    }
  }
}
