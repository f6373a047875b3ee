package org.crmkit.csv;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class H2ExternalIdStoreTest extends ExternalIdStoreContract {
  private final List<JdbcExternalIdStore> open = new ArrayList<>();

  @Override
  ExternalIdStore store() {
    JdbcExternalIdStore s = JdbcExternalIdStore.open("jdbc:h2:mem:ids-" + System.nanoTime(), "sa", "");
    open.add(s);
    return s;
  }

  @AfterEach
  void close() {
    open.forEach(JdbcExternalIdStore::close);
  }
}
