package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Command: change some of an account's data, e.g. {@code UpdateAccount.of(acme.id(), acme.version())
 * .industry("retail").clearPhone()}.
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
 * @param name the new name (it cannot be cleared)
 * @param segments the complete new segment values (replacing all of them)
 * @param customFields the complete new custom field values (replacing all of them)
 */
public record UpdateAccount(
    @NotNull AccountId id,
    long expectedVersion,
    @NotNull Set<Field> changed,
    UserId owner,
    @Size(max = Limits.NAME) String name,
    @Size(max = Limits.WEBSITE) String website,
    @Size(max = Limits.CATEGORY) String industry,
    @Size(max = Limits.PHONE) String phone,
    @Email @Size(max = Limits.EMAIL) String email,
    @Size(max = Limits.CATEGORY) String city,
    @Size(max = Limits.CATEGORY) String country,
    @Size(max = Limits.DESCRIPTION) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** The fields an {@code UpdateAccount} can change. */
  public enum Field {
    OWNER,
    NAME,
    WEBSITE,
    INDUSTRY,
    PHONE,
    EMAIL,
    CITY,
    COUNTRY,
    DESCRIPTION,
    SEGMENTS,
    CUSTOM_FIELDS
  }

  /** Copies the set of changed fields and the maps, so that the command stays immutable. */
  public UpdateAccount {
    changed = CommandValues.fields(changed, Field.class);
    segments = CommandValues.map(segments);
    customFields = CommandValues.map(customFields);
  }

  /**
   * A command that changes nothing yet: name the changes with the methods below.
   *
   * @param id the record to change; never null
   * @param expectedVersion the version the change is based on
   * @return a command that changes nothing yet
   */
  public static UpdateAccount of(AccountId id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    return new UpdateAccount(id, expectedVersion, null, null, null, null, null, null, null, null, null, null, null,
        null);
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
  public UpdateAccount owner(UserId value) {
    Objects.requireNonNull(value, "owner: it cannot be cleared; leave it out to keep the current value");
    return new UpdateAccount(id, expectedVersion, with(Field.OWNER), value, name, website, industry, phone, email,
        city, country, description, segments, customFields);
  }

  /**
   * Changes {@code name}.
   *
   * @param value the new value; never null (it cannot be cleared)
   * @return a copy of this command that also changes {@code name}
   */
  public UpdateAccount name(String value) {
    Objects.requireNonNull(value, "name: it cannot be cleared; leave it out to keep the current value");
    return new UpdateAccount(id, expectedVersion, with(Field.NAME), owner, value, website, industry, phone, email,
        city, country, description, segments, customFields);
  }

  /**
   * Changes {@code website}.
   *
   * @param value the new value; null is the same as {@link #clearWebsite()}
   * @return a copy of this command that also changes {@code website}
   */
  public UpdateAccount website(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.WEBSITE), owner, name, value, industry, phone, email,
        city, country, description, segments, customFields);
  }

  /**
   * Clears {@code website} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code website}
   */
  public UpdateAccount clearWebsite() {
    return new UpdateAccount(id, expectedVersion, with(Field.WEBSITE), owner, name, null, industry, phone, email,
        city, country, description, segments, customFields);
  }

  /**
   * Changes {@code industry}.
   *
   * @param value the new value; null is the same as {@link #clearIndustry()}
   * @return a copy of this command that also changes {@code industry}
   */
  public UpdateAccount industry(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.INDUSTRY), owner, name, website, value, phone, email,
        city, country, description, segments, customFields);
  }

  /**
   * Clears {@code industry} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code industry}
   */
  public UpdateAccount clearIndustry() {
    return new UpdateAccount(id, expectedVersion, with(Field.INDUSTRY), owner, name, website, null, phone, email,
        city, country, description, segments, customFields);
  }

  /**
   * Changes {@code phone}.
   *
   * @param value the new value; null is the same as {@link #clearPhone()}
   * @return a copy of this command that also changes {@code phone}
   */
  public UpdateAccount phone(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.PHONE), owner, name, website, industry, value, email,
        city, country, description, segments, customFields);
  }

  /**
   * Clears {@code phone} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code phone}
   */
  public UpdateAccount clearPhone() {
    return new UpdateAccount(id, expectedVersion, with(Field.PHONE), owner, name, website, industry, null, email,
        city, country, description, segments, customFields);
  }

  /**
   * Changes {@code email}.
   *
   * @param value the new value; null is the same as {@link #clearEmail()}
   * @return a copy of this command that also changes {@code email}
   */
  public UpdateAccount email(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.EMAIL), owner, name, website, industry, phone, value,
        city, country, description, segments, customFields);
  }

  /**
   * Clears {@code email} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code email}
   */
  public UpdateAccount clearEmail() {
    return new UpdateAccount(id, expectedVersion, with(Field.EMAIL), owner, name, website, industry, phone, null,
        city, country, description, segments, customFields);
  }

  /**
   * Changes {@code city}.
   *
   * @param value the new value; null is the same as {@link #clearCity()}
   * @return a copy of this command that also changes {@code city}
   */
  public UpdateAccount city(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.CITY), owner, name, website, industry, phone, email,
        value, country, description, segments, customFields);
  }

  /**
   * Clears {@code city} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code city}
   */
  public UpdateAccount clearCity() {
    return new UpdateAccount(id, expectedVersion, with(Field.CITY), owner, name, website, industry, phone, email,
        null, country, description, segments, customFields);
  }

  /**
   * Changes {@code country}.
   *
   * @param value the new value; null is the same as {@link #clearCountry()}
   * @return a copy of this command that also changes {@code country}
   */
  public UpdateAccount country(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.COUNTRY), owner, name, website, industry, phone, email,
        city, value, description, segments, customFields);
  }

  /**
   * Clears {@code country} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code country}
   */
  public UpdateAccount clearCountry() {
    return new UpdateAccount(id, expectedVersion, with(Field.COUNTRY), owner, name, website, industry, phone, email,
        city, null, description, segments, customFields);
  }

  /**
   * Changes {@code description}.
   *
   * @param value the new value; null is the same as {@link #clearDescription()}
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateAccount description(String value) {
    return new UpdateAccount(id, expectedVersion, with(Field.DESCRIPTION), owner, name, website, industry, phone,
        email, city, country, value, segments, customFields);
  }

  /**
   * Clears {@code description} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code description}
   */
  public UpdateAccount clearDescription() {
    return new UpdateAccount(id, expectedVersion, with(Field.DESCRIPTION), owner, name, website, industry, phone,
        email, city, country, null, segments, customFields);
  }

  /**
   * Changes {@code segments}.
   *
   * @param value the new value; null is the same as {@link #clearSegments()}
   * @return a copy of this command that also changes {@code segments}
   */
  public UpdateAccount segments(Map<String, String> value) {
    return new UpdateAccount(id, expectedVersion, with(Field.SEGMENTS), owner, name, website, industry, phone,
        email, city, country, description, value, customFields);
  }

  /**
   * Clears {@code segments} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code segments}
   */
  public UpdateAccount clearSegments() {
    return new UpdateAccount(id, expectedVersion, with(Field.SEGMENTS), owner, name, website, industry, phone,
        email, city, country, description, null, customFields);
  }

  /**
   * Changes {@code customFields}.
   *
   * @param value the new value; null is the same as {@link #clearCustomFields()}
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateAccount customFields(Map<String, CustomValue> value) {
    return new UpdateAccount(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, name, website, industry, phone,
        email, city, country, description, segments, value);
  }

  /**
   * Clears {@code customFields} (it becomes empty).
   *
   * @return a copy of this command that also changes {@code customFields}
   */
  public UpdateAccount clearCustomFields() {
    return new UpdateAccount(id, expectedVersion, with(Field.CUSTOM_FIELDS), owner, name, website, industry, phone,
        email, city, country, description, segments, null);
  }
}
