package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.crmkit.shared.RecordType;
import org.junit.jupiter.api.Test;

/**
 * A commit is applied atomically: a reader never sees the part of a commit already applied (a table row) without
 * the rest (a log row). Deterministic: while the commit runs, the log's group function (called by the commit)
 * asks another thread to read the table row; that read must not see the row before the commit is complete.
 */
class CommitVisibilityTest {
  record Row(String id, long version) {}

  record Entry(String group, long seq) {}

  record Parts(Table<String, Row> table, AppendOnlyLog<Entry> log) {}

  record Named(String id, String name, long version) {}

  record NamedParts(Table<String, Named> table, Table.Index<String, Named> byName, AppendOnlyLog<Entry> log) {}

  @Test
  void aReaderDuringACommitSeesNoneOfItUntilAllOfItIsApplied() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    AtomicBoolean committing = new AtomicBoolean();
    List<String> seenDuringCommit = new CopyOnWriteArrayList<>();
    AtomicReference<InMemoryDatabase<Parts>> database = new AtomicReference<>();
    InMemoryDatabase<Parts> db = new InMemoryDatabase<>(schema -> {
      Table<String, Row> table = schema.table(RecordType.LEAD, Row::id, Row::version, (r, v) -> new Row(r.id(), v),
          Comparator.comparing(Row::id));
      AppendOnlyLog<Entry> log = schema.log(e -> {
        if (committing.get()) {
          seenDuringCommit.add(readMeanwhile(reader, () -> database.get().execute(
              () -> database.get().tenant().table().get("a").isPresent())));
        }
        return e.group();
      }, Entry::seq);
      return new Parts(table, log);
    });
    database.set(db);

    commitWatched(db, committing, reader, () -> {
      db.tenant().table().save(new Row("a", 0));
      db.tenant().log().append(new Entry("a", 1));
    });

    // "seen": the row without its log entry
    assertThat(seenDuringCommit).isNotEmpty().doesNotContain("seen");
    assertThat(db.execute(() -> db.tenant().table().get("a"))).isPresent();
    assertThat(db.execute(() -> db.tenant().log().group("a"))).hasSize(1);
  }

  /**
   * An index look-up of a value one row holds reads the index without the read lock ({@link Table.Index#single}),
   * then the rows it names; the look-up as a whole must see none of a commit until all of it is applied: while the
   * commit that renames a row runs, a look-up of the new name finds nothing (or waits), never the row without its
   * log entry.
   */
  @Test
  void anIndexLookUpDuringACommitSeesNoneOfItUntilAllOfItIsApplied() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    AtomicBoolean committing = new AtomicBoolean();
    List<String> seenDuringCommit = new CopyOnWriteArrayList<>();
    AtomicReference<InMemoryDatabase<NamedParts>> database = new AtomicReference<>();
    InMemoryDatabase<NamedParts> db = new InMemoryDatabase<>(schema -> {
      Table<String, Named> table = schema.table(RecordType.ACCOUNT, Named::id, Named::version,
          (r, v) -> new Named(r.id(), r.name(), v), Comparator.comparing(Named::id));
      Table.Index<String, Named> byName = table.index(Named::name);
      AppendOnlyLog<Entry> log = schema.log(e -> {
        if (committing.get()) {
          seenDuringCommit.add(readMeanwhile(reader, () -> database.get().execute(() -> {
            NamedParts parts = database.get().tenant();
            return !parts.table().lookup(parts.byName(), "renamed").isEmpty();
          })));
        }
        return e.group();
      }, Entry::seq);
      return new NamedParts(table, byName, log);
    });
    database.set(db);
    db.execute(() -> db.tenant().table().save(new Named("a", "first", 0)));

    commitWatched(db, committing, reader, () -> {
      Named row = db.tenant().table().get("a").orElseThrow();
      db.tenant().table().save(new Named("a", "renamed", row.version()));
      db.tenant().log().append(new Entry("a", 1));
    });

    // "seen": the row without its log entry
    assertThat(seenDuringCommit).isNotEmpty().doesNotContain("seen");
    assertThat(db.execute(() -> db.tenant().table().lookup(db.tenant().byName(), "renamed")))
        .extracting(Named::name).containsExactly("renamed");
    assertThat(db.execute(() -> db.tenant().table().lookup(db.tenant().byName(), "first"))).isEmpty();
  }

  record TwoTables(Table<String, Row> written, Table<String, Row> other, AppendOnlyLog<Entry> log) {}

  /**
   * A read without a lock waits only for a commit that changed the map it reads: while a commit applies its writes
   * (its log's group function runs after its table rows are applied), a read of a row of a table the commit does not
   * write returns at once, while a read of the table it wrote waits for the commit's end.
   */
  @Test
  void aReadOfATableTheCommitDoesNotChangeDoesNotWaitForIt() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    AtomicBoolean committing = new AtomicBoolean();
    List<String> otherDuringCommit = new CopyOnWriteArrayList<>();
    List<String> writtenDuringCommit = new CopyOnWriteArrayList<>();
    AtomicReference<InMemoryDatabase<TwoTables>> database = new AtomicReference<>();
    InMemoryDatabase<TwoTables> db = new InMemoryDatabase<>(schema -> {
      Table<String, Row> written = schema.table(RecordType.LEAD, Row::id, Row::version,
          (r, v) -> new Row(r.id(), v), Comparator.comparing(Row::id));
      Table<String, Row> other = schema.table(RecordType.ACCOUNT, Row::id, Row::version,
          (r, v) -> new Row(r.id(), v), Comparator.comparing(Row::id));
      AppendOnlyLog<Entry> log = schema.log(e -> {
        if (committing.get()) {
          // the written table's row "a" is committed only by this commit; the other table's row "b" before it
          otherDuringCommit.add(readMeanwhile(reader, () -> database.get().execute(
              () -> database.get().tenant().other().get("b").isPresent())));
          writtenDuringCommit.add(readMeanwhile(reader, () -> database.get().execute(
              () -> database.get().tenant().written().get("a").isPresent())));
        }
        return e.group();
      }, Entry::seq);
      return new TwoTables(written, other, log);
    });
    database.set(db);
    db.execute(() -> db.tenant().other().save(new Row("b", 0)));

    commitWatched(db, committing, reader, () -> {
      db.tenant().written().save(new Row("a", 0));
      db.tenant().log().append(new Entry("a", 1));
    });

    // the group function runs before the lock (nothing applied yet), under it, and while the rows are applied: the
    // other table's row is read at once every time, the written table's is not seen before the commit's end
    assertThat(otherDuringCommit).isNotEmpty().containsOnly("seen");
    assertThat(writtenDuringCommit).contains("waited for the commit").doesNotContain("seen");
    assertThat(db.execute(() -> db.tenant().written().get("a"))).isPresent();
  }

  /**
   * Makes {@code writes} in a unit of work and commits it with {@code committing} set, so that the log's group
   * function reads meanwhile; then stops the reader.
   */
  private static void commitWatched(InMemoryDatabase<?> db, AtomicBoolean committing, ExecutorService reader,
      Runnable writes) {
    try {
      db.execute(() -> {
        writes.run();
        committing.set(true);
        return null;
      });
    } finally {
      committing.set(false);
      reader.shutdownNow();
    }
  }

  /**
   * Runs {@code found} on the reader thread while the calling thread is inside a commit, and tells what the read
   * saw: recorded at the read itself (the reader's own unit of work may finish later).
   *
   * @return "waited for the commit" when the read did not finish within 300 ms, else "seen" when {@code found} saw
   *     the row, or "nothing"
   */
  private static String readMeanwhile(ExecutorService reader, Supplier<Boolean> found) {
    AtomicReference<Boolean> seen = new AtomicReference<>();
    CountDownLatch read = new CountDownLatch(1);
    reader.submit(() -> {
      seen.set(found.get());
      read.countDown();
    });
    try {
      if (!read.await(300, TimeUnit.MILLISECONDS)) {
        return "waited for the commit";
      }
      return seen.get() ? "seen" : "nothing";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
