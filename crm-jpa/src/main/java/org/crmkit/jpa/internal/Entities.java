package org.crmkit.jpa.internal;

import java.util.List;

/** The entity classes of crmkit's persistence unit. */
public final class Entities {
  private Entities() {}

  /** @return every entity class the adapter maps, in no particular order */
  public static List<Class<?>> classes() {
    return List.of(
        AccountEntity.class,
        ContactEntity.class,
        ConversionRecordEntity.class,
        LeadEntity.class,
        OpportunityEntity.class,
        StageHistoryEntity.class);
  }
}
