package org.crmkit.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.crmkit.shared.OpportunityId;

/**
 * Command: move an open opportunity to another open stage.
 *
 * @param expectedVersion the version the change is based on, or null
 */
public record ChangeStage(@NotNull OpportunityId id, Long expectedVersion, @NotBlank @Size(max = 40) String stage) {}
