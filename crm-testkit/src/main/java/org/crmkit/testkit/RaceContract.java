package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.PageRequest;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.junit.jupiter.api.Test;

/**
 * Contract: races between two units of work never lose a write or leave a dangling link. Each test forces one
 * interleaving with latches or a barrier in {@link FaultyStorage} hooks (both writers past their checks before
 * either writes, or one paused after its reads until the other has committed), so it fails deterministically on a
 * storage that lets the race through. Bounded: every wait times out.
 *
 * <p>The loser of a race gets a {@link ConflictException} ("reload and try again"; nothing was written); a retry
 * then meets the sequential rule (the account no longer exists, the lead is already converted, ...).
 */
public interface RaceContract extends ContractSupport {

  // ------------------------------------------------------------------ links, as a foreign key would

  @Test
  default void anAccountDeletedWhileAnOpportunityIsCreatedForItLeavesNoDanglingLink() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(checksLinksUnderConcurrency(),
        "this storage does not keep links valid under a concurrent delete (documented)");
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    bothPastTheirChecks(Operation.DELETE_ACCOUNT, Operation.SAVE_OPPORTUNITY);

    List<Outcome> outcomes = race(
        () -> {
          crm().accounts().delete(ALICE, acme.id(), null);
          return "deleted";
        },
        () -> crm().opportunities().create(BOB, CreateOpportunity.named("Rockets").accountId(acme.id())));

    assertOneWinnerAndOneRefusedLink(outcomes);
    boolean accountExists = crm().accounts().find(ALICE, acme.id()).isPresent();
    long linked = crm().opportunities().list(ALICE, OpportunityQuery.all().withAccount(acme.id()), PageRequest.first(10))
        .total();
    assertThat(accountExists ? linked == 1 : linked == 0)
        .as("account exists: %s, opportunities linked to it: %s", accountExists, linked).isTrue();
    assertThat(accountExists).isEqualTo(outcomes.get(1).succeeded());
  }

  @Test
  default void anAccountDeletedWhileAContactIsCreatedForItLeavesNoDanglingLink() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(checksLinksUnderConcurrency(),
        "this storage does not keep links valid under a concurrent delete (documented)");
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    bothPastTheirChecks(Operation.DELETE_ACCOUNT, Operation.SAVE_CONTACT);

    List<Outcome> outcomes = race(
        () -> {
          crm().accounts().delete(ALICE, acme.id(), null);
          return "deleted";
        },
        () -> crm().contacts().create(BOB, CreateContact.of(acme.id(), "Wile E.", "Coyote", "wile@acme.example")));

    assertOneWinnerAndOneRefusedLink(outcomes);
    boolean accountExists = crm().accounts().find(ALICE, acme.id()).isPresent();
    List<Contact> contacts = crm().contacts().list(ALICE, ContactQuery.all(), PageRequest.first(10)).items();
    assertThat(contacts).as("contacts, while the account exists: %s", accountExists).hasSize(accountExists ? 1 : 0);
    assertThat(accountExists).isEqualTo(outcomes.get(1).succeeded());
  }

  // ------------------------------------------------------------------ writes based on what was read

  @Test
  default void aLeadEditedWhileItIsConvertedIsNeverConvertedFromItsOldState() throws Exception {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    CountDownLatch converterHasRead = new CountDownLatch(1);
    CountDownLatch editCommitted = new CountDownLatch(1);
    pauseFirst(Operation.SAVE_ACCOUNT, converterHasRead, editCommitted);

    Future<ConversionOutcome> conversion = inBackground(() -> crm().conversions().convert(ALICE, ConvertLead.of(lead.id())));
    await(converterHasRead);
    Lead edited = crm().leads().changeStatus(BOB, ChangeLeadStatus.of(lead.id(), lead.version(), "contacted"));
    editCommitted.countDown();
    Outcome converted = outcome(conversion);
    storage().reset();

    Lead stored = crm().leads().get(ALICE, lead.id());
    List<ConversionRecord> records = crm().conversions().records(ALICE, lead.id());
    if (converted.succeeded() && ((ConversionOutcome) converted.value()).isConverted()) {
      // A storage may retry: then the conversion must have started from the edited lead.
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.leadBefore().version()).isEqualTo(edited.version());
        assertThat(r.leadBefore().status()).isEqualTo("contacted");
      });
      assertThat(stored.isConverted()).isTrue();
    } else {
      assertThat(converted.failure()).as("outcome %s", converted).isInstanceOf(ConflictException.class);
      assertThat(records).isEmpty();
      assertThat(stored.isConverted()).isFalse();
      assertThat(stored.status()).isEqualTo("contacted");
      assertThat(stored.version()).isEqualTo(edited.version());
      assertThat(crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(1)).total()).isZero();
      assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(1)).total()).isZero();
    }
  }

  @Test
  default void theLoserOfTwoConversionsOfOneLeadGetsAConflictOrAlreadyConvertedNeverReadOnly() throws Exception {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    CountDownLatch firstHasRead = new CountDownLatch(1);
    CountDownLatch secondCommitted = new CountDownLatch(1);
    pauseFirst(Operation.SAVE_ACCOUNT, firstHasRead, secondCommitted);

    Future<ConversionOutcome> first = inBackground(() -> crm().conversions().convert(ALICE, ConvertLead.of(lead.id())));
    await(firstHasRead);
    ConversionOutcome second = crm().conversions().convert(BOB, ConvertLead.of(lead.id()));
    secondCommitted.countDown();
    Outcome loser = outcome(first);
    storage().reset();

    assertThat(second.isConverted()).isTrue();
    if (loser.succeeded()) {
      assertThat(loser.value()).isInstanceOfSatisfying(ConversionOutcome.Rejected.class,
          r -> assertThat(r.has(ConversionProblem.Reason.ALREADY_CONVERTED)).isTrue());
    } else {
      assertThat(loser.failure()).isInstanceOf(ConflictException.class);
    }
    assertThat(crm().conversions().records(ALICE, lead.id())).hasSize(1);
    assertThat(crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(1)).total()).isOne();
    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(1)).total()).isOne();
  }

  @Test
  default void anUndoRacingAnEditOfTheOpportunityItDeletesLosesToTheEdit() throws Exception {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    ConversionOutcome.Converted done =
        (ConversionOutcome.Converted) crm().conversions().convert(ALICE, ConvertLead.of(lead.id()));
    Opportunity created = crm().opportunities().get(ALICE, done.opportunityId().orElseThrow());
    CountDownLatch undoHasChecked = new CountDownLatch(1);
    CountDownLatch editCommitted = new CountDownLatch(1);
    pauseFirst(Operation.DELETE_OPPORTUNITY, undoHasChecked, editCommitted);

    Future<UndoOutcome> undo = inBackground(() -> crm().conversions().undo(ALICE, lead.id()));
    await(undoHasChecked);
    Opportunity edited = crm().opportunities().changeStage(BOB, ChangeStage.of(created.id(), created.version(), "proposal"));
    editCommitted.countDown();
    Outcome undone = outcome(undo);
    storage().reset();

    assertThat(undone.failure()).as("outcome %s", undone).isInstanceOf(ConflictException.class);
    Opportunity stored = crm().opportunities().get(ALICE, created.id());
    assertThat(stored.stage()).isEqualTo("proposal");
    assertThat(stored.version()).isEqualTo(edited.version());
    assertThat(crm().leads().get(ALICE, lead.id()).isConverted()).isTrue();
  }

  @Test
  default void anEditOfAnOpportunityThatAnUndoDeletedMeanwhileFails() throws Exception {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    ConversionOutcome.Converted done =
        (ConversionOutcome.Converted) crm().conversions().convert(ALICE, ConvertLead.of(lead.id()));
    Opportunity created = crm().opportunities().get(ALICE, done.opportunityId().orElseThrow());
    CountDownLatch editorHasRead = new CountDownLatch(1);
    CountDownLatch undoCommitted = new CountDownLatch(1);
    pauseFirst(Operation.SAVE_OPPORTUNITY, editorHasRead, undoCommitted);

    Future<Opportunity> edit = inBackground(
        () -> crm().opportunities().changeStage(BOB, ChangeStage.of(created.id(), created.version(), "proposal")));
    await(editorHasRead);
    UndoOutcome undone = crm().conversions().undo(ALICE, lead.id());
    undoCommitted.countDown();
    Outcome edited = outcome(edit);
    storage().reset();

    assertThat(undone).isInstanceOf(UndoOutcome.Undone.class);
    assertThat(edited.failure()).as("outcome %s", edited).isInstanceOf(ConflictException.class);
    assertThat(crm().opportunities().find(ALICE, created.id())).isEmpty();
    assertThat(crm().opportunities().history(ALICE, created.id()))
        .as("no history row of the lost edit").hasSize(1);
  }

  // ------------------------------------------------------------------ one account per match key

  @Test
  default void concurrentMatchOrCreateConversionsOfOneCompanyCreateOneAccount() throws Exception {
    Lead ada = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    Lead alan = crm().leads().create(ALICE, CreateLead.of("Alan", "Turing", "ANALYTICAL engines", "alan@ae.example"));
    bothPastTheirChecks(Operation.SAVE_ACCOUNT, Operation.SAVE_ACCOUNT);

    List<Outcome> outcomes = race(
        () -> crm().conversions().convert(ALICE, ConvertLead.of(ada.id()).account(TargetChoice.matchOrCreate())),
        () -> crm().conversions().convert(BOB, ConvertLead.of(alan.id()).account(TargetChoice.matchOrCreate())));

    String key = AccountMatchKey.normalizeName("Analytical Engines");
    List<Account> accounts = crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(10)).items();
    assertThat(accounts).as("accounts of match key %s", key)
        .filteredOn(a -> key.equals(AccountMatchKey.of(a.details()).normalizedName())).hasSize(1);
    long converted = outcomes.stream()
        .filter(o -> o.succeeded() && ((ConversionOutcome) o.value()).isConverted()).count();
    assertThat(converted).as("outcomes %s", outcomes).isGreaterThanOrEqualTo(1);
    for (Outcome o : outcomes) {
      if (!o.succeeded()) {
        assertThat(o.failure()).as("the loser").isInstanceOf(ConflictException.class);
      } else if (o.value() instanceof ConversionOutcome.Converted c) {
        assertThat(c.accountId()).contains(accounts.get(0).id());
      }
    }
  }

  @Test
  default void aMatchOrCreateConversionThatFoundItsCompanyNewBeforeAnotherCreatedItDoesNotDuplicateIt()
      throws Exception {
    Lead ada = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    Lead alan = crm().leads().create(ALICE, CreateLead.of("Alan", "Turing", "Analytical Engines Oy", "alan@ae.example"));
    CountDownLatch adaChecked = new CountDownLatch(1);
    CountDownLatch alanCommitted = new CountDownLatch(1);
    pauseFirst(Operation.SAVE_ACCOUNT, adaChecked, alanCommitted);

    Future<ConversionOutcome> late = inBackground(() -> crm().conversions().convert(ALICE,
        ConvertLead.of(ada.id()).account(TargetChoice.matchOrCreate())));
    await(adaChecked);
    ConversionOutcome first = crm().conversions().convert(BOB,
        ConvertLead.of(alan.id()).account(TargetChoice.matchOrCreate()));
    alanCommitted.countDown();
    Outcome second = outcome(late);
    storage().reset();

    assertThat(first.isConverted()).isTrue();
    List<Account> accounts = crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(10)).items();
    assertThat(accounts).as("accounts after outcome %s", second).hasSize(1);
    if (second.succeeded() && second.value() instanceof ConversionOutcome.Converted c) {
      assertThat(c.accountId()).as("a retry links the account created meanwhile").contains(accounts.get(0).id());
    } else if (!second.succeeded()) {
      assertThat(second.failure()).isInstanceOf(ConflictException.class);
      assertThat(crm().leads().get(ALICE, ada.id()).isConverted()).isFalse();
    }
  }

  @Test
  default void sameNamedAccountsCanStillBeCreatedOnPurpose() {
    Account first = crm().accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    Account second = crm().accounts().create(ALICE, CreateAccount.named("ACME oy"));

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(10)).total()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ helpers

  /** Result of one racing task. */
  record Outcome(Object value, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  /**
   * Makes the first call of {@code first} and the first call of {@code second} (on two threads) wait for each
   * other: both units of work have made their checks before either writes.
   */
  private void bothPastTheirChecks(Operation first, Operation second) {
    CyclicBarrier barrier = new CyclicBarrier(2);
    AtomicBoolean firstSeen = new AtomicBoolean();
    AtomicBoolean secondSeen = new AtomicBoolean();
    storage().beforeEach(op -> {
      boolean wait = false;
      if (op == first && firstSeen.compareAndSet(false, true)) {
        wait = true;
      } else if (op == second && secondSeen.compareAndSet(false, true)) {
        wait = true;
      }
      if (wait) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other writer never reached its write", e);
        }
      }
    });
  }

  /** The first call of {@code op} signals {@code reached} and waits for {@code release}; later calls pass. */
  private void pauseFirst(Operation op, CountDownLatch reached, CountDownLatch release) {
    AtomicBoolean paused = new AtomicBoolean();
    storage().beforeEach(o -> {
      if (o == op && paused.compareAndSet(false, true)) {
        reached.countDown();
        await(release);
      }
    });
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other unit of work did not get there within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> Future<T> inBackground(Callable<T> task) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      return pool.submit(task);
    } finally {
      pool.shutdown();
    }
  }

  private static Outcome outcome(Future<?> future) throws Exception {
    try {
      return new Outcome(future.get(30, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      return new Outcome(null, e.getCause());
    }
  }

  @SafeVarargs
  private List<Outcome> race(Callable<Object>... tasks) throws Exception {
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> t : tasks) {
      futures.add(inBackground(t));
    }
    List<Outcome> outcomes = new ArrayList<>();
    try {
      for (Future<Object> f : futures) {
        outcomes.add(outcome(f));
      }
    } finally {
      storage().reset();
    }
    return outcomes;
  }

  /**
   * One of two racing writers won; the other's link was refused as a foreign key refuses it. The in-memory storage
   * knows the link was lost to a concurrent commit and says so with a {@link ConflictException}; a database reports
   * its foreign-key violation, which it cannot tell from a caller's bug, as its adapter maps it (crm-jpa: a
   * {@link org.crmkit.shared.StorageException} naming the constraint). Either way nothing of the loser was written.
   */
  private static void assertOneWinnerAndOneRefusedLink(List<Outcome> outcomes) {
    assertThat(outcomes).as("outcomes %s", outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertThat(outcomes).as("outcomes %s", outcomes)
        .filteredOn(o -> o.failure() instanceof ConflictException
            || o.failure() instanceof org.crmkit.shared.StorageException)
        .hasSize(1);
  }
}
