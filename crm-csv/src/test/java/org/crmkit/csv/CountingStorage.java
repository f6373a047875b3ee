package org.crmkit.csv;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.crmkit.account.AccountRepository;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.contact.ContactRepository;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.lead.LeadRepository;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.storage.CrmStorage;

/** A storage that counts the outermost units of work (one per batch, or one per row on a retry). */
final class CountingStorage implements CrmStorage {
  final CrmStorage delegate;
  final AtomicInteger units = new AtomicInteger();
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

  CountingStorage(CrmStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public UnitOfWork unitOfWork() {
    UnitOfWork u = delegate.unitOfWork();
    return new UnitOfWork() {
      @Override
      public <T> T execute(TenantId tenant, Supplier<T> work) {
        return counted(() -> u.execute(tenant, work));
      }

      @Override
      public <T> T execute(Supplier<T> work) {
        return counted(() -> u.execute(work));
      }

      @Override
      public void afterCommit(Runnable action) {
        u.afterCommit(action);
      }
    };
  }

  private <T> T counted(Supplier<T> work) {
    if (depth.get() == 0) {
      units.incrementAndGet();
    }
    depth.set(depth.get() + 1);
    try {
      return work.get();
    } finally {
      depth.set(depth.get() - 1);
    }
  }

  @Override
  public LeadRepository leads() {
    return delegate.leads();
  }

  @Override
  public AccountRepository accounts() {
    return delegate.accounts();
  }

  @Override
  public ContactRepository contacts() {
    return delegate.contacts();
  }

  @Override
  public OpportunityRepository opportunities() {
    return delegate.opportunities();
  }

  @Override
  public StageHistoryRepository stageHistory() {
    return delegate.stageHistory();
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    return delegate.conversionRecords();
  }

  @Override
  public BillingForecastRepository billingForecasts() {
    return delegate.billingForecasts();
  }

  @Override
  public ForecastHistoryRepository forecastHistory() {
    return delegate.forecastHistory();
  }

  @Override
  public AccountBudgetRepository accountBudgets() {
    return delegate.accountBudgets();
  }

  @Override
  public AccountCardRepository accountCards() {
    return delegate.accountCards();
  }

  @Override
  public org.crmkit.report.ReportRepository reports() {
    return delegate.reports();
  }
}
