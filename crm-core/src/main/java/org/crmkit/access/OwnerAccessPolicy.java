package org.crmkit.access;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/**
 * The ready owner-based access policy: users see and change the records they own; managers also see (and, unless
 * {@link #managersOnlyRead()}, change) their team's records; administrators see and change every record of their
 * tenant. Teams and administrators come from the host's {@link TeamDirectory}.
 *
 * <p>System actors ({@link Actor#system()}) are ordinary users to this policy unless trusted with
 * {@link #trustingSystemActors}: a trusted system actor acts as an administrator, and workflow rules may run as it.
 *
 * <p>Immutable and thread-safe; the directory must be thread-safe too.
 */
public final class OwnerAccessPolicy implements AccessPolicy {
  private final TeamDirectory teams;
  private final Set<UserId> trustedSystemActors;
  private final boolean managersChange;

  private OwnerAccessPolicy(TeamDirectory teams, Set<UserId> trustedSystemActors, boolean managersChange) {
    this.teams = Objects.requireNonNull(teams, "teams");
    this.trustedSystemActors = Set.copyOf(trustedSystemActors);
    this.managersChange = managersChange;
  }

  /** The policy over the host's teams: no trusted system actor, managers change their team's records. */
  public static OwnerAccessPolicy over(TeamDirectory teams) {
    return new OwnerAccessPolicy(teams, Set.of(), true);
  }

  /**
   * @param names the user ids of system actors (e.g. {@code "workflow"}, {@code "import"}) that act as
   *     administrators and that workflow rules may run as
   * @return a policy that also trusts these system actors
   */
  public OwnerAccessPolicy trustingSystemActors(String... names) {
    Set<UserId> trusted = new HashSet<>(trustedSystemActors);
    for (String name : names) {
      trusted.add(UserId.of(name));
    }
    return new OwnerAccessPolicy(teams, trusted, managersChange);
  }

  /** @return a policy where managers see their team's records but change only their own */
  public OwnerAccessPolicy managersOnlyRead() {
    return new OwnerAccessPolicy(teams, trustedSystemActors, false);
  }

  @Override
  public Visibility visibility(Actor actor, RecordType type) {
    if (seesAll(actor)) {
      return Visibility.all();
    }
    Set<UserId> owners = new HashSet<>(teams.teamOf(actor.tenant(), actor.userId()));
    owners.add(actor.userId());
    return Visibility.ownedBy(owners);
  }

  @Override
  public boolean permits(Actor actor, Operation operation, RecordType type, UserId owner) {
    Objects.requireNonNull(owner, "owner");
    if (seesAll(actor) || owner.equals(actor.userId())) {
      return true;
    }
    return managersChange && teams.teamOf(actor.tenant(), actor.userId()).contains(owner);
  }

  @Override
  public boolean mayRunRulesAs(Actor trigger, Actor runAs) {
    return runAs.system() && trustedSystemActors.contains(runAs.userId()) && runAs.tenant().equals(trigger.tenant());
  }

  private boolean seesAll(Actor actor) {
    return (actor.system() && trustedSystemActors.contains(actor.userId()))
        || (!actor.system() && teams.isAdministrator(actor.tenant(), actor.userId()));
  }

  @Override
  public String toString() {
    return "OwnerAccessPolicy[trusted system actors=" + trustedSystemActors + ", managers change team records="
        + managersChange + "]";
  }
}
