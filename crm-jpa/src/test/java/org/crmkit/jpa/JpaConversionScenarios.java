package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.lead.Lead;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What lead conversion sends to the database, run on every database: one conversion is three look-ups, five inserts
 * and one update; {@code convertAll} sends a chunk's inserts as JDBC batches (one prepared statement per table) and
 * keeps the foreign keys' order when the chunk mixes linked and new accounts.
 */
abstract class JpaConversionScenarios {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Actor ALICE = Actor.user("alice");
  private static final StatementCounter ORDERED_STATEMENTS = new StatementCounter();
  private static final java.util.Map<TestDatabase, JpaStorage> ORDERED = new java.util.HashMap<>();
  private static final java.util.Map<TestDatabase, Counted> COUNTED = new java.util.HashMap<>();

  /** A storage with crmkit's default settings over the test database's pool, seen through {@link JdbcCalls}. */
  private record Counted(JdbcCalls calls, JpaStorage storage) {}

  TestDatabase db;
  Crm crm;

  abstract TestDatabase database();

  @BeforeEach
  void emptyDatabase() {
    db = database();
    db.clean();
    crm = Crm.builder().storage(db.storage).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
  }

  /**
   * A storage over the same database with Hibernate's {@code hibernate.order_inserts}, which groups a flush's inserts
   * by table so that each table's rows go in one JDBC batch (without it, the rows of one conversion after another
   * alternate between tables and every batch holds one row).
   */
  JpaStorage orderedStorage() {
    synchronized (ORDERED) {
      return ORDERED.computeIfAbsent(db, d -> JpaStorage.builder().dataSource(d.dataSource)
          .property("hibernate.session_factory.statement_inspector", ORDERED_STATEMENTS)
          .property("hibernate.order_inserts", true)
          .build());
    }
  }

  private Counted counted() {
    synchronized (COUNTED) {
      return COUNTED.computeIfAbsent(db, d -> {
        JdbcCalls calls = new JdbcCalls(d.dataSource);
        return new Counted(calls, JpaStorage.builder().dataSource(calls).migrate(false).build());
      });
    }
  }

  /** @return "insert into TABLE" or "update TABLE" */
  private static String kind(String sql) {
    String[] w = sql.strip().toLowerCase(Locale.ROOT).split("[\\s(]+");
    return w[0].equals("update") ? "update " + w[1] : w[0] + " " + w[1] + " " + w[2];
  }

  private static long count(List<String> sql, String prefix) {
    return sql.stream().filter(s -> s.strip().toLowerCase(Locale.ROOT).startsWith(prefix)).count();
  }

  @Test
  void oneConversionIsThreeLookUpsFiveInsertsAndOneUpdate() {
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines",
        "ada@engines.example"));
    db.statements.reset();

    crm.conversions().convert(ALICE, ConvertLead.of(lead.id()));

    List<String> sql = db.statements.statements();
    assertThat(sql).as("statements of one conversion: %s", sql).hasSize(9);
    assertThat(sql.subList(0, 3)).as("the look-ups: the lead by id, accounts by match key, contacts by e-mail")
        .satisfiesExactly(
            s -> assertThat(s).startsWith("select").contains("from crm_lead").contains("id=?"),
            s -> assertThat(s).startsWith("select").contains("from crm_account").contains("name_normalized=?"),
            s -> assertThat(s).startsWith("select").contains("from crm_contact").contains("email_normalized=?"));
    assertThat(sql.subList(3, 9)).extracting(JpaConversionScenarios::kind)
        .as("the writes: account, contact, opportunity, its history entry, the lead, the conversion record")
        .containsExactlyInAnyOrder("insert into crm_account", "insert into crm_contact",
            "insert into crm_opportunity", "insert into crm_stage_history", "insert into crm_conversion_record",
            "update crm_lead");
  }

  /**
   * Round trips, not only statements: a single conversion takes one connection from the pool and runs one
   * transaction on it, begun by one auto-commit switch (PostgreSQL's driver sends its BEGIN with the first statement)
   * and ended by one commit, with no savepoint, validity check, isolation, read-only or schema change, and no
   * statement besides the three look-ups and one single execution for each of the six writes (one row per table, so
   * no JDBC batch: a batch of one row is the same round trip and costs the provider more): ten round trips on
   * PostgreSQL, the same as the hand-written JDBC of the benchmark (docs/PERFORMANCE.md, "Lead conversion on
   * PostgreSQL").
   */
  @Test
  void oneConversionIsOneTransactionOnOneConnectionWithNothingButItsStatementsAndTheCommit() {
    Counted counted = counted();
    Crm crm = Crm.builder().storage(counted.storage()).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines",
        "ada@engines.example"));
    counted.calls().reset();

    crm.conversions().convert(ALICE, ConvertLead.of(lead.id()));

    JdbcCalls calls = counted.calls();
    assertThat(calls.connectionCalls()).as("connections taken and transaction or session changes")
        .containsExactly("getConnection", "setAutoCommit(false)", "commit()", "setAutoCommit(true)");
    List<String> executions = calls.executions();
    assertThat(executions).as("single executions: the three look-ups, then the six writes").hasSize(9);
    assertThat(executions.subList(0, 3)).allSatisfy(sql -> assertThat(sql).startsWith("select"));
    assertThat(executions.subList(3, 9)).extracting(JpaConversionScenarios::kind)
        .as("one statement per write, each executed on its own")
        .containsExactlyInAnyOrder("insert into crm_account", "insert into crm_contact",
            "insert into crm_opportunity", "insert into crm_stage_history", "insert into crm_conversion_record",
            "update crm_lead");
    assertThat(calls.batches()).as("no JDBC batch: no table gets a second row").isEmpty();
  }

  @Test
  void convertAllSendsTheInsertsOfAChunkAsOneBatchPerTable() {
    Crm ordered = Crm.builder().storage(orderedStorage()).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    List<LeadId> leads = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      leads.add(ordered.leads().create(ALICE, CreateLead.of("Ada", "Lead" + i, "Company" + (char) ('a' + i % 26)
          + (char) ('a' + i / 26) + " Works", "ada" + i + "@c" + i + ".example")).id());
    }
    ORDERED_STATEMENTS.reset();

    BulkConversionResult result = ordered.conversions().convertAll(ALICE, leads, null);

    assertThat(result.convertedCount()).isEqualTo(40);
    List<String> sql = ORDERED_STATEMENTS.statements();
    assertThat(count(sql, "select")).as("three look-ups per lead, each before the chunk's first insert")
        .isEqualTo(120);
    for (String table : List.of("crm_account", "crm_contact", "crm_opportunity", "crm_stage_history",
        "crm_conversion_record")) {
      assertThat(count(sql, "insert into " + table + " ")).as("one batch of 40 rows into " + table).isOne();
    }
    assertThat(count(sql, "update crm_lead ")).as("the 40 leads marked converted in one batch").isOne();
    assertThat(sql).as("a one-by-one conversion would send 9 statements a lead").hasSize(126);
  }

  @Test
  void aChunkMixingLinkedAndNewAccountsKeepsTheForeignKeysInOrder() {
    Crm ordered = Crm.builder().storage(orderedStorage()).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    ordered.accounts().create(ALICE, CreateAccount.named("Existing Holdings"));
    List<LeadId> leads = new ArrayList<>();
    List<String> names = List.of("Adams", "Brown", "Clarke", "Dubois", "Eriksson", "Fischer", "Garcia", "Hughes",
        "Ivanova", "Jensen", "Kowalski", "Lindqvist");
    for (int i = 0; i < names.size(); i++) {
      // every third lead links the existing account (no account insert), the others create their own
      String company = i % 3 == 0 ? "Existing Holdings" : names.get(i) + " Partners";
      leads.add(ordered.leads().create(ALICE, CreateLead.of("Sam", names.get(i), company,
          "sam" + i + "@m" + i + ".example")).id());
    }
    ORDERED_STATEMENTS.reset();

    BulkConversionResult result = ordered.conversions().convertAll(ALICE, leads, null);

    assertThat(result.convertedCount()).as("every lead converted").isEqualTo(12);
    long accountInserts = count(ORDERED_STATEMENTS.statements(), "insert into crm_account ");
    assertThat(accountInserts).as("8 new accounts in a few batches, not one unit of work per lead after a failed chunk")
        .isLessThan(8);
  }
}
