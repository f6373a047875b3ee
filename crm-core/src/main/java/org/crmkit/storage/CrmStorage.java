package org.crmkit.storage;

import org.crmkit.account.AccountRepository;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.contact.ContactRepository;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.lead.LeadRepository;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.report.ReportRepository;
import org.crmkit.shared.UnitOfWork;

/**
 * Service provider interface: what a storage adapter gives crmkit. An adapter (crm-inmemory, crm-jpa, or a
 * host's own) implements every repository port and the unit of work that makes their writes atomic. The
 * repositories must be used only inside {@link #unitOfWork()}. Implementations are thread-safe.
 *
 * <p>Adapters prove they behave alike by passing the contract suite of the {@code crm-testkit} module.
 */
public interface CrmStorage {

  UnitOfWork unitOfWork();

  LeadRepository leads();

  AccountRepository accounts();

  ContactRepository contacts();

  OpportunityRepository opportunities();

  StageHistoryRepository stageHistory();

  /** The audit records of lead conversions, written in the conversion's unit of work. */
  ConversionRecordRepository conversionRecords();

  /** Billing forecasts, one per opportunity. */
  BillingForecastRepository billingForecasts();

  /** The insert-only history of billing forecasts. */
  ForecastHistoryRepository forecastHistory();

  /** Account budgets, one per account. */
  AccountBudgetRepository accountBudgets();

  /** The reads behind the account card; adapters run them where the data is (SQL in crm-jpa). */
  AccountCardRepository accountCards();

  /**
   * The reads behind reports; adapters run them where the data is (one SQL statement per read in crm-jpa, one pass
   * in memory).
   */
  ReportRepository reports();

  /**
   * The daily snapshots behind day-level BI ({@code crm.bi()}). The default refuses: a storage that keeps snapshots
   * (both of crmkit's adapters do) overrides it.
   *
   * @throws UnsupportedOperationException when this storage keeps no snapshots
   */
  default PipelineSnapshotRepository pipelineSnapshots() {
    throw new UnsupportedOperationException(getClass().getName()
        + " keeps no daily snapshots: implement CrmStorage.pipelineSnapshots() to use crm.bi()");
  }
}
