package org.crmkit.jpa;

import org.crmkit.shared.Visibility;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database that holds accounts from V1 to the conversion schema (V3): the new account columns are
 * added, the existing rows get their match keys, and the mapping validates; and from V3 to the history's manual
 * flag (V4).
 */
class H2UpgradeTest {

  @Test
  void upgradesADatabaseWithAccountsFromV1AndBackfillsTheirMatchKeys() throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl("jdbc:h2:mem:crmkit-upgrade;DB_CLOSE_DELAY=-1");
      ds.setUsername("sa");
      ds.setPassword("");
      Flyway.configure().dataSource(ds).locations("classpath:" + CrmkitSchema.MIGRATIONS)
          .table(CrmkitSchema.HISTORY_TABLE).target("1").load().migrate();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("insert into crm_account (id, version, owner_id, name, email, created_at, updated_at) values"
            + " ('00000000-0000-0000-0000-000000000001', 4, 'alice', 'O''Reilly Media, Inc.', 'info@oreilly.example',"
            + " TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00')");
      }

      assertThat(CrmkitSchema.migrate(ds)).as("V3 and whatever else is newer than V1").isGreaterThanOrEqualTo(1);

      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select name_normalized, match_domain, match_key_version, version"
              + " from crm_account")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).as("the compact name").isEqualTo("oreillymedia");
        assertThat(rs.getString(2)).isEqualTo("oreilly.example");
        assertThat(rs.getInt(3)).isEqualTo(2);
        assertThat(rs.getLong(4)).as("the account itself did not change").isEqualTo(4);
      }
      try (JpaStorage storage = JpaStorage.builder().dataSource(ds).validateSchema(true).build()) {
        List<Account> found = storage.unitOfWork().execute(() -> storage.accounts().findMatching(
            AccountMatchKey.of("OREILLY media", null, null), Visibility.all(), 5));
        assertThat(found).singleElement().satisfies(a -> assertThat(a.version()).isEqualTo(4));
      }
    }
  }

  @Test
  void upgradesStageHistoryRowsFromV3AndDerivesTheManualFlag() throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl("jdbc:h2:mem:crmkit-upgrade-v4;DB_CLOSE_DELAY=-1");
      ds.setUsername("sa");
      ds.setPassword("");
      StageHistoryUpgrade.upgradesHistoryRowsFromV3(ds);
    }
  }

  @Test
  void upgradesADatabaseWithARowInEveryTableFromV7AndPutsThemInTheDefaultTenant() throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl("jdbc:h2:mem:crmkit-upgrade-v8;DB_CLOSE_DELAY=-1");
      ds.setUsername("sa");
      ds.setPassword("");
      TenantUpgrade.putsExistingRowsInTheDefaultTenant(ds);
    }
  }
}
