package org.crmkit.inmemory;

import org.crmkit.storage.CrmStorage;
import org.crmkit.testkit.CrmContract;
import org.crmkit.testkit.CrmContractFixture;

/** The in-memory adapter passes the whole contract suite. */
class InMemoryContractTest extends CrmContractFixture implements CrmContract {

  @Override
  protected CrmStorage newStorage() {
    return InMemoryStorage.create();
  }

  /** Random histories cost little in memory: run more of them than the suite's default. */
  @Override
  public int randomHistories() {
    return 20;
  }
}
