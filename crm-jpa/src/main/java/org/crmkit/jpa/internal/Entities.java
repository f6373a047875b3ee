package org.crmkit.jpa.internal;

import java.util.List;

/** The managed classes of crmkit's persistence unit. */
public final class Entities {
  private Entities() {}

  /**
   * @return every class the adapter maps (entities and the embeddable lines of their collection tables, which
   *     some providers need listed too), in no particular order
   */
  public static List<Class<?>> classes() {
    return List.of(
        AccountEntity.class,
        ContactEntity.class,
        ConversionRecordEntity.class,
        LeadEntity.class,
        OpportunityEntity.class,
        StageHistoryEntity.class,
        BillingForecastEntity.class,
        MonthLine.class,
        ForecastHistoryEntity.class,
        HistoryLine.class,
        AccountBudgetEntity.class,
        BudgetMonth.class,
        MoneyColumns.class,
        AuditColumns.class,
        LeadColumns.class,
        TargetColumns.class,
        RecordValueEntity.class);
  }
}
