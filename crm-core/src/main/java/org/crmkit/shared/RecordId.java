package org.crmkit.shared;

import java.util.UUID;

/**
 * The id of one lead, account, contact or opportunity, for results that may name any of them (a conversion's
 * target, a duplicate candidate). Match on the concrete type ({@code if (id instanceof AccountId a)}) to use it.
 */
public sealed interface RecordId permits LeadId, AccountId, ContactId, OpportunityId {
  /** @return the UUID; never null */
  UUID value();
}
