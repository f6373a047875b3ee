package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
          // What the reader saw is recorded at the read itself (its own unit of work may finish later).
          AtomicReference<Optional<Row>> seen = new AtomicReference<>();
          CountDownLatch read = new CountDownLatch(1);
          reader.submit(() -> database.get().execute(() -> {
            seen.set(database.get().tenant().table().get("a"));
            read.countDown();
            return null;
          }));
          try {
            if (!read.await(300, TimeUnit.MILLISECONDS)) {
              seenDuringCommit.add("waited for the commit");
            } else {
              seenDuringCommit.add(seen.get().isPresent() ? "row without its log entry" : "nothing");
            }
          } catch (InterruptedException e2) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e2);
          }
        }
        return e.group();
      }, Entry::seq);
      return new Parts(table, log);
    });
    database.set(db);

    try {
      db.execute(() -> {
        db.tenant().table().save(new Row("a", 0));
        db.tenant().log().append(new Entry("a", 1));
        committing.set(true);
        return null;
      });
    } finally {
      committing.set(false);
      reader.shutdownNow();
    }

    assertThat(seenDuringCommit).isNotEmpty().doesNotContain("row without its log entry");
    assertThat(db.execute(() -> db.tenant().table().get("a"))).isPresent();
    assertThat(db.execute(() -> db.tenant().log().group("a"))).hasSize(1);
  }
}
