package org.crmkit.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.crmkit.shared.OpportunityId;

/**
 * Command: reopen a won or lost opportunity in an open stage.
 *
 * @param expectedVersion the version the change is based on, or null
 */
public record ReopenOpportunity(
    @NotNull OpportunityId id, Long expectedVersion, @NotBlank @Size(max = 40) String stage) {}
