package org.crmkit.jpa;

import org.crmkit.storage.CrmStorage;
import org.crmkit.testkit.CrmContract;
import org.crmkit.testkit.CrmContractFixture;

/**
 * The JPA adapter passes the whole contract suite on a real PostgreSQL server ({@code CRM_PG_URL}, or an
 * embedded one). Fails, never skips, when no server can be had.
 */
class PostgresContractIT extends CrmContractFixture implements CrmContract {

  @Override
  protected CrmStorage newStorage() {
    TestDatabase db = TestDatabase.postgres();
    db.clean();
    return db.storage;
  }
}
