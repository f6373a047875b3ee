package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Command: change some of a contact's data, e.g. {@code UpdateContact.of(wile.id(), wile.version())
 * .title("Genius").clearPhone()}; {@code accountId(..)} moves the person to another account and
 * {@code clearAccountId()} unlinks them.
 *
 * <p>Start with {@link #of} and name each change; a field the command does not name keeps its current value, and
 * {@code clearX()} empties an optional field, so "leave as is" and "clear" are different words.
 *
 * @param id the record to change; never null
 * @param expectedVersion the version the change is based on (the version of the record the user saw; a host that
 *     does not track versions passes the version of the record it just loaded). A different stored version is a
 *     {@link org.crmkit.shared.ConflictException} and nothing is written.
 * @param changed the fields this command changes; the others keep their current values. Never null (the
 *     canonical constructor treats null as none).
 * @param owner the new owner
 * @param accountId the account the person now works for; null when the change clears it
 * @param lastName the new last name (it cannot be cleared)
 * @param customFields the complete new custom field values (replacing all of them)
 */
public record UpdateContact(
    @NotNull ContactId id,
    long expectedVersion,
    @NotNull Set<Field> changed,
    UserId owner,
    AccountId accountId,
    @Size(max = Limits.PERSON_NAME) String firstName,
    @Size(max = Limits.PERSON_NAME) String lastName,
    @Email @Size(max = Limits.EMAIL) String email,
    @Size(max = Limits.PHONE) String phone,
    @Size(max = Limits.JOB_TITLE) String title,
    @Size(max = Limits.DESCRIPTION) String description,
    Map<String, CustomValue> customFields) {

  /** The fields an {@code UpdateContact} can change. */
  public enum Field {
    OWNER,
    ACCOUNT_ID,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    PHONE,
    TITLE,
    DESCRIPTION,
    CUSTOM_FIELDS
  }

  /** Copies the set of changed fields and the maps, so that the command stays immutable. */
  public UpdateContact {
    changed = CommandValues.fields(changed, Field.class);
    customFields = CommandValues.map(customFields);
  }

  /**
   * A command that changes nothing yet: name the changes with the methods below.
   *
   * @param id the record to change; never null
   * @param expectedVersion the version the change is based on
   * @return a command that changes nothing yet
   */
  public static UpdateContact of(ContactId id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    return new UpdateContact(id, expectedVersion, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * @param field a field; never null
   * @return whether this command changes the field (when it does, the field's component holds the new value, null
   *     when it clears the field)
   */
  public boolean changes(Field field) {
    return changed.contains(field);
  }

  private Set<Field> with(Field field) {
    return CommandValues.plus(changed, field);
  }

  /**
   * Changes {@code owner}.
   *
   * @param value the new value; never null (it cannot be cleared)
   * @return a copy of this command that also changes {@code owner}
   */
  public UpdateContact owner(UserId value) {
    Objects.requireNonNull(value, "owner: it cannot be cleared; leave it out to keep the current value");
    return new UpdateContact(id, expectedVersion, with(Field.OWNER), value, accountId, firstName, lastName, email,
        phone, title, description, customFields);
  }

  /**
   * Changes {@code accountId}.
   *
   * @param value the new value; null is the same as {@link #clearAccountId()}
   * @return a copy of this command that also changes {@code accountId}
   */
  public UpdateContact accountId(AccountId value) {
    return new UpdateContact(id, expectedVersion, with(Field.ACCOUNT_ID), owner, value, firstName, lastName, email,
        phone, title, description, customFields);
  }

  /**
   * Clears {@code accountId} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code accountId}
   */
  public UpdateContact clearAccountId() {
    return new UpdateContact(id, expectedVersion, with(Field.ACCOUNT_ID), owner, null, firstName, lastName, email,
        phone, title, description, customFields);
  }

  /**
   * Changes {@code firstName}.
   *
   * @param value the new value; null is the same as {@link #clearFirstName()}
   * @return a copy of this command that also changes {@code firstName}
   */
  public UpdateContact firstName(String value) {
    return new UpdateContact(id, expectedVersion, with(Field.FIRST_NAME), owner, accountId, value, lastName, email,
        phone, title, description, customFields);
  }

  /**
   * Clears {@code firstName} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code firstName}
   */
  public UpdateContact clearFirstName() {
    return new UpdateContact(id, expectedVersion, with(Field.FIRST_NAME), owner, accountId, null, lastName, email,
        phone, title, description, customFields);
  }

  /**
   * Changes {@code lastName}.
   *
   * @param value the new value; never null (it cannot be cleared)
   * @return a copy of this command that also changes {@code lastName}
   */
  public UpdateContact lastName(String value) {
    Objects.requireNonNull(value, "lastName: it cannot be cleared; leave it out to keep the current value");
    return new UpdateContact(id, expectedVersion, with(Field.LAST_NAME), owner, accountId, firstName, value, email,
        phone, title, description, customFields);
  }

  /**
   * Changes {@code email}.
   *
   * @param value the new value; null is the same as {@link #clearEmail()}
   * @return a copy of this command that also changes {@code email}
   */
  public UpdateContact email(String value) {
    return new UpdateContact(id, expectedVersion, with(Field.EMAIL), owner, accountId, firstName, lastName, value,
        phone, title, description, customFields);
  }

  /**
   * Clears {@code email} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code email}
   */
  public UpdateContact clearEmail() {
    return new UpdateContact(id, expectedVersion, with(Field.EMAIL), owner, accountId, firstName, lastName, null,
        phone, title, description, customFields);
  }

  /**
   * Changes {@code phone}.
   *
   * @param value the new value; null is the same as {@link #clearPhone()}
   * @return a copy of this command that also changes {@code phone}
   */
  public UpdateContact phone(String value) {
    return new UpdateContact(id, expectedVersion, with(Field.PHONE), owner, accountId, firstName, lastName, email,
        value, title, description, customFields);
  }

  /**
   * Clears {@code phone} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code phone}
   */
  public UpdateContact clearPhone() {
    return new UpdateContact(id, expectedVersion, with(Field.PHONE), owner, accountId, firstName, lastName, email,
        null, title, description, customFields);
  }

  /**
   * Changes {@code title}.
   *
   * @param value the new value; null is the same as {@link #clearTitle()}
   * @return a copy of this command that also changes {@code title}
   */
  public UpdateContact title(String value) {
    return new UpdateContact(id, expectedVersion, with(Field.TITLE), owner, accountId, firstName, lastName, email,
        phone, value, description, customFields);
  }

  /**
   * Clears {@code title} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code title}
   */
  public UpdateContact clearTitle() {
    return new UpdateContact(id, expectedVersion, with(Field.TITLE), owner, accountId, firstName, lastName, email,
        phone, null, description, customFields);
  }

  /**
   * Changes {@code description}.
   *
   * @param value the new value; null is the same as {@link #clearDescription()}
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateContact description(String value) {
    return new UpdateContact(id, expectedVersion, with(Field.DESCRIPTION), owner, accountId, firstName, lastName,
        email, phone, title, value, customFields);
  }

  /**
   * Clears {@code description} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateContact clearDescription() {
    return new UpdateContact(id, expectedVersion, with(Field.DESCRIPTION), owner, accountId, firstName, lastName,
        email, phone, title, null, customFields);
  }

  /**
   * Changes {@code customFields}.
   *
   * @param value the new value; null is the same as {@link #clearCustomFields()}
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateContact customFields(Map<String, CustomValue> value) {
    return new UpdateContact(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, accountId, firstName, lastName,
        email, phone, title, description, value);
  }

  /**
   * Clears {@code customFields} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateContact clearCustomFields() {
    return new UpdateContact(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, accountId, firstName, lastName,
        email, phone, title, description, null);
  }
}
