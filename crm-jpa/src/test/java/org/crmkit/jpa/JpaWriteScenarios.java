package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.CreateContact;
import org.crmkit.budget.AccountCard;
import org.crmkit.contact.Contact;
import org.crmkit.budget.BudgetLine;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The round trips of the JPA adapter's write path and of the account card, counted at the JDBC driver
 * ({@link JdbcCalls}): how many batches and single statements a unit of work sends, so a change that breaks batching
 * (inserts of two tables interleaved, a flush in the middle of a unit of work, a read-back after a save) or adds a
 * statement to the card fails here rather than only in a benchmark. Runs on every database with crmkit's default
 * persistence-unit settings.
 */
abstract class JpaWriteScenarios {
  static final Actor ALICE = Actor.user("alice");
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Map<TestDatabase, Counted> STORAGES = new HashMap<>();

  /** A second storage over the test database, with crmkit's defaults, whose connections are counted. */
  private record Counted(JdbcCalls calls, JpaStorage storage) {}

  TestDatabase db;
  JdbcCalls calls;
  JpaStorage storage;
  Crm crm;

  abstract TestDatabase database();

  @BeforeEach
  void emptyDatabase() {
    db = database();
    db.clean();
    Counted counted;
    synchronized (STORAGES) {
      counted = STORAGES.computeIfAbsent(db, d -> {
        JdbcCalls c = new JdbcCalls(d.dataSource);
        // the shared test storage has migrated the schema already
        return new Counted(c, JpaStorage.builder().dataSource(c).migrate(false).build());
      });
    }
    calls = counted.calls();
    storage = counted.storage();
    crm = Crm.builder().storage(storage).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
  }

  @Test
  void writesAThousandOpportunitiesWithTheirHistoryInOneJdbcBatchPerTable() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    calls.reset();

    storage.unitOfWork().run(() -> {
      for (int i = 0; i < 1000; i++) {
        crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i).accountId(acme.id())
            .amount(Money.of(BigDecimal.valueOf(1000 + i), "EUR")).closeDate(LocalDate.of(2026, 6, 30)));
      }
    });

    assertThat(db.count("crm_opportunity")).isEqualTo(1000);
    assertThat(db.count("crm_stage_history")).isEqualTo(1000);
    List<JdbcCalls.Batch> batches = calls.batches();
    assertThat(batches).as("inserts ordered by table, all rows of a table in one batch: " + batches)
        .extracting(JdbcCalls.Batch::rows).containsExactly(1000, 1000);
    assertThat(batches.get(0).inserts("crm_opportunity")).as(batches.get(0).sql()).isTrue();
    assertThat(batches.get(1).inserts("crm_stage_history")).as(batches.get(1).sql()).isTrue();
    assertThat(calls.executions()).as("the linked account is read once; no read-back, no flush in between")
        .hasSize(1).allSatisfy(sql -> assertThat(sql.strip().toLowerCase(Locale.ROOT)).startsWith("select"));
  }

  /**
   * The adapter's links are id columns the provider does not know as associations, so an insert ordering by table
   * ({@code hibernate.order_inserts}) would insert the second contact (and its opportunity) before the account they
   * reference, which a foreign key refuses.
   */
  @Test
  void insertsInTheOrderOfTheUnitOfWorkSoThatEveryRowFollowsTheRowItReferences() {
    Account old = crm.accounts().create(ALICE, CreateAccount.named("Old Oy"));

    storage.unitOfWork().run(() -> {
      Contact first = crm.contacts().create(ALICE, CreateContact.named("Ada", "Old").accountId(old.id()));
      crm.opportunities().create(ALICE, CreateOpportunity.named("Old deal").accountId(old.id()).contactId(first.id()));
      Account created = crm.accounts().create(ALICE, CreateAccount.named("New Oy"));
      Contact second = crm.contacts().create(ALICE, CreateContact.named("Bob", "New").accountId(created.id()));
      crm.opportunities().create(ALICE, CreateOpportunity.named("New deal").accountId(created.id())
          .contactId(second.id()));
    });

    assertThat(db.count("crm_contact")).isEqualTo(2);
    assertThat(db.count("crm_opportunity")).isEqualTo(2);
    assertThat(db.count("crm_stage_history")).isEqualTo(2);
  }

  @Test
  void showsTheHistoryAppendedEarlierInTheSameUnitOfWork() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));

    long entries = storage.unitOfWork().execute(() -> {
      Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal").accountId(acme.id()));
      return crm.opportunities().history(ALICE, o.id()).size();
    });

    assertThat(entries).as("the deferred history row is written before the history is read").isEqualTo(1);
  }

  @Test
  void sendsAsManyBatchesAsTheBatchSizeNeedsForTwoThousandOneOpportunities() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    calls.reset();

    storage.unitOfWork().run(() -> {
      for (int i = 0; i < 2001; i++) {
        crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i).accountId(acme.id()));
      }
    });

    assertThat(calls.batches()).extracting(JdbcCalls.Batch::rows)
        .as("1,000 rows per batch (crmkit's default hibernate.jdbc.batch_size), opportunities first")
        .containsExactly(1000, 1000, 1, 1000, 1000, 1);
  }

  @Test
  void readsTheAccountCardInThreeStatementsWithoutATransactionAndWritesNothing() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    crm.budgets().setMonths(ALICE, SetBudgetMonths.of(acme.id(), List.of(
        BudgetLine.of(YearMonth.of(2026, 4), Money.of("1000.00", "EUR")),
        BudgetLine.of(YearMonth.of(2026, 5), Money.of("1000.00", "EUR")))));
    for (int i = 0; i < 3; i++) {
      Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i).accountId(acme.id())
          .amount(Money.of("300.00", "EUR")).closeDate(LocalDate.of(2026, 6, 30)));
      crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), YearMonth.of(2026, 4), 3));
    }
    calls.reset();

    AccountCard card = crm.accountCards().card(ALICE, acme.id(), YearMonth.of(2026, 4), YearMonth.of(2026, 6));

    assertThat(card.month(YearMonth.of(2026, 5)).forecast()).isEqualTo(Money.of("300.00", "EUR"));
    assertThat(card.month(YearMonth.of(2026, 5)).budget()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(calls.batches()).as("a read writes nothing").isEmpty();
    assertThat(calls.connectionCalls()).as("a read-only unit of work takes one connection and begins, commits and"
        + " switches nothing on it").containsExactly("getConnection");
    assertThat(calls.executions()).as("the account with its budget months, the forecast, the won amounts: "
            + calls.executions())
        .hasSize(3)
        .allSatisfy(sql -> assertThat(sql.strip().toLowerCase(Locale.ROOT)).startsWith("select"))
        .allSatisfy(sql -> assertThat(sql).as("scoped to the tenant").containsPattern("\\btenant_id = \\?"));
  }

  @Test
  void aUnitOfWorkThatWritesCannotStartInsideAReadOnlyOne() {
    assertThatThrownBy(() -> storage.unitOfWork().read(TenantId.DEFAULT,
            () -> crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    assertThat(crm.accounts().list(ALICE, AccountQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }
}
