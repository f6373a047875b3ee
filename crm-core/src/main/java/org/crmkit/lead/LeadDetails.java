package org.crmkit.lead;

import java.util.ArrayList;
import java.util.List;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Text;
import org.crmkit.shared.ValidationException;

/**
 * The standard data a lead holds about a prospect. Texts are stripped, blank means absent (null). A lead needs a
 * last name or a company.
 *
 * @param firstName optional, max 80
 * @param lastName max 80; required unless company is given
 * @param company max 200; required unless lastName is given
 * @param title optional job title, max 120
 * @param email optional
 * @param phone optional, max 40
 * @param website optional, max 255
 * @param leadSource optional, e.g. "Web form", max 80
 * @param industry optional, max 80
 * @param description optional, max 4000
 */
public record LeadDetails(
    String firstName,
    String lastName,
    String company,
    String title,
    EmailAddress email,
    String phone,
    String website,
    String leadSource,
    String industry,
    String description) {

  public LeadDetails {
    firstName = Text.optional("firstName", firstName, Limits.PERSON_NAME);
    lastName = Text.optional("lastName", lastName, Limits.PERSON_NAME);
    company = Text.optional("company", company, Limits.NAME);
    title = Text.optional("title", title, Limits.JOB_TITLE);
    phone = Text.optional("phone", phone, Limits.PHONE);
    website = Text.optional("website", website, Limits.WEBSITE);
    leadSource = Text.optional("leadSource", leadSource, Limits.CATEGORY);
    industry = Text.optional("industry", industry, Limits.CATEGORY);
    description = Text.multiline("description", description, Limits.DESCRIPTION);
    if (lastName == null && company == null) {
      List<FieldError> errors = new ArrayList<>();
      errors.add(new FieldError("lastName", "a lead needs a last name or a company"));
      errors.add(new FieldError("company", "a lead needs a last name or a company"));
      throw new ValidationException(errors);
    }
  }

  /** A lead known only by a person's name and company. */
  public static LeadDetails of(String firstName, String lastName, String company) {
    return new LeadDetails(firstName, lastName, company, null, null, null, null, null, null, null);
  }

  /** @return "first last" or the company when there is no name */
  public String displayName() {
    if (lastName == null) {
      return company;
    }
    return firstName == null ? lastName : firstName + " " + lastName;
  }
}
