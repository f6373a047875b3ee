package org.crmkit.inmemory.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.report.AggregateQuery;
import org.crmkit.report.DetailQuery;
import org.crmkit.report.ReportCondition;
import org.crmkit.report.ReportField;
import org.crmkit.report.ReportMeasure;
import org.crmkit.report.ReportRepository;
import org.crmkit.report.ReportSource;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/**
 * {@link ReportRepository} in one pass over the rows the unit of work sees: each row is read once, checked against
 * the conditions and the visibility, and added to its group's accumulators. Values follow the same conventions as
 * crm-jpa's SQL (amounts compared and summed by their decimal, text compared exactly, {@code contains} on lower
 * case, weighted amounts rounded per row half up), so both adapters give the same results.
 */
public final class InMemoryReports implements ReportRepository {
  private static final Comparator<UUID> UNSIGNED = (a, b) -> {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  };

  private final java.util.function.Supplier<Tables> tables;
  /** The report columns of each tenant's opportunity table, made on its first report. */
  private final Map<Table<OpportunityId, OpportunitySnapshot>, OpportunityColumns> opportunityColumns =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** How many aggregates the columns answered (tests check that the columns are read at all). */
  final java.util.concurrent.atomic.AtomicLong columnAggregates = new java.util.concurrent.atomic.AtomicLong();

  /**
   * The tables of one tenant that reports read.
   *
   * @param opportunities opportunities
   * @param leads leads
   * @param accounts accounts
   * @param contacts contacts
   * @param history the stage history
   * @param forecasts billing forecasts
   */
  public record Tables(
      Table<OpportunityId, OpportunitySnapshot> opportunities,
      Table<?, LeadSnapshot> leads,
      Table<AccountId, AccountSnapshot> accounts,
      Table<?, ContactSnapshot> contacts,
      AppendOnlyLog<StageHistoryEntry> history,
      Table<OpportunityId, BillingForecastSnapshot> forecasts) {}

  /** @param tables the current unit of work's tenant's tables, asked for on every read */
  public InMemoryReports(java.util.function.Supplier<Tables> tables) {
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  /** One source row as the report sees it: its owner, its values, and its order for detail pages. */
  interface Row {
    UserId owner();

    /** The value of {@code field} (slow path: a look-up by name; reports use {@link #getter} per query). */
    Object get(ReportField field);

    /** The stable order of detail rows after the sort keys. */
    Comparable<?> created();

    UUID id();
  }


  /**
   * The value of {@code field} of a row, resolved once per query: standard fields by name now, so that the scan
   * does no look-up by name per row.
   */
  static java.util.function.Function<Row, Object> getter(ReportSource source, ReportField field) {
    java.util.function.Function<Row, Object> standard = STANDARD.get(source).get(field.name());
    return standard != null ? standard : r -> r.get(field);
  }

  private static final Map<ReportSource, Map<String, java.util.function.Function<Row, Object>>> STANDARD =
      new java.util.EnumMap<>(ReportSource.class);

  static {
    Map<String, java.util.function.Function<Row, Object>> o = new HashMap<>();
    o.put("name", r -> ((OpportunityRow) r).o().name());
    o.put("owner", r -> ((OpportunityRow) r).o().owner().value());
    o.put("stage", r -> ((OpportunityRow) r).o().stage());
    o.put("amount", r -> ((OpportunityRow) r).o().amount());
    o.put("currency", r -> currency(((OpportunityRow) r).o().amount()));
    o.put("probability", r -> percent(((OpportunityRow) r).o().probability()));
    o.put("closeDate", r -> ((OpportunityRow) r).o().closeDate());
    o.put("leadSource", r -> ((OpportunityRow) r).o().leadSource());
    STANDARD.put(ReportSource.OPPORTUNITIES, o);
    Map<String, java.util.function.Function<Row, Object>> h = new HashMap<>();
    h.put("stage", r -> ((HistoryRow) r).e().stage());
    h.put("amount", r -> ((HistoryRow) r).e().amount());
    h.put("currency", r -> currency(((HistoryRow) r).e().amount()));
    h.put("probability", r -> percent(((HistoryRow) r).e().probability()));
    h.put("closeDate", r -> ((HistoryRow) r).e().closeDate());
    STANDARD.put(ReportSource.STAGE_HISTORY, h);
    Map<String, java.util.function.Function<Row, Object>> l = new HashMap<>();
    l.put("month", r -> ((LineRow) r).line().month().atDay(1));
    l.put("amount", r -> ((LineRow) r).line().amount());
    l.put("currency", r -> currency(((LineRow) r).line().amount()));
    l.put("stage", r -> ((LineRow) r).o().stage());
    l.put("probability", r -> percent(((LineRow) r).o().probability()));
    STANDARD.put(ReportSource.FORECAST_LINES, l);
    STANDARD.put(ReportSource.LEADS, Map.of("status", r -> ((LeadRow) r).l().status(),
        "leadSource", r -> ((LeadRow) r).l().details().leadSource()));
    STANDARD.put(ReportSource.ACCOUNTS, Map.of());
    STANDARD.put(ReportSource.CONTACTS, Map.of());
  }

  /** A condition as a predicate on a row, its field resolved once. */
  private static java.util.function.Predicate<Row> predicate(ReportSource source, ReportCondition c) {
    java.util.function.Function<Row, Object> get = getter(source, c.field());
    return r -> matches(get.apply(r), c);
  }

  /** A group key: the value itself for one key (no list per row), a list for more. */
  private static Object groupKey(List<java.util.function.Function<Row, Object>> keys, Row row) {
    if (keys.size() == 1) {
      Object v = keys.get(0).apply(row);
      return v == null ? NULL_KEY : v;
    }
    List<Object> key = new ArrayList<>(keys.size());
    for (java.util.function.Function<Row, Object> k : keys) {
      key.add(k.apply(row));
    }
    return key;
  }

  private static final Object NULL_KEY = new Object();

  @Override
  public List<List<Object>> aggregate(AggregateQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visible, "visible");
    if (q.source() == ReportSource.OPPORTUNITIES) {
      List<List<Object>> fromColumns = aggregateColumns(q, visible);
      if (fromColumns != null) {
        columnAggregates.incrementAndGet();
        return fromColumns;
      }
    }
    Map<Object, Object[]> groups = new LinkedHashMap<>();
    List<ReportMeasure> measures = q.measures();
    boolean weighted = measures.stream().anyMatch(m -> m.kind() == ReportMeasure.Kind.SUM_WEIGHTED);
    List<java.util.function.Function<Row, Object>> keys = new ArrayList<>();
    q.keys().forEach(k -> keys.add(getter(q.source(), k)));
    List<java.util.function.Function<Row, Object>> inputs = new ArrayList<>();
    measures.forEach(m -> inputs.add(m.field() == null ? r -> null : getter(q.source(), m.field())));
    java.util.function.Function<Row, Object> amount = weighted ? getter(q.source(), standard("amount")) : null;
    java.util.function.Function<Row, Object> probability =
        weighted ? getter(q.source(), standard("probability")) : null;
    boolean[] full = {false};
    scan(q.source(), q.conditions(), visible, needsAccounts(q.keys(), q.conditions(), measures), row -> {
      if (full[0]) {
        return;
      }
      Object key = groupKey(keys, row);
      Object[] acc = groups.get(key);
      if (acc == null) {
        if (groups.size() > q.maxRows()) {
          full[0] = true; // the caller refuses more than maxRows groups anyway
          return;
        }
        acc = new Object[measures.size()];
        groups.put(key, acc);
      }
      BigDecimal weight = weighted ? weigh((Money) amount.apply(row), (Long) probability.apply(row)) : null;
      for (int m = 0; m < acc.length; m++) {
        acc[m] = accumulate(measures.get(m), acc[m], inputs.get(m).apply(row), weight);
      }
    });
    List<List<Object>> out = new ArrayList<>(groups.size());
    groups.forEach((key, acc) -> {
      List<Object> r = new ArrayList<>(q.keys().size() + measures.size());
      if (q.keys().size() == 1) {
        r.add(key == NULL_KEY ? null : key);
      } else {
        r.addAll((List<?>) key);
      }
      for (int m = 0; m < measures.size(); m++) {
        r.add(result(measures.get(m), acc[m]));
      }
      out.add(r);
    });
    return out;
  }

  /**
   * The aggregate read from the opportunity columns ({@link OpportunityColumns}, built on the first report of a
   * tenant and kept in step at commit), when the unit of work has no opportunity rows of its own to merge.
   *
   * @return the rows, or null when the columns cannot answer (then the rows are scanned)
   */
  private List<List<Object>> aggregateColumns(AggregateQuery q, Visibility visible) {
    Tables tenant = tables.get();
    Table<OpportunityId, OpportunitySnapshot> table = tenant.opportunities();
    OpportunityColumns columns = opportunityColumns.computeIfAbsent(table, OpportunityColumns::of);
    Map<AccountId, AccountSnapshot> accountsById = new HashMap<>();
    if (needsAccounts(q.keys(), q.conditions(), q.measures())) {
      tenant.accounts().forEach(a -> accountsById.put(a.id(), a));
    }
    return table.readCommitted(() -> Optional.ofNullable(
        new ColumnAggregation(q, visible, columns, accountsById).run())).flatMap(r -> r).orElse(null);
  }

  /** The value of a measure in a result row from its accumulator ({@link #accumulate}). */
  static Object result(ReportMeasure measure, Object acc) {
    if (measure.kind() == ReportMeasure.Kind.COUNT_DISTINCT) {
      return acc == null ? 0L : (long) ((Set<?>) acc).size();
    }
    if (acc == null && (measure.kind() == ReportMeasure.Kind.COUNT
        || measure.kind() == ReportMeasure.Kind.COUNT_VALUES)) {
      return 0L;
    }
    return acc instanceof long[] n ? n[0] : acc;
  }

  /** The weighted amount of one row, rounded half up to its currency's decimals ({@link Money#percent}). */
  static BigDecimal weigh(Money amount, Long percent) {
    return amount == null ? null : amount.percent(Probability.of(percent.intValue())).amount();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object accumulate(ReportMeasure measure, Object acc, Object v, BigDecimal weight) {
    switch (measure.kind()) {
      case COUNT: {
        long[] n = acc == null ? new long[1] : (long[]) acc;
        n[0]++;
        return n;
      }
      case COUNT_VALUES: {
        long[] n = acc == null ? new long[1] : (long[]) acc;
        if (v != null) {
          n[0]++;
        }
        return n;
      }
      case SUM: {
        if (v == null) {
          return acc;
        }
        BigDecimal d = decimal(v);
        return acc == null ? d : ((BigDecimal) acc).add(d);
      }
      case MIN:
      case MAX: {
        if (v == null) {
          return acc;
        }
        Comparable c = (Comparable) (v instanceof Money m ? m.amount() : v);
        if (acc == null) {
          return c;
        }
        int r = c.compareTo(acc);
        return measure.kind() == ReportMeasure.Kind.MIN ? (r < 0 ? c : acc) : (r > 0 ? c : acc);
      }
      case SUM_WEIGHTED:
        if (weight == null) {
          return acc;
        }
        return acc == null ? weight : ((BigDecimal) acc).add(weight);
      case COUNT_DISTINCT: {
        Set<Object> seen = acc == null ? new HashSet<>() : (Set<Object>) acc;
        if (v != null) {
          seen.add(v instanceof BigDecimal b ? b.stripTrailingZeros() : v);
        }
        return seen;
      }
      default:
        throw new AssertionError(measure);
    }
  }

  private static ReportField standard(String name) {
    return new ReportField(name, org.crmkit.report.ValueType.TEXT, ReportField.Kind.STANDARD, name);
  }

  @Override
  public DetailRows details(DetailQuery q, Visibility visible) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visible, "visible");
    List<Row> rows = new ArrayList<>();
    scan(q.source(), q.conditions(), visible, needsAccounts(q.columns(), q.conditions(), List.of())
        || q.sorts().stream().anyMatch(k -> k.field().kind() == ReportField.Kind.ACCOUNT), rows::add);
    Comparator<Row> order = (a, b) -> 0;
    for (DetailQuery.SortKey s : q.sorts()) {
      order = order.thenComparing((a, b) -> compareNullsLast(a.get(s.field()), b.get(s.field()), s.descending()));
    }
    order = order.thenComparing((a, b) -> compareNullsLast(a.created(), b.created(), false))
        .thenComparing(Row::id, UNSIGNED);
    rows.sort(order);
    List<List<Object>> page = new ArrayList<>();
    long from = Math.min(rows.size(), q.offset());
    for (long i = from; i < rows.size() && page.size() < q.limit(); i++) {
      Row row = rows.get((int) i);
      List<Object> values = new ArrayList<>(q.columns().size());
      for (ReportField f : q.columns()) {
        values.add(row.get(f));
      }
      page.add(values);
    }
    return new DetailRows(page, rows.size());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareNullsLast(Object a, Object b, boolean descending) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? 1 : -1;
    }
    Object x = a instanceof Money m ? m.amount() : a;
    Object y = b instanceof Money m ? m.amount() : b;
    int r = ((Comparable) x).compareTo(y);
    return descending ? -r : r;
  }

  private static boolean needsAccounts(
      List<ReportField> fields, List<ReportCondition> conditions, List<ReportMeasure> measures) {
    return fields.stream().anyMatch(f -> f.kind() == ReportField.Kind.ACCOUNT)
        || conditions.stream().anyMatch(c -> c.field().kind() == ReportField.Kind.ACCOUNT)
        || measures.stream().anyMatch(m -> m.field() != null && m.field().kind() == ReportField.Kind.ACCOUNT);
  }

  // ---- rows of each source

  /**
   * Visits the rows of {@code source} the unit of work sees that the actor may see and that meet every condition,
   * in one pass (the linked accounts and, for history and forecast lines, the opportunities looked up in maps built
   * first).
   */
  private void scan(ReportSource source, List<ReportCondition> conditions, Visibility visible, boolean withAccounts,
      java.util.function.Consumer<Row> visitor) {
    Tables tenant = tables.get();
    Table<OpportunityId, OpportunitySnapshot> opportunities = tenant.opportunities();
    Table<AccountId, AccountSnapshot> accounts = tenant.accounts();
    Map<AccountId, AccountSnapshot> accountsById = new HashMap<>();
    if (withAccounts) {
      accounts.forEach(a -> accountsById.put(a.id(), a));
    }
    Function<AccountId, AccountSnapshot> account = id -> id == null ? null : accountsById.get(id);
    List<java.util.function.Predicate<Row>> tests = new ArrayList<>();
    conditions.forEach(c -> tests.add(predicate(source, c)));
    java.util.function.Consumer<Row> filtered = row -> {
      if (!visible.admits(row.owner())) {
        return;
      }
      for (java.util.function.Predicate<Row> t : tests) {
        if (!t.test(row)) {
          return;
        }
      }
      visitor.accept(row);
    };
    switch (source) {
      case OPPORTUNITIES:
        opportunities.forEach(o -> filtered.accept(new OpportunityRow(o, account.apply(o.accountId()))));
        break;
      case LEADS:
        tenant.leads().forEach(l -> filtered.accept(new LeadRow(l)));
        break;
      case ACCOUNTS:
        accounts.forEach(a -> filtered.accept(new AccountRow(a)));
        break;
      case CONTACTS:
        tenant.contacts().forEach(c -> filtered.accept(new ContactRow(c, account.apply(c.accountId()))));
        break;
      case STAGE_HISTORY: {
        Map<OpportunityId, OpportunitySnapshot> byId = opportunitiesById(opportunities);
        for (StageHistoryEntry e : tenant.history().all()) {
          OpportunitySnapshot o = byId.get(e.opportunityId());
          if (o != null) { // the history of a deleted opportunity has no owner to be seen through
            filtered.accept(new HistoryRow(e, o));
          }
        }
        break;
      }
      case FORECAST_LINES: {
        Map<OpportunityId, OpportunitySnapshot> byId = opportunitiesById(opportunities);
        tenant.forecasts().forEach(f -> {
          OpportunitySnapshot o = byId.get(f.opportunityId());
          if (o != null) {
            for (ForecastLine line : f.lines()) {
              filtered.accept(new LineRow(line, o, account.apply(o.accountId())));
            }
          }
        });
        break;
      }
      default:
        throw new AssertionError(source);
    }
  }

  private static Map<OpportunityId, OpportunitySnapshot> opportunitiesById(
      Table<OpportunityId, OpportunitySnapshot> opportunities) {
    Map<OpportunityId, OpportunitySnapshot> byId = new HashMap<>();
    opportunities.forEach(o -> byId.put(o.id(), o));
    return byId;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static boolean matches(Object value, ReportCondition c) {
    Object v = value instanceof Money m ? m.amount() : value;
    switch (c.comparison()) {
      case IS_NULL:
        return v == null;
      case NOT_NULL:
        return v != null;
      default:
        break;
    }
    if (v == null) {
      return false;
    }
    switch (c.comparison()) {
      case EQ:
        return same(v, c.value());
      case NE:
        return !same(v, c.value());
      case IN:
        for (Object x : c.values()) {
          if (same(v, x)) {
            return true;
          }
        }
        return false;
      case LT:
        return compare(v, c.value()) < 0;
      case LE:
        return compare(v, c.value()) <= 0;
      case GT:
        return compare(v, c.value()) > 0;
      case GE:
        return compare(v, c.value()) >= 0;
      case CONTAINS:
        return ((String) v).toLowerCase(Locale.ROOT).contains((String) c.value());
      case STARTS_WITH:
        return ((String) v).toLowerCase(Locale.ROOT).startsWith((String) c.value());
      default:
        throw new AssertionError(c);
    }
  }

  /** Equality as SQL's {@code =}: decimals by value, everything else by {@code equals} (cheap for text). */
  private static boolean same(Object value, Object operand) {
    if (value instanceof BigDecimal || operand instanceof BigDecimal) {
      return compare(value, operand) == 0;
    }
    return value.equals(operand);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object value, Object operand) {
    if (value instanceof BigDecimal || operand instanceof BigDecimal) {
      return decimal(value).compareTo(decimal(operand));
    }
    return ((Comparable) value).compareTo(operand);
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof Money m) {
      return m.amount();
    }
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    return new BigDecimal(v.toString());
  }

  private static Object segment(Segments segments, String key) {
    return segments.values().get(key);
  }

  private static Object custom(CustomFields fields, String key) {
    CustomValue v = fields.values().get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof CustomValue.NumberValue n) {
      return n.value();
    }
    if (v instanceof CustomValue.DateValue d) {
      return d.value();
    }
    if (v instanceof CustomValue.BooleanValue b) {
      return b.value();
    }
    if (v instanceof CustomValue.MoneyValue) {
      return null;
    }
    return v.asText();
  }

  static Object accountField(AccountSnapshot a, String key) {
    if (a == null) {
      return null;
    }
    switch (key) {
      case "name":
        return a.details().name();
      case "industry":
        return a.details().industry();
      case "city":
        return a.details().city();
      case "country":
        return a.details().country();
      case "owner":
        return a.owner().value();
      default:
        throw new IllegalArgumentException("not an account report field: " + key);
    }
  }

  private static String currency(Money m) {
    return m == null ? null : m.currencyCode();
  }

  private static Long percent(Probability p) {
    return (long) p.percent();
  }

  private static String user(UserId u) {
    return u == null ? null : u.value();
  }

  record OpportunityRow(OpportunitySnapshot o, AccountSnapshot account) implements Row {
    @Override
    public UserId owner() {
      return o.owner();
    }

    @Override
    public Comparable<?> created() {
      return o.createdAt();
    }

    @Override
    public UUID id() {
      return o.id().value();
    }

    @Override
    public Object get(ReportField f) {
      switch (f.kind()) {
        case ACCOUNT:
          return accountField(account, f.key());
        case SEGMENT:
          return segment(o.segments(), f.key());
        case CUSTOM:
          return custom(o.customFields(), f.key());
        default:
          break;
      }
      switch (f.key()) {
        case "name":
          return o.name();
        case "owner":
          return o.owner().value();
        case "stage":
          return o.stage();
        case "amount":
          return o.amount();
        case "currency":
          return currency(o.amount());
        case "probability":
          return percent(o.probability());
        case "closeDate":
          return o.closeDate();
        case "leadSource":
          return o.leadSource();
        case "lostReason":
          return o.lostReason();
        case "createdAt":
          return o.createdAt();
        case "updatedAt":
          return o.updatedAt();
        case "accountId":
          return o.accountId() == null ? null : o.accountId().value().toString();
        default:
          throw new IllegalArgumentException("not an opportunity report field: " + f.name());
      }
    }
  }

  private record LeadRow(LeadSnapshot l) implements Row {
    @Override
    public UserId owner() {
      return l.owner();
    }

    @Override
    public Comparable<?> created() {
      return l.createdAt();
    }

    @Override
    public UUID id() {
      return l.id().value();
    }

    @Override
    public Object get(ReportField f) {
      if (f.kind() == ReportField.Kind.CUSTOM) {
        return custom(l.customFields(), f.key());
      }
      switch (f.key()) {
        case "firstName":
          return l.details().firstName();
        case "lastName":
          return l.details().lastName();
        case "company":
          return l.details().company();
        case "email":
          return l.details().email() == null ? null : l.details().email().value();
        case "leadSource":
          return l.details().leadSource();
        case "industry":
          return l.details().industry();
        case "status":
          return l.status();
        case "owner":
          return l.owner().value();
        case "createdAt":
          return l.createdAt();
        case "convertedAt":
          return l.conversion() == null ? null : l.conversion().convertedAt();
        default:
          throw new IllegalArgumentException("not a lead report field: " + f.name());
      }
    }
  }

  private record AccountRow(AccountSnapshot a) implements Row {
    @Override
    public UserId owner() {
      return a.owner();
    }

    @Override
    public Comparable<?> created() {
      return a.createdAt();
    }

    @Override
    public UUID id() {
      return a.id().value();
    }

    @Override
    public Object get(ReportField f) {
      switch (f.kind()) {
        case SEGMENT:
          return segment(a.segments(), f.key());
        case CUSTOM:
          return custom(a.customFields(), f.key());
        default:
          break;
      }
      switch (f.key()) {
        case "website":
          return a.details().website();
        case "createdAt":
          return a.createdAt();
        default:
          return accountField(a, f.key());
      }
    }
  }

  private record ContactRow(ContactSnapshot c, AccountSnapshot account) implements Row {
    @Override
    public UserId owner() {
      return c.owner();
    }

    @Override
    public Comparable<?> created() {
      return c.createdAt();
    }

    @Override
    public UUID id() {
      return c.id().value();
    }

    @Override
    public Object get(ReportField f) {
      switch (f.kind()) {
        case ACCOUNT:
          return accountField(account, f.key());
        case CUSTOM:
          return custom(c.customFields(), f.key());
        default:
          break;
      }
      switch (f.key()) {
        case "firstName":
          return c.details().firstName();
        case "lastName":
          return c.details().lastName();
        case "email":
          return c.details().email() == null ? null : c.details().email().value();
        case "title":
          return c.details().title();
        case "accountId":
          return c.accountId() == null ? null : c.accountId().value().toString();
        case "owner":
          return c.owner().value();
        case "createdAt":
          return c.createdAt();
        default:
          throw new IllegalArgumentException("not a contact report field: " + f.name());
      }
    }
  }

  private record HistoryRow(StageHistoryEntry e, OpportunitySnapshot o) implements Row {
    @Override
    public UserId owner() {
      return o.owner();
    }

    @Override
    public Comparable<?> created() {
      return e.changedAt();
    }

    @Override
    public UUID id() {
      return e.id();
    }

    @Override
    public Object get(ReportField f) {
      switch (f.kind()) {
        case SEGMENT:
          return segment(o.segments(), f.key());
        case CUSTOM:
          return custom(o.customFields(), f.key());
        default:
          break;
      }
      switch (f.key()) {
        case "stage":
          return e.stage();
        case "previousStage":
          return e.previousStage();
        case "amount":
          return e.amount();
        case "currency":
          return currency(e.amount());
        case "probability":
          return percent(e.probability());
        case "closeDate":
          return e.closeDate();
        case "changedBy":
          return user(e.changedBy());
        case "changedAt":
          return e.changedAt();
        case "opportunityId":
          return e.opportunityId().value().toString();
        case "version":
          return e.version();
        case "owner":
          return o.owner().value();
        default:
          throw new IllegalArgumentException("not a stage history report field: " + f.name());
      }
    }
  }

  private record LineRow(ForecastLine line, OpportunitySnapshot o, AccountSnapshot account) implements Row {
    @Override
    public UserId owner() {
      return o.owner();
    }

    @Override
    public Comparable<?> created() {
      return line.month().atDay(1);
    }

    @Override
    public UUID id() {
      return o.id().value();
    }

    @Override
    public Object get(ReportField f) {
      switch (f.kind()) {
        case ACCOUNT:
          return accountField(account, f.key());
        case SEGMENT:
          return segment(o.segments(), f.key());
        case CUSTOM:
          return custom(o.customFields(), f.key());
        default:
          break;
      }
      switch (f.key()) {
        case "month":
          return line.month().atDay(1);
        case "amount":
          return line.amount();
        case "currency":
          return currency(line.amount());
        case "stage":
          return o.stage();
        case "probability":
          return percent(o.probability());
        case "owner":
          return o.owner().value();
        case "closeDate":
          return o.closeDate();
        case "leadSource":
          return o.leadSource();
        case "opportunityId":
          return o.id().value().toString();
        default:
          throw new IllegalArgumentException("not a forecast line report field: " + f.name());
      }
    }
  }
}
