package org.crmkit.contact;

import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Text;

/**
 * The standard data of a contact (a person at a customer). Texts are stripped, blank means absent.
 *
 * @param firstName optional, max 80
 * @param lastName required, max 80
 * @param email optional
 * @param phone optional, max 40
 * @param title optional job title, max 120
 * @param description optional, max 4000
 */
public record ContactDetails(
    String firstName, String lastName, EmailAddress email, String phone, String title, String description) {

  public ContactDetails {
    firstName = Text.optional("firstName", firstName, Limits.PERSON_NAME);
    lastName = Text.required("lastName", lastName, Limits.PERSON_NAME);
    phone = Text.optional("phone", phone, Limits.PHONE);
    title = Text.optional("title", title, Limits.JOB_TITLE);
    description = Text.multiline("description", description, Limits.DESCRIPTION);
  }

  public static ContactDetails named(String firstName, String lastName) {
    return new ContactDetails(firstName, lastName, null, null, null, null);
  }

  /** @return "first last", or the last name alone */
  public String displayName() {
    return firstName == null ? lastName : firstName + " " + lastName;
  }
}
