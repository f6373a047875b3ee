package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.crmkit.shared.Limits;

/**
 * Row of {@code crm_record_value}: one segment value or custom field value of a record, typed, so that reports
 * filter and group on it in SQL with an index (migration V9). Written only by {@link RecordValues}.
 */
@Entity(name = "CrmRecordValue")
@Table(name = "crm_record_value")
@IdClass(RecordValueEntity.Key.class)
public class RecordValueEntity {
  /** Characters of {@code text_key}, the indexed prefix of {@code text_value}. */
  static final int TEXT_KEY = 200;

  @Id
  @Column(name = "tenant_id", length = Limits.TENANT_ID, nullable = false)
  String tenantId;

  @Id
  @Column(name = "record_id", nullable = false)
  UUID recordId;

  @Id
  @Column(name = "name", length = 80, nullable = false)
  String name;

  @Column(name = "record_type", length = 20, nullable = false)
  String recordType;

  @Column(name = "text_value", length = Limits.CUSTOM_TEXT)
  String textValue;

  @Column(name = "text_key", length = TEXT_KEY)
  String textKey;

  @Column(name = "number_value", precision = 76, scale = 38)
  BigDecimal numberValue;

  @Column(name = "date_value")
  LocalDate dateValue;

  @Column(name = "bool_value")
  Boolean boolValue;

  public RecordValueEntity() {}

  /** @return the indexed prefix of a text value */
  static String textKey(String text) {
    return text == null ? null : AccountMatchColumns.fit(text, TEXT_KEY);
  }

  /** The composite key (tenant, record, name). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String tenantId;
    UUID recordId;
    String name;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(recordId, k.recordId)
          && Objects.equals(name, k.name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, recordId, name);
    }
  }
}
