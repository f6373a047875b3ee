package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.shared.OpportunityId;

/**
 * Command: close an opportunity as won, e.g. {@code WinOpportunity.of(deal.id(), deal.version())} (closed today)
 * or {@code WinOpportunity.of(deal.id(), deal.version()).closedOn(LocalDate.of(2026, 4, 2))}.
 *
 * @param id the opportunity; never null
 * @param expectedVersion the version the change is based on (the version of the record the user saw; a host that
 *     does not track versions passes the version of the record it just loaded). A different stored version is a
 *     {@link org.crmkit.shared.ConflictException} and nothing is written.
 * @param closedOn the close date; null for today (in the clock's zone)
 */
public record WinOpportunity(@NotNull OpportunityId id, long expectedVersion, LocalDate closedOn) {

  /**
   * Wins the opportunity today.
   *
   * @param id the opportunity; never null
   * @param expectedVersion the version the change is based on
   * @return the command
   */
  public static WinOpportunity of(OpportunityId id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    return new WinOpportunity(id, expectedVersion, null);
  }

  /**
   * @param date the close date; null for today
   * @return this command with the given close date
   */
  public WinOpportunity closedOn(LocalDate date) {
    return new WinOpportunity(id, expectedVersion, date);
  }
}
