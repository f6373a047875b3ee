package org.crmkit.jpa;

import org.crmkit.storage.CrmStorage;
import org.crmkit.testkit.CrmContract;
import org.crmkit.testkit.CrmContractFixture;

/** The JPA adapter passes the whole contract suite on H2, with the same assertions as the in-memory adapter. */
class H2ContractTest extends CrmContractFixture implements CrmContract {

  @Override
  protected CrmStorage newStorage() {
    TestDatabase db = TestDatabase.h2();
    db.clean();
    return db.storage;
  }
}
