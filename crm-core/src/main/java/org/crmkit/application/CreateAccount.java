package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.UserId;

/**
 * Command: create an account.
 *
 * @param owner the owner; null for the acting user
 * @param segments segment dimension to value; null for none
 * @param customFields custom field values; null for none
 */
public record CreateAccount(
    UserId owner,
    @NotBlank @Size(max = 200) String name,
    @Size(max = 255) String website,
    @Size(max = 80) String industry,
    @Size(max = 40) String phone,
    @Email @Size(max = 254) String email,
    @Size(max = 80) String city,
    @Size(max = 80) String country,
    @Size(max = 4000) String description,
    Map<String, String> segments,
    Map<String, CustomValue> customFields) {

  /** An account with only a name. */
  public static CreateAccount named(String name) {
    return new CreateAccount(null, name, null, null, null, null, null, null, null, null, null);
  }

  public CreateAccount withIndustry(String value) {
    return new CreateAccount(owner, name, website, value, phone, email, city, country, description, segments, customFields);
  }

  public CreateAccount withOwner(UserId value) {
    return new CreateAccount(value, name, website, industry, phone, email, city, country, description, segments, customFields);
  }

  public CreateAccount withSegments(Map<String, String> value) {
    return new CreateAccount(owner, name, website, industry, phone, email, city, country, description, value, customFields);
  }

  public CreateAccount withCustomFields(Map<String, CustomValue> value) {
    return new CreateAccount(owner, name, website, industry, phone, email, city, country, description, segments, value);
  }
}
