package org.crmkit.jpa;

import org.crmkit.shared.Visibility;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V5 adds the unique match-key claim to a database that already holds accounts with the same normalised
 * name: the migration does not fail, existing rows claim nothing, and the claim then works for new accounts.
 */
class H2MatchClaimMigrationTest {

  @Test
  void addsTheUniqueClaimToADatabaseThatHoldsDuplicateNamesAndClaimsOnlyNewCheckedNames() throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl("jdbc:h2:mem:crmkit-claim-upgrade;DB_CLOSE_DELAY=-1");
      ds.setUsername("sa");
      ds.setPassword("");
      Flyway.configure().dataSource(ds).locations("classpath:" + CrmkitSchema.MIGRATIONS)
          .table(CrmkitSchema.HISTORY_TABLE).target("3").load().migrate();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        for (String name : new String[] {"Acme Oy", "ACME oy"}) {
          s.executeUpdate("insert into crm_account (id, version, owner_id, name, name_normalized, match_key_version,"
              + " created_at, updated_at) values ('" + UUID.randomUUID() + "', 1, 'alice', '" + name + "', 'acme', 1,"
              + " TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00')");
        }
      }

      assertThat(CrmkitSchema.migrate(ds)).as("V5 and whatever else is newer than V3").isGreaterThanOrEqualTo(1);

      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*), count(match_claim) from crm_account")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getInt(2)).as("existing rows claim nothing").isZero();
      }
      try (JpaStorage storage = JpaStorage.builder().dataSource(ds).validateSchema(true).build()) {
        // A checked creation of a name that is taken claims nothing (a third "Acme" created on purpose) ...
        checkThenCreate(storage, "Acme");
        // ... and one of a free name claims it.
        checkThenCreate(storage, "Zeta Oy");
      }
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select name, match_claim from crm_account where match_claim is not null")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Zeta Oy");
        assertThat(rs.getString(2)).isEqualTo("zeta");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  private static void checkThenCreate(JpaStorage storage, String name) {
    storage.unitOfWork().execute(() -> {
      storage.accounts().findMatching(AccountMatchKey.of(name, null, null), Visibility.all(), 5);
      return storage.accounts().save(Account.create(AccountId.of(UUID.randomUUID()), UserId.of("alice"),
          new AccountDetails(name, null, null, null, null, null, null, null), Segments.none(), CustomFields.empty(),
          Instant.parse("2026-01-01T10:00:00Z")));
    });
  }
}
