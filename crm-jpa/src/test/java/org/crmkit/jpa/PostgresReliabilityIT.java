package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.CreateLead;
import org.crmkit.lead.Lead;
import org.crmkit.shared.StorageException;
import org.junit.jupiter.api.Test;

/** How the adapter reports failures, on PostgreSQL; also with its connections killed by the server. */
class PostgresReliabilityIT extends JpaReliabilityScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Test
  void afterTheServerKillsTheConnectionsEachLaterUnitStartsCleanAndNeverMistakesAnErrorForAMissingRecord()
      throws Exception {
    Crm crm = Crm.builder().storage(db.storage).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      leads.add(crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace " + i, null, null)));
    }

    assertThatThrownBy(() -> db.storage.unitOfWork().execute(() -> {
      db.storage.leads().findById(leads.get(0).id());
      terminateEveryOtherBackend();
      return db.storage.leads().findById(leads.get(1).id());
    })).as("not an empty answer: the lead exists, the read failed").isInstanceOf(StorageException.class);

    int failed = 0;
    for (Lead lead : leads) {
      try {
        crm.leads().changeStatus(ALICE, new ChangeLeadStatus(lead.id(), 1L, "contacted", null));
      } catch (StorageException e) {
        failed++; // a pooled connection that died with the others; the pool drops it
      }
    }
    for (Lead lead : leads) {
      assertThat(crm.leads().find(ALICE, lead.id())).as("every lead still exists").isPresent();
    }
    System.out.println("[crmkit] after killing the pool's connections, " + failed + " of " + leads.size()
        + " later units failed with a StorageException; none reported a lead missing");
    assertThat(failed).as("at most the pool's other connections can still be dead").isLessThanOrEqualTo(5);
  }

  private int terminateEveryOtherBackend() {
    try (Connection c = java.sql.DriverManager.getConnection(db.dataSource.getJdbcUrl(),
            db.dataSource.getUsername(), db.dataSource.getPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
            + " where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
