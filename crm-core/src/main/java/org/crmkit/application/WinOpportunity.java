package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.crmkit.shared.OpportunityId;

/**
 * Command: close an opportunity as won.
 *
 * @param expectedVersion the version the change is based on, or null
 * @param closedOn the close date, or null for today (in the clock's zone)
 */
public record WinOpportunity(@NotNull OpportunityId id, Long expectedVersion, LocalDate closedOn) {}
