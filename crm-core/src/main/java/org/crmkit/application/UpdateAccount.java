package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.UserId;

/**
 * Command: replace an account's data (null clears a field).
 *
 * @param expectedVersion the version the change is based on, or null
 * @param owner the new owner; null keeps the owner
 */
public record UpdateAccount(
    @NotNull AccountId id,
    Long expectedVersion,
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

  /** A command that keeps every value of the given account: change the fields you need with the withers. */
  public static UpdateAccount from(org.crmkit.account.Account a) {
    org.crmkit.account.AccountDetails d = a.details();
    return new UpdateAccount(a.id(), a.version(), a.owner(), d.name(), d.website(), d.industry(), d.phone(),
        d.email() == null ? null : d.email().value(), d.city(), d.country(), d.description(), a.segments().values(),
        a.customFields().values());
  }

  public UpdateAccount withSegments(Map<String, String> value) {
    return new UpdateAccount(id, expectedVersion, owner, name, website, industry, phone, email, city, country,
        description, value, customFields);
  }
}
