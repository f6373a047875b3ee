package org.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.UpdateLead;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.IdGenerator;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;
import org.crmkit.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory storage promises about tenants and visibility beyond the contract suite: each tenant has its
 * own tables (so ids, match-key claims and links never meet across tenants), and a list scoped to a few owners reads
 * them through the owner index together with the unit of work's own writes.
 */
class InMemoryTenancyTest {
  private static final TenantId NORTH = TenantId.of("north");
  private static final TenantId SOUTH = TenantId.of("south");
  private static final Actor ALICE = Actor.user("alice");
  private static final Actor BOB = Actor.user("bob");
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final Crm crm = Crm.builder().storage(storage).clock(clock).build();

  @Test
  void theSameIdIsTwoIndependentRecordsInTwoTenants() {
    Crm north = Crm.builder().storage(storage).idGenerator(IdGenerator.sequential()).build();
    Crm south = Crm.builder().storage(storage).idGenerator(IdGenerator.sequential()).build();

    Lead nora = north.leads().create(ALICE.in(NORTH), CreateLead.of("Nora", "North", "Northwind", "nora@nw.example"));
    Lead sam = south.leads().create(ALICE.in(SOUTH), CreateLead.of("Sam", "South", "Southwind", "sam@sw.example"));
    south.leads().update(ALICE.in(SOUTH), UpdateLead.of(sam.id(), sam.version()).title("Boss"));

    assertThat(sam.id()).isEqualTo(nora.id());
    assertThat(crm.leads().get(ALICE.in(NORTH), nora.id()).details().lastName()).isEqualTo("North");
    assertThat(crm.leads().get(ALICE.in(NORTH), nora.id()).version()).isOne();
    assertThat(crm.leads().get(ALICE.in(SOUTH), sam.id()).details().lastName()).isEqualTo("South");
    assertThat(crm.leads().get(ALICE.in(SOUTH), sam.id()).version()).isEqualTo(2);
    assertThat(crm.leads().find(ALICE, nora.id())).as("the default tenant has no such lead").isEmpty();
  }

  /**
   * Two units of work that both found a company's name free and both create it conflict in one tenant
   * ({@code InMemoryIntegrityTest}); in two tenants each holds its own claim, and both commit.
   */
  @Test
  void aMatchKeyClaimedMeanwhileInAnotherTenantIsNoConflict() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    CountDownLatch otherCommitted = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Account> north = pool.submit(() -> storage.unitOfWork().execute(NORTH, () -> {
        assertThat(storage.accounts().findMatching(AccountMatchKey.of("Acme Oy", null, null), Visibility.all(), 10))
            .isEmpty();
        checked.countDown();
        await(otherCommitted);
        return crm.accounts().create(ALICE.in(NORTH), CreateAccount.named("Acme Oy"));
      }));
      await(checked);
      storage.unitOfWork().execute(SOUTH, () -> {
        assertThat(storage.accounts().findMatching(AccountMatchKey.of("ACME oy", null, null), Visibility.all(), 10))
            .isEmpty();
        return crm.accounts().create(ALICE.in(SOUTH), CreateAccount.named("ACME oy"));
      });
      otherCommitted.countDown();

      assertThat(north.get(10, TimeUnit.SECONDS).details().name()).isEqualTo("Acme Oy");
    } finally {
      pool.shutdownNow();
    }
    for (TenantId tenant : List.of(NORTH, SOUTH)) {
      assertThat(storage.unitOfWork().execute(tenant,
          () -> storage.accounts().findMatching(AccountMatchKey.of("Acme", null, null), Visibility.all(), 10)))
          .hasSize(1);
    }
  }

  @Test
  void aUnitOfWorkOfAnotherTenantInsideOneIsRefusedAndNamesBoth() {
    assertThatThrownBy(() -> storage.unitOfWork().execute(NORTH,
        () -> crm.leads().create(ALICE.in(SOUTH), CreateLead.ofCompany("Southwind"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tenant 'south' was started inside one of tenant 'north'");
    assertThat(crm.leads().list(ALICE.in(SOUTH), LeadQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  /**
   * Alice owns 3 of 43 leads, so her list reads them through the owner index. Inside one unit of work that gives
   * Alice one of Bob's leads, gives one of hers to Bob and creates one for her, the list holds exactly her leads as
   * the unit of work sees them, in order, with the right total.
   */
  @Test
  void aListScopedToFewOwnersSeesTheUnitOfWorksOwnChanges() {
    List<Lead> bobs = new ArrayList<>();
    List<Lead> alices = new ArrayList<>();
    for (int i = 0; i < 43; i++) {
      clock.advance(Duration.ofMinutes(1));
      boolean hers = i % 15 == 7;
      Lead lead = crm.leads().create(hers ? ALICE : BOB, CreateLead.ofCompany("Company " + i));
      (hers ? alices : bobs).add(lead);
    }
    assertThat(alices).hasSize(3);
    Lead givenToAlice = bobs.get(0);
    Lead givenToBob = alices.get(1);

    List<LeadId> seen = storage.unitOfWork().execute(() -> {
      crm.leads().update(BOB, UpdateLead.of(givenToAlice.id(), givenToAlice.version()).owner(ALICE.userId()));
      crm.leads().update(ALICE, UpdateLead.of(givenToBob.id(), givenToBob.version()).owner(BOB.userId()));
      clock.advance(Duration.ofMinutes(1));
      Lead created = crm.leads().create(ALICE, CreateLead.ofCompany("New"));
      List<LeadId> ids = new ArrayList<>();
      for (int page = 0; page < 2; page++) {
        Page<Lead> p =
            storage.leads().find(LeadQuery.all(), Visibility.ownedBy(ALICE.userId()), PageRequest.of(page, 2));
        assertThat(p.total()).isEqualTo(4);
        p.items().forEach(l -> ids.add(l.id()));
      }
      assertThat(ids).endsWith(created.id());
      // a team of owners (Carol owns nothing) reads the same through the index
      Page<Lead> team = storage.leads().find(LeadQuery.all(),
          Visibility.ownedBy(Set.of(ALICE.userId(), UserId.of("carol"))), PageRequest.first(10));
      assertThat(team.items()).extracting(Lead::id).containsExactlyElementsOf(ids);
      assertThat(team.total()).isEqualTo(4);
      return ids;
    });

    assertThat(seen).containsExactly(givenToAlice.id(), alices.get(0).id(), alices.get(2).id(), seen.get(3));
    assertThat(crm.leads().list(ALICE, LeadQuery.all().withOwner(ALICE.userId()), PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactlyElementsOf(seen);
    assertThat(storage.unitOfWork().execute(
        () -> storage.leads().find(LeadQuery.all(), Visibility.nothing(), PageRequest.first(10)).total())).isZero();
  }

  /**
   * Lists scoped to owners read the owner index page by page; after reassignments and deletes every page of every
   * combination of owners and page size holds what the full list holds for those owners, in the same order.
   */
  @Test
  void ownerScopedPagesMatchTheFullListAfterReassignmentsAndDeletes() {
    List<Actor> sellers = List.of(ALICE, BOB, Actor.user("carol"));
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofMinutes(1));
      leads.add(crm.leads().create(sellers.get(i % 3), CreateLead.ofCompany("Company " + i)));
    }
    for (int i = 0; i < 30; i += 4) {
      Lead lead = leads.get(i);
      crm.leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).owner(sellers.get((i + 1) % 3).userId()));
    }
    for (int i = 1; i < 30; i += 7) {
      crm.leads().delete(ALICE, leads.get(i).id(), null);
    }
    List<Lead> all = crm.leads().list(ALICE, LeadQuery.all(), PageRequest.first(100)).items();

    for (Set<UserId> owners : List.of(Set.of(ALICE.userId()), Set.of(ALICE.userId(), BOB.userId()),
        Set.of(ALICE.userId(), BOB.userId(), UserId.of("carol")), Set.of(UserId.of("nobody")))) {
      List<LeadId> expected = all.stream().filter(l -> owners.contains(l.owner())).map(Lead::id).toList();
      for (int size = 1; size <= 4; size++) {
        List<LeadId> paged = new ArrayList<>();
        for (int page = 0; page * size <= expected.size(); page++) {
          PageRequest request = PageRequest.of(page, size);
          Page<Lead> p = storage.unitOfWork().execute(
              () -> storage.leads().find(LeadQuery.all(), Visibility.ownedBy(owners), request));
          assertThat(p.total()).as("%s, size %s", owners, size).isEqualTo(expected.size());
          p.items().forEach(l -> paged.add(l.id()));
        }
        assertThat(paged).as("%s, size %s", owners, size).containsExactlyElementsOf(expected);
      }
    }
  }

  /** A tenant's schema is created once even when its first units of work start together: no write is lost. */
  @Test
  void unitsOfWorkThatOpenANewTenantTogetherShareOneSchema() throws Exception {
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Lead>> created = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        created.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return crm.leads().create(ALICE.in("fresh"), CreateLead.ofCompany("Company " + n));
        }));
      }
      for (Future<Lead> f : created) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(crm.leads().list(ALICE.in("fresh"), LeadQuery.all(), PageRequest.first(100)).total())
        .isEqualTo(threads);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out waiting for the other unit of work");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
