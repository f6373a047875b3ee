package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Command: create a contact. Only the last name is required: {@code CreateContact.named("Wile E.", "Coyote")
 * .accountId(acme.id()).email("wile@acme.example")}. Texts are stripped; blank means absent.
 *
 * @param owner the owner; null for the acting user
 * @param accountId the account the person works for; null for none
 * @param lastName required
 * @param customFields custom field values by key (validated against the custom field schema); null for none
 */
public record CreateContact(
    UserId owner,
    AccountId accountId,
    @Size(max = Limits.PERSON_NAME) String firstName,
    @NotBlank @Size(max = Limits.PERSON_NAME) String lastName,
    @Email @Size(max = Limits.EMAIL) String email,
    @Size(max = Limits.PHONE) String phone,
    @Size(max = Limits.JOB_TITLE) String title,
    @Size(max = Limits.DESCRIPTION) String description,
    Map<String, CustomValue> customFields) {

  /** Copies the maps, so that the command stays immutable. */
  public CreateContact {
    customFields = CommandValues.map(customFields);
  }

  /**
   * A person with a name, optionally at an account and with an e-mail address.
   *
   * @param accountId the account; null for none
   * @param firstName optional
   * @param lastName required
   * @param email optional
   * @return the command; name further values with the methods below
   */
  public static CreateContact of(AccountId accountId, String firstName, String lastName, String email) {
    return new CreateContact(null, accountId, firstName, lastName, email, null, null, null, null);
  }

  /**
   * A person known only by name.
   *
   * @param firstName optional
   * @param lastName required
   * @return the command; name further values with the methods below
   */
  public static CreateContact named(String firstName, String lastName) {
    return of(null, firstName, lastName, null);
  }

  /** @return this command with {@code owner} set to the given value (null for none) */
  public CreateContact owner(UserId value) {
    return new CreateContact(value, accountId, firstName, lastName, email, phone, title, description, customFields);
  }

  /** @return this command with {@code accountId} set to the given value (null for none) */
  public CreateContact accountId(AccountId value) {
    return new CreateContact(owner, value, firstName, lastName, email, phone, title, description, customFields);
  }

  /** @return this command with {@code firstName} set to the given value (null for none) */
  public CreateContact firstName(String value) {
    return new CreateContact(owner, accountId, value, lastName, email, phone, title, description, customFields);
  }

  /** @return this command with {@code lastName} set to the given value (null for none) */
  public CreateContact lastName(String value) {
    return new CreateContact(owner, accountId, firstName, value, email, phone, title, description, customFields);
  }

  /** @return this command with {@code email} set to the given value (null for none) */
  public CreateContact email(String value) {
    return new CreateContact(owner, accountId, firstName, lastName, value, phone, title, description, customFields);
  }

  /** @return this command with {@code phone} set to the given value (null for none) */
  public CreateContact phone(String value) {
    return new CreateContact(owner, accountId, firstName, lastName, email, value, title, description, customFields);
  }

  /** @return this command with {@code title} set to the given value (null for none) */
  public CreateContact title(String value) {
    return new CreateContact(owner, accountId, firstName, lastName, email, phone, value, description, customFields);
  }

  /** @return this command with {@code description} set to the given value (null for none) */
  public CreateContact description(String value) {
    return new CreateContact(owner, accountId, firstName, lastName, email, phone, title, value, customFields);
  }

  /** @return this command with {@code customFields} set to the given value (null for none) */
  public CreateContact customFields(Map<String, CustomValue> value) {
    return new CreateContact(owner, accountId, firstName, lastName, email, phone, title, description, value);
  }
}
