package org.crmkit.inmemory;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountQuery;
import org.crmkit.account.AccountRepository;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.budget.AccountCards;
import org.crmkit.budget.CardForecastMonth;
import org.crmkit.budget.CardWonMonth;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.contact.ContactRepository;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.inmemory.internal.AppendOnlyLog;
import org.crmkit.inmemory.internal.InMemoryDatabase;
import org.crmkit.inmemory.internal.Table;
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
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Text;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.storage.CrmStorage;

/**
 * Storage in the JVM's memory: the default for tests, examples and small applications, and as strict as a
 * database. Thread-safe. Every unit of work writes to a private workspace and commits all or nothing; a write
 * based on a stale version fails with {@link org.crmkit.shared.ConflictException}. Stores immutable snapshots, so
 * no caller ever aliases stored state.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
 * }</pre>
 */
public final class InMemoryStorage implements CrmStorage {
  private final InMemoryDatabase db = new InMemoryDatabase();
  private final Table<LeadId, LeadSnapshot> leadTable =
      db.table(RecordType.LEAD, LeadSnapshot::id, LeadSnapshot::version, LeadSnapshot::withVersion,
          order(LeadSnapshot::createdAt, s -> s.id().toString()));
  private final Table<AccountId, AccountSnapshot> accountTable =
      db.table(RecordType.ACCOUNT, AccountSnapshot::id, AccountSnapshot::version, AccountSnapshot::withVersion,
          order(AccountSnapshot::createdAt, s -> s.id().toString()));
  private final Table<ContactId, ContactSnapshot> contactTable =
      db.table(RecordType.CONTACT, ContactSnapshot::id, ContactSnapshot::version, ContactSnapshot::withVersion,
          order(ContactSnapshot::createdAt, s -> s.id().toString()));
  private final Table<OpportunityId, OpportunitySnapshot> opportunityTable =
      db.table(RecordType.OPPORTUNITY, OpportunitySnapshot::id, OpportunitySnapshot::version,
          OpportunitySnapshot::withVersion, order(OpportunitySnapshot::createdAt, s -> s.id().toString()));
  private final Table<ConversionId, ConversionRecord> conversionTable =
      db.table(RecordType.CONVERSION_RECORD, ConversionRecord::id, ConversionRecord::version,
          ConversionRecord::withVersion, order(ConversionRecord::convertedAt, s -> s.id().toString()));
  private final AppendOnlyLog<StageHistoryEntry> historyLog =
      db.log(e -> e.opportunityId() + "@" + e.version(), StageHistoryEntry::opportunityId);
  private final Table<OpportunityId, BillingForecastSnapshot> forecastTable =
      db.table(RecordType.BILLING_FORECAST, BillingForecastSnapshot::opportunityId, BillingForecastSnapshot::version,
          BillingForecastSnapshot::withVersion, Comparator.comparing(s -> s.opportunityId().toString()));
  private final AppendOnlyLog<ForecastHistoryEntry> forecastLog =
      db.log(e -> "forecast " + e.opportunityId() + "@" + e.version(), ForecastHistoryEntry::opportunityId);
  private final Table<AccountId, AccountBudgetSnapshot> budgetTable =
      db.table(RecordType.ACCOUNT_BUDGET, AccountBudgetSnapshot::accountId, AccountBudgetSnapshot::version,
          AccountBudgetSnapshot::withVersion, Comparator.comparing(s -> s.accountId().toString()));

  private final LeadRepository leads = new Leads();
  private final AccountRepository accounts = new Accounts();
  private final ContactRepository contacts = new Contacts();
  private final OpportunityRepository opportunities = new Opportunities();
  private final StageHistoryRepository history = new History();
  private final BillingForecastRepository forecasts = new Forecasts();
  private final ForecastHistoryRepository forecastHistory = new ForecastHistory();
  private final AccountBudgetRepository budgets = new Budgets();
  private final AccountCardRepository cards = new Cards();
  private final ConversionRecordRepository conversionRecords = new ConversionRecords();

  private InMemoryStorage() {}

  /** A new, empty storage. */
  public static InMemoryStorage create() {
    return new InMemoryStorage();
  }

  @Override
  public UnitOfWork unitOfWork() {
    return db;
  }

  @Override
  public LeadRepository leads() {
    return leads;
  }

  @Override
  public AccountRepository accounts() {
    return accounts;
  }

  @Override
  public ContactRepository contacts() {
    return contacts;
  }

  @Override
  public OpportunityRepository opportunities() {
    return opportunities;
  }

  @Override
  public StageHistoryRepository stageHistory() {
    return history;
  }

  @Override
  public BillingForecastRepository billingForecasts() {
    return forecasts;
  }

  @Override
  public ForecastHistoryRepository forecastHistory() {
    return forecastHistory;
  }

  @Override
  public AccountBudgetRepository accountBudgets() {
    return budgets;
  }

  @Override
  public AccountCardRepository accountCards() {
    return cards;
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    return conversionRecords;
  }

  private static <S, C extends Comparable<? super C>> Comparator<S> order(
      Function<S, C> first, Function<S, String> then) {
    return Comparator.comparing(first).thenComparing(then);
  }

  private static <T> boolean matches(T filter, T value) {
    return filter == null || filter.equals(value);
  }

  private final class Leads implements LeadRepository {
    @Override
    public Optional<Lead> findById(LeadId id) {
      return leadTable.get(id).map(Lead::restore);
    }

    @Override
    public Lead save(Lead lead) {
      return Lead.restore(leadTable.save(lead.snapshot()));
    }

    @Override
    public void delete(LeadId id, long expectedVersion) {
      leadTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Lead> find(LeadQuery q, PageRequest page) {
      Predicate<LeadSnapshot> filter =
          s -> matches(q.owner(), s.owner())
              && matches(q.status(), s.status())
              && (q.email() == null
                  || (s.details().email() != null
                      && s.details().email().normalized().equals(q.email().normalized())))
              && (q.converted() == null || q.converted() == (s.conversion() != null));
      return leadTable.page(filter, page, Lead::restore);
    }
  }

  private final class Accounts implements AccountRepository {
    @Override
    public Optional<Account> findById(AccountId id) {
      return accountTable.get(id).map(Account::restore);
    }

    @Override
    public List<Account> findAllById(Collection<AccountId> ids) {
      Set<AccountId> wanted = new HashSet<>(ids);
      return accountTable.select(s -> wanted.contains(s.id())).stream().map(Account::restore).toList();
    }

    @Override
    public Account save(Account account) {
      return Account.restore(accountTable.save(account.snapshot()));
    }

    @Override
    public void delete(AccountId id, long expectedVersion) {
      accountTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Account> find(AccountQuery q, PageRequest page) {
      // Text.fold is the one case- and accent-insensitive rule; the JPA adapter stores the same folded name.
      String needle = q.nameContains() == null ? null : Text.fold(q.nameContains());
      Predicate<AccountSnapshot> filter =
          s -> matches(q.owner(), s.owner())
              && (needle == null || Text.fold(s.details().name()).contains(needle));
      return accountTable.page(filter, page, Account::restore);
    }

    @Override
    public List<Account> findMatching(AccountMatchKey key, int limit) {
      if (key.isEmpty()) {
        return List.of();
      }
      return accountTable.select(s -> !key.reasonsToMatch(AccountMatchKey.of(s.details())).isEmpty()).stream()
          .limit(limit)
          .map(Account::restore)
          .toList();
    }
  }

  private final class Contacts implements ContactRepository {
    @Override
    public Optional<Contact> findById(ContactId id) {
      return contactTable.get(id).map(Contact::restore);
    }

    @Override
    public Contact save(Contact contact) {
      return Contact.restore(contactTable.save(contact.snapshot()));
    }

    @Override
    public void delete(ContactId id, long expectedVersion) {
      contactTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Contact> find(ContactQuery q, PageRequest page) {
      Predicate<ContactSnapshot> filter =
          s -> matches(q.owner(), s.owner())
              && (q.accountId() == null || q.accountId().equals(s.accountId()))
              && (q.email() == null
                  || (s.details().email() != null
                      && s.details().email().normalized().equals(q.email().normalized())));
      return contactTable.page(filter, page, Contact::restore);
    }

    @Override
    public long countByAccount(AccountId accountId) {
      return contactTable.select(s -> accountId.equals(s.accountId())).size();
    }
  }

  private final class Opportunities implements OpportunityRepository {
    @Override
    public Optional<Opportunity> findById(OpportunityId id) {
      return opportunityTable.get(id).map(Opportunity::restore);
    }

    @Override
    public Opportunity save(Opportunity opportunity) {
      return Opportunity.restore(opportunityTable.save(opportunity.snapshot()));
    }

    @Override
    public void delete(OpportunityId id, long expectedVersion) {
      opportunityTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Opportunity> find(OpportunityQuery q, PageRequest page) {
      return opportunityTable.page(filter(q), page, Opportunity::restore);
    }

    @Override
    public Page<OpportunitySummary> findSummaries(OpportunityQuery q, PageRequest page) {
      return opportunityTable.page(
          filter(q),
          page,
          s -> new OpportunitySummary(
              s.id(), s.name(), s.stage(), s.amount(), s.probability(), s.closeDate(), s.owner(), s.accountId(),
              s.accountId() == null ? null : accountTable.get(s.accountId()).map(a -> a.details().name()).orElse(null)));
    }

    @Override
    public long countByAccount(AccountId accountId) {
      return opportunityTable.select(s -> accountId.equals(s.accountId())).size();
    }

    @Override
    public long countByContact(ContactId contactId) {
      return opportunityTable.select(s -> contactId.equals(s.contactId())).size();
    }

    private Predicate<OpportunitySnapshot> filter(OpportunityQuery q) {
      return s -> matches(q.owner(), s.owner())
          && (q.stages().isEmpty() || q.stages().contains(s.stage()))
          && (q.accountId() == null || q.accountId().equals(s.accountId()))
          && (q.contactId() == null || q.contactId().equals(s.contactId()))
          && (q.closeFrom() == null || (s.closeDate() != null && !s.closeDate().isBefore(q.closeFrom())))
          && (q.closeTo() == null || (s.closeDate() != null && !s.closeDate().isAfter(q.closeTo())));
    }
  }

  private final class History implements StageHistoryRepository {
    @Override
    public void append(StageHistoryEntry entry) {
      historyLog.append(entry);
    }

    @Override
    public List<StageHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
      return historyLog.group(opportunityId).stream()
          .sorted(Comparator.comparingLong(StageHistoryEntry::version))
          .toList();
    }
  }

  private final class Forecasts implements BillingForecastRepository {
    @Override
    public Optional<BillingForecast> findByOpportunity(OpportunityId opportunityId) {
      return forecastTable.get(opportunityId).map(BillingForecast::restore);
    }

    @Override
    public BillingForecast save(BillingForecast forecast) {
      return BillingForecast.restore(forecastTable.save(forecast.snapshot()));
    }

    @Override
    public void delete(OpportunityId opportunityId, long expectedVersion) {
      forecastTable.delete(opportunityId, expectedVersion);
    }
  }

  private final class ForecastHistory implements ForecastHistoryRepository {
    @Override
    public void append(ForecastHistoryEntry entry) {
      forecastLog.append(entry);
    }

    @Override
    public List<ForecastHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
      return forecastLog.group(opportunityId).stream()
          .sorted(Comparator.comparingLong(ForecastHistoryEntry::version))
          .toList();
    }
  }

  private final class Budgets implements AccountBudgetRepository {
    @Override
    public Optional<AccountBudget> findByAccount(AccountId accountId) {
      return budgetTable.get(accountId).map(AccountBudget::restore);
    }

    @Override
    public AccountBudget save(AccountBudget budget) {
      return AccountBudget.restore(budgetTable.save(budget.snapshot()));
    }

    @Override
    public void delete(AccountId accountId, long expectedVersion) {
      budgetTable.delete(accountId, expectedVersion);
    }
  }

  private final class Cards implements AccountCardRepository {
    @Override
    public List<CardForecastMonth> forecastByMonth(AccountCardQuery q) {
      Money zero = Money.zero(q.currency());
      Map<YearMonth, Money[]> sums = new TreeMap<>();
      for (OpportunitySnapshot o : opportunityTable.select(
          s -> q.accountId().equals(s.accountId()) && q.forecastStages().contains(s.stage()))) {
        boolean won = q.wonStages().contains(o.stage());
        Probability weight = won ? Probability.CERTAIN : o.probability();
        forecastTable.get(o.id()).ifPresent(f -> {
          for (ForecastLine line : f.lines()) {
            if (!line.month().isBefore(q.from()) && !line.month().isAfter(q.to())
                && line.amount().currency().equals(q.currency())) {
              Money[] m = sums.computeIfAbsent(line.month(), k -> new Money[] {zero, zero, zero});
              m[0] = m[0].plus(line.amount());
              m[1] = m[1].plus(AccountCards.weigh(line.amount(), weight));
              if (won) {
                m[2] = m[2].plus(line.amount());
              }
            }
          }
        });
      }
      List<CardForecastMonth> months = new ArrayList<>();
      sums.forEach((month, m) -> months.add(new CardForecastMonth(month, m[0], m[1], m[2])));
      return months;
    }

    @Override
    public List<CardWonMonth> wonByMonth(AccountCardQuery q) {
      Map<YearMonth, Money> sums = new TreeMap<>();
      for (OpportunitySnapshot s : opportunityTable.select(
          s -> q.accountId().equals(s.accountId())
              && q.wonStages().contains(s.stage())
              && s.closeDate() != null
              && !s.closeDate().isBefore(q.firstDay())
              && !s.closeDate().isAfter(q.lastDay())
              && s.amount() != null
              && s.amount().currency().equals(q.currency()))) {
        sums.merge(YearMonth.from(s.closeDate()), s.amount(), Money::plus);
      }
      List<CardWonMonth> months = new ArrayList<>();
      sums.forEach((month, won) -> months.add(new CardWonMonth(month, won)));
      return months;
    }
  }

  private final class ConversionRecords implements ConversionRecordRepository {
    @Override
    public Optional<ConversionRecord> findById(ConversionId id) {
      return conversionTable.get(id);
    }

    @Override
    public List<ConversionRecord> findByLead(LeadId leadId) {
      return conversionTable.select(r -> r.leadId().equals(leadId));
    }

    @Override
    public ConversionRecord save(ConversionRecord record) {
      return conversionTable.save(record);
    }
  }
}
