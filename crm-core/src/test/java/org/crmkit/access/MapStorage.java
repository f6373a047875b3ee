package org.crmkit.access;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.account.AccountRepository;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.budget.CardAccount;
import org.crmkit.budget.CardFigures;
import org.crmkit.budget.CardForecastMonth;
import org.crmkit.budget.CardWonMonth;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.contact.ContactRepository;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.lead.LeadRepository;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.shared.Visibility;
import org.crmkit.storage.CrmStorage;

/**
 * A deliberately small storage for crm-core's own tests (crm-core cannot depend on an adapter): maps partitioned by
 * tenant, all or nothing per unit of work (a copy of every table taken at the start is put back on failure),
 * versions checked on save, visibility applied while filtering. Single-threaded; not a product (crm-inmemory is).
 * It also counts the writes, so that a test can prove that a refused use case wrote nothing.
 */
final class MapStorage implements CrmStorage {

  /** One tenant's tables. */
  private static final class Tables {
    Map<LeadId, LeadSnapshot> leads = new LinkedHashMap<>();
    Map<AccountId, AccountSnapshot> accounts = new LinkedHashMap<>();
    Map<ContactId, ContactSnapshot> contacts = new LinkedHashMap<>();
    Map<OpportunityId, OpportunitySnapshot> opportunities = new LinkedHashMap<>();
    Map<ConversionId, ConversionRecord> conversions = new LinkedHashMap<>();
    Map<OpportunityId, BillingForecastSnapshot> forecasts = new LinkedHashMap<>();
    Map<AccountId, AccountBudgetSnapshot> budgets = new LinkedHashMap<>();
    List<StageHistoryEntry> stageHistory = new ArrayList<>();
    List<ForecastHistoryEntry> forecastHistory = new ArrayList<>();

    Tables copy() {
      Tables t = new Tables();
      t.leads = new LinkedHashMap<>(leads);
      t.accounts = new LinkedHashMap<>(accounts);
      t.contacts = new LinkedHashMap<>(contacts);
      t.opportunities = new LinkedHashMap<>(opportunities);
      t.conversions = new LinkedHashMap<>(conversions);
      t.forecasts = new LinkedHashMap<>(forecasts);
      t.budgets = new LinkedHashMap<>(budgets);
      t.stageHistory = new ArrayList<>(stageHistory);
      t.forecastHistory = new ArrayList<>(forecastHistory);
      return t;
    }
  }

  private Map<TenantId, Tables> tenants = new HashMap<>();
  private TenantId current;
  private int depth;
  private final List<Runnable> afterCommit = new ArrayList<>();
  private long writes;

  /** @return how many rows were saved, deleted or appended (rolled-back units of work included) */
  long writes() {
    return writes;
  }

  private Tables t() {
    if (current == null) {
      throw new IllegalStateException("repositories are used only inside a unit of work");
    }
    return tenants.computeIfAbsent(current, k -> new Tables());
  }

  private final UnitOfWork unitOfWork = new UnitOfWork() {
    @Override
    public <T> T execute(TenantId tenant, Supplier<T> work) {
      Objects.requireNonNull(tenant, "tenant");
      if (depth > 0) {
        if (!tenant.equals(current)) {
          throw new IllegalStateException("unit of work of tenant " + current + " cannot join tenant " + tenant);
        }
        depth++;
        try {
          return work.get();
        } finally {
          depth--;
        }
      }
      Map<TenantId, Tables> before = new HashMap<>();
      tenants.forEach((k, v) -> before.put(k, v.copy()));
      current = tenant;
      depth = 1;
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        tenants = before;
        afterCommit.clear();
        throw e;
      } finally {
        depth = 0;
        current = null;
      }
      List<Runnable> actions = new ArrayList<>(afterCommit);
      afterCommit.clear();
      actions.forEach(Runnable::run);
      return result;
    }

    @Override
    public <T> T execute(Supplier<T> work) {
      return execute(depth > 0 ? current : TenantId.DEFAULT, work);
    }

    @Override
    public void afterCommit(Runnable action) {
      if (depth == 0) {
        action.run();
      } else {
        afterCommit.add(action);
      }
    }
  };

  private <I, S> S save(Map<I, S> table, I id, S row, long version, Function<Long, S> withVersion) {
    S stored = table.get(id);
    long storedVersion = stored == null ? 0 : versionOf(stored);
    if (storedVersion != version) {
      throw new ConflictException("stale version " + version + " of " + id + " (stored " + storedVersion + ")");
    }
    S saved = withVersion.apply(version + 1);
    table.put(id, saved);
    writes++;
    return saved;
  }

  private static long versionOf(Object row) {
    if (row instanceof LeadSnapshot s) {
      return s.version();
    } else if (row instanceof AccountSnapshot s) {
      return s.version();
    } else if (row instanceof ContactSnapshot s) {
      return s.version();
    } else if (row instanceof OpportunitySnapshot s) {
      return s.version();
    } else if (row instanceof ConversionRecord s) {
      return s.version();
    } else if (row instanceof BillingForecastSnapshot s) {
      return s.version();
    } else if (row instanceof AccountBudgetSnapshot s) {
      return s.version();
    }
    throw new IllegalArgumentException(String.valueOf(row));
  }

  private <I, S> void delete(Map<I, S> table, I id, long version) {
    S stored = table.get(id);
    if (stored == null || versionOf(stored) != version) {
      throw new ConflictException("cannot delete " + id + " at version " + version);
    }
    table.remove(id);
    writes++;
  }

  private static <T> Page<T> page(List<T> all, PageRequest page) {
    int from = (int) Math.min(all.size(), page.offset());
    int to = Math.min(all.size(), from + page.size());
    return new Page<>(List.copyOf(all.subList(from, to)), page, all.size());
  }

  private static <S, T> List<T> scan(Collection<S> rows, Predicate<S> filter, Function<S, T> map) {
    return rows.stream().filter(filter).map(map).toList();
  }

  @Override
  public UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  @Override
  public LeadRepository leads() {
    return new LeadRepository() {
      @Override
      public Optional<Lead> findById(LeadId id) {
        return Optional.ofNullable(t().leads.get(id)).map(Lead::restore);
      }

      @Override
      public Lead save(Lead lead) {
        LeadSnapshot s = lead.snapshot();
        return Lead.restore(MapStorage.this.save(t().leads, s.id(), s, s.version(), s::withVersion));
      }

      @Override
      public void delete(LeadId id, long expectedVersion) {
        MapStorage.this.delete(t().leads, id, expectedVersion);
      }

      @Override
      public Page<Lead> find(LeadQuery q, Visibility visible, PageRequest page) {
        return page(scan(t().leads.values(), s -> visible.admits(s.owner())
            && (q.owner() == null || q.owner().equals(s.owner()))
            && (q.status() == null || q.status().equals(s.status()))
            && (q.email() == null || q.email().equals(s.details().email()))
            && (q.converted() == null || q.converted() == (s.conversion() != null)), Lead::restore), page);
      }
    };
  }

  @Override
  public AccountRepository accounts() {
    return new AccountRepository() {
      @Override
      public Optional<Account> findById(AccountId id) {
        return Optional.ofNullable(t().accounts.get(id)).map(Account::restore);
      }

      @Override
      public List<Account> findAllById(Collection<AccountId> ids) {
        return ids.stream().map(t().accounts::get).filter(Objects::nonNull).map(Account::restore).toList();
      }

      @Override
      public Account save(Account account) {
        AccountSnapshot s = account.snapshot();
        return Account.restore(MapStorage.this.save(t().accounts, s.id(), s, s.version(), s::withVersion));
      }

      @Override
      public void delete(AccountId id, long expectedVersion) {
        MapStorage.this.delete(t().accounts, id, expectedVersion);
      }

      @Override
      public Page<Account> find(AccountQuery q, Visibility visible, PageRequest page) {
        return page(scan(t().accounts.values(), s -> visible.admits(s.owner())
            && (q.owner() == null || q.owner().equals(s.owner()))
            && (q.nameContains() == null
                || s.details().name().toLowerCase().contains(q.nameContains().toLowerCase())),
            Account::restore), page);
      }
    };
  }

  @Override
  public ContactRepository contacts() {
    return new ContactRepository() {
      @Override
      public Optional<Contact> findById(ContactId id) {
        return Optional.ofNullable(t().contacts.get(id)).map(Contact::restore);
      }

      @Override
      public Contact save(Contact contact) {
        ContactSnapshot s = contact.snapshot();
        return Contact.restore(MapStorage.this.save(t().contacts, s.id(), s, s.version(), s::withVersion));
      }

      @Override
      public void delete(ContactId id, long expectedVersion) {
        MapStorage.this.delete(t().contacts, id, expectedVersion);
      }

      @Override
      public Page<Contact> find(ContactQuery q, Visibility visible, PageRequest page) {
        return page(scan(t().contacts.values(), s -> visible.admits(s.owner())
            && (q.owner() == null || q.owner().equals(s.owner()))
            && (q.accountId() == null || q.accountId().equals(s.accountId()))
            && (q.email() == null || q.email().equals(s.details().email())), Contact::restore), page);
      }

      @Override
      public long countByAccount(AccountId accountId) {
        return t().contacts.values().stream().filter(s -> accountId.equals(s.accountId())).count();
      }
    };
  }

  private static boolean matches(OpportunityQuery q, Visibility visible, OpportunitySnapshot s) {
    LocalDate close = s.closeDate();
    return visible.admits(s.owner())
        && (q.owner() == null || q.owner().equals(s.owner()))
        && (q.stages().isEmpty() || q.stages().contains(s.stage()))
        && (q.accountId() == null || q.accountId().equals(s.accountId()))
        && (q.contactId() == null || q.contactId().equals(s.contactId()))
        && (q.closeFrom() == null || (close != null && !close.isBefore(q.closeFrom())))
        && (q.closeTo() == null || (close != null && !close.isAfter(q.closeTo())));
  }

  @Override
  public OpportunityRepository opportunities() {
    return new OpportunityRepository() {
      @Override
      public Optional<Opportunity> findById(OpportunityId id) {
        return Optional.ofNullable(t().opportunities.get(id)).map(Opportunity::restore);
      }

      @Override
      public Opportunity save(Opportunity o) {
        OpportunitySnapshot s = o.snapshot();
        return Opportunity.restore(MapStorage.this.save(t().opportunities, s.id(), s, s.version(), s::withVersion));
      }

      @Override
      public void delete(OpportunityId id, long expectedVersion) {
        MapStorage.this.delete(t().opportunities, id, expectedVersion);
      }

      @Override
      public Page<Opportunity> find(OpportunityQuery q, Visibility visible, PageRequest page) {
        return page(scan(t().opportunities.values(), s -> matches(q, visible, s), Opportunity::restore), page);
      }

      @Override
      public Page<OpportunitySummary> findSummaries(OpportunityQuery q, Visibility visible, PageRequest page) {
        return page(scan(t().opportunities.values(), s -> matches(q, visible, s), s -> new OpportunitySummary(
            s.id(), s.name(), s.stage(), s.amount(), s.probability(), s.closeDate(), s.owner(), s.accountId(),
            s.accountId() == null || !t().accounts.containsKey(s.accountId()) ? null
                : t().accounts.get(s.accountId()).details().name())), page);
      }

      @Override
      public long countByAccount(AccountId accountId) {
        return t().opportunities.values().stream().filter(s -> accountId.equals(s.accountId())).count();
      }

      @Override
      public long countByContact(ContactId contactId) {
        return t().opportunities.values().stream().filter(s -> contactId.equals(s.contactId())).count();
      }
    };
  }

  @Override
  public StageHistoryRepository stageHistory() {
    return new StageHistoryRepository() {
      @Override
      public void append(StageHistoryEntry entry) {
        t().stageHistory.add(entry);
        writes++;
      }

      @Override
      public List<StageHistoryEntry> findByOpportunity(OpportunityId id) {
        return t().stageHistory.stream().filter(e -> e.opportunityId().equals(id)).toList();
      }
    };
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    return new ConversionRecordRepository() {
      @Override
      public Optional<ConversionRecord> findById(ConversionId id) {
        return Optional.ofNullable(t().conversions.get(id));
      }

      @Override
      public List<ConversionRecord> findByLead(LeadId leadId) {
        return t().conversions.values().stream().filter(r -> r.leadId().equals(leadId)).toList();
      }

      @Override
      public ConversionRecord save(ConversionRecord r) {
        return MapStorage.this.save(t().conversions, r.id(), r, r.version(), r::withVersion);
      }
    };
  }

  @Override
  public BillingForecastRepository billingForecasts() {
    return new BillingForecastRepository() {
      @Override
      public Optional<BillingForecast> findByOpportunity(OpportunityId id) {
        return Optional.ofNullable(t().forecasts.get(id)).map(BillingForecast::restore);
      }

      @Override
      public BillingForecast save(BillingForecast forecast) {
        BillingForecastSnapshot s = forecast.snapshot();
        return BillingForecast.restore(
            MapStorage.this.save(t().forecasts, s.opportunityId(), s, s.version(), s::withVersion));
      }

      @Override
      public void delete(OpportunityId id, long expectedVersion) {
        MapStorage.this.delete(t().forecasts, id, expectedVersion);
      }
    };
  }

  @Override
  public ForecastHistoryRepository forecastHistory() {
    return new ForecastHistoryRepository() {
      @Override
      public void append(ForecastHistoryEntry entry) {
        t().forecastHistory.add(entry);
        writes++;
      }

      @Override
      public List<ForecastHistoryEntry> findByOpportunity(OpportunityId id) {
        return t().forecastHistory.stream().filter(e -> e.opportunityId().equals(id)).toList();
      }
    };
  }

  @Override
  public AccountBudgetRepository accountBudgets() {
    return new AccountBudgetRepository() {
      @Override
      public Optional<AccountBudget> findByAccount(AccountId id) {
        return Optional.ofNullable(t().budgets.get(id)).map(AccountBudget::restore);
      }

      @Override
      public AccountBudget save(AccountBudget budget) {
        AccountBudgetSnapshot s = budget.snapshot();
        return AccountBudget.restore(MapStorage.this.save(t().budgets, s.accountId(), s, s.version(), s::withVersion));
      }

      @Override
      public void delete(AccountId id, long expectedVersion) {
        MapStorage.this.delete(t().budgets, id, expectedVersion);
      }
    };
  }

  @Override
  public org.crmkit.report.ReportRepository reports() {
    // The access tests run no report; the report contract runs on the real storages.
    throw new UnsupportedOperationException("MapStorage keeps no reports");
  }

  @Override
  public AccountCardRepository accountCards() {
    return new AccountCardRepository() {
      @Override
      public Optional<CardAccount> findAccount(AccountId id) {
        AccountSnapshot a = t().accounts.get(id);
        if (a == null) {
          return Optional.empty();
        }
        AccountBudgetSnapshot b = t().budgets.get(id);
        return Optional.of(new CardAccount(id, a.owner(), b == null ? List.of() : b.months()));
      }

      @Override
      public CardFigures figures(AccountCardQuery q, Visibility visible) {
        return new CardFigures(forecastByMonth(q, visible), wonByMonth(q, visible));
      }

      private List<CardForecastMonth> forecastByMonth(AccountCardQuery q, Visibility visible) {
        Map<YearMonth, Money[]> months = new TreeMap<>();
        for (OpportunitySnapshot o : t().opportunities.values()) {
          if (!q.accountId().equals(o.accountId()) || !visible.admits(o.owner())
              || !q.forecastStages().contains(o.stage()) || !t().forecasts.containsKey(o.id())) {
            continue;
          }
          boolean won = q.wonStages().contains(o.stage());
          for (ForecastLine line : t().forecasts.get(o.id()).lines()) {
            if (line.month().isBefore(q.from()) || line.month().isAfter(q.to())
                || !line.amount().currency().equals(q.currency())) {
              continue;
            }
            Money zero = Money.zero(q.currency());
            Money[] sums = months.computeIfAbsent(line.month(), m -> new Money[] {zero, zero, zero});
            sums[0] = sums[0].plus(line.amount());
            sums[1] = sums[1].plus(Money.rounded(line.amount().amount()
                .multiply(java.math.BigDecimal.valueOf(won ? 100 : o.probability().percent()))
                .divide(java.math.BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP), q.currency()));
            sums[2] = won ? sums[2].plus(line.amount()) : sums[2];
          }
        }
        List<CardForecastMonth> out = new ArrayList<>();
        months.forEach((m, s) -> out.add(new CardForecastMonth(m, s[0], s[1], s[2])));
        return out;
      }

      private List<CardWonMonth> wonByMonth(AccountCardQuery q, Visibility visible) {
        Map<YearMonth, Money> months = new TreeMap<>();
        for (OpportunitySnapshot o : t().opportunities.values()) {
          if (q.accountId().equals(o.accountId()) && visible.admits(o.owner()) && q.wonStages().contains(o.stage())
              && o.closeDate() != null && !o.closeDate().isBefore(q.firstDay()) && !o.closeDate().isAfter(q.lastDay())
              && o.amount() != null && o.amount().currency().equals(q.currency())) {
            months.merge(YearMonth.from(o.closeDate()), o.amount(), Money::plus);
          }
        }
        List<CardWonMonth> out = new ArrayList<>();
        months.forEach((m, won) -> out.add(new CardWonMonth(m, won)));
        return out;
      }
    };
  }
}
