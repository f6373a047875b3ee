package org.crmkit.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;

/**
 * Command: move a lead to another status, e.g. {@code ChangeLeadStatus.of(lead.id(), lead.version(), "qualified")}
 * or {@code ChangeLeadStatus.of(lead.id(), lead.version(), "unqualified").reason("no budget")}. The converted
 * status is reached only through conversion.
 *
 * @param id the lead; never null
 * @param expectedVersion the version the change is based on (the version of the record the user saw; a host that
 *     does not track versions passes the version of the record it just loaded). A different stored version is a
 *     {@link org.crmkit.shared.ConflictException} and nothing is written.
 * @param status the new status key; never blank
 * @param reason why; required for unqualified statuses, null otherwise allowed
 */
public record ChangeLeadStatus(
    @NotNull LeadId id, long expectedVersion, @NotBlank @Size(max = Limits.KEY) String status,
    @Size(max = Limits.REASON) String reason) {

  /**
   * @param id the lead; never null
   * @param expectedVersion the version the change is based on
   * @param status the new status key
   * @return the command, without a reason
   */
  public static ChangeLeadStatus of(LeadId id, long expectedVersion, String status) {
    Objects.requireNonNull(id, "id");
    return new ChangeLeadStatus(id, expectedVersion, status, null);
  }

  /**
   * @param text why the lead moves (required for unqualified statuses), max 500 characters
   * @return this command with the given reason
   */
  public ChangeLeadStatus reason(String text) {
    return new ChangeLeadStatus(id, expectedVersion, status, text);
  }
}
