package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Command: change some of a lead's data, e.g. {@code UpdateLead.of(lead.id(), lead.version()).phone("+358 40 1")
 * .clearTitle()}. The status changes only through {@link LeadService#changeStatus}. A lead keeps needing a last
 * name or a company.
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
 * @param customFields the complete new custom field values (replacing all of them)
 */
public record UpdateLead(
    @NotNull LeadId id,
    long expectedVersion,
    @NotNull Set<Field> changed,
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
    Map<String, CustomValue> customFields) {

  /** The fields an {@code UpdateLead} can change. */
  public enum Field {
    OWNER,
    FIRST_NAME,
    LAST_NAME,
    COMPANY,
    TITLE,
    EMAIL,
    PHONE,
    WEBSITE,
    LEAD_SOURCE,
    INDUSTRY,
    DESCRIPTION,
    CUSTOM_FIELDS
  }

  /** Copies the set of changed fields and the maps, so that the command stays immutable. */
  public UpdateLead {
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
  public static UpdateLead of(LeadId id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    return new UpdateLead(id, expectedVersion, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
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
  public UpdateLead owner(UserId value) {
    Objects.requireNonNull(value, "owner: it cannot be cleared; leave it out to keep the current value");
    return new UpdateLead(id, expectedVersion, with(Field.OWNER), value, firstName, lastName, company, title, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code firstName}.
   *
   * @param value the new value; null is the same as {@link #clearFirstName()}
   * @return a copy of this command that also changes {@code firstName}
   */
  public UpdateLead firstName(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.FIRST_NAME), owner, value, lastName, company, title,
        email, phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code firstName} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code firstName}
   */
  public UpdateLead clearFirstName() {
    return new UpdateLead(id, expectedVersion, with(Field.FIRST_NAME), owner, null, lastName, company, title, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code lastName}.
   *
   * @param value the new value; null is the same as {@link #clearLastName()}
   * @return a copy of this command that also changes {@code lastName}
   */
  public UpdateLead lastName(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.LAST_NAME), owner, firstName, value, company, title,
        email, phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code lastName} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code lastName}
   */
  public UpdateLead clearLastName() {
    return new UpdateLead(id, expectedVersion, with(Field.LAST_NAME), owner, firstName, null, company, title, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code company}.
   *
   * @param value the new value; null is the same as {@link #clearCompany()}
   * @return a copy of this command that also changes {@code company}
   */
  public UpdateLead company(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.COMPANY), owner, firstName, lastName, value, title, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code company} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code company}
   */
  public UpdateLead clearCompany() {
    return new UpdateLead(id, expectedVersion, with(Field.COMPANY), owner, firstName, lastName, null, title, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code title}.
   *
   * @param value the new value; null is the same as {@link #clearTitle()}
   * @return a copy of this command that also changes {@code title}
   */
  public UpdateLead title(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.TITLE), owner, firstName, lastName, company, value, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code title} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code title}
   */
  public UpdateLead clearTitle() {
    return new UpdateLead(id, expectedVersion, with(Field.TITLE), owner, firstName, lastName, company, null, email,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code email}.
   *
   * @param value the new value; null is the same as {@link #clearEmail()}
   * @return a copy of this command that also changes {@code email}
   */
  public UpdateLead email(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.EMAIL), owner, firstName, lastName, company, title, value,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code email} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code email}
   */
  public UpdateLead clearEmail() {
    return new UpdateLead(id, expectedVersion, with(Field.EMAIL), owner, firstName, lastName, company, title, null,
        phone, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code phone}.
   *
   * @param value the new value; null is the same as {@link #clearPhone()}
   * @return a copy of this command that also changes {@code phone}
   */
  public UpdateLead phone(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.PHONE), owner, firstName, lastName, company, title, email,
        value, website, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code phone} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code phone}
   */
  public UpdateLead clearPhone() {
    return new UpdateLead(id, expectedVersion, with(Field.PHONE), owner, firstName, lastName, company, title, email,
        null, website, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code website}.
   *
   * @param value the new value; null is the same as {@link #clearWebsite()}
   * @return a copy of this command that also changes {@code website}
   */
  public UpdateLead website(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.WEBSITE), owner, firstName, lastName, company, title,
        email, phone, value, leadSource, industry, description, customFields);
  }

  /**
   * Clears {@code website} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code website}
   */
  public UpdateLead clearWebsite() {
    return new UpdateLead(id, expectedVersion, with(Field.WEBSITE), owner, firstName, lastName, company, title,
        email, phone, null, leadSource, industry, description, customFields);
  }

  /**
   * Changes {@code leadSource}.
   *
   * @param value the new value; null is the same as {@link #clearLeadSource()}
   * @return a copy of this command that also changes {@code leadSource}
   */
  public UpdateLead leadSource(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.LEAD_SOURCE), owner, firstName, lastName, company, title,
        email, phone, website, value, industry, description, customFields);
  }

  /**
   * Clears {@code leadSource} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code leadSource}
   */
  public UpdateLead clearLeadSource() {
    return new UpdateLead(id, expectedVersion, with(Field.LEAD_SOURCE), owner, firstName, lastName, company, title,
        email, phone, website, null, industry, description, customFields);
  }

  /**
   * Changes {@code industry}.
   *
   * @param value the new value; null is the same as {@link #clearIndustry()}
   * @return a copy of this command that also changes {@code industry}
   */
  public UpdateLead industry(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.INDUSTRY), owner, firstName, lastName, company, title,
        email, phone, website, leadSource, value, description, customFields);
  }

  /**
   * Clears {@code industry} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code industry}
   */
  public UpdateLead clearIndustry() {
    return new UpdateLead(id, expectedVersion, with(Field.INDUSTRY), owner, firstName, lastName, company, title,
        email, phone, website, leadSource, null, description, customFields);
  }

  /**
   * Changes {@code description}.
   *
   * @param value the new value; null is the same as {@link #clearDescription()}
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateLead description(String value) {
    return new UpdateLead(id, expectedVersion, with(Field.DESCRIPTION), owner, firstName, lastName, company, title,
        email, phone, website, leadSource, industry, value, customFields);
  }

  /**
   * Clears {@code description} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateLead clearDescription() {
    return new UpdateLead(id, expectedVersion, with(Field.DESCRIPTION), owner, firstName, lastName, company, title,
        email, phone, website, leadSource, industry, null, customFields);
  }

  /**
   * Changes {@code customFields}.
   *
   * @param value the new value; null is the same as {@link #clearCustomFields()}
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateLead customFields(Map<String, CustomValue> value) {
    return new UpdateLead(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, firstName, lastName, company,
        title, email, phone, website, leadSource, industry, description, value);
  }

  /**
   * Clears {@code customFields} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateLead clearCustomFields() {
    return new UpdateLead(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, firstName, lastName, company,
        title, email, phone, website, leadSource, industry, description, null);
  }
}
