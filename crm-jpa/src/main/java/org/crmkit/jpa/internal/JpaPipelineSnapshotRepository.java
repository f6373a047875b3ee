package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.crmkit.bi.MovementClassifier;
import org.crmkit.bi.MovementKind;
import org.crmkit.bi.MovementTotal;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineGroupRow;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import org.crmkit.bi.SnapshotSpec;
import org.crmkit.bi.StateChange;
import org.crmkit.bi.TrendRow;
import org.crmkit.bi.UntrackedFields;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;

/**
 * {@link PipelineSnapshotRepository} in two tables (migration V10): {@code crm_bi_day}, the kept days, and
 * {@code crm_bi_state}, one row per opportunity and state, valid from the kept day it was stored until the first kept
 * day on which it no longer holds ({@code valid_to}, exclusive; NULL while current). Native SQL, because the
 * set-based statements (INSERT ... SELECT, UPDATE ... WHERE NOT EXISTS, a range join) are beyond JPQL; it sticks to
 * SQL that PostgreSQL and H2 both run, and {@code {h-schema}} puts the tables in crmkit's schema.
 *
 * <p>Taking today's snapshot is a constant number of set-based statements whatever the number of opportunities: on
 * PostgreSQL one statement (data-modifying common table expressions: one full join of the current state with the
 * current rows feeds the INSERT of the changed, new or returning states and the UPDATE ending the rows they replace
 * or whose opportunity left the state); on H2 an INSERT ... SELECT with an anti join and two UPDATEs. Stage kinds
 * and forecast categories come from a {@code CASE} over the spec's stages, every stage key a bound parameter; weighted amounts are rounded per row in
 * SQL as {@link Money#percent} rounds them. Every read is scoped to the unit of work's tenant and to the visible
 * owners in its WHERE clause.
 */
public final class JpaPipelineSnapshotRepository implements PipelineSnapshotRepository {
  /** How many rows a back-fill writes per statement (multi-row VALUES, IN lists). */
  static final int CHUNK = 200;

  private static final String STATE = "{h-schema}crm_bi_state";
  private static final String DAY = "{h-schema}crm_bi_day";

  /** The stored state's columns, in the order {@link #state} reads them. */
  private static final String[] STATE_COLUMNS = {"opportunity_id", "stage", "stage_kind", "forecast_category",
      "amount", "currency", "weighted", "probability", "close_date", "owner_id", "account_id", "segments",
      "billing_total", "billing_currency"};

  /** Currencies whose decimals are not 2, by decimals: the scale of the per-row ROUND of weighted amounts. */
  private static final Map<Integer, List<String>> CURRENCIES_BY_DIGITS = new TreeMap<>();

  static {
    Map<Integer, Set<String>> byDigits = new TreeMap<>();
    for (Currency c : Currency.getAvailableCurrencies()) {
      int digits = Money.fractionDigits(c);
      if (digits != 2) {
        byDigits.computeIfAbsent(digits, d -> new TreeSet<>()).add(c.getCurrencyCode());
      }
    }
    byDigits.forEach((d, codes) -> CURRENCIES_BY_DIGITS.put(d, List.copyOf(codes)));
  }

  private final EntityManagers ems;

  public JpaPipelineSnapshotRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  private String tenant() {
    return ems.tenant().value();
  }

  // ---------------------------------------------------------------------------------------------------- kept days

  @Override
  public Optional<SnapshotDay> findDay(LocalDate day) {
    Objects.requireNonNull(day, "day");
    List<SnapshotDay> days = days(day, day);
    return days.isEmpty() ? Optional.empty() : Optional.of(days.get(0));
  }

  @Override
  public List<SnapshotDay> days(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    try {
      List<Object[]> rows = rows(ems.current().createNativeQuery("SELECT snapshot_day, taken_at, source, opportunities,"
              + " rows_stored FROM " + DAY + " WHERE tenant_id = :tenant AND snapshot_day >= :from"
              + " AND snapshot_day <= :to ORDER BY snapshot_day")
          .setParameter("tenant", tenant()).setParameter("from", from).setParameter("to", to));
      List<SnapshotDay> out = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        out.add(day(r));
      }
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private static SnapshotDay day(Object[] r) {
    return new SnapshotDay(date(r[0]), instant(r[1]), SnapshotSource.valueOf((String) r[2]), number(r[3]),
        number(r[4]));
  }

  /** @return the first kept day after {@code day}, if any */
  private Optional<LocalDate> nextDay(LocalDate day) {
    List<?> rows = ems.current().createNativeQuery("SELECT MIN(snapshot_day) FROM " + DAY
            + " WHERE tenant_id = :tenant AND snapshot_day > :day")
        .setParameter("tenant", tenant()).setParameter("day", day).getResultList();
    return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(date(rows.get(0)));
  }

  /** @return the newest kept day, if any */
  private Optional<SnapshotDay> lastDay() {
    List<Object[]> rows = rows(ems.current().createNativeQuery("SELECT snapshot_day, taken_at, source, opportunities,"
            + " rows_stored FROM " + DAY + " WHERE tenant_id = :tenant ORDER BY snapshot_day DESC")
        .setParameter("tenant", tenant()).setMaxResults(1));
    return rows.stream().findFirst().map(JpaPipelineSnapshotRepository::day);
  }

  private SnapshotDay insertDay(SnapshotSpec spec, SnapshotSource source, long opportunities, long rowsStored) {
    Instant takenAt = Columns.micros(spec.takenAt()); // as TIMESTAMP(6) keeps it: the day returned equals the day read
    SnapshotDay kept = new SnapshotDay(spec.day(), takenAt, source, opportunities, rowsStored);
    ems.current().createNativeQuery("INSERT INTO " + DAY + " (tenant_id, snapshot_day, taken_at, source,"
            + " opportunities, rows_stored) VALUES (:tenant, :day, :takenAt, :source, :opportunities, :rows)")
        .setParameter("tenant", tenant()).setParameter("day", spec.day()).setParameter("takenAt", takenAt)
        .setParameter("source", source.name()).setParameter("opportunities", opportunities)
        .setParameter("rows", rowsStored).executeUpdate();
    return kept;
  }

  // --------------------------------------------------------------------------------------------- taking a day

  /** The opportunities' current state as a derived table (SQL and its parameters), for {@link #storeFromCurrent}. */
  private static final class Current {
    final StringBuilder sql = new StringBuilder();
    final Map<String, Object> parameters = new LinkedHashMap<>();
    /** Whether opportunity {@code o} is in the day's state, by its stage and close date. */
    final String inState;

    Current(SnapshotSpec spec, String tenant) {
      Map<StageKind, List<String>> byKind = new EnumMap<>(StageKind.class);
      Map<ForecastCategory, List<String>> byCategory = new EnumMap<>(ForecastCategory.class);
      for (SalesStage s : spec.stages()) {
        byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.key());
        byCategory.computeIfAbsent(s.forecastCategory(), k -> new ArrayList<>()).add(s.key());
      }
      parameters.put("tenant", tenant);
      sql.append("SELECT o.id AS opportunity_id, o.stage AS stage, ");
      // CASE over the spec's stages: stage keys are bound; the kinds and categories are the enums' own names.
      sql.append("CASE");
      byKind.forEach((kind, keys) -> sql.append(" WHEN o.stage IN (").append(parameter("k" + kind.ordinal(), keys))
          .append(") THEN '").append(kind.name()).append('\''));
      sql.append(" END AS stage_kind, CASE");
      byCategory.forEach((category, keys) -> sql.append(" WHEN o.stage IN (")
          .append(parameter("f" + category.ordinal(), keys)).append(") THEN '").append(category.name()).append('\''));
      sql.append(" END AS forecast_category, o.amount AS amount, o.currency AS currency, ");
      // round(amount * percent, digits - 2) * 0.01 is the amount weighted and rounded half up to the currency's
      // decimals (ROUND rounds half up; amounts are never negative), as Money.percent and the reports compute it.
      sql.append("CASE");
      CURRENCIES_BY_DIGITS.forEach((digits, codes) -> sql.append(" WHEN o.currency IN (")
          .append(parameter("d" + digits, codes)).append(") THEN ROUND(o.amount * o.probability, ")
          .append(digits - 2).append(")"));
      sql.append(" ELSE ROUND(o.amount * o.probability, 0) END * 0.01 AS weighted,")
          .append(" o.probability AS probability, o.close_date AS close_date, o.owner_id AS owner_id,")
          .append(" o.account_id AS account_id, o.segments AS segments, b.total AS billing_total,")
          .append(" b.currency AS billing_currency")
          .append(" FROM {h-schema}crm_opportunity o")
          .append(" LEFT JOIN (SELECT l.opportunity_id AS opportunity_id, SUM(l.amount) AS total,")
          .append(" MIN(l.currency) AS currency FROM {h-schema}crm_billing_forecast_line l")
          .append(" WHERE l.tenant_id = :tenant GROUP BY l.opportunity_id) b ON b.opportunity_id = o.id")
          .append(" WHERE o.tenant_id = :tenant AND (");
      // In the day's state: every open opportunity, and the closed ones closed on or after closedSince (or undated).
      List<String> in = new ArrayList<>();
      List<String> open = byKind.getOrDefault(StageKind.OPEN, List.of());
      List<String> closed = new ArrayList<>(byKind.getOrDefault(StageKind.WON, List.of()));
      closed.addAll(byKind.getOrDefault(StageKind.LOST, List.of()));
      if (!open.isEmpty()) {
        parameters.put("open", open);
        in.add("o.stage IN (:open)");
      }
      if (!closed.isEmpty()) {
        parameters.put("closed", closed);
        parameters.put("closedSince", spec.closedSince());
        in.add("(o.stage IN (:closed) AND (o.close_date IS NULL OR o.close_date >= :closedSince))");
      }
      inState = "(" + (in.isEmpty() ? "1 = 0" : String.join(" OR ", in)) + ")";
      sql.append(inState.substring(1));
      // A fence (standard SQL, a no-op for the result): the planner computes the state of every opportunity, billing
      // totals joined by hash, before comparing it with the stored rows. Without it, when its statistics expect few
      // changed opportunities, PostgreSQL joins the grouped forecast lines once per changed opportunity.
      sql.append(" OFFSET 0 ROWS");
    }

    private String parameter(String name, List<String> values) {
      parameters.put(name, values);
      return ":" + name;
    }

    Query bind(Query q) {
      parameters.forEach(q::setParameter);
      return q;
    }

    Query bind(Query q, Set<String> names) {
      parameters.forEach((name, value) -> {
        if (names.contains(name)) {
          q.setParameter(name, value);
        }
      });
      return q;
    }
  }

  /** The columns that are never NULL: compared with {@code =}, so the opportunity id can key a hash join. */
  private static final Set<String> NOT_NULL = Set.of("opportunity_id", "stage", "stage_kind", "forecast_category",
      "probability", "owner_id");

  /** Equality of a stored row {@code s} and the current state {@code c}, column by column (NULL equals NULL). */
  private static String sameState(String s, String c) {
    StringBuilder out = new StringBuilder();
    for (String column : STATE_COLUMNS) {
      if (out.length() > 0) {
        out.append(" AND ");
      }
      out.append(c).append('.').append(column).append(NOT_NULL.contains(column) ? " = " : " IS NOT DISTINCT FROM ")
          .append(s).append('.').append(column);
    }
    return out.toString();
  }

  @Override
  public SnapshotDay storeFromCurrent(SnapshotSpec spec) {
    Objects.requireNonNull(spec, "spec");
    EntityManager em = ems.current();
    try {
      Optional<SnapshotDay> last = lastDay();
      if (last.isPresent() && last.get().day().equals(spec.day())) {
        throw new org.crmkit.shared.ConflictException(spec.day() + " was kept by another unit of work meanwhile;"
            + " a kept day is never stored again: read it (findDay) instead");
      }
      if (last.isPresent() && !last.get().day().isBefore(spec.day())) {
        throw ValidationException.of("day", "a snapshot copied from the current opportunities must be after every"
            + " kept day; " + spec.day() + " is not after " + last.get().day()
            + " (fill in a past day from history instead)");
      }
      // The current rows (valid_to NULL) are the state of the last kept day: store and forgetDays keep it so.
      long current = last.map(SnapshotDay::opportunities).orElse(0L);
      Current state = new Current(spec, tenant());
      int inserted;
      int ended = 0;
      if (current == 0) {
        // Nothing to compare with: copy every opportunity in the state. (This also keeps a planner whose statistics
        // say the table is empty from scanning it once per inserted row while the INSERT fills it.)
        inserted = state.bind(em.createNativeQuery(insertCurrent(state, ""))).setParameter("day", spec.day())
            .executeUpdate();
        if (inserted > 0 && isPostgres(em)) {
          // The table just grew from nothing: until autovacuum analyzes it, PostgreSQL would plan tomorrow's
          // comparison for an empty table (a nested loop over every stored row per opportunity).
          em.createNativeQuery("ANALYZE " + STATE).executeUpdate();
        }
      } else if (isPostgres(em)) {
        // One statement: a single pass over the current state and the current rows (the fewest reads of both).
        // Its cost estimate is high (the planner cannot tell how few rows differ), so PostgreSQL would compile it
        // with JIT first, which costs more than it saves here: off for this transaction only.
        em.createNativeQuery("SELECT set_config('jit', 'off', true)").getSingleResult();
        Object[] counts = (Object[]) state.bind(em.createNativeQuery(storeChangesPostgres(state)))
            .setParameter("day", spec.day()).getSingleResult();
        inserted = (int) number(counts[0]);
        ended = (int) number(counts[1]);
      } else {
        // 1. A row for every opportunity in the state whose current row differs (or that has none): changed, new,
        //    or back again. The stored rows are compared while still current, hashed once by opportunity id.
        inserted = state.bind(em.createNativeQuery(insertCurrent(state, " WHERE NOT EXISTS (SELECT 1 FROM " + STATE
                + " s WHERE s.tenant_id = :tenant AND s.valid_to IS NULL AND " + sameState("s", "c") + ")")))
            .setParameter("day", spec.day()).executeUpdate();
        // 2. End the current rows of the opportunities that got a new row today...
        ended = em.createNativeQuery("UPDATE " + STATE + " s SET valid_to = :day WHERE s.tenant_id = :tenant"
                + " AND s.valid_to IS NULL AND s.valid_from < :day AND EXISTS (SELECT 1 FROM " + STATE + " n"
                + " WHERE n.tenant_id = :tenant AND n.valid_from = :day AND n.opportunity_id = s.opportunity_id)")
            .setParameter("tenant", tenant()).setParameter("day", spec.day()).executeUpdate();
        // 3. ...and of those no longer in the state (deleted, or closed before the window): their stage and close
        //    date alone say so.
        ended += state.bind(em.createNativeQuery("UPDATE " + STATE + " s SET valid_to = :day"
                + " WHERE s.tenant_id = :tenant AND s.valid_to IS NULL AND s.valid_from < :day AND NOT EXISTS"
                + " (SELECT 1 FROM {h-schema}crm_opportunity o WHERE o.tenant_id = :tenant AND o.id = s.opportunity_id"
                + " AND " + state.inState + ")"), Set.of("tenant", "open", "closed", "closedSince"))
            .setParameter("day", spec.day()).executeUpdate();
      }
      return insertDay(spec, SnapshotSource.CURRENT, current - ended + inserted, inserted);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /**
   * PostgreSQL: the day's changes in one statement (data-modifying common table expressions, which H2 lacks). The
   * current state is full-joined once with the current rows (each side read once, hashed by opportunity id); the
   * differences, a few percent of the rows on a typical day, are materialized once and feed both the INSERT of the
   * new rows (in opportunity order) and the UPDATE that ends the rows they replace or whose opportunity left the
   * state, each fetched by its row address ({@code ctid = ANY (ARRAY(...))}: a TID scan, whatever the planner
   * expects of the differences, never a scan of the table). Both see the rows as they were before the statement, so
   * neither sees the other's rows. Returns the number of rows inserted and ended.
   */
  private static String storeChangesPostgres(Current state) {
    StringBuilder changed = new StringBuilder();
    for (String column : STATE_COLUMNS) {
      changed.append(changed.length() == 0 ? "" : " OR ").append("c.").append(column)
          .append(" IS DISTINCT FROM s.").append(column);
    }
    return "WITH d AS (SELECT c." + String.join(", c.", STATE_COLUMNS) + ", s.opportunity_id AS ended_id,"
        + " s.row_address AS ended_at FROM (" + state.sql + ") c FULL JOIN (SELECT " + columns("r")
        + ", r.ctid AS row_address FROM " + STATE + " r WHERE r.tenant_id = :tenant AND r.valid_to IS NULL) s"
        + " ON s.opportunity_id = c.opportunity_id WHERE " + changed + "),"
        + " ins AS (INSERT INTO " + STATE + " (tenant_id, valid_from, " + String.join(", ", STATE_COLUMNS) + ")"
        + " SELECT :tenant, :day, d." + String.join(", d.", STATE_COLUMNS) + " FROM d"
        + " WHERE d.opportunity_id IS NOT NULL ORDER BY d.opportunity_id RETURNING 1),"
        + " upd AS (UPDATE " + STATE + " t SET valid_to = :day WHERE t.ctid = ANY (ARRAY(SELECT d.ended_at FROM d"
        + " WHERE d.ended_id IS NOT NULL)) RETURNING 1)"
        + " SELECT (SELECT COUNT(*) FROM ins), (SELECT COUNT(*) FROM upd)";
  }

  /** Ordered by opportunity id, so that a day's rows are appended to the primary key in order and keep it dense. */
  private static String insertCurrent(Current state, String where) {
    return "INSERT INTO " + STATE + " (tenant_id, valid_from, " + String.join(", ", STATE_COLUMNS) + ")"
        + " SELECT :tenant, :day, c." + String.join(", c.", STATE_COLUMNS) + " FROM (" + state.sql + ") c" + where
        + " ORDER BY c.opportunity_id";
  }

  /** Whether the database is PostgreSQL (asked once). */
  private volatile Boolean postgres;

  private boolean isPostgres(EntityManager em) {
    Boolean known = postgres;
    if (known == null) {
      String product = em.callWithConnection(
          (java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
      known = product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
      postgres = known;
    }
    return known;
  }

  @Override
  public SnapshotDay store(SnapshotSpec spec, List<OpportunityDayState> states) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(states, "states");
    LocalDate day = spec.day();
    EntityManager em = ems.current();
    try {
      if (findDay(day).isPresent()) {
        // The caller found it not kept in this unit of work: another one stored it since (two schedulers at once).
        throw new org.crmkit.shared.ConflictException(day + " was kept by another unit of work meanwhile; a kept day"
            + " is never stored again: read it (findDay) instead");
      }
      Map<UUID, OpportunityDayState> wanted = new LinkedHashMap<>();
      for (OpportunityDayState s : states) {
        if (wanted.put(s.opportunityId().value(), s) != null) {
          throw new IllegalArgumentException("two states of opportunity " + s.opportunityId() + " for " + day);
        }
      }
      Optional<LocalDate> next = nextDay(day);
      // The rows that cover the day now (the kept day before it sees them), and those that begin on the next one.
      Map<UUID, Covering> covering = new HashMap<>();
      for (Object[] r : rows(em.createNativeQuery("SELECT " + String.join(", ", STATE_COLUMNS) + ", valid_from,"
              + " valid_to FROM " + STATE + " WHERE tenant_id = :tenant AND valid_from <= :day"
              + " AND (valid_to IS NULL OR valid_to > :day)")
          .setParameter("tenant", tenant()).setParameter("day", day))) {
        covering.put(uuid(r[0]), new Covering(state(r, 0), date(r[STATE_COLUMNS.length]),
            r[STATE_COLUMNS.length + 1] == null ? null : date(r[STATE_COLUMNS.length + 1])));
      }
      Map<UUID, OpportunityDayState> beginningNext = new HashMap<>();
      if (next.isPresent()) {
        for (Object[] r : rows(em.createNativeQuery("SELECT " + String.join(", ", STATE_COLUMNS) + " FROM " + STATE
                + " WHERE tenant_id = :tenant AND valid_from = :next")
            .setParameter("tenant", tenant()).setParameter("next", next.get()))) {
          beginningNext.put(uuid(r[0]), state(r, 0));
        }
      }
      // Rows to end on the day: covering rows whose state differs from the day's (or whose opportunity is not in it).
      // Grouped by the day they begin, so that each statement reads them by the primary key.
      Map<LocalDate, List<UUID>> toEnd = new TreeMap<>();
      Map<LocalDate, List<UUID>> toSplit = new TreeMap<>();
      covering.forEach((id, c) -> {
        OpportunityDayState s = wanted.get(id);
        if (s == null || !s.equals(c.state)) {
          toEnd.computeIfAbsent(c.validFrom, d -> new ArrayList<>()).add(id);
          if (next.isPresent() && (c.validTo == null || c.validTo.isAfter(next.get()))) {
            // it also covers the next kept day: that day keeps seeing it, from a copy
            toSplit.computeIfAbsent(c.validFrom, d -> new ArrayList<>()).add(id);
          }
        }
      });
      List<OpportunityDayState> toInsert = new ArrayList<>();
      List<UUID> toExtend = new ArrayList<>();
      wanted.forEach((id, s) -> {
        Covering c = covering.get(id);
        if (c != null && c.state.equals(s)) {
          return;
        }
        if (s.equals(beginningNext.get(id))) {
          toExtend.add(id); // the same state begins on the next kept day: let it begin on this one instead
        } else {
          toInsert.add(s);
        }
      });
      long written = 0;
      for (Map.Entry<LocalDate, List<UUID>> group : toSplit.entrySet()) {
        for (List<UUID> ids : chunks(group.getValue())) {
          written += em.createNativeQuery("INSERT INTO " + STATE + " (tenant_id, valid_from, valid_to, "
                  + String.join(", ", STATE_COLUMNS) + ") SELECT tenant_id, :next, valid_to, "
                  + String.join(", ", STATE_COLUMNS) + " FROM " + STATE + " WHERE tenant_id = :tenant"
                  + " AND valid_from = :from AND opportunity_id IN (:ids)")
              .setParameter("tenant", tenant()).setParameter("next", next.orElseThrow())
              .setParameter("from", group.getKey()).setParameter("ids", ids).executeUpdate();
        }
      }
      for (Map.Entry<LocalDate, List<UUID>> group : toEnd.entrySet()) {
        for (List<UUID> ids : chunks(group.getValue())) {
          em.createNativeQuery("UPDATE " + STATE + " SET valid_to = :day WHERE tenant_id = :tenant"
                  + " AND valid_from = :from AND opportunity_id IN (:ids)")
              .setParameter("tenant", tenant()).setParameter("day", day).setParameter("from", group.getKey())
              .setParameter("ids", ids).executeUpdate();
        }
      }
      for (List<UUID> ids : chunks(toExtend)) {
        em.createNativeQuery("UPDATE " + STATE + " SET valid_from = :day WHERE tenant_id = :tenant"
                + " AND opportunity_id IN (:ids) AND valid_from = :next")
            .setParameter("tenant", tenant()).setParameter("day", day).setParameter("next", next.orElseThrow())
            .setParameter("ids", ids).executeUpdate();
      }
      for (List<OpportunityDayState> chunk : chunks(toInsert)) {
        insertStates(chunk, day, next.orElse(null));
      }
      written += toInsert.size();
      return insertDay(spec, SnapshotSource.HISTORY, wanted.size(), written);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /** A stored row that covers a day. */
  private record Covering(OpportunityDayState state, LocalDate validFrom, LocalDate validTo) {}

  /** Inserts states valid from {@code from} until {@code to} (null: current) in one multi-row statement. */
  private void insertStates(List<OpportunityDayState> chunk, LocalDate from, LocalDate to) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + STATE + " (tenant_id, valid_from, valid_to, "
        + String.join(", ", STATE_COLUMNS) + ") VALUES ");
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("tenant", tenant());
    parameters.put("from", from);
    int i = 0;
    for (OpportunityDayState s : chunk) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append("(:tenant, :from, ").append(to == null ? "CAST(NULL AS DATE)" : ":to");
      Object[] values = values(s);
      for (int c = 0; c < values.length; c++) {
        String name = "v" + i + "_" + c;
        sql.append(", ");
        if (values[c] == null) {
          sql.append("CAST(NULL AS ").append(NULL_TYPES[c]).append(')');
        } else {
          sql.append(':').append(name);
          parameters.put(name, values[c]);
        }
      }
      sql.append(')');
      i++;
    }
    Query q = ems.current().createNativeQuery(sql.toString());
    if (to != null) {
      q.setParameter("to", to);
    }
    parameters.forEach(q::setParameter);
    q.executeUpdate();
  }

  /** The SQL types of {@link #STATE_COLUMNS}, for typed NULLs. */
  private static final String[] NULL_TYPES = {"UUID", "VARCHAR(40)", "VARCHAR(4)", "VARCHAR(9)", "NUMERIC(19, 4)",
      "VARCHAR(3)", "NUMERIC(19, 4)", "SMALLINT", "DATE", "VARCHAR(100)", "UUID", "VARCHAR(4000)", "NUMERIC(19, 4)",
      "VARCHAR(3)"};

  /** @return the state's column values in the order of {@link #STATE_COLUMNS} */
  private static Object[] values(OpportunityDayState s) {
    return new Object[] {
        s.opportunityId().value(), s.stage(), s.stageKind().name(), s.forecastCategory().name(),
        s.amount() == null ? null : s.amount().amount(), s.amount() == null ? null : s.amount().currencyCode(),
        s.weightedAmount() == null ? null : s.weightedAmount().amount(), (short) s.probability().percent(),
        s.closeDate(), s.owner().value(), s.accountId() == null ? null : s.accountId().value(),
        TextCodec.encode(s.segments()),
        s.billingForecastTotal() == null ? null : s.billingForecastTotal().amount(),
        s.billingForecastTotal() == null ? null : s.billingForecastTotal().currencyCode()};
  }

  private static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------------- reads

  /** The rows valid on a kept day, as a WHERE condition on alias {@code s} with parameter {@code dayParam}. */
  private static String validOn(String s, String dayParam) {
    return s + ".valid_from <= :" + dayParam + " AND (" + s + ".valid_to IS NULL OR " + s + ".valid_to > :" + dayParam
        + ")";
  }

  /** Adds the visibility to a statement's conditions: {@code owner_id IN (:owners)}; null when nothing is visible. */
  private static String visible(String s, Visibility visible) {
    Objects.requireNonNull(visible, "visible");
    if (visible instanceof Visibility.Owners owners) {
      return owners.isEmpty() ? null : " AND " + s + ".owner_id IN (:owners)";
    }
    return "";
  }

  private static Query owners(Query q, Visibility visible) {
    if (visible instanceof Visibility.Owners owners) {
      q.setParameter("owners", Where.owners(owners));
    }
    return q;
  }

  private static String columns(String alias) {
    return alias + "." + String.join(", " + alias + ".", STATE_COLUMNS);
  }

  @Override
  public List<OpportunityDayState> statesOn(LocalDate keptDay, Visibility visible) {
    Objects.requireNonNull(keptDay, "keptDay");
    String owners = visible(("s"), visible);
    if (owners == null) {
      return List.of();
    }
    try {
      List<Object[]> rows = rows(owners(ems.current().createNativeQuery("SELECT " + columns("s") + " FROM " + STATE
              + " s WHERE s.tenant_id = :tenant AND " + validOn("s", "day") + owners), visible)
          .setParameter("tenant", tenant()).setParameter("day", keptDay));
      List<OpportunityDayState> out = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        out.add(state(r, 0));
      }
      out.sort(Comparator.comparing(s -> s.opportunityId().value().toString()));
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<PipelineGroupRow> pipelineOn(LocalDate keptDay, PipelineGrouping grouping, Visibility visible) {
    Objects.requireNonNull(keptDay, "keptDay");
    Objects.requireNonNull(grouping, "grouping");
    String owners = visible("s", visible);
    if (owners == null) {
      return List.of();
    }
    String key;
    String needle = null;
    switch (grouping.dimension()) {
      case TOTAL:
        key = "CAST(NULL AS VARCHAR(1))";
        break;
      case STAGE:
        key = "s.stage";
        break;
      case FORECAST_CATEGORY:
        key = "s.forecast_category";
        break;
      case OWNER:
        key = "s.owner_id";
        break;
      case ACCOUNT:
        key = "s.account_id";
        break;
      case SEGMENT:
        // The segments column holds one "dimension TAB value" line per dimension (backslashes doubled, no tab or
        // line break inside a key or value): the dimension's value is what follows LF + key + TAB up to the next LF.
        needle = "\n" + TextCodec.encode(org.crmkit.shared.Segments.of(Map.of(grouping.segmentDimension(), "x")))
            .replaceFirst("x$", "");
        String text = "(:lf || COALESCE(s.segments, '') || :lf)";
        String start = "(POSITION(:needle IN " + text + ") + " + needle.length() + ")";
        key = "CASE WHEN POSITION(:needle IN " + text + ") > 0 THEN SUBSTRING(" + text + " FROM " + start + " FOR"
            + " POSITION(:lf IN SUBSTRING(" + text + " FROM " + start + ")) - 1) END";
        break;
      default:
        throw new AssertionError(grouping);
    }
    try {
      Query q = owners(ems.current().createNativeQuery("SELECT g.k, g.currency, COUNT(*), SUM(g.amount),"
              + " SUM(g.weighted) FROM (SELECT " + key + " AS k, s.currency AS currency, s.amount AS amount,"
              + " s.weighted AS weighted FROM " + STATE + " s WHERE s.tenant_id = :tenant AND " + validOn("s", "day")
              + " AND s.stage_kind = 'OPEN'" + owners + ") g GROUP BY g.k, g.currency"), visible)
          .setParameter("tenant", tenant()).setParameter("day", keptDay);
      if (needle != null) {
        q.setParameter("needle", needle).setParameter("lf", "\n");
      }
      List<PipelineGroupRow> out = new ArrayList<>();
      for (Object[] r : rows(q)) {
        String k;
        if (r[0] == null) {
          k = null;
        } else if (needle != null) {
          k = TextCodec.decodeSegments(needle.substring(1) + r[0]).get(grouping.segmentDimension()).orElseThrow();
        } else if (grouping.dimension() == PipelineGrouping.Dimension.ACCOUNT) {
          k = uuid(r[0]).toString();
        } else {
          k = r[0].toString();
        }
        out.add(new PipelineGroupRow(k, (String) r[1], number(r[2]), decimal(r[3]), decimal(r[4])));
      }
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<StateChange> changesBetween(LocalDate from, LocalDate to, Visibility visible) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    String ownersB = visible("b", visible);
    if (ownersB == null) {
      return List.of();
    }
    String either = ownersB.isEmpty() ? "" : " AND (b.owner_id IN (:owners) OR a.owner_id IN (:owners))";
    try {
      List<StateChange> out = new ArrayList<>();
      // Rows valid on the second day that began after the first (the others are valid on both days), beside the
      // opportunity's row on the first day, if any.
      for (Object[] r : rows(owners(ems.current().createNativeQuery("SELECT " + columns("a") + ", " + columns("b")
              + " FROM " + STATE + " b LEFT JOIN " + STATE + " a ON a.tenant_id = b.tenant_id"
              + " AND a.opportunity_id = b.opportunity_id AND " + validOn("a", "from")
              + " WHERE b.tenant_id = :tenant AND b.valid_from > :from AND " + validOn("b", "to") + either), visible)
          .setParameter("tenant", tenant()).setParameter("from", from).setParameter("to", to))) {
        OpportunityDayState before = r[0] == null ? null : state(r, 0);
        OpportunityDayState after = state(r, STATE_COLUMNS.length);
        if (!after.equals(before)) {
          out.add(new StateChange(after.opportunityId(), before, after));
        }
      }
      // Rows valid on the first day that ended by the second, of opportunities with no row on the second day.
      for (Object[] r : rows(owners(ems.current().createNativeQuery("SELECT " + columns("a") + " FROM " + STATE + " a"
              + " WHERE a.tenant_id = :tenant AND " + validOn("a", "from") + " AND a.valid_to <= :to"
              + visible("a", visible) + " AND NOT EXISTS (SELECT 1 FROM " + STATE + " b"
              + " WHERE b.tenant_id = a.tenant_id AND b.opportunity_id = a.opportunity_id AND " + validOn("b", "to")
              + ")"), visible)
          .setParameter("tenant", tenant()).setParameter("from", from).setParameter("to", to))) {
        OpportunityDayState before = state(r, 0);
        out.add(new StateChange(before.opportunityId(), before, null));
      }
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /**
   * One statement: the pairs of states {@link #changesBetween} reads (the rows that began after {@code from} and
   * hold on {@code to}, beside the opportunity's row on {@code from}; and the rows of {@code from} whose opportunity
   * has no row on {@code to}), each side admitted by the visibility on its own day, classified by {@code CASE} as
   * {@link MovementClassifier} classifies them. A pair can make up to four movements (its bridge movement, the new
   * amount of a currency change, a stage shift, a close date shift): each is a column of the pair's row, and the rows
   * are grouped by all four and the currencies, so the database returns a few dozen groups, which are added up here
   * per kind and currency.
   */
  @Override
  public List<MovementTotal> movementsBetween(LocalDate from, LocalDate to, List<String> stageOrder,
      Visibility visible) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(stageOrder, "stageOrder");
    String ownersB = visible("b", visible);
    if (ownersB == null) {
      return List.of();
    }
    boolean some = !ownersB.isEmpty();
    String either = some ? " AND (b.owner_id IN (:owners) OR a.owner_id IN (:owners))" : "";
    String aSeen = some ? "a.opportunity_id IS NOT NULL AND a.owner_id IN (:owners)" : "a.opportunity_id IS NOT NULL";
    String bSeen = some ? "b.owner_id IN (:owners)" : "1 = 1";
    String pairs = "SELECT CASE WHEN " + aSeen + " THEN 1 ELSE 0 END AS a_seen, a.stage_kind AS a_kind,"
        + " a.stage AS a_stage, a.amount AS a_amount, CASE WHEN a.amount IS NULL THEN NULL ELSE a.currency END AS"
        + " a_currency, a.close_date AS a_close, CASE WHEN " + bSeen + " THEN 1 ELSE 0 END AS b_seen,"
        + " b.stage_kind AS b_kind, b.stage AS b_stage, b.amount AS b_amount, CASE WHEN b.amount IS NULL THEN NULL"
        + " ELSE b.currency END AS b_currency, b.close_date AS b_close"
        + " FROM " + STATE + " b LEFT JOIN " + STATE + " a ON a.tenant_id = b.tenant_id"
        + " AND a.opportunity_id = b.opportunity_id AND " + validOn("a", "from")
        + " WHERE b.tenant_id = :tenant AND b.valid_from > :from AND " + validOn("b", "to") + either
        + " UNION ALL SELECT 1, a.stage_kind, a.stage, a.amount, CASE WHEN a.amount IS NULL THEN NULL ELSE a.currency"
        + " END, a.close_date, 0, CAST(NULL AS VARCHAR(4)), CAST(NULL AS VARCHAR(40)), CAST(NULL AS NUMERIC(19, 4)),"
        + " CAST(NULL AS VARCHAR(3)), CAST(NULL AS DATE)"
        + " FROM " + STATE + " a WHERE a.tenant_id = :tenant AND " + validOn("a", "from") + " AND a.valid_to <= :to"
        + visible("a", visible) + " AND NOT EXISTS (SELECT 1 FROM " + STATE + " b"
        + " WHERE b.tenant_id = a.tenant_id AND b.opportunity_id = a.opportunity_id AND " + validOn("b", "to") + ")";
    String wasOpen = "(p.a_seen = 1 AND p.a_kind = 'OPEN')";
    String isOpen = "(p.b_seen = 1 AND p.b_kind = 'OPEN')";
    String both = wasOpen + " AND " + isOpen;
    String otherCurrency = "p.a_amount IS NOT NULL AND p.b_amount IS NOT NULL AND p.a_currency <> p.b_currency";
    // the bridge movement (for a currency change, the old amount's AMOUNT_DOWN)
    String bridge = "CASE WHEN NOT " + wasOpen + " AND " + isOpen + " THEN 'NEW'"
        + " WHEN " + wasOpen + " AND NOT " + isOpen + " THEN CASE WHEN p.b_seen = 0 THEN 'REMOVED'"
        + " WHEN p.b_kind = 'WON' THEN 'WON' ELSE 'LOST' END"
        + " WHEN " + both + " THEN CASE WHEN p.a_amount IS NULL AND p.b_amount IS NULL THEN NULL"
        + " WHEN p.a_amount IS NULL THEN 'AMOUNT_UP' WHEN p.b_amount IS NULL THEN 'AMOUNT_DOWN'"
        + " WHEN p.a_currency <> p.b_currency THEN 'AMOUNT_DOWN' WHEN p.b_amount > p.a_amount THEN 'AMOUNT_UP'"
        + " WHEN p.b_amount < p.a_amount THEN 'AMOUNT_DOWN' END END";
    String bridgeCurrency = "CASE WHEN " + isOpen + " AND (NOT " + wasOpen + " OR p.a_amount IS NULL) THEN"
        + " p.b_currency ELSE p.a_currency END";
    String bridgeAmount = "CASE WHEN NOT " + wasOpen + " THEN p.b_amount WHEN NOT " + isOpen + " THEN -p.a_amount"
        + " WHEN p.a_amount IS NULL THEN p.b_amount WHEN p.b_amount IS NULL OR p.a_currency <> p.b_currency"
        + " THEN -p.a_amount ELSE p.b_amount - p.a_amount END";
    // the new amount of a currency change (at the second day's amount and currency, as the shifts)
    String newCurrency = "CASE WHEN " + both + " AND " + otherCurrency + " THEN 'AMOUNT_UP' END";
    // a stage shift, by the stages' places in the pipeline (bound parameters)
    String stageShift = "CAST(NULL AS VARCHAR(13))";
    if (!stageOrder.isEmpty()) {
      StringBuilder a = new StringBuilder("CASE p.a_stage");
      StringBuilder b = new StringBuilder("CASE p.b_stage");
      for (int i = 0; i < stageOrder.size(); i++) {
        a.append(" WHEN :stage").append(i).append(" THEN ").append(i);
        b.append(" WHEN :stage").append(i).append(" THEN ").append(i);
      }
      a.append(" END");
      b.append(" END");
      stageShift = "CASE WHEN " + both + " THEN CASE WHEN " + b + " > " + a + " THEN 'MOVED_FORWARD' WHEN " + b
          + " < " + a + " THEN 'MOVED_BACK' END END";
    }
    // a close date shift
    String closeShift = "CASE WHEN " + both + " AND p.a_close IS NOT NULL AND p.b_close IS NOT NULL THEN"
        + " CASE WHEN p.b_close > p.a_close THEN 'PUSHED_OUT' WHEN p.b_close < p.a_close THEN 'PULLED_IN' END END";
    // One row per pair, grouped by its movements and currencies: a few dozen groups, whatever the number of pairs.
    String sql = "SELECT m.bridge, m.bridge_currency, m.new_currency, m.stage_shift, m.close_shift, m.b_currency,"
        + " COUNT(*), SUM(m.bridge_amount), SUM(m.b_amount) FROM (SELECT " + bridge + " AS bridge, " + bridgeCurrency
        + " AS bridge_currency, " + bridgeAmount + " AS bridge_amount, " + newCurrency + " AS new_currency, "
        + stageShift + " AS stage_shift, " + closeShift + " AS close_shift, p.b_currency AS b_currency, p.b_amount AS"
        + " b_amount FROM (" + pairs + ") p) m WHERE m.bridge IS NOT NULL OR m.stage_shift IS NOT NULL"
        + " OR m.close_shift IS NOT NULL GROUP BY m.bridge, m.bridge_currency, m.new_currency, m.stage_shift,"
        + " m.close_shift, m.b_currency";
    try {
      Query q = owners(ems.current().createNativeQuery(sql), visible)
          .setParameter("tenant", tenant()).setParameter("from", from).setParameter("to", to);
      for (int i = 0; i < stageOrder.size(); i++) {
        q.setParameter("stage" + i, Objects.requireNonNull(stageOrder.get(i), "stage key"));
      }
      Map<MovementKind, Map<String, MovementSum>> sums = new EnumMap<>(MovementKind.class);
      for (Object[] r : rows(q)) {
        long n = number(r[6]);
        String toCurrency = (String) r[5];
        BigDecimal toAmount = decimal(r[8]);
        if (r[0] != null) {
          movement(sums, r[0], (String) r[1], n, decimal(r[7]));
        }
        for (int column = 2; column <= 4; column++) { // the new amount of a currency change, the shifts
          if (r[column] != null) {
            movement(sums, r[column], toCurrency, n, toAmount);
          }
        }
      }
      List<MovementTotal> out = new ArrayList<>();
      sums.forEach((kind, byCurrency) -> byCurrency.forEach((currency, sum) ->
          out.add(new MovementTotal(kind, currency, sum.count, currency == null ? BigDecimal.ZERO : sum.amount))));
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /** Adds {@code n} movements of a kind (its name as SQL returned it) with their summed amount in one currency. */
  private static void movement(Map<MovementKind, Map<String, MovementSum>> sums, Object kind, String currency, long n,
      BigDecimal amount) {
    MovementSum sum = sums.computeIfAbsent(MovementKind.valueOf(kind.toString().trim()), k -> new HashMap<>())
        .computeIfAbsent(currency, c -> new MovementSum());
    sum.count += n;
    sum.amount = sum.amount.add(amount);
  }

  /** A movement's count and amount in one currency, while the groups are added up. */
  private static final class MovementSum {
    long count;
    BigDecimal amount = BigDecimal.ZERO;
  }

  @Override
  public List<TrendRow> trend(LocalDate from, LocalDate to, Visibility visible) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    String owners = visible("s", visible);
    if (owners == null) {
      return List.of();
    }
    // Each row adds to the open pipeline from its first kept day and takes away from its valid_to on: the pipeline
    // of a kept day is the sum of these changes up to it. One pass over the rows, then a join of few rows.
    String open = " FROM " + STATE + " s WHERE s.tenant_id = :tenant AND s.stage_kind = 'OPEN'" + owners;
    try {
      List<TrendRow> out = new ArrayList<>();
      for (Object[] r : rows(owners(ems.current().createNativeQuery("SELECT k.snapshot_day, e.currency, SUM(e.n),"
              + " SUM(e.amount), SUM(e.weighted) FROM " + DAY + " k JOIN ("
              + "SELECT s.valid_from AS event_day, s.currency AS currency, COUNT(*) AS n, SUM(s.amount) AS amount,"
              + " SUM(s.weighted) AS weighted" + open + " AND s.valid_from <= :to GROUP BY s.valid_from, s.currency"
              + " UNION ALL SELECT s.valid_to AS event_day, s.currency AS currency, -COUNT(*) AS n, -SUM(s.amount) AS amount,"
              + " -SUM(s.weighted) AS weighted" + open + " AND s.valid_to <= :to GROUP BY s.valid_to, s.currency"
              + ") e ON e.event_day <= k.snapshot_day WHERE k.tenant_id = :tenant AND k.snapshot_day >= :from"
              + " AND k.snapshot_day <= :to GROUP BY k.snapshot_day, e.currency HAVING SUM(e.n) <> 0"), visible)
          .setParameter("tenant", tenant()).setParameter("from", from).setParameter("to", to))) {
        out.add(new TrendRow(date(r[0]), (String) r[1], number(r[2]), decimal(r[3]), decimal(r[4])));
      }
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<StageHistoryEntry> latestHistoryBefore(Instant end) {
    Objects.requireNonNull(end, "end");
    try {
      return ems.current().createQuery("select h from CrmStageHistory h where h.tenantId = :tenant"
              + " and h.changedAt < :end and h.version = (select max(h2.version) from CrmStageHistory h2"
              + " where h2.tenantId = :tenant and h2.opportunityId = h.opportunityId and h2.changedAt < :end)",
              StageHistoryEntity.class)
          .setParameter("tenant", tenant()).setParameter("end", end).getResultList().stream()
          .map(StageHistoryEntity::toEntry).toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /** Up to this many opportunities are read by id; more are read with the whole tenant and picked in Java. */
  static final int BY_ID_LIMIT = 1000;

  @Override
  public List<UntrackedFields> untrackedFieldsNow(Collection<OpportunityId> opportunities) {
    Objects.requireNonNull(opportunities, "opportunities");
    Set<UUID> wanted = new java.util.LinkedHashSet<>();
    for (OpportunityId id : opportunities) {
      wanted.add(id.value());
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    // One statement whatever the number: an IN list for a few opportunities (a back-fill between kept days), the
    // whole tenant in one pass for many (back-filling before the first kept day), rather than a list of thousands.
    boolean byId = wanted.size() <= BY_ID_LIMIT;
    try {
      Query q = ems.current().createNativeQuery("SELECT o.id, o.owner_id, o.account_id, o.segments, b.total,"
              + " b.currency FROM {h-schema}crm_opportunity o LEFT JOIN (SELECT l.opportunity_id AS opportunity_id,"
              + " SUM(l.amount) AS total, MIN(l.currency) AS currency FROM {h-schema}crm_billing_forecast_line l"
              + " WHERE l.tenant_id = :tenant" + (byId ? " AND l.opportunity_id IN (:ids)" : "")
              + " GROUP BY l.opportunity_id) b ON b.opportunity_id = o.id WHERE o.tenant_id = :tenant"
              + (byId ? " AND o.id IN (:ids)" : ""))
          .setParameter("tenant", tenant());
      if (byId) {
        q.setParameter("ids", List.copyOf(wanted));
      }
      List<UntrackedFields> out = new ArrayList<>();
      for (Object[] r : rows(q)) {
        UUID id = uuid(r[0]);
        if (byId || wanted.contains(id)) {
          out.add(new UntrackedFields(OpportunityId.of(id), UserId.of((String) r[1]),
              r[2] == null ? null : AccountId.of(uuid(r[2])), TextCodec.decodeSegments((String) r[3]),
              money(r[4], r[5])));
        }
      }
      return out;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public long forgetDays(Collection<LocalDate> keptDays) {
    Objects.requireNonNull(keptDays, "keptDays");
    TreeSet<LocalDate> forgotten = new TreeSet<>(keptDays);
    if (forgotten.isEmpty()) {
      return 0;
    }
    EntityManager em = ems.current();
    try {
      TreeSet<LocalDate> remaining = new TreeSet<>();
      for (Object d : em.createNativeQuery("SELECT snapshot_day FROM " + DAY + " WHERE tenant_id = :tenant")
          .setParameter("tenant", tenant()).getResultList()) {
        remaining.add(date(d));
      }
      forgotten.retainAll(remaining);
      remaining.removeAll(forgotten);
      long changed = 0;
      for (LocalDate day : forgotten) {
        LocalDate next = remaining.higher(day);
        if (next != null) {
          // Rows that begin on the forgotten day and still hold on the next kept day begin on that day instead.
          changed += em.createNativeQuery("UPDATE " + STATE + " SET valid_from = :next WHERE tenant_id = :tenant"
                  + " AND valid_from = :day AND (valid_to IS NULL OR valid_to > :next)")
              .setParameter("tenant", tenant()).setParameter("day", day).setParameter("next", next).executeUpdate();
        }
        LocalDate before = remaining.lower(day);
        if (next == null && before != null) {
          // No kept day after it: the rows of the kept day before it are the newest kept state again, so current.
          changed += em.createNativeQuery("UPDATE " + STATE + " SET valid_to = NULL WHERE tenant_id = :tenant"
                  + " AND valid_from <= :before AND valid_to > :before")
              .setParameter("tenant", tenant()).setParameter("before", before).executeUpdate();
        }
        // The others no kept day sees any more.
        changed += em.createNativeQuery("DELETE FROM " + STATE + " WHERE tenant_id = :tenant AND valid_from = :day")
            .setParameter("tenant", tenant()).setParameter("day", day).executeUpdate();
        em.createNativeQuery("DELETE FROM " + DAY + " WHERE tenant_id = :tenant AND snapshot_day = :day")
            .setParameter("tenant", tenant()).setParameter("day", day).executeUpdate();
      }
      return changed;
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  // ----------------------------------------------------------------------------------------------------- mapping

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(Query q) {
    return (List<Object[]>) q.getResultList();
  }

  /** @return the state in {@link #STATE_COLUMNS} order from {@code row[offset]} on */
  private static OpportunityDayState state(Object[] row, int offset) {
    Object[] r = new Object[STATE_COLUMNS.length];
    System.arraycopy(row, offset, r, 0, r.length);
    return new OpportunityDayState(
        OpportunityId.of(uuid(r[0])),
        (String) r[1],
        StageKind.valueOf((String) r[2]),
        ForecastCategory.valueOf((String) r[3]),
        money(r[4], r[5]),
        Probability.of(((Number) r[7]).intValue()),
        money(r[6], r[5]),
        r[8] == null ? null : date(r[8]),
        UserId.of((String) r[9]),
        r[10] == null ? null : AccountId.of(uuid(r[10])),
        TextCodec.decodeSegments((String) r[11]),
        money(r[12], r[13]));
  }

  private static Money money(Object amount, Object currency) {
    return amount == null ? null : Money.of(decimal(amount), (String) currency);
  }

  private static BigDecimal decimal(Object value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
  }

  /** A UUID column: H2 hands native queries its bytes. */
  private static UUID uuid(Object value) {
    if (value instanceof UUID u) {
      return u;
    }
    if (value instanceof byte[] b && b.length == 16) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    throw new IllegalStateException("not a UUID: " + value.getClass().getName());
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    throw new IllegalStateException("not a date: " + value.getClass().getName());
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + value.getClass().getName());
  }
}
