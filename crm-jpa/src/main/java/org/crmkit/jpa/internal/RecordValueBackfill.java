package org.crmkit.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.Segments;

/**
 * Fills {@code crm_record_value} (migration V9) from the encoded {@code segments} and {@code custom_fields} text of
 * leads, accounts, contacts and opportunities written before it: decoding that text is Java work, so it runs right
 * after the migrations, in batches, touching no record's version. Idempotent: a record that has rows already is
 * left alone (every save since V9 writes them).
 */
public final class RecordValueBackfill {
  private static final String[][] TABLES = {
    {"crm_lead", "LEAD", "null"},
    {"crm_account", "ACCOUNT", "segments"},
    {"crm_contact", "CONTACT", "null"},
    {"crm_opportunity", "OPPORTUNITY", "segments"},
  };
  private static final String INSERT = "insert into crm_record_value (tenant_id, record_type, record_id, name,"
      + " text_value, text_key, number_value, date_value, bool_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private RecordValueBackfill() {}

  /**
   * @param dataSource the migrated database; never null
   * @return how many value rows were written now
   * @throws SQLException when the database fails
   */
  public static int run(DataSource dataSource) throws SQLException {
    int total = 0;
    for (String[] table : TABLES) {
      total += BatchBackfill.run(dataSource, c -> batch(c, table[0], table[1], table[2]));
    }
    return total;
  }

  private static int[] batch(Connection c, String table, String recordType, String segmentsColumn)
      throws SQLException {
    String select = "select r.id, r.tenant_id, " + segmentsColumn + ", r.custom_fields from " + table + " r"
        + " where (" + (segmentsColumn.equals("null") ? "" : "r.segments is not null or ")
        + "r.custom_fields is not null)"
        + " and not exists (select 1 from crm_record_value v where v.tenant_id = r.tenant_id and v.record_id = r.id)"
        + " order by r.id fetch first " + BatchBackfill.BATCH + " rows only";
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(select); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)});
      }
    }
    if (rows.isEmpty()) {
      return new int[] {0, 0};
    }
    int records = 0;
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      for (Object[] row : rows) {
        List<RecordValueEntity> values = new ArrayList<>();
        Segments segments = TextCodec.decodeSegments((String) row[2]);
        segments.values().forEach((k, v) -> {
          RecordValueEntity e = new RecordValueEntity();
          e.name = "segment." + k;
          e.textValue = v;
          e.textKey = RecordValueEntity.textKey(v);
          values.add(e);
        });
        CustomFields custom = TextCodec.decodeCustomFields((String) row[3]);
        custom.values().forEach((k, v) -> {
          RecordValueEntity e = new RecordValueEntity();
          e.name = "custom." + k;
          RecordValues.fill(e, v);
          values.add(e);
        });
        for (RecordValueEntity e : values) {
          s.setString(1, (String) row[1]);
          s.setString(2, recordType);
          s.setObject(3, row[0]);
          s.setString(4, e.name);
          s.setString(5, e.textValue);
          s.setString(6, e.textKey);
          if (e.numberValue == null) {
            s.setNull(7, Types.NUMERIC);
          } else {
            s.setBigDecimal(7, e.numberValue);
          }
          if (e.dateValue == null) {
            s.setNull(8, Types.DATE);
          } else {
            s.setObject(8, e.dateValue);
          }
          if (e.boolValue == null) {
            s.setNull(9, Types.BOOLEAN);
          } else {
            s.setBoolean(9, e.boolValue);
          }
          s.addBatch();
        }
        records += values.isEmpty() ? 0 : 1;
      }
      BatchBackfill.written(s);
    }
    // Rows read, and records given values (a record whose text decodes to nothing stops the loop: none are left)
    return new int[] {rows.size(), records};
  }
}
