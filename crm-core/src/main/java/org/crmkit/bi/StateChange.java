package org.crmkit.bi;

import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.OpportunityId;

/**
 * One opportunity whose state differs between two kept days.
 *
 * @param opportunityId never null
 * @param before its state on the first day, or null when it was not in that day's state
 * @param after its state on the second day, or null when it was not in that day's state (closed long before, or
 *     deleted)
 */
public record StateChange(OpportunityId opportunityId, OpportunityDayState before, OpportunityDayState after) {

  public StateChange {
    Objects.requireNonNull(opportunityId, "opportunityId");
    if (before == null && after == null) {
      throw new IllegalArgumentException("a change needs a state on at least one of the two days");
    }
  }

  /** @return the state on the first day, if it had one */
  public Optional<OpportunityDayState> stateBefore() {
    return Optional.ofNullable(before);
  }

  /** @return the state on the second day, if it had one */
  public Optional<OpportunityDayState> stateAfter() {
    return Optional.ofNullable(after);
  }
}
