package org.crmkit.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;

/**
 * Command: reopen a won or lost opportunity in an open stage, e.g.
 * {@code ReopenOpportunity.of(deal.id(), deal.version(), "negotiation")}.
 *
 * @param id the opportunity; never null
 * @param expectedVersion the version the change is based on (the version of the record the user saw; a host that
 *     does not track versions passes the version of the record it just loaded). A different stored version is a
 *     {@link org.crmkit.shared.ConflictException} and nothing is written.
 * @param stage the key of the open stage it reopens in; never blank
 */
public record ReopenOpportunity(
    @NotNull OpportunityId id, long expectedVersion, @NotBlank @Size(max = Limits.KEY) String stage) {

  /**
   * @param id the opportunity; never null
   * @param expectedVersion the version the change is based on
   * @param stage the key of an open stage
   * @return the command
   */
  public static ReopenOpportunity of(OpportunityId id, long expectedVersion, String stage) {
    Objects.requireNonNull(id, "id");
    return new ReopenOpportunity(id, expectedVersion, stage);
  }
}
