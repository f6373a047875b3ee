package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.shared.Actor;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordNotFoundException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Connections killed by the server ({@code pg_terminate_backend}, from a separate admin connection) during single
 * conversions and during {@code convertAll} never leave a lead half-converted, every reported success is committed,
 * no error misreports what happened, and a retry converts the rest. Runs only in the {@code stress} profile.
 *
 * <p>The storage under test has its own connection pool, marked with an {@code application_name}, so the killer
 * hits only its backends: idle ones, and ones in the middle of a statement or a transaction.
 */
@Tag("stress")
class PostgresConnectionFaultIT {
  private static final String APPLICATION = "crmkit-fault-test";
  private static final Actor SELLER = Actor.user("fault-tester");
  private static final int SINGLE = Integer.getInteger("crmkit.fault.single", 100);
  private static final int BULK = Integer.getInteger("crmkit.fault.bulk", 300);

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> figures = Collections.synchronizedMap(new TreeMap<>());
  private final Random names = new Random();

  @Test
  void killedConnectionsDuringConversionLeaveNothingHalfWrittenAndRetriesSucceed() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    db.clean();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.dataSource.getJdbcUrl());
    config.setUsername(db.dataSource.getUsername());
    config.setPassword(db.dataSource.getPassword());
    config.addDataSourceProperty("ApplicationName", APPLICATION);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(10_000);
    try (HikariDataSource pool = new HikariDataSource(config);
        JpaStorage storage = JpaStorage.builder().dataSource(pool).build()) {
      Crm crm = Crm.builder().storage(storage).build();
      Map<LeadId, String> single = createLeads(crm, "S", SINGLE);
      Map<LeadId, String> bulk = createLeads(crm, "B", BULK);
      Map<LeadId, String> all = new LinkedHashMap<>(single);
      all.putAll(bulk);

      Map<LeadId, String> reportedConverted = new LinkedHashMap<>();
      Map<LeadId, RuntimeException> reportedFailed = new LinkedHashMap<>();
      try (Killer killer = new Killer(db)) {
        for (LeadId lead : single.keySet()) {
          try {
            ConversionOutcome outcome = crm.conversions().convert(SELLER, ConvertLead.of(lead));
            record(lead, outcome, null, reportedConverted, reportedFailed);
          } catch (RuntimeException e) {
            record(lead, null, e, reportedConverted, reportedFailed);
          }
        }
        BulkConversionResult result = crm.conversions().convertAll(SELLER, bulk.keySet(), null);
        for (BulkConversionResult.Item item : result.items()) {
          record(item.leadId(), item.outcome().orElse(null), item.error().orElse(null), reportedConverted,
              reportedFailed);
        }
        figures.put("faults injected (backends terminated)", killer.kills.get());
      }

      Map<LeadId, Boolean> converted = checkEachLeadWholeOrUntouched(db, all);
      reportedConverted.keySet().stream().filter(l -> !converted.get(l)).forEach(l ->
          violations.add("lead " + l + " was reported converted but its conversion is not in the database"));
      reportedFailed.forEach((lead, error) -> {
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (converted.get(lead) && message.contains("nothing") && message.contains("written")) {
          violations.add("lead " + lead + " is converted, but the error said nothing was written: " + error);
        }
      });
      figures.put("leads", (long) all.size());
      figures.put("reported converted", (long) reportedConverted.size());
      figures.put("reported failed", (long) reportedFailed.size());
      figures.put("converted in the database after the faults", converted.values().stream().filter(c -> c).count());

      // Retry every lead not reported converted, without faults: each converts, or is found already converted.
      // First drop the pool's idle connections: the last kills may have hit some it has not noticed yet.
      pool.getHikariPoolMXBean().softEvictConnections();
      List<LeadId> retry = all.keySet().stream().filter(l -> !reportedConverted.containsKey(l)).toList();
      BulkConversionResult retried = crm.conversions().convertAll(SELLER, retry, null);
      for (BulkConversionResult.Item item : retried.items()) {
        boolean alreadyConverted = item.outcome().orElse(null) instanceof ConversionOutcome.Rejected r
            && r.problems().stream().allMatch(p -> p.reason() == ConversionProblem.Reason.ALREADY_CONVERTED);
        if (!item.converted() && !alreadyConverted) {
          violations.add("retry of lead " + item.leadId() + " did not convert it: "
              + (item.error().isPresent() ? item.error().get() : item.outcome()));
        }
      }
      figures.put("retried", (long) retry.size());
      Map<LeadId, Boolean> afterRetry = checkEachLeadWholeOrUntouched(db, all);
      afterRetry.forEach((lead, isConverted) -> {
        if (!isConverted) {
          violations.add("lead " + lead + " is still not converted after the retry");
        }
      });
      figures.put("records lost", reportedConverted.keySet().stream().filter(l -> !afterRetry.get(l)).count());
    }

    Map<String, List<String>> byKind = new TreeMap<>();
    violations.forEach(v -> byKind.computeIfAbsent(
        v.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>").replaceAll(": .*", ""),
        k -> new ArrayList<>()).add(v));
    StringBuilder summary = new StringBuilder("[crmkit fault] " + figures + ", violations: " + violations.size());
    byKind.forEach((kind, all) -> summary.append("\n  VIOLATION ").append(all.size()).append(" x ").append(kind)
        .append(", e.g. ").append(all.get(0)));
    System.out.println(summary);
    assertThat(figures.get("faults injected (backends terminated)")).as("faults injected").isPositive();
    assertThat(violations).as(summary.toString()).isEmpty();
  }

  /** Each lead its own company, of random words, so that no two leads' accounts match or look alike. */
  private Map<LeadId, String> createLeads(Crm crm, String prefix, int count) {
    Map<LeadId, String> leads = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String company = word() + " " + word();
      String domain = company.toLowerCase(Locale.ROOT).replace(" ", "") + ".example";
      leads.put(crm.leads().create(SELLER, CreateLead.of("Fay", "Ult" + prefix + i, company, "fay@" + domain)).id(),
          company);
    }
    return leads;
  }

  private String word() {
    StringBuilder w = new StringBuilder().append((char) ('A' + names.nextInt(26)));
    for (int i = 0; i < 7; i++) {
      w.append((char) ('a' + names.nextInt(26)));
    }
    return w.toString();
  }

  private void record(LeadId lead, ConversionOutcome outcome, RuntimeException error,
      Map<LeadId, String> converted, Map<LeadId, RuntimeException> failed) {
    if (outcome instanceof ConversionOutcome.Converted) {
      converted.put(lead, "");
      return;
    }
    if (error == null) {
      violations.add("lead " + lead + " was rejected, though nothing stands in its way: " + outcome);
      return;
    }
    failed.put(lead, error);
    figures.merge("error " + error.getClass().getSimpleName(), 1L, Long::sum);
    if (!(error instanceof CrmException)) {
      violations.add("lead " + lead + ": a killed connection surfaced as " + error + ", not as a CrmException");
    } else if (error instanceof RecordNotFoundException) {
      violations.add("lead " + lead + " exists, but its conversion reported it missing: " + error.getMessage());
    }
  }

  /**
   * Reads the database over plain JDBC: each lead is either converted with everything a conversion writes (one
   * standing record, its account, contact, opportunity with one history entry), or untouched.
   *
   * @return for each lead, whether it is converted
   */
  private Map<LeadId, Boolean> checkEachLeadWholeOrUntouched(TestDatabase db, Map<LeadId, String> leads)
      throws SQLException {
    Map<LeadId, Boolean> converted = new LinkedHashMap<>();
    try (Connection c = db.dataSource.getConnection()) {
      for (Map.Entry<LeadId, String> lead : leads.entrySet()) {
        UUID id = lead.getKey().value();
        boolean isConverted;
        UUID account;
        UUID contact;
        UUID opportunity;
        try (PreparedStatement s = c.prepareStatement("select converted_at, converted_account_id,"
            + " converted_contact_id, converted_opportunity_id from crm_lead where id = ?")) {
          s.setObject(1, id);
          try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
              violations.add("lead " + id + " is gone");
              converted.put(lead.getKey(), false);
              continue;
            }
            isConverted = rs.getObject(1) != null;
            account = rs.getObject(2, UUID.class);
            contact = rs.getObject(3, UUID.class);
            opportunity = rs.getObject(4, UUID.class);
          }
        }
        long records = count(c, "select count(*) from crm_conversion_record where lead_id = ?", id);
        long accounts = count(c, "select count(*) from crm_account where name = ?", lead.getValue());
        long opportunities = count(c, "select count(*) from crm_opportunity where source_lead_id = ?", id);
        long history = count(c, "select count(*) from crm_stage_history h join crm_opportunity o"
            + " on o.id = h.opportunity_id where o.source_lead_id = ?", id);
        long contacts = count(c, "select count(*) from crm_contact where account_id in"
            + " (select a.id from crm_account a where a.name = ?)", lead.getValue());
        String state = "records=" + records + " accounts=" + accounts + " contacts=" + contacts + " opportunities="
            + opportunities + " history=" + history;
        if (isConverted) {
          if (records != 1 || accounts != 1 || contacts != 1 || opportunities != 1 || history != 1
              || account == null || contact == null || opportunity == null
              || count(c, "select count(*) from crm_opportunity where id = ?", opportunity) != 1) {
            violations.add("lead " + id + " is converted but not wholly: " + state);
          }
        } else if (records + accounts + contacts + opportunities + history != 0) {
          violations.add("lead " + id + " is not converted but conversion rows exist: " + state);
        }
        converted.put(lead.getKey(), isConverted);
      }
    }
    return converted;
  }

  private static long count(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Terminates the storage pool's backends every 20-120 ms from its own admin connection, until closed. */
  private static final class Killer implements AutoCloseable {
    final AtomicLong kills = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Killer(TestDatabase db) {
      thread = new Thread(() -> {
        Random random = new Random(17);
        // Chooses the backends first, then terminates them one by one: in a single statement the planner may call
        // pg_terminate_backend before it has filtered the rows, and kill other sessions.
        try (Connection admin = db.dataSource.getConnection();
            PreparedStatement victims = admin.prepareStatement("select pid from pg_stat_activity"
                + " where application_name = ? and pid <> pg_backend_pid() and (? or state <> 'idle')");
            PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(?)")) {
          while (running.get()) {
            Thread.sleep(20 + random.nextInt(100));
            victims.setString(1, APPLICATION);
            victims.setBoolean(2, random.nextInt(4) == 0);   // mostly busy backends, sometimes idle ones too
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rs = victims.executeQuery()) {
              while (rs.next()) {
                pids.add(rs.getInt(1));
              }
            }
            for (int pid : pids) {
              kill.setInt(1, pid);
              try (ResultSet rs = kill.executeQuery()) {
                rs.next();
                kills.addAndGet(rs.getBoolean(1) ? 1 : 0);
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (SQLException e) {
          throw new IllegalStateException("the killer's admin connection failed", e);
        }
      }, "crmkit-connection-killer");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      running.set(false);
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
