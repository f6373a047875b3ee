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
 * in batches; it never touches an account's version. Idempotent.
 */
public final class AccountSearchBackfill {
  private static final String SELECT = "select id, name from crm_account where name_folded is null order by id"
      + " fetch first " + BatchBackfill.BATCH + " rows only";
  private static final String UPDATE = "update crm_account set name_folded = ? where id = ? and name = ?"
      + " and name_folded is null";

  private AccountSearchBackfill() {}

  /**
   * @param dataSource the migrated database; never null
   * @return how many accounts got their folded name now
   * @throws SQLException when the database fails
   */
  public static int run(DataSource dataSource) throws SQLException {
    return BatchBackfill.run(dataSource, AccountSearchBackfill::batch);
  }

  private static int[] batch(Connection c) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SELECT); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2)});
      }
    }
    if (rows.isEmpty()) {
      return new int[] {0, 0};
    }
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      for (Object[] row : rows) {
        String name = (String) row[1];
        s.setString(1, AccountMatchColumns.fit(Text.fold(name), AccountEntity.FOLDED_NAME_LENGTH));
        s.setObject(2, row[0]);
        s.setString(3, name);
        s.addBatch();
      }
      return new int[] {rows.size(), BatchBackfill.written(s)};
    }
  }
}
