package org.crmkit.csv;

class InMemoryExternalIdStoreTest extends ExternalIdStoreContract {
  @Override
  ExternalIdStore store() {
    return ExternalIdStore.inMemory();
  }
}
