package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.CardFigures;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.customfield.CustomFields;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Money;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.Segments;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants and visibility in SQL, run on every database: a scoped list is one select (and one count) that carries
 * the tenant and the visible owners, another tenant's rows are never found (by id, list, match key, card, history,
 * counts), the match claim is unique per tenant, and a unit of work serves one tenant.
 */
abstract class JpaTenantScenarios {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final Actor ALICE_ACME = Actor.user("alice").in(ACME);
  static final Actor BOB_ACME = Actor.user("bob").in(ACME);
  static final Actor ALICE_GLOBEX = Actor.user("alice").in(GLOBEX);
  static final UserId ALICE = UserId.of("alice");
  private static final Pattern TENANT = Pattern.compile("\\btenant_id\\s*=\\s*\\?");
  /** One visible owner is an equality, several an IN list of single parameters (InList). */
  private static final Pattern OWNERS = Pattern.compile("\\bowner_id\\s*(=|\\s+in\\s*\\()\\s*\\?");

  TestDatabase db;
  Crm crm;

  abstract TestDatabase database();

  @BeforeEach
  void emptyDatabase() {
    db = database();
    db.clean();
    crm = Crm.builder().storage(db.storage).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
  }

  <T> T in(TenantId tenant, Supplier<T> work) {
    return db.storage.unitOfWork().execute(tenant, work);
  }

  @Test
  void aScopedListIsOneSelectAndOneCountThatBothCarryTheTenantAndTheVisibleOwners() {
    for (int i = 0; i < 12; i++) {
      crm.leads().create(ALICE_ACME, CreateLead.of("Ada", "Acme " + i, null, null));
      crm.leads().create(BOB_ACME, CreateLead.of("Bob", "Acme " + i, null, null));
      crm.leads().create(ALICE_GLOBEX, CreateLead.of("Ada", "Globex " + i, null, null));
    }
    db.statements.reset();

    Page<Lead> page = in(ACME, () -> db.storage.leads().find(LeadQuery.all(), Visibility.ownedBy(ALICE),
        PageRequest.first(10)));

    assertThat(page.items()).hasSize(10)
        .allSatisfy(l -> assertThat(l.owner()).isEqualTo(ALICE))
        .allSatisfy(l -> assertThat(l.details().lastName()).startsWith("Acme "));
    assertThat(page.total()).as("alice's leads of acme only, counted in the database").isEqualTo(12);
    List<String> sql = db.statements.statements();
    System.out.println("[crmkit] a scoped lead list on " + db + ": " + sql);
    assertThat(sql).as("one page query and one count, nothing else").hasSize(2);
    assertThat(sql.get(0)).satisfies(JpaTenantScenarios::isScoped).containsIgnoringCase("select")
        .doesNotContainIgnoringCase("count(");
    assertThat(sql.get(1)).satisfies(JpaTenantScenarios::isScoped).containsIgnoringCase("count(");

    assertThat(in(ACME, () -> db.storage.leads().find(LeadQuery.all(),
        Visibility.ownedBy(List.of(ALICE, UserId.of("bob"), UserId.of("carol"))), PageRequest.first(10)).total()))
        .as("three owners (an IN list padded to four parameters)").isEqualTo(24);

    db.statements.reset();
    Page<Lead> all = in(ACME, () -> db.storage.leads().find(LeadQuery.all(), Visibility.all(), PageRequest.first(30)));
    assertThat(all.total()).as("every owner of acme, no one of globex").isEqualTo(24);
    assertThat(db.statements.statements()).as("a short page needs no count").singleElement()
        .satisfies(s -> assertThat(TENANT.matcher(s).find()).as(s).isTrue())
        .satisfies(s -> assertThat(OWNERS.matcher(s).find()).as("no owner condition for all records: " + s).isFalse());
  }

  @Test
  void opportunitySummariesJoinTheAccountWithinTheTenantAndFilterTheOwnersInTheSameStatement() {
    Account acme = crm.accounts().create(ALICE_ACME, CreateAccount.named("Acme"));
    for (int i = 0; i < 12; i++) {
      crm.opportunities().create(ALICE_ACME, CreateOpportunity.named("Deal " + i).accountId(acme.id()));
      crm.opportunities().create(BOB_ACME, CreateOpportunity.named("Bob's " + i).accountId(acme.id()));
      crm.opportunities().create(ALICE_GLOBEX, CreateOpportunity.named("Globex " + i));
    }
    db.statements.reset();

    Page<OpportunitySummary> page = in(ACME, () -> db.storage.opportunities().findSummaries(OpportunityQuery.all(),
        Visibility.ownedBy(ALICE), PageRequest.first(10)));

    assertThat(page.items()).hasSize(10).allSatisfy(s -> assertThat(s.accountName()).isEqualTo("Acme"))
        .allSatisfy(s -> assertThat(s.name()).startsWith("Deal "));
    assertThat(page.total()).isEqualTo(12);
    assertThat(db.statements.statements()).hasSize(2).allSatisfy(JpaTenantScenarios::isScoped);
    assertThat(db.statements.statements().get(0).toLowerCase(Locale.ROOT)).as("the account joined in its tenant")
        .containsPattern("join crm_account \\w+ on \\w+\\.tenant_id\\s*=\\s*\\w+\\.tenant_id");
  }

  @Test
  void theAccountCardCountsOnlyTheVisibleOwnersOpportunitiesInTheSameStatement() {
    Account acme = crm.accounts().create(ALICE_ACME, CreateAccount.named("Acme"));
    for (Actor owner : List.of(ALICE_ACME, BOB_ACME)) {
      Opportunity deal = crm.opportunities().create(owner, CreateOpportunity.named("Deal of " + owner)
          .accountId(acme.id()).amount(Money.of("300.00", "EUR")).stage("qualification"));
      in(ACME, () -> {
        BillingForecast f = BillingForecast.empty(deal.id(), T0);
        f.replaceLines(ForecastLines.splitEvenly(Money.of("300.00", "EUR"), YearMonth.of(2026, 4), 1), T0);
        return db.storage.billingForecasts().save(f);
      });
    }
    db.statements.reset();

    var mine = in(ACME, () -> db.storage.accountCards().figures(card(acme.id()), Visibility.ownedBy(ALICE)));
    var all = in(ACME, () -> db.storage.accountCards().figures(card(acme.id()), Visibility.all()));

    assertThat(mine.forecast()).singleElement()
        .satisfies(m -> assertThat(m.forecast()).isEqualTo(Money.of("300.00", "EUR")));
    assertThat(all.forecast()).singleElement()
        .satisfies(m -> assertThat(m.forecast()).isEqualTo(Money.of("600.00", "EUR")));
    // The card's statements are plain JDBC, which the provider's statement inspector does not see: JpaWriteScenarios
    // counts them at the driver and checks that each names the tenant.
  }

  /**
   * Tenants cost a conversion no statement and no flush: the lead is loaded by key and checked, the duplicate check
   * is one scoped query per kind, and the writes stay batched. 9 statements before V8 as after (measured on the
   * commit before tenants with the same scenario).
   */
  @Test
  void aConversionInATenantSendsNoMoreStatementsThanBeforeTenants() {
    crm.accounts().create(ALICE_ACME, CreateAccount.named("Existing Co"));
    for (String company : List.of("New Co", "Existing Co")) {
      Lead lead = crm.leads().create(ALICE_ACME, CreateLead.of("Ada", "Lovelace", company,
          "ada@" + company.replace(" ", "").toLowerCase(Locale.ROOT) + ".example"));
      db.statements.reset();

      crm.conversions().convert(ALICE_ACME, org.crmkit.application.ConvertLead.of(lead.id()));

      List<String> sql = db.statements.statements();
      assertThat(sql).as("statements of converting a lead of " + company + ": " + sql).hasSizeLessThanOrEqualTo(9);
      assertThat(sql).filteredOn(s -> s.strip().toLowerCase(Locale.ROOT).startsWith("select"))
          .as("every query but the load by key names the tenant")
          .allSatisfy(s -> assertThat(TENANT.matcher(s).find() || isFindById(s)).as(s).isTrue());
    }
  }

  @Test
  void anEmptyVisibilityFindsNothingWithoutAStatement() {
    crm.leads().create(ALICE_ACME, CreateLead.of("Ada", "Lovelace", null, null));
    Account acme = crm.accounts().create(ALICE_ACME, CreateAccount.named("Acme"));
    db.statements.reset();

    in(ACME, () -> {
      assertThat(db.storage.leads().find(LeadQuery.all(), Visibility.nothing(), PageRequest.first(10)).total())
          .isZero();
      assertThat(db.storage.accounts().find(AccountQuery.all(), Visibility.nothing(), PageRequest.first(10))
          .items()).isEmpty();
      assertThat(db.storage.accountCards().figures(card(acme.id()), Visibility.nothing())).isEqualTo(CardFigures.none());
      return null;
    });
    assertThat(db.statements.statements()).isEmpty();
  }

  @Test
  void anotherTenantNeverSeesARecordByIdListMatchKeyCardHistoryOrCount() {
    Account account = crm.accounts().create(ALICE_ACME, CreateAccount.named("Acme Corp").website("acme.example"));
    Contact contact = crm.contacts().create(ALICE_ACME, CreateContact.named("Wile", "Coyote")
        .accountId(account.id()));
    Opportunity deal = crm.opportunities().create(ALICE_ACME, CreateOpportunity.named("Rockets")
        .accountId(account.id()).contactId(contact.id()).amount(Money.of("300.00", "EUR")));
    Lead lead = crm.leads().create(ALICE_ACME, CreateLead.of("Ada", "Lovelace", "Acme Corp", null));
    in(ACME, () -> {
      BillingForecast f = BillingForecast.empty(deal.id(), T0);
      f.replaceLines(ForecastLines.splitEvenly(Money.of("300.00", "EUR"), YearMonth.of(2026, 4), 3), T0);
      return db.storage.billingForecasts().save(f);
    });
    AccountMatchKey key = AccountMatchKey.of("ACME corp", null, "https://www.acme.example");
    AccountCardQuery card = new AccountCardQuery(account.id(), YearMonth.of(2026, 1), YearMonth.of(2026, 12),
        Currency.getInstance("EUR"), Set.of("prospecting", "qualification"), Set.of("won"));

    in(ACME, () -> {
      assertThat(db.storage.accounts().findMatching(key, Visibility.all(), 5)).as("the owner tenant finds it")
          .hasSize(1);
      assertThat(db.storage.accountCards().figures(card, Visibility.all()).forecast()).hasSize(3);
      assertThat(db.storage.accountCards().findAccount(account.id())).isPresent();
      assertThat(db.storage.stageHistory().findByOpportunity(deal.id())).isNotEmpty();
      return null;
    });
    db.statements.reset();
    in(GLOBEX, () -> {
      assertThat(db.storage.accounts().findById(account.id())).isEmpty();
      assertThat(db.storage.accounts().findAllById(List.of(account.id()))).isEmpty();
      assertThat(db.storage.contacts().findById(contact.id())).isEmpty();
      assertThat(db.storage.opportunities().findById(deal.id())).isEmpty();
      assertThat(db.storage.leads().findById(lead.id())).isEmpty();
      assertThat(db.storage.billingForecasts().findByOpportunity(deal.id())).isEmpty();
      assertThat(db.storage.accounts().find(AccountQuery.all(), Visibility.all(), PageRequest.first(10)).items())
          .isEmpty();
      assertThat(db.storage.contacts().find(ContactQuery.all(), Visibility.all(), PageRequest.first(10)).items())
          .isEmpty();
      assertThat(db.storage.opportunities().find(OpportunityQuery.all(), Visibility.all(), PageRequest.first(10))
          .items()).isEmpty();
      assertThat(db.storage.leads().find(LeadQuery.all(), Visibility.all(), PageRequest.first(10)).items())
          .isEmpty();
      assertThat(db.storage.accounts().findMatching(key, Visibility.all(), 5)).as("no duplicate candidate")
          .isEmpty();
      assertThat(db.storage.accountCards().figures(card, Visibility.all())).isEqualTo(CardFigures.none());
      assertThat(db.storage.accountCards().findAccount(account.id())).isEmpty();
      assertThat(db.storage.stageHistory().findByOpportunity(deal.id())).isEmpty();
      assertThat(db.storage.forecastHistory().findByOpportunity(deal.id())).isEmpty();
      assertThat(db.storage.conversionRecords().findByLead(lead.id())).isEmpty();
      assertThat(db.storage.opportunities().countByAccount(account.id())).isZero();
      assertThat(db.storage.opportunities().countByContact(contact.id())).isZero();
      assertThat(db.storage.contacts().countByAccount(account.id())).isZero();
      return null;
    });
    assertThat(db.statements.statements()).as("every statement sent for globex names the tenant")
        .isNotEmpty().allSatisfy(s -> assertThat(TENANT.matcher(s).find() || isFindById(s)).as(s).isTrue());

    Account stolen = Account.restore(account.snapshot());
    stolen.edit(AccountDetails.named("Stolen"), Segments.none(), CustomFields.empty(), T0);
    assertThatThrownBy(() -> in(GLOBEX, () -> db.storage.accounts().save(stolen)))
        .as("a write to another tenant's row finds no row").isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> in(GLOBEX, () -> {
      db.storage.leads().delete(lead.id(), lead.version());
      return null;
    })).isInstanceOf(RecordNotFoundException.class);
    assertThat(in(ACME, () -> db.storage.accounts().findById(account.id()))).get()
        .satisfies(a -> assertThat(a.details().name()).isEqualTo("Acme Corp"))
        .satisfies(a -> assertThat(a.version()).isEqualTo(account.version()));
    assertThat(in(ACME, () -> db.storage.leads().findById(lead.id()))).isPresent();
  }

  @Test
  void aForeignKeyRefusesALinkToAnotherTenantsAccountEvenWhenWrittenDirectly() {
    Account acme = crm.accounts().create(ALICE_ACME, CreateAccount.named("Acme"));
    Contact globex = crm.contacts().create(ALICE_GLOBEX, CreateContact.named("Hank", "Scorpio"));
    assertThatThrownBy(() -> {
      try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("update crm_contact set account_id = '" + acme.id().value() + "' where id = '"
            + globex.id().value() + "'");
      }
    }).isInstanceOf(java.sql.SQLException.class);
  }

  @Test
  void eachTenantClaimsTheSameCompanyNameOnce() {
    for (TenantId tenant : List.of(ACME, GLOBEX)) {
      in(tenant, () -> {
        assertThat(db.storage.accounts().findMatching(AccountMatchKey.of("Initech", null, null), Visibility.all(), 5))
            .isEmpty();
        return db.storage.accounts().save(Account.create(AccountId.of(UUID.randomUUID()), ALICE,
            AccountDetails.named("Initech"), Segments.none(), CustomFields.empty(), T0));
      });
    }
    assertThat(claims()).as("one claim on the name in each tenant").containsEntry("acme", "initech")
        .containsEntry("globex", "initech").hasSize(2);

    // A duplicate check of a user who sees none of acme's accounts still knows the name is taken: no second claim.
    in(ACME, () -> {
      assertThat(db.storage.accounts().findMatching(AccountMatchKey.of("Initech", null, null),
          Visibility.ownedBy(UserId.of("bob")), 5)).as("bob sees no candidate").isEmpty();
      return db.storage.accounts().save(Account.create(AccountId.of(UUID.randomUUID()), UserId.of("bob"),
          AccountDetails.named("Initech"), Segments.none(), CustomFields.empty(), T0));
    });
    assertThat(db.count("crm_account")).isEqualTo(3);
    assertThat(claims()).hasSize(2);
  }

  @Test
  void aUnitOfWorkServesOneTenantAndJoinsOnlyItsOwn() {
    var ems = (org.crmkit.jpa.internal.EntityManagers) db.storage.unitOfWork();
    assertThatThrownBy(ems::tenant).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside unitOfWork().execute");
    assertThat(db.storage.unitOfWork().execute(ems::tenant)).as("no tenant given: the default")
        .isEqualTo(TenantId.DEFAULT);
    in(ACME, () -> {
      EntityManager outer = ems.current();
      assertThat(db.storage.unitOfWork().execute(ACME, ems::current)).as("the same tenant joins").isSameAs(outer);
      assertThat(db.storage.unitOfWork().execute(ems::tenant)).as("no tenant given: joins").isEqualTo(ACME);
      assertThatThrownBy(() -> db.storage.unitOfWork().execute(GLOBEX, () -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'globex'").hasMessageContaining("'acme'");
      assertThatThrownBy(() -> db.storage.unitOfWork().execute(TenantId.DEFAULT, () -> null))
          .isInstanceOf(IllegalStateException.class);
      return null;
    });
  }

  @Test
  void aHostManagedUnitOfWorkServesOneTenantToo() {
    EntityManagerFactory hostEmf = db.hostFactory();
    EntityManager[] current = new EntityManager[1];
    List<Runnable> afterCommit = new ArrayList<>();
    JpaStorage hosted = JpaStorage.joining(HostTransactions.of(() -> current[0], afterCommit::add));
    var ems = (org.crmkit.jpa.internal.EntityManagers) hosted.unitOfWork();
    current[0] = hostEmf.createEntityManager();
    current[0].getTransaction().begin();
    try {
      hosted.unitOfWork().execute(ACME, () -> hosted.accounts().save(Account.create(AccountId.of(UUID.randomUUID()),
          ALICE, AccountDetails.named("Acme"), Segments.none(), CustomFields.empty(), T0)));
      hosted.unitOfWork().execute(GLOBEX, () -> {
        assertThat(ems.tenant()).isEqualTo(GLOBEX);
        assertThat(hosted.accounts().find(AccountQuery.all(), Visibility.all(), PageRequest.first(10)).items())
            .as("consecutive units of work of one host transaction each see their own tenant").isEmpty();
        assertThatThrownBy(() -> hosted.unitOfWork().execute(ACME, () -> null))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("'acme'");
        return null;
      });
      assertThat(hosted.unitOfWork().execute(() -> hosted.accounts().find(AccountQuery.all(), Visibility.all(),
          PageRequest.first(10)).items())).as("the default tenant has none either").isEmpty();
      assertThat(hosted.unitOfWork().execute(ACME, () -> hosted.accounts().find(AccountQuery.all(), Visibility.all(),
          PageRequest.first(10)).items())).hasSize(1);
      assertThatThrownBy(ems::tenant).isInstanceOf(IllegalStateException.class);
    } finally {
      current[0].getTransaction().rollback();
      current[0].close();
    }
  }

  private static AccountCardQuery card(AccountId account) {
    return new AccountCardQuery(account, YearMonth.of(2026, 1), YearMonth.of(2026, 12), Currency.getInstance("EUR"),
        Set.of("qualification"), Set.of("won"));
  }

  private static void isScoped(String sql) {
    assertThat(TENANT.matcher(sql).find()).as("the tenant condition in " + sql).isTrue();
    assertThat(OWNERS.matcher(sql).find()).as("the owners condition in " + sql).isTrue();
  }

  /** Hibernate's load by primary key: the row it returns is checked against the tenant (docs/PERSISTENCE.md). */
  private static boolean isFindById(String sql) {
    String s = sql.toLowerCase(Locale.ROOT);
    return s.startsWith("select") && Pattern.compile("where \\w+\\.(id|opportunity_id|account_id)\\s*=\\s*\\?\\s*$")
        .matcher(s.strip()).find();
  }

  private TreeMap<String, String> claims() {
    TreeMap<String, String> claims = new TreeMap<>();
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select tenant_id, match_claim from crm_account where match_claim is not null")) {
      while (rs.next()) {
        claims.put(rs.getString(1), rs.getString(2));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return claims;
  }
}
