package org.crmkit.jpa;

import org.crmkit.shared.TenantId;
import org.crmkit.shared.Visibility;
import java.util.Optional;
import org.crmkit.conversion.FieldFill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.CardFigures;
import org.crmkit.budget.CardForecastMonth;
import org.crmkit.budget.CardWonMonth;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.TargetResult;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadDetails;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.lead.LeadQuery;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JPA adapter must show beyond the contract suite, run on every database: no N+1 on lists, batched
 * inserts, exact versions and round-trips, rollback, optimistic locking between real transactions, host-managed
 * transactions and the schema's migrations.
 */
abstract class JpaAdapterScenarios {
  static final Actor ALICE = Actor.user("alice");
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  TestDatabase db;
  Crm crm;

  abstract TestDatabase database();

  @BeforeEach
  void emptyDatabase() {
    db = database();
    db.clean();
    crm = Crm.builder().storage(db.storage).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
  }

  @Test
  void listsOneHundredOpportunitiesWithAccountNamesInAConstantNumberOfStatements() {
    db.storage.unitOfWork().run(() -> {
      List<Account> accounts = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        accounts.add(crm.accounts().create(ALICE, CreateAccount.named("Account " + i)));
      }
      for (int i = 0; i < 100; i++) {
        crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i)
            .accountId(accounts.get(i % 10).id()).amount(Money.of("100.00", "EUR")));
      }
    });
    db.statements.reset();

    Page<OpportunitySummary> page =
        crm.opportunities().listSummaries(ALICE, OpportunityQuery.all(), PageRequest.first(100));

    assertThat(page.items()).hasSize(100).allSatisfy(s -> assertThat(s.accountName()).startsWith("Account "));
    assertThat(page.total()).isEqualTo(100);
    System.out.println("[crmkit] listing 100 opportunities with account names on " + db + " took "
        + db.statements.statements().size() + " statements: " + db.statements.statements());
    assertThat(db.statements.statements()).as("one page query with a join, plus one count").hasSize(2);

    db.statements.reset();
    Page<Opportunity> full = crm.opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(100));
    assertThat(full.items()).hasSize(100);
    assertThat(db.statements.statements()).as("entities: one page query plus one count").hasSize(2);

    db.statements.reset();
    crm.opportunities().listSummaries(ALICE, OpportunityQuery.all(), PageRequest.first(500));
    assertThat(db.statements.statements()).as("a short last page needs no count").hasSize(1);
  }

  @Test
  void batchesTheInsertsOfABulkWrite() {
    db.statements.reset();
    db.storage.unitOfWork().run(() -> {
      for (int i = 0; i < 100; i++) {
        crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace " + i, null, null));
      }
    });

    assertThat(db.count("crm_lead")).isEqualTo(100);
    assertThat(db.statements.count("insert")).as("100 rows in JDBC batches of 50").isLessThanOrEqualTo(2);
  }

  @Test
  void storesTheCoresVersionsExactly() {
    Account created = save(account(0));
    assertThat(created.version()).isEqualTo(1);
    assertThat(versionColumn("crm_account", created.id().value())).isEqualTo(1);

    Account unchanged = save(created);
    assertThat(unchanged.version()).as("a save that changes nothing still counts").isEqualTo(2);
    assertThat(versionColumn("crm_account", created.id().value())).isEqualTo(2);

    assertThatThrownBy(() -> save(created))
        .isInstanceOf(ConflictException.class).hasMessageContaining("reload");
    assertThatThrownBy(() -> save(account(0)))
        .as("inserting an id that exists").isInstanceOf(ConflictException.class).hasMessageContaining("reload");
    db.storage.unitOfWork().run(() -> {
      Account v2 = db.storage.accounts().findById(created.id()).orElseThrow();
      Account v3 = db.storage.accounts().save(v2);
      assertThat(db.storage.accounts().save(v3).version()).as("saving twice in one unit of work").isEqualTo(4);
    });
  }

  @Test
  void roundTripsCustomFieldsSegmentsAndMoneyExactly() {
    CustomFields fields = CustomFields.of(Map.of(
        "note", CustomValue.text("tab\there, line\nbreak, back\\slash, \\t literal, ümlaut"),
        "big", CustomValue.number(new BigDecimal("1E+3")),
        "scaled", CustomValue.number("12.50"),
        "yen", CustomValue.money(Money.of("1500000", "JPY")),
        "dinar", CustomValue.money(Money.of("10.125", "BHD")),
        "day", CustomValue.date(LocalDate.of(2026, 2, 28)),
        "flag", CustomValue.bool(false),
        "tier", CustomValue.picklist("gold")));
    Segments segments = Segments.of(Map.of("region", "nordics\\and/baltics", "size", "a=b;c"));
    Account account = Account.restore(new AccountSnapshot(AccountId.of(UUID.randomUUID()), 0, UserId.of("alice"),
        new AccountDetails("Acme", null, null, null, EmailAddress.of("Info@Acme.EXAMPLE"), null, null, null),
        segments, fields, T0.plusNanos(123_456_789), T0));

    Account saved = save(account);
    Account loaded = db.storage.unitOfWork().execute(() -> db.storage.accounts().findById(account.id()))
        .orElseThrow();

    assertThat(loaded.snapshot()).isEqualTo(saved.snapshot());
    assertThat(loaded.customFields()).isEqualTo(fields);
    assertThat(loaded.segments()).isEqualTo(segments);
    assertThat(loaded.createdAt()).as("cut to the microseconds the column keeps").isEqualTo(T0.plusNanos(123_456_000));

    Opportunity bhd = crm.opportunities().create(ALICE, CreateOpportunity.named("BHD")
        .amount(Money.of("1234567890123.125", "BHD")));
    assertThat(crm.opportunities().get(ALICE, bhd.id()).amount())
        .contains(Money.of("1234567890123.125", "BHD"));
  }

  @Test
  void aUnitOfWorkRolledBackMidwayWritesNothingToTheDatabase() {
    assertThatThrownBy(() -> db.storage.unitOfWork().run(() -> {
      Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
      crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets").accountId(acme.id()));
      crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
      // make sure the rows really reached the database inside the transaction before it fails
      assertThat(crm.leads().list(ALICE, LeadQuery.all(), PageRequest.first(10)).total()).isEqualTo(1);
      throw new IllegalStateException("the host fails midway");
    })).isInstanceOf(IllegalStateException.class).hasMessage("the host fails midway");

    for (String table : List.of("crm_account", "crm_opportunity", "crm_stage_history", "crm_lead")) {
      assertThat(db.count(table)).as(table).isZero();
    }
  }

  @Test
  void twoConcurrentTransactionsUpdatingOneOpportunityGiveOneSuccessAndOneConflict() throws Exception {
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    CyclicBarrier bothLoaded = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Opportunity>> results = new ArrayList<>();
    try {
      for (String name : List.of("First", "Second")) {
        results.add(pool.submit(() -> db.storage.unitOfWork().execute(() -> {
          Opportunity mine = db.storage.opportunities().findById(o.id()).orElseThrow();
          try {
            bothLoaded.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          mine.describe(name, null, null, null, Segments.none(), CustomFields.empty(), T0);
          return db.storage.opportunities().save(mine);
        })));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Opportunity> f : results) {
        try {
          outcomes.add(f.get(30, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      assertThat(outcomes).filteredOn(Opportunity.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1)
          .allSatisfy(e -> assertThat(((Exception) e).getMessage()).contains("reload"));
    } finally {
      pool.shutdownNow();
    }
    assertThat(versionColumn("crm_opportunity", o.id().value())).isEqualTo(2);
  }

  @Test
  void joinsTheHostsTransactionAndRollsBackWithIt() {
    EntityManagerFactory hostEmf = db.hostFactory();
    List<Runnable> afterCommit = new ArrayList<>();
    EntityManager[] current = new EntityManager[1];
    JpaStorage hosted = JpaStorage.joining(HostTransactions.of(() -> current[0], afterCommit::add));
    List<Object> events = new ArrayList<>();
    Crm hostCrm = Crm.builder().storage(hosted).clock(Clock.fixed(T0, ZoneOffset.UTC))
        .eventPublisher(events::add).build();

    current[0] = hostEmf.createEntityManager();
    current[0].getTransaction().begin();
    hostCrm.accounts().create(ALICE, CreateAccount.named("Rolled back"));
    current[0].getTransaction().rollback();
    current[0].close();
    afterCommit.clear();
    assertThat(db.count("crm_account")).isZero();

    current[0] = hostEmf.createEntityManager();
    current[0].getTransaction().begin();
    hostCrm.accounts().create(ALICE, CreateAccount.named("Committed"));
    assertThat(events).as("nothing published before the host commits").isEmpty();
    current[0].getTransaction().commit();
    current[0].close();
    afterCommit.forEach(Runnable::run);
    assertThat(db.count("crm_account")).isEqualTo(1);
    assertThat(events).hasSize(1);

    current[0] = hostEmf.createEntityManager();
    try {
      assertThatThrownBy(() -> hostCrm.accounts().create(ALICE, CreateAccount.named("No transaction")))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("not in a transaction");
    } finally {
      current[0].close();
    }
  }

  @Test
  void refusesAnEntityManagerFactoryWithoutCrmkitsEntities() {
    EntityManagerFactory empty = new PersistenceConfiguration("empty")
        .property("jakarta.persistence.nonJtaDataSource", db.dataSource)
        .createEntityManagerFactory();
    try {
      assertThatThrownBy(() -> JpaStorage.create(empty))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("managedClassNames");
    } finally {
      empty.close();
    }
  }

  @Test
  void migrationsAreAppliedOnceAndTheMappingValidatesAgainstThem() {
    // The shared storage was built with migrate + hibernate.hbm2ddl.auto=validate; here: nothing left to apply.
    assertThat(CrmkitSchema.migrate(db.dataSource)).isZero();
    assertThat(db.count("\"" + CrmkitSchema.HISTORY_TABLE + "\"")).isGreaterThanOrEqualTo(1);
    try (JpaStorage again = JpaStorage.builder().dataSource(db.dataSource).validateSchema(true).build()) {
      assertThat(again.unitOfWork().execute(() -> again.accounts().findAllById(List.of()))).isEmpty();
    }
  }

  @Test
  void storesAConversionRecordWithTheWholeLeadAndReadsItBackEqual() {
    CustomFields fields = CustomFields.of(Map.of(
        "note", CustomValue.text("tab\there, line\nbreak, back\\slash"),
        "budget", CustomValue.money(Money.of("10.125", "BHD")),
        "scaled", CustomValue.number("12.50"),
        "day", CustomValue.date(LocalDate.of(2026, 2, 28))));
    LeadId leadId = LeadId.of(new UUID(1, 1));
    LeadSnapshot before = new LeadSnapshot(leadId, 3, UserId.of("alice"),
        new LeadDetails("Ada", "Lovelace", "Analytical Engines", "CTO", EmailAddress.of("Ada@AE.example"),
            "+358 40 123", "https://ae.example", "Web form", "Software", "Wants\na demo"),
        "qualified", "was unqualified once", fields,
        new LeadConversionInfo(AccountId.of(new UUID(2, 2)), null, null, T0.minusSeconds(60), UserId.of("bob")),
        T0.minusSeconds(3600), T0.minusSeconds(10));
    ConversionRecord record = new ConversionRecord(ConversionId.of(new UUID(9, 9)), 0, leadId, "b2b", 7,
        Map.of(ConversionTarget.ACCOUNT, TargetResult.of(ConversionAction.MATCH_OR_CREATE, Disposition.LINKED,
                AccountId.of(new UUID(2, 2)), 5).withFills(List.of(
                    new FieldFill("industry", Optional.empty(), CustomValue.text("Soft\tware\n")),
                    new FieldFill("customFields.tier", Optional.of(CustomValue.number("1.50")),
                        CustomValue.number("1E+3")))),
            ConversionTarget.CONTACT, TargetResult.of(ConversionAction.CREATE, Disposition.CREATED,
                ContactId.of(new UUID(3, 3)), 1),
            ConversionTarget.OPPORTUNITY, TargetResult.none(ConversionAction.NONE)),
        before, true, "qualify-converts", UserId.of("system:workflow"), T0, null, null);

    ConversionRecord saved = inUnit(() -> db.storage.conversionRecords().save(record));
    assertThat(saved).isEqualTo(record.withVersion(1));
    assertThat(inUnit(() -> db.storage.conversionRecords().findById(record.id()))).contains(saved);

    ConversionRecord undone = inUnit(() -> db.storage.conversionRecords().save(
        saved.undone(UserId.of("bob"), T0.plusNanos(1_234_567))));
    assertThat(undone.version()).isEqualTo(2);
    assertThat(undone.undoneAt()).as("cut to microseconds").isEqualTo(T0.plusNanos(1_234_000));
    assertThat(inUnit(() -> db.storage.conversionRecords().findByLead(leadId))).containsExactly(undone);

    assertThatThrownBy(() -> inUnit(() -> db.storage.conversionRecords().save(saved)))
        .as("stale version").isInstanceOf(ConflictException.class).hasMessageContaining("reload");
    assertThatThrownBy(() -> inUnit(() -> db.storage.conversionRecords().save(record)))
        .as("a second insert of the same id").isInstanceOf(ConflictException.class);
  }

  @Test
  void listsALeadsConversionRecordsOldestFirst() {
    LeadId leadId = LeadId.of(new UUID(1, 1));
    LeadSnapshot before = new LeadSnapshot(leadId, 1, UserId.of("alice"),
        new LeadDetails(null, "Lovelace", null, null, null, null, null, null, null, null), "new", null,
        CustomFields.empty(), null, T0, T0);
    List<ConversionRecord> saved = new ArrayList<>();
    for (long i : new long[] {5, 3, 4}) {
      ConversionRecord r = new ConversionRecord(ConversionId.of(new UUID(9, i)), 0, leadId, "default", 1,
          Map.of(ConversionTarget.ACCOUNT, TargetResult.none(ConversionAction.NONE),
              ConversionTarget.CONTACT, TargetResult.of(ConversionAction.CREATE, Disposition.CREATED,
                  ContactId.of(new UUID(3, i)), 1),
              ConversionTarget.OPPORTUNITY, TargetResult.none(ConversionAction.NONE)),
          before, false, null, UserId.of("alice"), i == 3 ? T0.plusSeconds(9) : T0, null, null);
      saved.add(inUnit(() -> db.storage.conversionRecords().save(r)));
    }
    assertThat(inUnit(() -> db.storage.conversionRecords().findByLead(leadId)))
        .extracting(r -> r.id().value().getLeastSignificantBits())
        .as("by time, then id").containsExactly(4L, 5L, 3L);
    assertThat(inUnit(() -> db.storage.conversionRecords().findByLead(LeadId.of(new UUID(1, 2))))).isEmpty();
  }

  @Test
  void findsMatchingAccountsThroughTheStoredKeysInCreationOrderUpToTheLimit() {
    Crm crm = tickingCrm();
    Account oreilly = crm.accounts().create(ALICE, CreateAccount.named("O'Reilly Media, Inc."));
    Account byDomain = crm.accounts().create(ALICE, CreateAccount.named("Totally Different")
        .website("https://www.oreilly.example/x"));
    crm.accounts().create(ALICE, CreateAccount.named("Someone Else"));
    Account second = crm.accounts().create(ALICE, CreateAccount.named("OREILLY   media"));
    AccountMatchKey key = AccountMatchKey.of("  oreilly Media ", EmailAddress.of("tim@oreilly.example"), null);

    db.statements.reset();
    List<Account> found = inUnit(() -> db.storage.accounts().findMatching(key, Visibility.all(), 10));
    assertThat(found).extracting(Account::id).containsExactly(oreilly.id(), byDomain.id(), second.id());
    assertThat(db.statements.statements()).as("one indexed query").hasSize(1);
    assertThat(inUnit(() -> db.storage.accounts().findMatching(key, Visibility.all(), 2))).extracting(Account::id)
        .containsExactly(oreilly.id(), byDomain.id());
    assertThat(inUnit(() -> db.storage.accounts().findMatching(new AccountMatchKey(null, null), Visibility.all(), 10))).isEmpty();
    assertThat(inUnit(() -> db.storage.accounts().findMatching(
        AccountMatchKey.of("Nobody", EmailAddress.of("x@gmail.com"), null), Visibility.all(), 10))).isEmpty();

    // renaming an account moves its key
    Account renamed = crm.accounts().get(ALICE, second.id());
    renamed.edit(AccountDetails.named("Another name"), Segments.none(), CustomFields.empty(), T0);
    save(renamed);
    assertThat(inUnit(() -> db.storage.accounts().findMatching(key, Visibility.all(), 10))).extracting(Account::id)
        .containsExactly(oreilly.id(), byDomain.id());
  }

  @Test
  void findsAccountsWrittenBeforeTheMatchKeysExistedAndBackfillsThemWithoutNewVersions() {
    Crm crm = tickingCrm();
    Account legacy = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    Account modern = crm.accounts().create(ALICE, CreateAccount.named("ACME"));
    jdbc("update crm_account set name_normalized = null, match_domain = null, match_key_version = null"
        + " where id = '" + legacy.id() + "'");
    AccountMatchKey key = AccountMatchKey.of("Acme", null, null);

    assertThat(inUnit(() -> db.storage.accounts().findMatching(key, Visibility.all(), 10))).extracting(Account::id)
        .as("the row without a key is compared in Java").containsExactly(legacy.id(), modern.id());

    assertThat(CrmkitSchema.backfill(db.dataSource)).isEqualTo(1);
    assertThat(CrmkitSchema.backfill(db.dataSource)).as("idempotent").isZero();
    assertThat(versionColumn("crm_account", legacy.id().value())).isEqualTo(1);
    assertThat(db.count("crm_account where name_normalized = 'acme' and match_key_version = 2")).isEqualTo(2);
    assertThat(inUnit(() -> db.storage.accounts().findMatching(key, Visibility.all(), 10))).extracting(Account::id)
        .containsExactly(legacy.id(), modern.id());
  }

  @Test
  void savingAnUnchangedAccountWithoutAStoredKeyWritesTheKeyAndCountsOneVersion() {
    Account legacy = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    jdbc("update crm_account set name_normalized = null, match_key_version = null where id = '" + legacy.id() + "'");

    Account saved = save(crm.accounts().get(ALICE, legacy.id()));

    assertThat(saved.version()).isEqualTo(2);
    assertThat(versionColumn("crm_account", legacy.id().value())).isEqualTo(2);
    assertThat(db.count("crm_account where name_normalized = 'acme' and match_key_version = 2")).isEqualTo(1);
  }

  @Test
  void timeStampsComeBackExactlyWhicheverWayTheFactoryBindsThem() {
    // crmkit's own unit binds Instants as OffsetDateTime (JpaStorage.INSTANT_BINDING); a host's factory made with
    // JpaStorage.configure keeps Hibernate's default (a Timestamp and a UTC Calendar): each reads what the other wrote,
    // from 1582-10-15 on (before it the default is ten days off on PostgreSQL; see the next test)
    JpaStorage hosted = JpaStorage.create(db.hostFactory());
    Crm viaHost = Crm.builder().storage(hosted).build();
    List<Instant> stamps = List.of(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("2026-03-29T01:30:00.000001Z"), Instant.parse("2038-01-19T03:14:08.123456Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"));
    for (Instant stamp : stamps) {
      Clock at = Clock.fixed(stamp, ZoneOffset.UTC);
      Account own = Crm.builder().storage(db.storage).clock(at).build().accounts()
          .create(ALICE, CreateAccount.named("Own " + stamp));
      Account host = Crm.builder().storage(hosted).clock(at).build().accounts()
          .create(ALICE, CreateAccount.named("Host " + stamp));

      assertThat(viaHost.accounts().get(ALICE, own.id()).createdAt()).as("written by crmkit's unit").isEqualTo(stamp);
      assertThat(crm.accounts().get(ALICE, host.id()).createdAt()).as("written by the host's").isEqualTo(stamp);
      assertThat(crm.accounts().get(ALICE, own.id()).updatedAt()).isEqualTo(stamp);
    }
  }

  @Test
  void storesATimeStampAsTheInstantItIsEvenBeforeTheGregorianCalendar() {
    // through a Timestamp and a Calendar (Hibernate's default on PostgreSQL) 1500-03-01 is stored as 1500-02-20
    Instant stamp = Instant.parse("1500-03-01T10:15:30.123456Z");
    Account account = Crm.builder().storage(db.storage).clock(Clock.fixed(stamp, ZoneOffset.UTC)).build().accounts()
        .create(ALICE, CreateAccount.named("Old"));

    try (var c = db.dataSource.getConnection();
        var s = c.prepareStatement("select created_at from crm_account where id = ?")) {
      s.setObject(1, account.id().value());
      try (var rows = s.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getObject(1, java.time.OffsetDateTime.class).toInstant()).isEqualTo(stamp);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(crm.accounts().get(ALICE, account.id()).createdAt()).isEqualTo(stamp);
  }

  /** A crm whose clock moves one second per reading, so records have distinct creation times. */
  private Crm tickingCrm() {
    java.util.concurrent.atomic.AtomicLong seconds = new java.util.concurrent.atomic.AtomicLong();
    Clock ticking = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return T0.plusSeconds(seconds.incrementAndGet());
      }
    };
    return Crm.builder().storage(db.storage).clock(ticking).build();
  }

  private <T> T inUnit(java.util.function.Supplier<T> work) {
    return db.storage.unitOfWork().execute(work::get);
  }

  private void jdbc(String sql) {
    try (var c = db.dataSource.getConnection(); var s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Account save(Account account) {
    return db.storage.unitOfWork().execute(() -> db.storage.accounts().save(account));
  }

  private static Account account(long version) {
    return Account.restore(new AccountSnapshot(AccountId.of(new UUID(0, 42)), version, UserId.of("alice"),
        AccountDetails.named("Acme"), Segments.none(), CustomFields.empty(), T0, T0));
  }

  @Test
  void storesForecastVersionsExactlyAndRoundTripsLinesNotesAndTheFlag() {
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets")
        .amount(Money.of("10.125", "BHD")));
    BillingForecast first = BillingForecast.empty(o.id(), T0);
    first.replaceLines(List.of(
        new ForecastLine(YearMonth.of(2026, 5), Money.of("0.125", "BHD"), "tab\there, line\nbreak, ümlaut"),
        ForecastLine.of(YearMonth.of(2026, 4), Money.of("10.000", "BHD"))), T0.plusNanos(123_456_789));
    BillingForecast saved = db.storage.unitOfWork().execute(() -> db.storage.billingForecasts().save(first));
    assertThat(saved.version()).isEqualTo(1);
    assertThat(versionColumn("crm_billing_forecast", "opportunity_id", o.id().value())).isEqualTo(1);
    assertThat(db.count("crm_billing_forecast_line")).isEqualTo(2);

    BillingForecast unchanged = db.storage.unitOfWork().execute(() -> db.storage.billingForecasts().save(saved));
    assertThat(unchanged.version()).as("a save that changes nothing still counts").isEqualTo(2);

    BillingForecast flagged = BillingForecast.restore(unchanged.snapshot());
    flagged.flag(Money.of("12.000", "BHD"), T0);
    BillingForecast v3 = db.storage.unitOfWork().execute(() -> db.storage.billingForecasts().save(flagged));
    BillingForecast linesOnly = BillingForecast.restore(v3.snapshot());
    linesOnly.putLine(ForecastLine.of(YearMonth.of(2026, 6), Money.of("1.000", "BHD")), v3.updatedAt());
    BillingForecast v4 = db.storage.unitOfWork().execute(() -> db.storage.billingForecasts().save(linesOnly));
    assertThat(v4.version()).as("a change of the lines alone increments the version").isEqualTo(4);
    assertThat(versionColumn("crm_billing_forecast", "opportunity_id", o.id().value())).isEqualTo(4);

    BillingForecast loaded = db.storage.unitOfWork()
        .execute(() -> db.storage.billingForecasts().findByOpportunity(o.id())).orElseThrow();
    assertThat(loaded.snapshot()).isEqualTo(v4.snapshot());
    assertThat(v3.flaggedDifference()).contains(Money.of("1.875", "BHD"));
    assertThat(loaded.lines()).extracting(ForecastLine::month)
        .containsExactly(YearMonth.of(2026, 4), YearMonth.of(2026, 5), YearMonth.of(2026, 6));
    assertThatThrownBy(() -> db.storage.unitOfWork().run(() -> db.storage.billingForecasts().save(linesOnly)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("reload");
  }

  @Test
  void sumsTheAccountCardInTheDatabaseRoundingEachLineHalfUp() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    db.storage.unitOfWork().run(() -> {
      for (int i = 0; i < 20; i++) {
        Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i)
            .accountId(acme.id()).amount(Money.of("300.15", "EUR")));
        BillingForecast f = BillingForecast.empty(o.id(), T0);
        f.replaceLines(ForecastLines.splitEvenly(Money.of("300.15", "EUR"), YearMonth.of(2026, 3), 3), T0);
        db.storage.billingForecasts().save(f);
      }
    });
    AccountCardQuery query = new AccountCardQuery(acme.id(), YearMonth.of(2026, 4), YearMonth.of(2026, 6),
        java.util.Currency.getInstance("EUR"), java.util.Set.of("prospecting", "qualification"), java.util.Set.of("won"));
    db.statements.reset();

    CardFigures figures =
        db.storage.unitOfWork().read(TenantId.DEFAULT, () -> db.storage.accountCards().figures(query, Visibility.all()));
    List<CardForecastMonth> months = figures.forecast();
    List<CardWonMonth> won = figures.won();

    // Each deal has 100.05 a month; at 10 % that is 10.005, rounded half up per line to 10.01, times 20 deals.
    assertThat(months).as("March is outside the range; June has no lines")
        .containsExactlyInAnyOrder(
            new CardForecastMonth(YearMonth.of(2026, 4), Money.of("2001.00", "EUR"), Money.of("200.20", "EUR"),
                Money.of("0.00", "EUR")),
            new CardForecastMonth(YearMonth.of(2026, 5), Money.of("2001.00", "EUR"), Money.of("200.20", "EUR"),
                Money.of("0.00", "EUR")));
    assertThat(won).isEmpty();
    // Plain JDBC, not seen by the provider's statement inspector: JpaWriteScenarios counts the card's statements at
    // the driver.
    assertThat(db.statements.statements()).as("no statement through the provider").isEmpty();
  }

  private long versionColumn(String table, UUID id) {
    return versionColumn(table, "id", id);
  }

  private long versionColumn(String table, String keyColumn, UUID id) {
    try (var c = db.dataSource.getConnection();
        var s = c.prepareStatement("select version from " + table + " where " + keyColumn + " = ?")) {
      s.setObject(1, id);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).as("row " + id + " exists").isTrue();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
