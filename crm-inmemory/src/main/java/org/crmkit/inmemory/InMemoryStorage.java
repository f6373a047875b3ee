package org.crmkit.inmemory;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
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
import org.crmkit.budget.CardAccount;
import org.crmkit.budget.CardFigures;
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
import org.crmkit.inmemory.internal.InMemoryReports;
import org.crmkit.inmemory.internal.Schema;
import org.crmkit.inmemory.internal.InMemorySnapshots;
import org.crmkit.inmemory.internal.SnapshotTable;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.report.ReportRepository;
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
import org.crmkit.shared.Visibility;
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
import org.crmkit.shared.UserId;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.storage.CrmStorage;

/**
 * Storage in the JVM's memory: the default for tests, examples and small applications, and as strict as a
 * database. Thread-safe. Every unit of work writes to a private workspace and commits all or nothing; a write
 * based on a stale version (the version the unit of work first read) fails with
 * {@link org.crmkit.shared.ConflictException}. Commit checks links as crm-jpa's foreign keys do (a link lost to a
 * concurrent commit: {@code ConflictException}; a unit of work that breaks a link itself:
 * {@link org.crmkit.shared.StorageException}) and lets one account at most claim a normalised company name (see
 * docs/PERSISTENCE.md); a reader never sees half of a commit. The look-ups the use cases make are indexed like the
 * database schema, and an unfiltered page costs what it holds. Stores immutable snapshots, so no caller ever aliases
 * stored state.
 *
 * <p>Tenants: every tenant has its own tables, indexes, match-key claims and links, created by its first unit of
 * work; every repository call sees only the tables of the current unit of work's tenant (the actor's, in the use
 * cases), so another tenant's records are "not found" by id and absent from every list, search and duplicate check.
 * The access policy's {@link Visibility} is applied while rows are read, before a page is cut; a list scoped to a
 * few owners reads only their rows through an owner index. See docs/ARCHITECTURE.md.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
 * }</pre>
 */
public final class InMemoryStorage implements CrmStorage {
  private final InMemoryDatabase<Tenant> db = new InMemoryDatabase<>(Tenant::new);

  /**
   * One tenant's tables, indexes, foreign keys and match-key claims, created on the tenant's first unit of work:
   * what crm-jpa's schema holds, once per tenant. Repositories take it from the current unit of work in every call
   * ({@link #t()}), so every read, look-up, claim and link stays inside the unit of work's tenant.
   */
  private static final class Tenant {
    final Table<LeadId, LeadSnapshot> leadTable;
    final Table<AccountId, AccountSnapshot> accountTable;
    final Table<ContactId, ContactSnapshot> contactTable;
    final Table<OpportunityId, OpportunitySnapshot> opportunityTable;
    final Table<ConversionId, ConversionRecord> conversionTable;
    final AppendOnlyLog<StageHistoryEntry> historyLog;
    final Table<OpportunityId, BillingForecastSnapshot> forecastTable;
    final AppendOnlyLog<ForecastHistoryEntry> forecastLog;
    final Table<AccountId, AccountBudgetSnapshot> budgetTable;
    final Table.Index<LeadId, LeadSnapshot> leadsByEmail;
    final Table.Index<AccountId, AccountSnapshot> accountsByName;
    final Table.Index<AccountId, AccountSnapshot> accountsByDomain;
    final Table.Index<ContactId, ContactSnapshot> contactsByEmail;
    final Table.Index<ContactId, ContactSnapshot> contactsByAccount;
    final Table.Index<OpportunityId, OpportunitySnapshot> opportunitiesByAccount;
    final Table.Index<OpportunityId, OpportunitySnapshot> opportunitiesByContact;
    final Table.Index<ConversionId, ConversionRecord> conversionsByLead;
    final Table.OrderedIndex<LeadId, LeadSnapshot> leadsByOwner;
    final Table.OrderedIndex<AccountId, AccountSnapshot> accountsByOwner;
    final Table.OrderedIndex<ContactId, ContactSnapshot> contactsByOwner;
    final Table.OrderedIndex<OpportunityId, OpportunitySnapshot> opportunitiesByOwner;
    final SnapshotTable snapshotTable;

    Tenant(Schema schema) {
      leadTable = schema.table(RecordType.LEAD, LeadSnapshot::id, LeadSnapshot::version, LeadSnapshot::withVersion,
          order(LeadSnapshot::createdAt, s -> s.id().value()));
      accountTable = schema.table(RecordType.ACCOUNT, AccountSnapshot::id, AccountSnapshot::version,
          AccountSnapshot::withVersion, order(AccountSnapshot::createdAt, s -> s.id().value()));
      contactTable = schema.table(RecordType.CONTACT, ContactSnapshot::id, ContactSnapshot::version,
          ContactSnapshot::withVersion, order(ContactSnapshot::createdAt, s -> s.id().value()));
      opportunityTable = schema.table(RecordType.OPPORTUNITY, OpportunitySnapshot::id, OpportunitySnapshot::version,
          OpportunitySnapshot::withVersion, order(OpportunitySnapshot::createdAt, s -> s.id().value()));
      conversionTable = schema.table(RecordType.CONVERSION_RECORD, ConversionRecord::id, ConversionRecord::version,
          ConversionRecord::withVersion, order(ConversionRecord::convertedAt, s -> s.id().value()));
      // an opportunity's history beside its row: creating one finds one slot for both
      historyLog = schema.log(StageHistoryEntry::opportunityId, StageHistoryEntry::version, opportunityTable);
      forecastTable = schema.table(RecordType.BILLING_FORECAST, BillingForecastSnapshot::opportunityId,
          BillingForecastSnapshot::version, BillingForecastSnapshot::withVersion,
          Comparator.comparing(s -> s.opportunityId().value(), UNSIGNED));
      forecastLog = schema.log(ForecastHistoryEntry::opportunityId, ForecastHistoryEntry::version);
      snapshotTable = schema.snapshotTable();
      budgetTable = schema.table(RecordType.ACCOUNT_BUDGET, AccountBudgetSnapshot::accountId,
          AccountBudgetSnapshot::version, AccountBudgetSnapshot::withVersion,
          Comparator.comparing(s -> s.accountId().value(), UNSIGNED));
      // The look-ups the use cases make, indexed as crm-jpa's schema indexes them.
      leadsByEmail = leadTable.index(s -> s.details().email() == null ? null : s.details().email().normalized());
      accountsByName = accountTable.index(InMemoryStorage::compactName);
      accountsByDomain = accountTable.index(InMemoryStorage::domain);
      contactsByEmail =
          contactTable.index(s -> s.details().email() == null ? null : s.details().email().normalized());
      // The contacts and opportunities of an account in one entry per account: a conversion that creates an account
      // indexes its first contact and opportunity, and the second finds the entry the first made.
      Table.Family byAccount = new Table.Family(2);
      contactsByAccount = contactTable.index(ContactSnapshot::accountId, byAccount);
      opportunitiesByAccount = opportunityTable.index(OpportunitySnapshot::accountId, byAccount);
      opportunitiesByContact = opportunityTable.index(OpportunitySnapshot::contactId);
      conversionsByLead = conversionTable.index(ConversionRecord::leadId);
      // A seller's own (or a team's) records among many: lists scoped by visibility read them through the owner.
      leadsByOwner = leadTable.orderedIndex(LeadSnapshot::owner);
      accountsByOwner = accountTable.orderedIndex(AccountSnapshot::owner);
      contactsByOwner = contactTable.orderedIndex(ContactSnapshot::owner);
      opportunitiesByOwner = opportunityTable.orderedIndex(OpportunitySnapshot::owner);
      // Links checked at commit, as crm-jpa's foreign keys check them.
      schema.foreignKey(contactTable, ContactSnapshot::accountId, contactsByAccount, accountTable);
      schema.foreignKey(opportunityTable, OpportunitySnapshot::accountId, opportunitiesByAccount, accountTable);
      schema.foreignKey(opportunityTable, OpportunitySnapshot::contactId, opportunitiesByContact, contactTable);
      schema.foreignKey(forecastTable, BillingForecastSnapshot::opportunityId, null, opportunityTable);
      schema.foreignKey(budgetTable, AccountBudgetSnapshot::accountId, null, accountTable);
      // One account at most claims a normalised name: two units of work that both found a company's name free in
      // their duplicate check (findMatching) and both create it conflict (crm-jpa: the unique crm_account.match_claim).
      accountTable.uniqueClaim(accountsByName);
    }
  }

  /**
   * @return the compact name of an account row's match key: the name index's value, which is also the row's name
   *     claim (worked out once per written row, with the write's index values; no per-thread memo, which would pin
   *     the library's classes on a host's pooled threads)
   */
  private static String compactName(AccountSnapshot s) {
    AccountDetails d = s.details();
    return new AccountMatchKey(AccountMatchKey.normalizeName(d.name()), null).compactName();
  }

  /** @return the domain of an account row's match key, without normalising its name */
  private static String domain(AccountSnapshot s) {
    AccountDetails d = s.details();
    return AccountMatchKey.of(null, d.email(), d.website()).domain();
  }

  /** @return the tables of the current unit of work's tenant */
  private Tenant t() {
    return db.tenant();
  }

  private final Comparator<AccountSnapshot> accountOrder = order(AccountSnapshot::createdAt, s -> s.id().value());
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
  private final ReportRepository reports = new InMemoryReports(() -> {
    Tenant t = t();
    return new InMemoryReports.Tables(t.opportunityTable, t.leadTable, t.accountTable, t.contactTable, t.historyLog,
        t.forecastTable);
  });

  private final PipelineSnapshotRepository snapshots = new InMemorySnapshots(() -> {
    Tenant t = t();
    return new InMemorySnapshots.Tables(t.opportunityTable, t.forecastTable, t.historyLog, t.snapshotTable);
  });

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
  public ReportRepository reports() {
    return reports;
  }

  /** Daily snapshots, stored change-only per tenant and kept in step at commit like the tables. */
  @Override
  public PipelineSnapshotRepository pipelineSnapshots() {
    return snapshots;
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    return conversionRecords;
  }

  /** UUIDs in the order of their text form (and of PostgreSQL's uuid type): unsigned, most significant first. */
  private static final Comparator<UUID> UNSIGNED = (a, b) -> {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  };

  private static <S, C extends Comparable<? super C>> Comparator<S> order(Function<S, C> first, Function<S, UUID> then) {
    return Comparator.comparing(first).thenComparing(then, UNSIGNED);
  }

  /** One page of rows read through an index, filtered further; {@code rows} are in table order. */
  private static <S, T> Page<T> page(List<S> rows, Predicate<S> filter, PageRequest request, Function<S, T> mapper) {
    if (rows.isEmpty()) {
      return new Page<>(List.of(), request, 0); // the usual answer of a duplicate check
    }
    List<S> matching = rows.stream().filter(filter).toList();
    int from = (int) Math.min(matching.size(), request.offset());
    int to = Math.min(matching.size(), from + request.size());
    return new Page<>(matching.subList(from, to).stream().map(mapper).toList(), request, matching.size());
  }

  /**
   * One page of the table's rows that pass {@code filter} (which applies the visibility and the whole query), in
   * table order. When the visibility or the query's owner names the owners whose rows may match (a seller's own
   * records, a manager's team's), only their rows are read, in order, through the owner index; and when nothing but
   * the owner is asked ({@code ownerOnly}), only the page's rows are. Otherwise the page comes from one scan. Either
   * way the filter runs before paging, so the total counts only what the actor may see.
   */
  private static <K, S, T> Page<T> scoped(
      Table<K, S> table, Table.OrderedIndex<K, S> byOwner, Visibility visible, UserId owner, boolean ownerOnly,
      Predicate<S> filter, PageRequest request, Function<S, T> mapper) {
    Set<UserId> owners = owner != null
        ? (visible.admits(owner) ? Set.of(owner) : Set.of())
        : visible instanceof Visibility.Owners o ? o.owners() : null;
    if (owners != null) {
      return table.page(byOwner, owners, ownerOnly ? null : filter, request, mapper);
    }
    return table.page(filter, request, mapper);
  }

  private static <T> boolean matches(T filter, T value) {
    return filter == null || filter.equals(value);
  }

  private final class Leads implements LeadRepository {
    @Override
    public Optional<Lead> findById(LeadId id) {
      return t().leadTable.get(id).map(Lead::restore);
    }

    @Override
    public Lead save(Lead lead) {
      return Lead.restore(t().leadTable.save(lead.snapshot()));
    }

    @Override
    public void delete(LeadId id, long expectedVersion) {
      t().leadTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Lead> find(LeadQuery q, Visibility visible, PageRequest page) {
      if (visible == Visibility.all() && q.owner() == null && q.status() == null && q.email() == null && q.converted() == null) {
        return t().leadTable.page(null, page, Lead::restore);
      }
      Predicate<LeadSnapshot> filter =
          s -> visible.admits(s.owner()) && matches(q.owner(), s.owner())
              && matches(q.status(), s.status())
              && (q.converted() == null || q.converted() == (s.conversion() != null));
      if (q.email() != null) {
        return page(t().leadTable.lookup(t().leadsByEmail, q.email().normalized()), filter, page, Lead::restore);
      }
      return scoped(t().leadTable, t().leadsByOwner, visible, q.owner(), q.status() == null && q.converted() == null,
          filter, page, Lead::restore);
    }
  }

  private final class Accounts implements AccountRepository {
    @Override
    public Optional<Account> findById(AccountId id) {
      return t().accountTable.get(id).map(Account::restore);
    }

    @Override
    public List<Account> findAllById(Collection<AccountId> ids) {
      Set<AccountId> wanted = new LinkedHashSet<>(ids);
      List<Account> found = new ArrayList<>(wanted.size());
      for (AccountId id : wanted) {
        t().accountTable.get(id).ifPresent(s -> found.add(Account.restore(s)));
      }
      return found;
    }

    @Override
    public Account save(Account account) {
      return Account.restore(t().accountTable.save(account.snapshot()));
    }

    @Override
    public Account insertNew(Account account) {
      return Account.restore(t().accountTable.insertNew(account.snapshot()));
    }

    @Override
    public void delete(AccountId id, long expectedVersion) {
      t().accountTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Account> find(AccountQuery q, Visibility visible, PageRequest page) {
      if (visible == Visibility.all() && q.owner() == null && q.nameContains() == null) {
        return t().accountTable.page(null, page, Account::restore);
      }
      // Text.fold is the one case- and accent-insensitive rule; the JPA adapter stores the same folded name.
      String needle = q.nameContains() == null ? null : Text.fold(q.nameContains());
      Predicate<AccountSnapshot> filter =
          s -> visible.admits(s.owner()) && matches(q.owner(), s.owner())
              && (needle == null || Text.fold(s.details().name()).contains(needle));
      return scoped(t().accountTable, t().accountsByOwner, visible, q.owner(), needle == null, filter, page,
          Account::restore);
    }

    @Override
    public List<Account> findMatching(AccountMatchKey key, Visibility visible, int limit) {
      if (key.isEmpty()) {
        return List.of();
      }
      // The index look-ups of crm-jpa's name_normalized and match_domain columns, then the full comparison.
      Tenant t = t();
      List<AccountSnapshot> sameName = List.of();
      String compactName = key.compactName();
      if (compactName != null) {
        sameName = t.accountTable.lookup(t.accountsByName, compactName);
        // A duplicate check: an account this unit of work now creates with the name claims it if it was free. Free
        // means no account of the tenant has it, whether the actor may see it or not: an actor who cannot see the
        // holder creates an unclaimed account instead of conflicting with an account they cannot see.
        t.accountTable.checked(compactName, !sameName.isEmpty());
      }
      List<AccountSnapshot> sameDomain =
          key.domain() == null ? List.of() : t.accountTable.lookup(t.accountsByDomain, key.domain());
      if (sameName.isEmpty() && sameDomain.isEmpty()) {
        return List.of(); // a new company: the usual case of a conversion
      }
      Map<AccountId, AccountSnapshot> candidates = new LinkedHashMap<>();
      sameName.forEach(s -> candidates.put(s.id(), s));
      sameDomain.forEach(s -> candidates.put(s.id(), s));
      return candidates.values().stream()
          .filter(s -> visible.admits(s.owner()) && !key.reasonsToMatch(AccountMatchKey.of(s.details())).isEmpty())
          .sorted(accountOrder)
          .limit(limit)
          .map(Account::restore)
          .toList();
    }
  }

  private final class Contacts implements ContactRepository {
    @Override
    public Optional<Contact> findById(ContactId id) {
      return t().contactTable.get(id).map(Contact::restore);
    }

    @Override
    public Contact save(Contact contact) {
      return Contact.restore(t().contactTable.save(contact.snapshot()));
    }

    @Override
    public Contact insertNew(Contact contact) {
      return Contact.restore(t().contactTable.insertNew(contact.snapshot()));
    }

    @Override
    public void delete(ContactId id, long expectedVersion) {
      t().contactTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Contact> find(ContactQuery q, Visibility visible, PageRequest page) {
      if (visible == Visibility.all() && q.owner() == null && q.accountId() == null && q.email() == null) {
        return t().contactTable.page(null, page, Contact::restore);
      }
      Predicate<ContactSnapshot> filter =
          s -> visible.admits(s.owner()) && matches(q.owner(), s.owner())
              && (q.accountId() == null || q.accountId().equals(s.accountId()))
              && (q.email() == null
                  || (s.details().email() != null
                      && s.details().email().normalized().equals(q.email().normalized())));
      Tenant t = t();
      if (q.email() != null) {
        return page(t.contactTable.lookup(t.contactsByEmail, q.email().normalized()), filter, page, Contact::restore);
      }
      if (q.accountId() != null) {
        return page(t.contactTable.lookup(t.contactsByAccount, q.accountId()), filter, page, Contact::restore);
      }
      return scoped(t.contactTable, t.contactsByOwner, visible, q.owner(), true, filter, page, Contact::restore);
    }

    @Override
    public long countByAccount(AccountId accountId) {
      return t().contactTable.lookup(t().contactsByAccount, accountId).size();
    }
  }

  private final class Opportunities implements OpportunityRepository {
    @Override
    public Optional<Opportunity> findById(OpportunityId id) {
      return t().opportunityTable.get(id).map(Opportunity::restore);
    }

    @Override
    public Opportunity save(Opportunity opportunity) {
      // the stored row is the opportunity's snapshot at the next version: no need to restore (and check) it again
      return opportunity.storedAs(t().opportunityTable.save(opportunity.snapshot()).version());
    }

    @Override
    public Opportunity insertNew(Opportunity opportunity) {
      return opportunity.storedAs(t().opportunityTable.insertNew(opportunity.snapshot()).version());
    }

    @Override
    public void delete(OpportunityId id, long expectedVersion) {
      t().opportunityTable.delete(id, expectedVersion);
    }

    @Override
    public Page<Opportunity> find(OpportunityQuery q, Visibility visible, PageRequest page) {
      return select(q, visible, page, Opportunity::restore);
    }

    @Override
    public Page<OpportunitySummary> findSummaries(OpportunityQuery q, Visibility visible, PageRequest page) {
      return select(
          q,
          visible,
          page,
          s -> new OpportunitySummary(
              s.id(), s.name(), s.stage(), s.amount(), s.probability(), s.closeDate(), s.owner(), s.accountId(),
              s.accountId() == null ? null
                  : t().accountTable.get(s.accountId()).map(a -> a.details().name()).orElse(null)));
    }

    @Override
    public long countByAccount(AccountId accountId) {
      return t().opportunityTable.lookup(t().opportunitiesByAccount, accountId).size();
    }

    @Override
    public long countByContact(ContactId contactId) {
      return t().opportunityTable.lookup(t().opportunitiesByContact, contactId).size();
    }

    private <T> Page<T> select(
        OpportunityQuery q, Visibility visible, PageRequest page, Function<OpportunitySnapshot, T> mapper) {
      if (visible == Visibility.all() && q.owner() == null && q.stages().isEmpty() && q.accountId() == null && q.contactId() == null
          && q.closeFrom() == null && q.closeTo() == null) {
        return t().opportunityTable.page(null, page, mapper);
      }
      Tenant t = t();
      if (q.accountId() != null) {
        return page(t.opportunityTable.lookup(t.opportunitiesByAccount, q.accountId()), filter(q, visible), page,
            mapper);
      }
      if (q.contactId() != null) {
        return page(t.opportunityTable.lookup(t.opportunitiesByContact, q.contactId()), filter(q, visible), page,
            mapper);
      }
      boolean ownerOnly = q.stages().isEmpty() && q.closeFrom() == null && q.closeTo() == null;
      return scoped(t().opportunityTable, t().opportunitiesByOwner, visible, q.owner(), ownerOnly, filter(q, visible),
          page, mapper);
    }

    private Predicate<OpportunitySnapshot> filter(OpportunityQuery q, Visibility visible) {
      return s -> visible.admits(s.owner()) && matches(q.owner(), s.owner())
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
      Tenant t = t();
      if (t.opportunityTable.insertedNew(entry.opportunityId())) {
        // the opportunity's id is new and globally unique (insertNew): it has no committed history to look up
        t.historyLog.appendNew(entry);
      } else {
        t.historyLog.append(entry);
      }
    }

    @Override
    public List<StageHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
      return t().historyLog.group(opportunityId).stream()
          .sorted(Comparator.comparingLong(StageHistoryEntry::version))
          .toList();
    }
  }

  private final class Forecasts implements BillingForecastRepository {
    @Override
    public Optional<BillingForecast> findByOpportunity(OpportunityId opportunityId) {
      return t().forecastTable.get(opportunityId).map(BillingForecast::restore);
    }

    @Override
    public BillingForecast save(BillingForecast forecast) {
      return BillingForecast.restore(t().forecastTable.save(forecast.snapshot()));
    }

    @Override
    public void delete(OpportunityId opportunityId, long expectedVersion) {
      t().forecastTable.delete(opportunityId, expectedVersion);
    }
  }

  private final class ForecastHistory implements ForecastHistoryRepository {
    @Override
    public void append(ForecastHistoryEntry entry) {
      t().forecastLog.append(entry);
    }

    @Override
    public List<ForecastHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
      return t().forecastLog.group(opportunityId).stream()
          .sorted(Comparator.comparingLong(ForecastHistoryEntry::version))
          .toList();
    }
  }

  private final class Budgets implements AccountBudgetRepository {
    @Override
    public Optional<AccountBudget> findByAccount(AccountId accountId) {
      return t().budgetTable.get(accountId).map(AccountBudget::restore);
    }

    @Override
    public AccountBudget save(AccountBudget budget) {
      return AccountBudget.restore(t().budgetTable.save(budget.snapshot()));
    }

    @Override
    public void delete(AccountId accountId, long expectedVersion) {
      t().budgetTable.delete(accountId, expectedVersion);
    }
  }

  private final class Cards implements AccountCardRepository {
    @Override
    public Optional<CardAccount> findAccount(AccountId accountId) {
      Tenant t = t();
      return t.accountTable.get(accountId).map(a -> new CardAccount(a.id(), a.owner(),
          t.budgetTable.get(accountId).map(AccountBudgetSnapshot::months).orElse(List.of())));
    }

    @Override
    public CardFigures figures(AccountCardQuery q, Visibility visible) {
      Money zero = Money.zero(q.currency());
      Map<YearMonth, Money[]> forecast = new TreeMap<>();
      Map<YearMonth, Money> won = new TreeMap<>();
      Tenant t = t();
      // The account's opportunities through the index, read once for both sums; those the actor may not see add
      // nothing.
      for (OpportunitySnapshot o : t.opportunityTable.lookup(t.opportunitiesByAccount, q.accountId())) {
        if (!visible.admits(o.owner())) {
          continue;
        }
        boolean isWon = q.wonStages().contains(o.stage());
        if (isWon && o.closeDate() != null && !o.closeDate().isBefore(q.firstDay())
            && !o.closeDate().isAfter(q.lastDay()) && o.amount() != null
            && o.amount().currency().equals(q.currency())) {
          won.merge(YearMonth.from(o.closeDate()), o.amount(), Money::plus);
        }
        if (!q.forecastStages().contains(o.stage())) {
          continue;
        }
        Probability weight = isWon ? Probability.CERTAIN : o.probability();
        t.forecastTable.get(o.id()).ifPresent(f -> {
          for (ForecastLine line : f.lines()) {
            if (!line.month().isBefore(q.from()) && !line.month().isAfter(q.to())
                && line.amount().currency().equals(q.currency())) {
              Money[] m = forecast.computeIfAbsent(line.month(), k -> new Money[] {zero, zero, zero});
              m[0] = m[0].plus(line.amount());
              m[1] = m[1].plus(AccountCards.weigh(line.amount(), weight));
              if (isWon) {
                m[2] = m[2].plus(line.amount());
              }
            }
          }
        });
      }
      List<CardForecastMonth> forecastMonths = new ArrayList<>();
      forecast.forEach((month, m) -> forecastMonths.add(new CardForecastMonth(month, m[0], m[1], m[2])));
      List<CardWonMonth> wonMonths = new ArrayList<>();
      won.forEach((month, sum) -> wonMonths.add(new CardWonMonth(month, sum)));
      return new CardFigures(forecastMonths, wonMonths);
    }
  }

  private final class ConversionRecords implements ConversionRecordRepository {
    @Override
    public Optional<ConversionRecord> findById(ConversionId id) {
      return t().conversionTable.get(id);
    }

    @Override
    public List<ConversionRecord> findByLead(LeadId leadId) {
      return t().conversionTable.lookup(t().conversionsByLead, leadId);
    }

    @Override
    public ConversionRecord save(ConversionRecord record) {
      return t().conversionTable.save(record);
    }

    @Override
    public ConversionRecord insertNew(ConversionRecord record) {
      return t().conversionTable.insertNew(record);
    }
  }
}
