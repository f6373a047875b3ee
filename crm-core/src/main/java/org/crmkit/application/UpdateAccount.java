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
    Map<String, CustomValue> customFields) {}
