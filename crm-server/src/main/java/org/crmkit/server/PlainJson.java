package org.crmkit.server;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.json.CrmDocuments;

/**
 * The home page and the dashboard as plain JSON trees, following the rules of docs/API.md: crmkit's documented
 * types through crm-json (the report results they hold are crm-json's ReportResult documents), money as a decimal
 * string with its currency, numbers with a fraction as decimal strings, dates ISO-8601, enums by name, records as
 * objects of their components. crm-json has no documents of the home page and dashboard records yet; this is the
 * example server's stand-in until it does. Report results themselves are answered as crm-json documents.
 */
final class PlainJson {
  private final CrmDocuments documents;

  PlainJson(CrmDocuments documents) {
    this.documents = documents;
  }

  Object tree(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
      return value.toString();
    }
    if (value instanceof Currency c) {
      return c.getCurrencyCode();
    }
    if (value instanceof Optional<?> o) {
      return tree(o.orElse(null));
    }
    for (Class<?> type : documents.writableTypes()) {
      if (type.isInstance(value)) {
        return documents.write(value);
      }
    }
    if (value instanceof Collection<?> c) {
      List<Object> list = new ArrayList<>();
      c.forEach(v -> list.add(tree(v)));
      return list;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> map = new LinkedHashMap<>();
      m.forEach((k, v) -> map.put(String.valueOf(tree(k)), tree(v)));
      return map;
    }
    if (value.getClass().isRecord()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        try {
          Object v = rc.getAccessor().invoke(value);
          if (v != null) {
            map.put(rc.getName(), tree(v));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + rc.getName() + " of " + value.getClass().getSimpleName(), e);
        }
      }
      return map;
    }
    return value.toString();
  }
}
