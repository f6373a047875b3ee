package org.crmkit.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.crmkit.shared.LeadId;

/**
 * Command: move a lead to another status.
 *
 * @param id the lead
 * @param expectedVersion the version the change is based on, or null
 * @param status the new status key
 * @param reason required for unqualified statuses
 */
public record ChangeLeadStatus(
    @NotNull LeadId id, Long expectedVersion, @NotBlank @Size(max = 40) String status, @Size(max = 500) String reason) {}
