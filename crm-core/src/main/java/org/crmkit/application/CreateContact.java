package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.UserId;

/**
 * Command: create a contact.
 *
 * @param owner the owner; null for the acting user
 * @param accountId the account the person belongs to, or null
 * @param customFields custom field values; null for none
 */
public record CreateContact(
    UserId owner,
    AccountId accountId,
    @Size(max = 80) String firstName,
    @NotBlank @Size(max = 80) String lastName,
    @Email @Size(max = 254) String email,
    @Size(max = 40) String phone,
    @Size(max = 120) String title,
    @Size(max = 4000) String description,
    Map<String, CustomValue> customFields) {

  /** A contact with a name, optionally at an account. */
  public static CreateContact of(AccountId accountId, String firstName, String lastName, String email) {
    return new CreateContact(null, accountId, firstName, lastName, email, null, null, null, null);
  }

  public CreateContact withTitle(String value) {
    return new CreateContact(owner, accountId, firstName, lastName, email, phone, value, description, customFields);
  }
}
