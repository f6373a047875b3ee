package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.crmkit.report.AggregateQuery;
import org.crmkit.report.DetailQuery;
import org.crmkit.report.ReportCondition;
import org.crmkit.report.ReportField;
import org.crmkit.report.ReportMeasure;
import org.crmkit.report.ReportRepository;
import org.crmkit.report.ReportSource;
import org.crmkit.report.ValueType;
import org.crmkit.shared.Money;
import org.crmkit.shared.Visibility;

/**
 * {@link ReportRepository} as one JPQL statement per call: the database filters, joins (the linked account, one
 * {@code crm_record_value} row per segment or custom field used), groups and aggregates; only one row per group
 * comes back. Field names come only from the core's whitelist ({@link ReportField}, mapped to paths here), and every
 * value is a bound parameter, so a definition cannot inject SQL.
 */
public final class JpaReports implements ReportRepository {
  /** The SQL {@code ROUND} scale of {@code amount * percent} per currency decimals (weighted amounts, per row). */
  private static final Map<Integer, Set<String>> CURRENCIES_BY_DIGITS = new TreeMap<>();

  static {
    for (Currency c : Currency.getAvailableCurrencies()) {
      int digits = Money.fractionDigits(c);
      if (digits != 2) {
        CURRENCIES_BY_DIGITS.computeIfAbsent(digits, d -> new TreeSet<>()).add(c.getCurrencyCode());
      }
    }
  }

  /** Ids are reported as text; an equality filter on one compares the UUID column itself (see condition). */
  private static final String ID = "cast(";

  private final EntityManagers ems;

  public JpaReports(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  /** One statement under construction: joins, conditions and parameters. */
  private final class Statement {
    final ReportSource source;
    final Map<String, String> valueJoins = new LinkedHashMap<>();
    boolean accountJoin;
    final List<String> where = new ArrayList<>();
    final Map<String, Object> parameters = new HashMap<>();

    Statement(ReportSource source) {
      this.source = source;
    }

    String parameter(Object value) {
      String name = "p" + parameters.size();
      parameters.put(name, value);
      return ":" + name;
    }

    /** The JPQL path of a whitelisted field; adds the joins it needs. */
    String path(ReportField f) {
      switch (f.kind()) {
        case ACCOUNT:
          accountJoin = true;
          return "a." + (f.key().equals("owner") ? "ownerId" : f.key());
        case SEGMENT:
        case CUSTOM: {
          String alias = valueJoins.computeIfAbsent(f.name(), n -> "v" + valueJoins.size());
          switch (f.type()) {
            case DECIMAL:
              return alias + ".numberValue";
            case DATE:
              return alias + ".dateValue";
            case BOOLEAN:
              return alias + ".boolValue";
            default:
              return alias + ".textValue";
          }
        }
        default:
          return standard(source, f.key());
      }
    }

    String from() {
      StringBuilder from = new StringBuilder();
      switch (source) {
        case OPPORTUNITIES:
          from.append(" from CrmOpportunity o");
          break;
        case LEADS:
          from.append(" from CrmLead o");
          break;
        case ACCOUNTS:
          from.append(" from CrmAccount o");
          break;
        case CONTACTS:
          from.append(" from CrmContact o");
          break;
        case STAGE_HISTORY:
          from.append(" from CrmStageHistory h join CrmOpportunity o on o.tenantId = h.tenantId"
              + " and o.id = h.opportunityId");
          break;
        case FORECAST_LINES:
          from.append(" from CrmOpportunity o join CrmBillingForecast f on f.tenantId = o.tenantId and f.id = o.id"
              + " join f.lines l");
          break;
        default:
          throw new AssertionError(source);
      }
      if (accountJoin) {
        from.append(" left join CrmAccount a on a.tenantId = o.tenantId and a.id = o.accountId");
      }
      String recordType = recordType(source);
      valueJoins.forEach((name, alias) -> from.append(" left join CrmRecordValue ").append(alias)
          .append(" on ").append(alias).append(".tenantId = o.tenantId and ").append(alias)
          .append(".recordId = o.id and ").append(alias).append(".recordType = '").append(recordType)
          .append("' and ").append(alias).append(".name = ").append(parameter(name)));
      return from.toString();
    }

    void conditions(List<ReportCondition> conditions, Visibility visible) {
      // The unit of work's tenant first: every index the reads use leads with tenant_id.
      where.add((source == ReportSource.STAGE_HISTORY ? "h" : "o") + ".tenantId = " + parameter(
          ems.tenant().value()));
      if (visible instanceof Visibility.Owners owners) {
        if (owners.isEmpty()) {
          where.add("1 = 0");
        } else {
          where.add(standard(source, "owner") + " in " + parameter(Where.owners(owners)));
        }
      }
      for (ReportCondition c : conditions) {
        where.add(condition(c));
      }
    }

    private String condition(ReportCondition c) {
      String path = path(c.field());
      if (path.startsWith(ID) && (c.comparison() == org.crmkit.report.Comparison.EQ
          || c.comparison() == org.crmkit.report.Comparison.IN)) {
        // An id: compare the UUID column (indexed) with UUID parameters; text that is no UUID matches nothing.
        String column = path.substring(ID.length(), path.indexOf(" as String)"));
        List<java.util.UUID> ids = new ArrayList<>();
        for (Object v : c.values()) {
          try {
            java.util.UUID id = java.util.UUID.fromString((String) v);
            if (id.toString().equals(v)) { // only the canonical text equals the reported id, as in memory
              ids.add(id);
            }
          } catch (IllegalArgumentException e) {
            // not an id: matches no row
          }
        }
        return ids.isEmpty() ? "1 = 0" : column + " in " + parameter(ids);
      }
      boolean valueText = (c.field().kind() == ReportField.Kind.SEGMENT || c.field().kind() == ReportField.Kind.CUSTOM)
          && c.field().type() == ValueType.TEXT;
      String keyPath = valueText ? path.replace(".textValue", ".textKey") : null;
      switch (c.comparison()) {
        case IS_NULL:
          return path + " is null";
        case NOT_NULL:
          return path + " is not null";
        case CONTAINS:
          return "lower(" + path + ") like " + parameter(Where.likeContains((String) c.value())) + " escape '\\'";
        case STARTS_WITH: {
          String like = Where.likeContains((String) c.value());
          return "lower(" + path + ") like " + parameter(like.substring(1)) + " escape '\\'";
        }
        case IN: {
          List<Object> values = c.values().stream().map(v -> bindable(c.field(), v)).toList();
          String in = path + " in " + parameter(values);
          if (keyPath != null) {
            in = keyPath + " in " + parameter(values.stream().map(v -> RecordValueEntity.textKey((String) v))
                .distinct().toList()) + " and " + in;
          }
          return in;
        }
        default:
          break;
      }
      String op;
      switch (c.comparison()) {
        case EQ:
          op = " = ";
          break;
        case NE:
          op = " <> ";
          break;
        case LT:
          op = " < ";
          break;
        case LE:
          op = " <= ";
          break;
        case GT:
          op = " > ";
          break;
        case GE:
          op = " >= ";
          break;
        default:
          throw new AssertionError(c);
      }
      String sql = path + op + parameter(bindable(c.field(), c.value()));
      if (keyPath != null && c.comparison() == org.crmkit.report.Comparison.EQ) {
        sql = keyPath + " = " + parameter(RecordValueEntity.textKey((String) c.value())) + " and " + sql;
      }
      return sql;
    }

    String whereClause() {
      return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    <T> TypedQuery<T> bind(TypedQuery<T> query) {
      parameters.forEach(query::setParameter);
      return query;
    }
  }

  /** Probability is an INTEGER column: bind whole numbers as Integer. */
  private static Object bindable(ReportField f, Object value) {
    if (f.key().equals("probability") && value instanceof Long l) {
      return l.intValue() == l ? (Object) l.intValue() : l;
    }
    return value;
  }

  private static String recordType(ReportSource source) {
    switch (source) {
      case LEADS:
        return "LEAD";
      case ACCOUNTS:
        return "ACCOUNT";
      case CONTACTS:
        return "CONTACT";
      default:
        return "OPPORTUNITY";
    }
  }

  /** The JPQL path of a standard field (whitelisted names only; anything else is a programming error). */
  private static String standard(ReportSource source, String key) {
    switch (source) {
      case OPPORTUNITIES:
        switch (key) {
          case "owner":
            return "o.ownerId";
          case "amount":
            return "o.money.amount";
          case "currency":
            return "o.money.currency";
          case "createdAt":
            return "o.audit.createdAt";
          case "updatedAt":
            return "o.audit.updatedAt";
          case "accountId":
            return ID + "o.accountId as String)";
          case "name":
          case "stage":
          case "probability":
          case "closeDate":
          case "leadSource":
          case "lostReason":
            return "o." + key;
          default:
            break;
        }
        break;
      case LEADS:
        switch (key) {
          case "owner":
            return "o.lead.ownerId";
          case "firstName":
          case "lastName":
          case "company":
          case "email":
          case "leadSource":
          case "industry":
          case "status":
          case "createdAt":
          case "convertedAt":
            return "o.lead." + key;
          default:
            break;
        }
        break;
      case ACCOUNTS:
        switch (key) {
          case "owner":
            return "o.ownerId";
          case "createdAt":
            return "o.audit.createdAt";
          case "name":
          case "website":
          case "industry":
          case "city":
          case "country":
            return "o." + key;
          default:
            break;
        }
        break;
      case CONTACTS:
        switch (key) {
          case "owner":
            return "o.ownerId";
          case "createdAt":
            return "o.audit.createdAt";
          case "accountId":
            return ID + "o.accountId as String)";
          case "firstName":
          case "lastName":
          case "email":
          case "title":
            return "o." + key;
          default:
            break;
        }
        break;
      case STAGE_HISTORY:
        switch (key) {
          case "owner":
            return "o.ownerId";
          case "amount":
            return "h.money.amount";
          case "currency":
            return "h.money.currency";
          case "opportunityId":
            return ID + "h.opportunityId as String)";
          case "stage":
          case "previousStage":
          case "probability":
          case "closeDate":
          case "changedBy":
          case "changedAt":
          case "version":
            return "h." + key;
          default:
            break;
        }
        break;
      case FORECAST_LINES:
        switch (key) {
          case "month":
            return "l.month";
          case "amount":
            return "l.money.amount";
          case "currency":
            return "l.money.currency";
          case "opportunityId":
            return ID + "o.id as String)";
          case "owner":
            return "o.ownerId";
          case "stage":
          case "probability":
          case "closeDate":
          case "leadSource":
            return "o." + key;
          default:
            break;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException("no report field '" + key + "' on " + source);
  }

  /** Stable order of detail rows after the sort keys, as the in-memory adapter orders them. */
  private static String tieBreak(ReportSource source) {
    switch (source) {
      case LEADS:
        return "o.lead.createdAt, o.id";
      case STAGE_HISTORY:
        return "h.changedAt, h.id";
      case FORECAST_LINES:
        return "l.month, o.id";
      default:
        return "o.audit.createdAt, o.id";
    }
  }

  @Override
  public List<List<Object>> aggregate(AggregateQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visible, "visible");
    ems.persistDeferred(); // stage history appended in this unit of work is part of the answer
    Statement s = new Statement(q.source());
    List<String> keys = new ArrayList<>();
    for (ReportField k : q.keys()) {
      keys.add(s.path(k));
    }
    List<String> select = new ArrayList<>(keys);
    for (ReportMeasure m : q.measures()) {
      select.add(measure(s, m));
    }
    s.conditions(q.conditions(), visible);
    String jpql = "select " + String.join(", ", select) + s.from() + s.whereClause()
        + (keys.isEmpty() ? "" : " group by " + String.join(", ", keys));
    try {
      List<Object[]> rows = s.bind(ems.current().createQuery(jpql, Object[].class))
          .setMaxResults(q.maxRows() + 1).getResultList();
      List<List<Object>> out = new ArrayList<>(rows.size());
      for (Object[] row : rows) {
        List<Object> values = new ArrayList<>(row.length);
        for (int i = 0; i < row.length; i++) {
          Object v = row[i];
          int m = i - keys.size();
          if (m >= 0 && q.measures().get(m).kind() == ReportMeasure.Kind.SUM_WEIGHTED && v != null) {
            v = decimal(v).movePointLeft(2);
          }
          values.add(v);
        }
        out.add(values);
      }
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private String measure(Statement s, ReportMeasure m) {
    switch (m.kind()) {
      case COUNT:
        return "count(*)";
      case COUNT_VALUES:
        return "count(" + s.path(m.field()) + ")";
      case SUM:
        return "sum(" + s.path(m.field()) + ")";
      case MIN:
        return "min(" + s.path(m.field()) + ")";
      case MAX:
        return "max(" + s.path(m.field()) + ")";
      case COUNT_DISTINCT:
        return "count(distinct " + s.path(m.field()) + ")";
      case SUM_WEIGHTED: {
        // round(amount * percent, digits - 2) / 100 is the amount weighted and rounded half up to the currency's
        // decimals (ROUND rounds half up; amounts are never negative); the division by 100 happens in Java.
        String amount = standard(s.source, "amount");
        String product = amount + " * " + standard(s.source, "probability");
        String currency = standard(s.source, "currency");
        StringBuilder c = new StringBuilder("sum(case");
        CURRENCIES_BY_DIGITS.forEach((digits, codes) -> c.append(" when ").append(currency).append(" in ")
            .append(s.parameter(List.copyOf(codes))).append(" then round(").append(product).append(", ")
            .append(digits - 2).append(")"));
        return c.append(" else round(").append(product).append(", 0) end)").toString();
      }
      default:
        throw new AssertionError(m);
    }
  }

  @Override
  public DetailRows details(DetailQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visible, "visible");
    ems.persistDeferred(); // stage history appended in this unit of work is part of the answer
    Statement s = new Statement(q.source());
    List<String> select = new ArrayList<>();
    for (ReportField f : q.columns()) {
      select.add(s.path(f));
      if (f.type() == ValueType.MONEY) {
        select.add(standard(q.source(), "currency"));
      }
    }
    List<String> order = new ArrayList<>();
    for (DetailQuery.SortKey k : q.sorts()) {
      order.add(s.path(k.field()) + (k.descending() ? " desc" : " asc") + " nulls last");
    }
    order.add(tieBreak(q.source()));
    s.conditions(q.conditions(), visible);
    String from = s.from() + s.whereClause();
    try {
      List<Object[]> rows = q.offset() > Integer.MAX_VALUE ? List.of()
          : s.bind(ems.current().createQuery("select " + String.join(", ", select) + from + " order by "
              + String.join(", ", order), Object[].class))
              .setFirstResult((int) q.offset()).setMaxResults(q.limit()).getResultList();
      long total;
      if (rows.size() < q.limit() && (!rows.isEmpty() || q.offset() == 0)) {
        total = q.offset() + rows.size();
      } else {
        total = s.bind(ems.current().createQuery("select count(*)" + from, Long.class)).getSingleResult();
      }
      List<List<Object>> out = new ArrayList<>(rows.size());
      for (Object[] row : rows) {
        List<Object> values = new ArrayList<>(q.columns().size());
        int i = 0;
        for (ReportField f : q.columns()) {
          Object v = row[i++];
          if (f.type() == ValueType.MONEY) {
            String currency = (String) row[i++];
            v = v == null ? null : Money.rounded(decimal(v), Currency.getInstance(currency));
          }
          values.add(v);
        }
        out.add(values);
      }
      return new DetailRows(out, total);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
  }
}
