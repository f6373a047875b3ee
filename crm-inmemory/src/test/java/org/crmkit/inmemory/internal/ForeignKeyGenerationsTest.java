package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a foreign key remembers of the links committed while units of work run concurrently (to tell a lost race
 * from a unit of work's own mistake) is dropped a generation of units of work at a time: it stays bounded when some
 * unit of work runs at every moment, and a unit of work still running keeps what it may lose a race to.
 */
class ForeignKeyGenerationsTest {
  record Parent(String id, long version) {}

  record Child(String id, String parent, long version) {}

  record Parts(Table<String, Parent> parents, Table<String, Child> children, ForeignKey<?, ?, ?, ?> link) {}

  private final InMemoryDatabase<Parts> db = new InMemoryDatabase<>(schema -> {
    Table<String, Parent> parents = schema.table(RecordType.ACCOUNT, Parent::id, Parent::version,
        (r, v) -> new Parent(r.id(), v), Comparator.comparing(Parent::id));
    Table<String, Child> children = schema.table(RecordType.CONTACT, Child::id, Child::version,
        (r, v) -> new Child(r.id(), r.parent(), v), Comparator.comparing(Child::id));
    schema.foreignKey(children, Child::parent, children.index(Child::parent), parents);
    return new Parts(parents, children, schema.foreignKeys.get(0));
  });
  private final ExecutorService threads = Executors.newCachedThreadPool();
  /** Links made by {@link #generationsGoBy} so far. */
  private int linked;

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void whatAForeignKeyRemembersStaysBoundedWhileUnitsOfWorkRunConcurrentlyAtAllTimes() throws Exception {
    int perRound = InMemoryDatabase.GENERATION_COMMITS + 100;
    CountDownLatch holder = open();
    int n = 0;
    int mostRemembered = 0;
    for (int round = 0; round < 8; round++) {
      // the next unit of work begins before the one before ends: no commit below ever runs alone
      CountDownLatch next = open();
      holder.countDown();
      holder = next;
      for (int i = 0; i < perRound; i++, n++) {
        link("parent" + n, "child" + n);
      }
      mostRemembered = Math.max(mostRemembered, remembered());
    }
    holder.countDown();

    // without generations every one of the 8 rounds' links would be kept
    assertThat(mostRemembered).isGreaterThan(0).isLessThanOrEqualTo(3 * perRound);
    assertThat(n).isEqualTo(8 * perRound);
  }

  @Test
  void aUnitOfWorkStillRunningKeepsTheLinksItMayLoseARaceToAcrossGenerations() throws Exception {
    CountDownLatch holder = open();
    db.execute(() -> db.tenant().parents().save(new Parent("acme", 0)));
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch delete = new CountDownLatch(1);
    Future<?> deletion = threads.submit(() -> db.execute(() -> {
      Parent acme = db.tenant().parents().get("acme").orElseThrow();
      read.countDown();
      await(delete);
      db.tenant().parents().delete("acme", acme.version());
      return null;
    }));
    await(read);
    // a child is linked to the parent the deletion deletes, then generations go by while the deletion runs: the
    // link's generation is an earlier one than the current, and the deletion's own
    db.execute(() -> db.tenant().children().save(new Child("rocket", "acme", 0)));
    holder = generationsGoBy(holder, 3);
    delete.countDown();
    holder.countDown();

    assertThatThrownBy(() -> get(deletion))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("was linked to account acme by someone else");
  }

  @Test
  void aLinkCommittedBeforeAUnitOfWorkBeganIsItsOwnMistakeAfterGenerationsWentBy() throws Exception {
    CountDownLatch holder = open();
    db.execute(() -> {
      db.tenant().parents().save(new Parent("acme", 0));
      db.tenant().children().save(new Child("rocket", "acme", 0));
      return null;
    });
    holder = generationsGoBy(holder, 3);

    assertThatThrownBy(() -> db.execute(() -> {
      db.tenant().parents().delete("acme", db.tenant().parents().get("acme").orElseThrow().version());
      return null;
    })).isInstanceOf(StorageException.class).hasMessageContaining("still refers to it");
    holder.countDown();
  }

  record Other(String id, long version) {}

  record WithOther(Table<String, Parent> parents, Table<String, Other> others, Table<String, Child> children,
      Table.Index<String, Child> byParent) {}

  /**
   * A unit of work that begins while a commit applies its writes may read the maps the commit has not changed yet
   * as they were before it: when it then deletes the parent that commit links a child to, it lost a race (a
   * {@link ConflictException}), however alone the commit was when it began, not a broken foreign key of its own.
   */
  @Test
  void aUnitOfWorkThatBeganWhileACommitAppliedLosesTheRaceToItsLinks() throws Exception {
    AtomicReference<Runnable> duringApply = new AtomicReference<>();
    AtomicReference<InMemoryDatabase<WithOther>> database = new AtomicReference<>();
    InMemoryDatabase<WithOther> with = new InMemoryDatabase<>(schema -> {
      Table<String, Parent> parents = schema.table(RecordType.ACCOUNT, Parent::id, Parent::version,
          (r, v) -> new Parent(r.id(), v), Comparator.comparing(Parent::id));
      // applied before the children: its listener runs while the children's maps are as before the commit
      Table<String, Other> others = schema.table(RecordType.LEAD, Other::id, Other::version,
          (r, v) -> new Other(r.id(), v), Comparator.comparing(Other::id));
      Table<String, Child> children = schema.table(RecordType.CONTACT, Child::id, Child::version,
          (r, v) -> new Child(r.id(), r.parent(), v), Comparator.comparing(Child::id));
      Table.Index<String, Child> byParent = children.index(Child::parent);
      schema.foreignKey(children, Child::parent, byParent, parents);
      others.listen((k, before, after) -> {
        Runnable hook = duringApply.getAndSet(null);
        if (hook != null) {
          hook.run();
        }
      });
      return new WithOther(parents, others, children, byParent);
    });
    database.set(with);
    with.execute(() -> with.tenant().parents().save(new Parent("acme", 0)));

    CountDownLatch checked = new CountDownLatch(1);
    Future<?>[] deletion = new Future<?>[1];
    duringApply.set(() -> {
      // the deletion begins now, finds no child of acme and deletes it; its commit waits for this one's
      deletion[0] = threads.submit(() -> with.execute(() -> {
        WithOther parts = with.tenant();
        if (!parts.children().lookup(parts.byParent(), "acme").isEmpty()) {
          checked.countDown();
          throw new IllegalStateException("the child was seen: nothing to race");
        }
        parts.parents().delete("acme", parts.parents().get("acme").orElseThrow().version());
        checked.countDown();
        return null;
      }));
      await(checked);
    });
    with.execute(() -> {
      with.tenant().others().save(new Other("x", 0));
      with.tenant().children().save(new Child("rocket", "acme", 0));
      return null;
    });

    assertThatThrownBy(() -> get(deletion[0]))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("was linked to account acme by someone else");
  }

  /**
   * Lets generations go by: rounds of more commits than a generation lasts, each round while a new unit of work,
   * begun before the one before ended, runs (so that no commit runs alone).
   *
   * @return the latch that ends the unit of work running at the end
   */
  private CountDownLatch generationsGoBy(CountDownLatch holder, int rounds) {
    for (int round = 0; round < rounds; round++) {
      CountDownLatch next = open();
      holder.countDown();
      holder = next;
      for (int i = 0; i < InMemoryDatabase.GENERATION_COMMITS + 10; i++) {
        linked++;
        link("generation-parent" + linked, "generation-child" + linked);
      }
    }
    return holder;
  }

  /** Commits a new parent and a child linked to it. */
  private void link(String parent, String child) {
    db.execute(() -> {
      db.tenant().parents().save(new Parent(parent, 0));
      db.tenant().children().save(new Child(child, parent, 0));
      return null;
    });
  }

  private int remembered() {
    return db.execute(() -> db.tenant().link().remembered());
  }

  /**
   * Begins a unit of work on a thread of its own, which stays running until the returned latch is counted down.
   */
  private CountDownLatch open() {
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    threads.submit(() -> db.execute(() -> {
      db.tenant();
      begun.countDown();
      await(end);
      return null;
    }));
    await(begun);
    return end;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Object get(Future<?> future) throws Throwable {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }
}
