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

  /**
   * H2 checks a foreign key against the rows committed when the statement runs: an account delete and a contact
   * insert for it that commit at the same time can both pass and leave a dangling link (RaceContract found it;
   * PostgreSQL locks the parent row and refuses one of them). A known H2 gap, documented in docs/PERSISTENCE.md.
   */
  @Override
  public boolean checksLinksUnderConcurrency() {
    return false;
  }
}
