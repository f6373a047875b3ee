package org.crmkit.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountQuery;
import org.crmkit.account.AccountRepository;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.contact.ContactRepository;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.lead.LeadRepository;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.storage.CrmStorage;

/**
 * Wraps a real storage and injects failures or pauses into chosen write operations, to prove that a use case
 * failing midway writes nothing and that concurrent writers conflict. Everything else is delegated unchanged, so
 * the rollback observed is the real adapter's. Thread-safe.
 */
public final class FaultyStorage implements CrmStorage {

  /** Write operations that can fail or pause. */
  public enum Operation {
    SAVE_LEAD,
    SAVE_ACCOUNT,
    SAVE_CONTACT,
    SAVE_OPPORTUNITY,
    APPEND_HISTORY,
    DELETE_ACCOUNT,
    SAVE_FORECAST,
    APPEND_FORECAST_HISTORY,
    SAVE_BUDGET,
    DELETE_CONTACT,
    DELETE_OPPORTUNITY,
    SAVE_CONVERSION_RECORD
  }

  /** The exception an injected fault throws. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(Operation op) {
      super("injected fault at " + op);
    }
  }

  /** A hook run before a write operation. */
  @FunctionalInterface
  public interface Hook {
    void before(Operation op);
  }

  private final CrmStorage delegate;
  private final ConcurrentHashMap<Operation, Integer> failAfter = new ConcurrentHashMap<>();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();

  private FaultyStorage(CrmStorage delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  public static FaultyStorage wrapping(CrmStorage delegate) {
    return new FaultyStorage(delegate);
  }

  /** The next call of {@code op} throws {@link InjectedFault}. */
  public FaultyStorage failNext(Operation op) {
    return failAfter(op, 0);
  }

  /** Lets {@code succeeding} calls of {@code op} pass, then the next throws {@link InjectedFault} (once). */
  public FaultyStorage failAfter(Operation op, int succeeding) {
    failAfter.put(op, succeeding);
    return this;
  }

  /** Runs a hook before every write operation (for example a barrier that makes two writers interleave). */
  public FaultyStorage beforeEach(Hook hook) {
    hooks.add(hook);
    return this;
  }

  /** Removes injected faults and hooks. */
  public FaultyStorage reset() {
    failAfter.clear();
    hooks.clear();
    return this;
  }

  /** @return the wrapped storage */
  public CrmStorage delegate() {
    return delegate;
  }

  private void check(Operation op) {
    for (Hook h : hooks) {
      h.before(op);
    }
    Integer[] fire = {null};
    failAfter.computeIfPresent(op, (k, left) -> {
      if (left == 0) {
        fire[0] = 0;
        return null;
      }
      return left - 1;
    });
    if (fire[0] != null) {
      throw new InjectedFault(op);
    }
  }

  @Override
  public UnitOfWork unitOfWork() {
    return delegate.unitOfWork();
  }

  @Override
  public LeadRepository leads() {
    LeadRepository d = delegate.leads();
    return new LeadRepository() {
      @Override
      public Optional<Lead> findById(LeadId id) {
        return d.findById(id);
      }

      @Override
      public Lead save(Lead lead) {
        check(Operation.SAVE_LEAD);
        return d.save(lead);
      }

      @Override
      public void delete(LeadId id, long expectedVersion) {
        d.delete(id, expectedVersion);
      }

      @Override
      public Page<Lead> find(LeadQuery query, PageRequest page) {
        return d.find(query, page);
      }
    };
  }

  @Override
  public AccountRepository accounts() {
    AccountRepository d = delegate.accounts();
    return new AccountRepository() {
      @Override
      public Optional<Account> findById(AccountId id) {
        return d.findById(id);
      }

      @Override
      public List<Account> findAllById(Collection<AccountId> ids) {
        return d.findAllById(ids);
      }

      @Override
      public Account save(Account account) {
        check(Operation.SAVE_ACCOUNT);
        return d.save(account);
      }

      @Override
      public void delete(AccountId id, long expectedVersion) {
        check(Operation.DELETE_ACCOUNT);
        d.delete(id, expectedVersion);
      }

      @Override
      public Page<Account> find(AccountQuery query, PageRequest page) {
        return d.find(query, page);
      }

      @Override
      public List<Account> findMatching(AccountMatchKey key, int limit) {
        return d.findMatching(key, limit);
      }
    };
  }

  @Override
  public ContactRepository contacts() {
    ContactRepository d = delegate.contacts();
    return new ContactRepository() {
      @Override
      public Optional<Contact> findById(ContactId id) {
        return d.findById(id);
      }

      @Override
      public Contact save(Contact contact) {
        check(Operation.SAVE_CONTACT);
        return d.save(contact);
      }

      @Override
      public void delete(ContactId id, long expectedVersion) {
        check(Operation.DELETE_CONTACT);
        d.delete(id, expectedVersion);
      }

      @Override
      public Page<Contact> find(ContactQuery query, PageRequest page) {
        return d.find(query, page);
      }

      @Override
      public long countByAccount(AccountId accountId) {
        return d.countByAccount(accountId);
      }
    };
  }

  @Override
  public OpportunityRepository opportunities() {
    OpportunityRepository d = delegate.opportunities();
    return new OpportunityRepository() {
      @Override
      public Optional<Opportunity> findById(OpportunityId id) {
        return d.findById(id);
      }

      @Override
      public Opportunity save(Opportunity opportunity) {
        check(Operation.SAVE_OPPORTUNITY);
        return d.save(opportunity);
      }

      @Override
      public void delete(OpportunityId id, long expectedVersion) {
        check(Operation.DELETE_OPPORTUNITY);
        d.delete(id, expectedVersion);
      }

      @Override
      public Page<Opportunity> find(OpportunityQuery query, PageRequest page) {
        return d.find(query, page);
      }

      @Override
      public Page<OpportunitySummary> findSummaries(OpportunityQuery query, PageRequest page) {
        return d.findSummaries(query, page);
      }

      @Override
      public long countByAccount(AccountId accountId) {
        return d.countByAccount(accountId);
      }

      @Override
      public long countByContact(ContactId contactId) {
        return d.countByContact(contactId);
      }
    };
  }

  @Override
  public StageHistoryRepository stageHistory() {
    StageHistoryRepository d = delegate.stageHistory();
    return new StageHistoryRepository() {
      @Override
      public void append(StageHistoryEntry entry) {
        check(Operation.APPEND_HISTORY);
        d.append(entry);
      }

      @Override
      public List<StageHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
        return d.findByOpportunity(opportunityId);
      }
    };
  }

  @Override
  public BillingForecastRepository billingForecasts() {
    BillingForecastRepository d = delegate.billingForecasts();
    return new BillingForecastRepository() {
      @Override
      public Optional<BillingForecast> findByOpportunity(OpportunityId opportunityId) {
        return d.findByOpportunity(opportunityId);
      }

      @Override
      public BillingForecast save(BillingForecast forecast) {
        check(Operation.SAVE_FORECAST);
        return d.save(forecast);
      }

      @Override
      public void delete(OpportunityId opportunityId, long expectedVersion) {
        d.delete(opportunityId, expectedVersion);
      }
    };
  }

  @Override
  public ForecastHistoryRepository forecastHistory() {
    ForecastHistoryRepository d = delegate.forecastHistory();
    return new ForecastHistoryRepository() {
      @Override
      public void append(ForecastHistoryEntry entry) {
        check(Operation.APPEND_FORECAST_HISTORY);
        d.append(entry);
      }

      @Override
      public List<ForecastHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
        return d.findByOpportunity(opportunityId);
      }
    };
  }

  @Override
  public AccountBudgetRepository accountBudgets() {
    AccountBudgetRepository d = delegate.accountBudgets();
    return new AccountBudgetRepository() {
      @Override
      public Optional<AccountBudget> findByAccount(AccountId accountId) {
        return d.findByAccount(accountId);
      }

      @Override
      public AccountBudget save(AccountBudget budget) {
        check(Operation.SAVE_BUDGET);
        return d.save(budget);
      }

      @Override
      public void delete(AccountId accountId, long expectedVersion) {
        d.delete(accountId, expectedVersion);
      }
    };
  }

  @Override
  public AccountCardRepository accountCards() {
    return delegate.accountCards();
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    ConversionRecordRepository d = delegate.conversionRecords();
    return new ConversionRecordRepository() {
      @Override
      public Optional<ConversionRecord> findById(ConversionId id) {
        return d.findById(id);
      }

      @Override
      public List<ConversionRecord> findByLead(LeadId leadId) {
        return d.findByLead(leadId);
      }

      @Override
      public ConversionRecord save(ConversionRecord record) {
        check(Operation.SAVE_CONVERSION_RECORD);
        return d.save(record);
      }
    };
  }
}
