package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;

/**
 * Command: close an opportunity as lost, e.g.
 * {@code LoseOpportunity.of(deal.id(), deal.version()).reason("went with a competitor")}.
 *
 * @param id the opportunity; never null
 * @param expectedVersion the version the change is based on (the version of the record the user saw; a host that
 *     does not track versions passes the version of the record it just loaded). A different stored version is a
 *     {@link org.crmkit.shared.ConflictException} and nothing is written.
 * @param reason why it was lost; null for none
 * @param closedOn the close date; null for today (in the clock's zone)
 */
public record LoseOpportunity(
    @NotNull OpportunityId id, long expectedVersion, @Size(max = Limits.REASON) String reason, LocalDate closedOn) {

  /**
   * Loses the opportunity today, without a reason.
   *
   * @param id the opportunity; never null
   * @param expectedVersion the version the change is based on
   * @return the command
   */
  public static LoseOpportunity of(OpportunityId id, long expectedVersion) {
    Objects.requireNonNull(id, "id");
    return new LoseOpportunity(id, expectedVersion, null, null);
  }

  /**
   * @param text why it was lost, max 500 characters; null for none
   * @return this command with the given reason
   */
  public LoseOpportunity reason(String text) {
    return new LoseOpportunity(id, expectedVersion, text, closedOn);
  }

  /**
   * @param date the close date; null for today
   * @return this command with the given close date
   */
  public LoseOpportunity closedOn(LocalDate date) {
    return new LoseOpportunity(id, expectedVersion, reason, date);
  }
}
