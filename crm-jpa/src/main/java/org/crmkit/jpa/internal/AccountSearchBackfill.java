package org.crmkit.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.crmkit.shared.Text;

/**
 * Fills {@code crm_account.name_folded} ({@link Text#fold} of the name, added by migration V6) for rows written
 * before it. Folding is Unicode work that portable SQL cannot do, so it runs in Java right after the migrations,
 * in batches, each its own transaction; it never touches an account's version. Idempotent.
 */
public final class AccountSearchBackfill {
  private static final int BATCH = 500;
  private static final String SELECT = "select id, name from crm_account where name_folded is null order by id"
      + " fetch first " + BATCH + " rows only";
  private static final String UPDATE = "update crm_account set name_folded = ? where id = ? and name = ?"
      + " and name_folded is null";

  private AccountSearchBackfill() {}

  /**
   * @param dataSource the migrated database; never null
   * @return how many accounts got their folded name now
   * @throws SQLException when the database fails
   */
  public static int run(DataSource dataSource) throws SQLException {
    int total = 0;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        while (true) {
          List<String[]> rows = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(SELECT); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows.add(new String[] {rs.getObject(1, UUID.class).toString(), rs.getString(2)});
            }
          }
          int updated = 0;
          if (!rows.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(UPDATE)) {
              for (String[] row : rows) {
                s.setString(1, AccountMatchColumns.fit(Text.fold(row[1]), AccountEntity.FOLDED_NAME_LENGTH));
                s.setObject(2, UUID.fromString(row[0]));
                s.setString(3, row[1]);
                s.addBatch();
              }
              for (int count : s.executeBatch()) {
                updated += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
              }
            }
          }
          c.commit();
          total += updated;
          if (rows.size() < BATCH || updated == 0) {
            return total;
          }
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }
}
