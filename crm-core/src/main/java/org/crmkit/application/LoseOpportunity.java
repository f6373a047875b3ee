package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.crmkit.shared.OpportunityId;

/**
 * Command: close an opportunity as lost.
 *
 * @param expectedVersion the version the change is based on, or null
 * @param reason why it was lost, or null
 * @param closedOn the close date, or null for today (in the clock's zone)
 */
public record LoseOpportunity(
    @NotNull OpportunityId id, Long expectedVersion, @Size(max = 500) String reason, LocalDate closedOn) {}
