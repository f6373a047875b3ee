package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.UserId;

/**
 * Command: replace a contact's data (null clears a field, including the account link).
 *
 * @param expectedVersion the version the change is based on, or null
 * @param owner the new owner; null keeps the owner
 */
public record UpdateContact(
    @NotNull ContactId id,
    Long expectedVersion,
    UserId owner,
    AccountId accountId,
    @Size(max = 80) String firstName,
    @NotBlank @Size(max = 80) String lastName,
    @Email @Size(max = 254) String email,
    @Size(max = 40) String phone,
    @Size(max = 120) String title,
    @Size(max = 4000) String description,
    Map<String, CustomValue> customFields) {}
