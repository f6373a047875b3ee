package org.crmkit.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.UserId;

/**
 * Command: replace a lead's data (a form save: every field is the new value, null clears it).
 *
 * @param id the lead
 * @param expectedVersion the version the change is based on; a different stored version is a conflict. Null
 *     skips the check (the unit of work still detects concurrent writers).
 * @param owner the new owner; null keeps the owner
 * @param customFields the complete custom field values; null for none
 */
public record UpdateLead(
    @NotNull LeadId id,
    Long expectedVersion,
    UserId owner,
    @Size(max = 80) String firstName,
    @Size(max = 80) String lastName,
    @Size(max = 200) String company,
    @Size(max = 120) String title,
    @Email @Size(max = 254) String email,
    @Size(max = 40) String phone,
    @Size(max = 255) String website,
    @Size(max = 80) String leadSource,
    @Size(max = 80) String industry,
    @Size(max = 4000) String description,
    Map<String, CustomValue> customFields) {}
