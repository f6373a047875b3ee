package org.crmkit.shared;

import java.util.Objects;

/**
 * Who performs a use case: a person or an automated process acting for the host application. Every use case
 * takes an actor; history records it, and the same seam carries access checks and tenant scoping.
 *
 * @param userId the acting user's id; never null
 * @param system true when an automated process (a workflow, an import) acts rather than a person
 */
public record Actor(UserId userId, boolean system) {
  public Actor {
    Objects.requireNonNull(userId, "userId");
  }

  /** A person identified by the host's user id. */
  public static Actor user(String userId) {
    return new Actor(UserId.of(userId), false);
  }

  /** An automated process, e.g. {@code Actor.system("workflow")}. */
  public static Actor system(String name) {
    return new Actor(UserId.of(name), true);
  }

  @Override
  public String toString() {
    return (system ? "system:" : "") + userId.value();
  }
}
