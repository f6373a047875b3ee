package org.crmkit.inmemory;

import org.crmkit.storage.CrmStorage;
import org.crmkit.testkit.CrmContractFixture;
import org.crmkit.testkit.fuzz.CommandFuzzContract;

/** Random and hostile commands on the in-memory storage: success read back exactly, or a documented refusal. */
class InMemoryCommandFuzzTest extends CrmContractFixture implements CommandFuzzContract {

  @Override
  protected CrmStorage newStorage() {
    return InMemoryStorage.create();
  }
}
