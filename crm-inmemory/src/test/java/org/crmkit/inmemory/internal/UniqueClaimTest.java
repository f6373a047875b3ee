package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.Locale;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.RecordType;
import org.junit.jupiter.api.Test;

/**
 * A unique claim whose key is an index's value ({@link Table#uniqueClaim(Table.Index)}): the value a write works out
 * for the index is the row's claim, a second row that claims the same value conflicts at commit, and a row whose
 * value changes gives its old claim up.
 */
class UniqueClaimTest {
  record Row(String id, String name, long version) {}

  record Parts(Table<String, Row> rows, Table.Index<String, Row> byName) {}

  private final InMemoryDatabase<Parts> db = new InMemoryDatabase<>(schema -> {
    Table<String, Row> rows = schema.table(RecordType.ACCOUNT, Row::id, Row::version,
        (r, v) -> new Row(r.id(), r.name(), v), Comparator.comparing(Row::id));
    Table.Index<String, Row> byName = rows.index(r -> r.name().toLowerCase(Locale.ROOT));
    rows.uniqueClaim(byName);
    return new Parts(rows, byName);
  });

  /** Inserts a row the way a use case does: a duplicate check that found the name free, then the insert. */
  private void create(String id, String name) {
    db.execute(() -> {
      Table<String, Row> rows = db.tenant().rows();
      rows.checked(name.toLowerCase(Locale.ROOT), false);
      return rows.insertNew(new Row(id, name, 0));
    });
  }

  @Test
  void aSecondRowClaimingTheSameIndexValueConflictsAndWritesNothing() {
    create("a", "Acme");

    assertThatThrownBy(() -> create("b", "ACME"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("a with the same match key ('acme')")
        .hasMessageContaining("nothing was written");

    assertThat(db.execute(() -> db.tenant().rows().get("b"))).isEmpty();
    assertThat(db.execute(() -> db.tenant().rows().lookup(db.tenant().byName(), "acme")))
        .extracting(Row::id)
        .containsExactly("a");
  }

  @Test
  void aRowWhoseIndexValueChangesGivesItsOldClaimUp() {
    create("a", "Acme");
    db.execute(() -> db.tenant().rows().save(new Row("a", "Other", 1)));

    create("c", "ACME");

    assertThat(db.execute(() -> db.tenant().rows().lookup(db.tenant().byName(), "acme")))
        .extracting(Row::id)
        .containsExactly("c");
  }

  @Test
  void theClaimsIndexMustBelongToTheTable() {
    InMemoryDatabase<Table<String, Row>> twoTables = new InMemoryDatabase<>(schema -> {
      Table<String, Row> first = schema.table(RecordType.LEAD, Row::id, Row::version,
          (r, v) -> new Row(r.id(), r.name(), v), Comparator.comparing(Row::id));
      Table<String, Row> second = schema.table(RecordType.ACCOUNT, Row::id, Row::version,
          (r, v) -> new Row(r.id(), r.name(), v), Comparator.comparing(Row::id));
      first.uniqueClaim(second.index(Row::name));
      return first;
    });

    assertThatThrownBy(() -> twoTables.execute(twoTables::tenant))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an index of this table");
  }
}
