package org.crmkit.webform;

import java.util.List;
import org.crmkit.shared.UserId;

/**
 * Who owns the leads a web form creates: one fixed user, or the given users in turn (round robin). A resubmission
 * that updates a lead keeps the lead's owner. Immutable.
 *
 * @param owners the users, at least one; never null
 * @param inTurn whether new leads go to the owners in turn, round robin (else always to the first)
 */
public record OwnerAssignment(List<UserId> owners, boolean inTurn) {
  public OwnerAssignment {
    owners = List.copyOf(java.util.Objects.requireNonNull(owners, "owners"));
    if (owners.isEmpty()) {
      throw new IllegalArgumentException("an owner assignment needs at least one user");
    }
  }

  /** @return every new lead is owned by {@code owner} */
  public static OwnerAssignment fixed(UserId owner) {
    return new OwnerAssignment(List.of(java.util.Objects.requireNonNull(owner, "owner")), false);
  }

  /** @return new leads go to the owners in turn, starting with the first */
  public static OwnerAssignment roundRobin(UserId... owners) {
    return new OwnerAssignment(List.of(owners), true);
  }
}
