package org.crmkit.shared;

import java.util.Objects;

/**
 * Who performs a use case: a person or an automated process acting for the host application, within one tenant.
 * Every use case takes an actor: history records it, the access policy decides what it may see and do, and its
 * tenant scopes every read and write to that tenant's records.
 *
 * <p>A single-tenant host never names a tenant: {@link #user(String)} and {@link #system(String)} act in
 * {@link TenantId#DEFAULT}. A multi-tenant host adds it: {@code Actor.user("ann").in(TenantId.of("acme"))}.
 *
 * @param userId the acting user's id; never null
 * @param system true when an automated process (a workflow, an import) acts rather than a person
 * @param tenant the tenant the actor acts in; never null
 */
public record Actor(UserId userId, boolean system, TenantId tenant) {
  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tenant, "tenant: use TenantId.DEFAULT for a single-tenant host");
  }

  /** A person identified by the host's user id, in the default tenant. */
  public static Actor user(String userId) {
    return new Actor(UserId.of(userId), false, TenantId.DEFAULT);
  }

  /** An automated process in the default tenant, e.g. {@code Actor.system("workflow")}. */
  public static Actor system(String name) {
    return new Actor(UserId.of(name), true, TenantId.DEFAULT);
  }

  /** @return this actor acting in {@code tenant} instead */
  public Actor in(TenantId tenant) {
    return new Actor(userId, system, tenant);
  }

  /** @return this actor acting in the tenant with id {@code tenantId} instead */
  public Actor in(String tenantId) {
    return in(TenantId.of(tenantId));
  }

  @Override
  public String toString() {
    return (system ? "system:" : "") + userId.value() + (tenant.equals(TenantId.DEFAULT) ? "" : "@" + tenant.value());
  }
}
