package org.crmkit.jpa;

import org.crmkit.storage.CrmStorage;
import org.crmkit.testkit.CrmContractFixture;
import org.crmkit.testkit.fuzz.CommandFuzzContract;
import org.junit.jupiter.api.Tag;

/**
 * Random and hostile commands on PostgreSQL: success read back exactly from the database, or a documented refusal.
 * Runs in the {@code stress} profile (the default build runs the same contract on in-memory and H2).
 */
@Tag("stress")
class PostgresCommandFuzzIT extends CrmContractFixture implements CommandFuzzContract {

  @Override
  protected CrmStorage newStorage() {
    TestDatabase db = TestDatabase.postgres();
    db.clean();
    return db.storage;
  }
}
