package org.crmkit.application.internal;

import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import org.crmkit.access.AccessPolicy;
import org.crmkit.application.OpportunityRules;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.DomainEventPublisher;
import org.crmkit.shared.IdGenerator;
import org.crmkit.shared.TenantId;
import org.crmkit.storage.CrmStorage;
import org.crmkit.workflow.WorkflowRules;

/**
 * Everything a {@code Crm} is built from, as {@code Crm.Builder} collected it: one immutable value handed to the
 * implementation (and held by its context) instead of a row of constructor arguments. Internal: hosts configure
 * through the builder.
 *
 * @param storage where records are kept
 * @param clock stamps every change and defines "today"
 * @param ids where new ids come from
 * @param pipeline the sales stages and lead statuses
 * @param customFields the custom field definitions
 * @param opportunityRules which opportunity links are required
 * @param publisher receives domain events after commit
 * @param validator checks commands
 * @param segments the segment dimensions accounts and opportunities may carry
 * @param conversionPolicies the registered conversion policies (without the default, which is always added)
 * @param workflows the workflow rules
 * @param accessPolicy who may see and change what
 * @param onlyTenant the one tenant whose actors this Crm serves, or null to serve every tenant
 */
public record CrmConfiguration(
    CrmStorage storage,
    Clock clock,
    IdGenerator ids,
    Pipeline pipeline,
    CustomFieldSchema customFields,
    OpportunityRules opportunityRules,
    DomainEventPublisher publisher,
    Validator validator,
    SegmentCatalog segments,
    List<ConversionPolicy> conversionPolicies,
    WorkflowRules workflows,
    AccessPolicy accessPolicy,
    TenantId onlyTenant) {

  /** @throws ConfigurationException naming the first part that is missing */
  public CrmConfiguration {
    if (storage == null) {
      throw new ConfigurationException("no storage configured: call storage(...) with InMemoryStorage.create(),"
          + " a JPA storage or your own CrmStorage");
    }
    required(clock, "clock");
    required(ids, "idGenerator");
    required(pipeline, "pipeline");
    required(customFields, "customFields");
    required(opportunityRules, "opportunityRules");
    required(publisher, "eventPublisher");
    required(validator, "validator");
    required(segments, "segments");
    required(conversionPolicies, "conversionPolicies");
    required(workflows, "workflows");
    required(accessPolicy, "accessPolicy");
    // Crm.Builder refuses a null policy where it is given; this copy only makes the list immutable
    conversionPolicies = List.copyOf(conversionPolicies);
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw new ConfigurationException("no " + what + " configured");
    }
    return value;
  }
}
