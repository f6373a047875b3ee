package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.crmkit.testkit.stress.MixedWorkloadStress;
import org.crmkit.testkit.stress.StressReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mixed concurrent work on PostgreSQL keeps every invariant (see {@link MixedWorkloadStress}), checked through the
 * API and again with plain SQL. Runs only in the {@code stress} profile; {@code -Dcrmkit.stress.seconds} and
 * {@code -Dcrmkit.stress.rounds} bound it (defaults 25 s, 1,000 rounds).
 */
@Tag("stress")
class PostgresStressIT {

  @Test
  void mixedConcurrentWorkKeepsEveryInvariant() {
    TestDatabase db = TestDatabase.postgres();
    db.clean();

    StressReport report = MixedWorkloadStress.on(db.storage, db.description)
        .duration(Duration.ofSeconds(Integer.getInteger("crmkit.stress.seconds", 25)))
        .maxRounds(Integer.getInteger("crmkit.stress.rounds", 1_000))
        .seed(Long.getLong("crmkit.stress.seed", 9))
        .check("SQL: opportunities linked to a missing account", count(db,
            "select count(*) from crm_opportunity o where o.account_id is not null"
                + " and not exists (select 1 from crm_account a where a.id = o.account_id)"))
        .check("SQL: opportunities linked to a missing contact", count(db,
            "select count(*) from crm_opportunity o where o.contact_id is not null"
                + " and not exists (select 1 from crm_contact c where c.id = o.contact_id)"))
        .check("SQL: contacts linked to a missing account", count(db,
            "select count(*) from crm_contact c where c.account_id is not null"
                + " and not exists (select 1 from crm_account a where a.id = c.account_id)"))
        .check("SQL: leads with more than one standing conversion record", count(db,
            "select count(*) from (select lead_id from crm_conversion_record where undone_at is null"
                + " group by lead_id having count(*) > 1) d"))
        .check("SQL: converted leads without a standing conversion record", count(db,
            "select count(*) from crm_lead l where l.converted_at is not null and not exists"
                + " (select 1 from crm_conversion_record r where r.lead_id = l.id and r.undone_at is null)"))
        .check("SQL: standing conversion records of leads that are not converted", count(db,
            "select count(*) from crm_conversion_record r join crm_lead l on l.id = r.lead_id"
                + " where r.undone_at is null and l.converted_at is null"))
        .check("SQL: match keys shared by several accounts (every account of the run has its own name)", count(db,
            "select count(*) from (select name_normalized from crm_account group by name_normalized"
                + " having count(*) > 1) d"))
        .run();
    System.out.println(report.summary());

    assertThat(report.rounds()).as("rounds run").isPositive();
    assertThat(report.successes()).as("acknowledged operations").isPositive();
    assertThat(report.violations()).as(report.summary()).isEmpty();
  }

  private static LongSupplier count(TestDatabase db, String sql) {
    return () -> {
      try (Connection c = db.dataSource.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException("stress check failed to run: " + sql, e);
      }
    };
  }
}
