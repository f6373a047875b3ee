package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.UserId;

/**
 * Command: capture a new lead. A lead needs a last name or a company.
 *
 * @param owner the owner; null for the acting user
 * @param status initial status key; null for the pipeline's first open status
 * @param customFields custom field values by key; null for none
 */
public record CreateLead(
    UserId owner,
    @Size(max = 80) String firstName,
    @Size(max = 80) String lastName,
    @Size(max = 200) String company,
    @Size(max = 120) String title,
    @Email @Size(max = 254) String email,
    @Size(max = 40) String phone,
    @Size(max = 255) String website,
    @Size(max = 80) String leadSource,
    @Size(max = 80) String industry,
    @Size(max = 4000) String description,
    @Size(max = 40) String status,
    Map<String, CustomValue> customFields) {

  /** A lead with a name, a company and an e-mail address. */
  public static CreateLead of(String firstName, String lastName, String company, String email) {
    return new CreateLead(
        null, firstName, lastName, company, null, email, null, null, null, null, null, null, null);
  }

  public CreateLead withLeadSource(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, value, industry,
        description, status, customFields);
  }

  public CreateLead withOwner(UserId value) {
    return new CreateLead(value, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        description, status, customFields);
  }

  public CreateLead withCustomFields(Map<String, CustomValue> value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        description, status, value);
  }

  public CreateLead withStatus(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        description, value, customFields);
  }
}
