package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Command: create an account. Only the name is required: {@code CreateAccount.named("Acme Oy").industry("retail")}.
 * Texts are stripped; blank means absent.
 *
 * @param owner the owner; null for the acting user
 * @param name required
 * @param segments segment dimension to value (see the segment catalog); null for none
 * @param customFields custom field values by key (validated against the custom field schema); null for none
 */
public record CreateAccount(
    UserId owner,
    @NotBlank @Size(max = Limits.NAME) String name,
    @Size(max = Limits.WEBSITE) String website,
    @Size(max = Limits.CATEGORY) String industry,
    @Size(max = Limits.PHONE) String phone,
    @Email @Size(max = Limits.EMAIL) String email,
    @Size(max = Limits.CATEGORY) String city,
    @Size(max = Limits.CATEGORY) String country,
    @Size(max = Limits.DESCRIPTION) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** Copies the maps, so that the command stays immutable. */
  public CreateAccount {
    segments = CommandValues.map(segments);
    customFields = CommandValues.map(customFields);
  }

  /**
   * An account with only a name.
   *
   * @param name required
   * @return the command; name further values with the methods below
   */
  public static CreateAccount named(String name) {
    return new CreateAccount(null, name, null, null, null, null, null, null, null, null, null);
  }

  /** @return this command with {@code owner} set to the given value (null for none) */
  public CreateAccount owner(UserId value) {
    return new CreateAccount(value, name, website, industry, phone, email, city, country, description, segments,
        customFields);
  }

  /** @return this command with {@code name} set to the given value (null for none) */
  public CreateAccount name(String value) {
    return new CreateAccount(owner, value, website, industry, phone, email, city, country, description, segments,
        customFields);
  }

  /** @return this command with {@code website} set to the given value (null for none) */
  public CreateAccount website(String value) {
    return new CreateAccount(owner, name, value, industry, phone, email, city, country, description, segments,
        customFields);
  }

  /** @return this command with {@code industry} set to the given value (null for none) */
  public CreateAccount industry(String value) {
    return new CreateAccount(owner, name, website, value, phone, email, city, country, description, segments,
        customFields);
  }

  /** @return this command with {@code phone} set to the given value (null for none) */
  public CreateAccount phone(String value) {
    return new CreateAccount(owner, name, website, industry, value, email, city, country, description, segments,
        customFields);
  }

  /** @return this command with {@code email} set to the given value (null for none) */
  public CreateAccount email(String value) {
    return new CreateAccount(owner, name, website, industry, phone, value, city, country, description, segments,
        customFields);
  }

  /** @return this command with {@code city} set to the given value (null for none) */
  public CreateAccount city(String value) {
    return new CreateAccount(owner, name, website, industry, phone, email, value, country, description, segments,
        customFields);
  }

  /** @return this command with {@code country} set to the given value (null for none) */
  public CreateAccount country(String value) {
    return new CreateAccount(owner, name, website, industry, phone, email, city, value, description, segments,
        customFields);
  }

  /** @return this command with {@code description} set to the given value (null for none) */
  public CreateAccount description(String value) {
    return new CreateAccount(owner, name, website, industry, phone, email, city, country, value, segments,
        customFields);
  }

  /** @return this command with {@code segments} set to the given value (null for none) */
  public CreateAccount segments(Map<String, String> value) {
    return new CreateAccount(owner, name, website, industry, phone, email, city, country, description, value,
        customFields);
  }

  /** @return this command with {@code customFields} set to the given value (null for none) */
  public CreateAccount customFields(Map<String, CustomValue> value) {
    return new CreateAccount(owner, name, website, industry, phone, email, city, country, description, segments,
        value);
  }
}
