package org.crmkit.access;

import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/** {@link AccessPolicy#permitAll()}. */
enum PermitAll implements AccessPolicy {
  INSTANCE;

  @Override
  public Visibility visibility(Actor actor, RecordType type) {
    return Visibility.all();
  }

  @Override
  public boolean permits(Actor actor, Operation operation, RecordType type, UserId owner) {
    return true;
  }

  @Override
  public boolean mayRunRulesAs(Actor trigger, Actor runAs) {
    return true;
  }

  @Override
  public String toString() {
    return "AccessPolicy.permitAll()";
  }
}
