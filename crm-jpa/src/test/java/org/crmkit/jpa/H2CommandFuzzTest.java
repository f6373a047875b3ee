package org.crmkit.jpa;

import org.crmkit.storage.CrmStorage;
import org.crmkit.testkit.CrmContractFixture;
import org.crmkit.testkit.fuzz.CommandFuzzContract;

/** Random and hostile commands on H2: success read back exactly from the database, or a documented refusal. */
class H2CommandFuzzTest extends CrmContractFixture implements CommandFuzzContract {

  @Override
  protected CrmStorage newStorage() {
    TestDatabase db = TestDatabase.h2();
    db.clean();
    return db.storage;
  }
}
