package org.crmkit.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.shared.EmailAddress;

/**
 * Computes the match key columns of accounts that lack them (rows written before migration V3 added them, or by an
 * older crmkit during a rolling upgrade). The normalisation cannot be written in portable SQL, so this runs in
 * Java right after the migrations, in batches, each its own transaction. It only writes the match columns, never
 * the account's version: the account itself does not change. Idempotent, and safe beside running applications
 * (a row another writer filled meanwhile is skipped).
 */
public final class AccountMatchBackfill {
  private static final String SELECT = "select id, name, email, website from crm_account"
      + " where match_key_version is null or match_key_version < ? order by id fetch first " + BatchBackfill.BATCH
      + " rows only";
  /** A claim holds the old key, which no longer means anything once the key is rewritten: it is dropped. */
  private static final String UPDATE = "update crm_account set name_normalized = ?, match_domain = ?,"
      + " match_key_version = ?, match_claim = null"
      + " where id = ? and (match_key_version is null or match_key_version < ?)";

  private AccountMatchBackfill() {}

  /**
   * @param dataSource the migrated database; never null
   * @return how many accounts got their match keys
   * @throws SQLException when the database fails
   */
  public static int run(DataSource dataSource) throws SQLException {
    return BatchBackfill.run(dataSource, c -> {
      List<Object[]> rows = pending(c);
      return new int[] {rows.size(), update(c, rows)};
    });
  }

  private static List<Object[]> pending(Connection c) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SELECT)) {
      s.setInt(1, AccountMatchColumns.KEY_VERSION);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          AccountMatchKey key = key(rs.getString(2), rs.getString(3), rs.getString(4));
          rows.add(new Object[] {rs.getObject(1, UUID.class), AccountMatchColumns.name(key),
              AccountMatchColumns.domain(key)});
        }
      }
    }
    return rows;
  }

  private static int update(Connection c, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      for (Object[] row : rows) {
        s.setString(1, (String) row[1]);
        s.setString(2, (String) row[2]);
        s.setInt(3, AccountMatchColumns.KEY_VERSION);
        s.setObject(4, row[0]);
        s.setInt(5, AccountMatchColumns.KEY_VERSION);
        s.addBatch();
      }
      return BatchBackfill.written(s);
    }
  }

  private static AccountMatchKey key(String name, String email, String website) {
    EmailAddress address;
    try {
      address = email == null ? null : EmailAddress.of(email);
    } catch (RuntimeException e) {
      address = null; // a stored address the core no longer accepts: the website may still give the domain
    }
    return AccountMatchKey.of(name, address, website);
  }
}
