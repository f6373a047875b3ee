package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;

/**
 * Keeps {@code crm_record_value} in step with a record's segments and custom fields: the repositories call it in
 * the save's transaction. A new record only inserts; a changed record updates, inserts and deletes only the rows
 * that differ (no delete-and-insert of the same key, which the persistence context would refuse).
 */
final class RecordValues {
  private RecordValues() {}

  /**
   * @param ems the unit of work (its entity manager and tenant)
   * @param type the record's type
   * @param id the record's id
   * @param created true when the save inserted the record (no rows can exist yet)
   * @param segments its segments, or null for a type without segments
   * @param customFields its custom fields
   */
  static void write(EntityManagers ems, RecordType type, UUID id, boolean created, Segments segments,
      CustomFields customFields) {
    Map<String, RecordValueEntity> wanted = new LinkedHashMap<>();
    String tenant = ems.tenant().value();
    if (segments != null) {
      segments.values().forEach((k, v) -> {
        RecordValueEntity e = row(tenant, type, id, "segment." + k);
        wanted.put(e.name, e);
        e.textValue = v;
        e.textKey = RecordValueEntity.textKey(v);
      });
    }
    customFields.values().forEach((k, v) -> {
      RecordValueEntity e = row(tenant, type, id, "custom." + k);
      fill(e, v);
      wanted.put(e.name, e);
    });
    EntityManager em = ems.current();
    if (created) {
      ems.writes(RecordValueEntity.class, wanted.size());
      wanted.values().forEach(em::persist);
      return;
    }
    Map<String, RecordValueEntity> stored = new HashMap<>();
    for (RecordValueEntity e : em.createQuery("select v from CrmRecordValue v where v.tenantId = :t"
        + " and v.recordId = :id", RecordValueEntity.class).setParameter("t", tenant).setParameter("id", id)
        .getResultList()) {
      stored.put(e.name, e);
    }
    int rows = stored.size(); // at most: every stored row is kept unchanged, changed or deleted
    for (RecordValueEntity w : wanted.values()) {
      if (!stored.containsKey(w.name)) {
        rows++;
      }
    }
    ems.writes(RecordValueEntity.class, rows);
    for (RecordValueEntity w : wanted.values()) {
      RecordValueEntity s = stored.remove(w.name);
      if (s == null) {
        em.persist(w);
      } else if (!same(s, w)) {
        s.textValue = w.textValue;
        s.textKey = w.textKey;
        s.numberValue = w.numberValue;
        s.dateValue = w.dateValue;
        s.boolValue = w.boolValue;
      }
    }
    stored.values().forEach(em::remove);
  }

  /**
   * Whether a save would leave the record's segments and custom fields as stored: then its rows stay as they are
   * and no statement is needed. Reads the entity through the persistence context, which the save itself reads next
   * (so this adds no statement).
   *
   * @param created true when the save inserts the record
   * @return true when the stored encoded texts equal the new ones
   */
  static <E> boolean unchanged(EntityManagers ems, Class<E> type, UUID id, boolean created,
      java.util.function.Function<E, String> storedSegments, java.util.function.Function<E, String> storedCustom,
      String segments, String customFields) {
    if (created) {
      return false;
    }
    E stored = ems.current().find(type, id);
    return stored != null && Objects.equals(storedSegments.apply(stored), segments)
        && Objects.equals(storedCustom.apply(stored), customFields);
  }

  /** Deletes every row of a deleted record. */
  static void delete(EntityManagers ems, UUID id) {
    ems.current().createQuery("delete from CrmRecordValue v where v.tenantId = :t and v.recordId = :id")
        .setParameter("t", ems.tenant().value()).setParameter("id", id).executeUpdate();
  }

  private static RecordValueEntity row(String tenant, RecordType type, UUID id, String name) {
    RecordValueEntity e = new RecordValueEntity();
    e.tenantId = tenant;
    e.recordType = type.name();
    e.recordId = id;
    e.name = name;
    return e;
  }

  /** Sets the typed columns of one custom value (also used by the backfill). */
  static void fill(RecordValueEntity e, CustomValue v) {
    if (v instanceof CustomValue.NumberValue n) {
      e.numberValue = n.value();
    } else if (v instanceof CustomValue.MoneyValue m) {
      e.numberValue = m.value().amount();
      e.textValue = m.value().currencyCode();
    } else if (v instanceof CustomValue.DateValue d) {
      e.dateValue = d.value();
    } else if (v instanceof CustomValue.BooleanValue b) {
      e.boolValue = b.value();
    } else {
      e.textValue = v.asText();
    }
    e.textKey = RecordValueEntity.textKey(e.textValue);
  }

  private static boolean same(RecordValueEntity a, RecordValueEntity b) {
    return Objects.equals(a.textValue, b.textValue)
        && (a.numberValue == null ? b.numberValue == null
            : b.numberValue != null && a.numberValue.compareTo(b.numberValue) == 0)
        && Objects.equals(a.dateValue, b.dateValue) && Objects.equals(a.boolValue, b.boolValue);
  }
}
