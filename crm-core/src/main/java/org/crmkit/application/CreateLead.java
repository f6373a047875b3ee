package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Command: capture a new lead. A lead needs a last name or a company; every other value is optional. Start with a
 * factory and name the optional values: {@code CreateLead.of("Ada", "Lovelace", "Analytical Engines",
 * "ada@example.com").leadSource("Web form")}. Texts are stripped; blank means absent.
 *
 * @param owner the owner; null for the acting user
 * @param status the initial status key; null for the pipeline's first open status
 * @param customFields custom field values by key (validated against the custom field schema); null for none
 */
public record CreateLead(
    UserId owner,
    @Size(max = Limits.PERSON_NAME) String firstName,
    @Size(max = Limits.PERSON_NAME) String lastName,
    @Size(max = Limits.NAME) String company,
    @Size(max = Limits.JOB_TITLE) String title,
    @Email @Size(max = Limits.EMAIL) String email,
    @Size(max = Limits.PHONE) String phone,
    @Size(max = Limits.WEBSITE) String website,
    @Size(max = Limits.CATEGORY) String leadSource,
    @Size(max = Limits.CATEGORY) String industry,
    @Size(max = Limits.DESCRIPTION) String description,
    @Size(max = Limits.KEY) String status,
    Map<String, CustomValue> customFields) {

  /** Copies the maps, so that the command stays immutable. */
  public CreateLead {
    customFields = CommandValues.map(customFields);
  }

  /**
   * A lead with a name, a company and an e-mail address.
   *
   * @param firstName optional
   * @param lastName required unless company is given
   * @param company required unless lastName is given
   * @param email optional
   * @return the command; name further values with the methods below
   */
  public static CreateLead of(String firstName, String lastName, String company, String email) {
    return new CreateLead(null, firstName, lastName, company, null, email, null, null, null, null, null, null, null);
  }

  /**
   * A lead known by a person's name only.
   *
   * @param firstName optional
   * @param lastName required
   * @return the command; name further values with the methods below
   */
  public static CreateLead ofPerson(String firstName, String lastName) {
    return of(firstName, lastName, null, null);
  }

  /**
   * A lead known by a company only.
   *
   * @param company required
   * @return the command; name further values with the methods below
   */
  public static CreateLead ofCompany(String company) {
    return of(null, null, company, null);
  }

  /** @return this command with {@code owner} set to the given value (null for none) */
  public CreateLead owner(UserId value) {
    return new CreateLead(value, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code firstName} set to the given value (null for none) */
  public CreateLead firstName(String value) {
    return new CreateLead(owner, value, lastName, company, title, email, phone, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code lastName} set to the given value (null for none) */
  public CreateLead lastName(String value) {
    return new CreateLead(owner, firstName, value, company, title, email, phone, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code company} set to the given value (null for none) */
  public CreateLead company(String value) {
    return new CreateLead(owner, firstName, lastName, value, title, email, phone, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code title} set to the given value (null for none) */
  public CreateLead title(String value) {
    return new CreateLead(owner, firstName, lastName, company, value, email, phone, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code email} set to the given value (null for none) */
  public CreateLead email(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, value, phone, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code phone} set to the given value (null for none) */
  public CreateLead phone(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, value, website, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code website} set to the given value (null for none) */
  public CreateLead website(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, value, leadSource, industry,
        description, status, customFields);
  }

  /** @return this command with {@code leadSource} set to the given value (null for none) */
  public CreateLead leadSource(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, value, industry,
        description, status, customFields);
  }

  /** @return this command with {@code industry} set to the given value (null for none) */
  public CreateLead industry(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, leadSource, value,
        description, status, customFields);
  }

  /** @return this command with {@code description} set to the given value (null for none) */
  public CreateLead description(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        value, status, customFields);
  }

  /** @return this command with {@code status} set to the given value (null for none) */
  public CreateLead status(String value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        description, value, customFields);
  }

  /** @return this command with {@code customFields} set to the given value (null for none) */
  public CreateLead customFields(Map<String, CustomValue> value) {
    return new CreateLead(owner, firstName, lastName, company, title, email, phone, website, leadSource, industry,
        description, status, value);
  }
}
