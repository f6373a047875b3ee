package org.crmkit.access;

import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/**
 * Port: who may see and change what. The host plugs one in with {@code Crm.builder().accessPolicy(...)}; every use
 * case asks it before it reads or changes a record, and every list, search, duplicate check and report applies its
 * {@link #visibility} in the query.
 *
 * <p>Decisions depend only on the actor, the record type and the record's owner, so that storage adapters can
 * apply them in SQL. Records without an owner of their own follow their parent: billing forecasts and stage history
 * follow their opportunity, budgets their account, conversion records their lead.
 *
 * <p>A record the actor may not see is "not found" to them; an operation refused on a record they may see is an
 * {@link org.crmkit.shared.AccessDeniedException}. Tenants are not the policy's concern: every call is already
 * confined to the actor's tenant.
 *
 * <p>Implementations must be thread-safe and fast (they are asked on every call); they must not call the Crm.
 */
public interface AccessPolicy {

  /**
   * @return which records of {@code type} (one of LEAD, ACCOUNT, CONTACT, OPPORTUNITY) {@code actor} may see
   */
  Visibility visibility(Actor actor, RecordType type);

  /**
   * @param owner the record's owner; for {@link Operation#CREATE} and {@link Operation#ASSIGN} the owner it will have
   * @return true if {@code actor} may do {@code operation} to a record of {@code type} owned by {@code owner}
   */
  boolean permits(Actor actor, Operation operation, RecordType type, UserId owner);

  /**
   * Whether workflow rules triggered by {@code trigger} may run as the named system actor {@code runAs} (a rule
   * that names no system actor runs as its trigger and needs no such permission).
   *
   * @return true if allowed; the default allows nothing
   */
  default boolean mayRunRulesAs(Actor trigger, Actor runAs) {
    return false;
  }

  /** The default policy: every actor may see and do everything in their tenant (crmkit before access policies). */
  static AccessPolicy permitAll() {
    return PermitAll.INSTANCE;
  }
}
