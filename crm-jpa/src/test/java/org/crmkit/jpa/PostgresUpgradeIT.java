package org.crmkit.jpa;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Upgrades of an existing crmkit schema on PostgreSQL, in a schema of its own on the test server. */
class PostgresUpgradeIT {

  @Test
  void upgradesStageHistoryRowsFromV3AndDerivesTheManualFlag() throws Exception {
    try (HikariDataSource ds = freshSchema("crmkit_upgrade")) {
      StageHistoryUpgrade.upgradesHistoryRowsFromV3(ds);
    }
  }

  @Test
  void upgradesADatabaseWithARowInEveryTableFromV7AndPutsThemInTheDefaultTenant() throws Exception {
    try (HikariDataSource ds = freshSchema("crmkit_upgrade_v8")) {
      TenantUpgrade.putsExistingRowsInTheDefaultTenant(ds);
    }
  }

  private static HikariDataSource freshSchema(String schema) throws Exception {
    TestDatabase db = TestDatabase.postgres();
    try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
      s.execute("create schema " + schema);
    }
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(db.dataSource.getJdbcUrl());
    ds.setUsername(db.dataSource.getUsername());
    ds.setPassword(db.dataSource.getPassword());
    ds.setSchema(schema);
    ds.setMaximumPoolSize(2);
    return ds;
  }
}
