package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.report.MoneySums;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportSource;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JPA report adapter must show beyond the contract suite, on every database: a grouped report is one
 * aggregating statement with bound values, and segments and custom fields are kept in {@code crm_record_value} by
 * every save and delete.
 */
abstract class JpaReportScenarios {
  static final Actor ALICE = Actor.user("alice");

  TestDatabase db;
  Crm crm;

  abstract TestDatabase database();

  @BeforeEach
  void emptyDatabase() {
    db = database();
    db.clean();
    crm = Crm.builder().storage(db.storage).clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"),
        ZoneOffset.UTC)).build();
  }

  @Test
  void runsAGroupedReportAsOneAggregatingStatementWithBoundValues() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme").industry("retail"));
    db.storage.unitOfWork().run(() -> {
      for (int i = 0; i < 30; i++) {
        crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i).stage(i % 2 == 0 ? "proposal"
            : "negotiation").amount(Money.of("100.01", i % 3 == 0 ? "USD" : "EUR"))
            .closeDate(LocalDate.of(2026, 1 + i % 12, 1)).accountId(i % 5 == 0 ? acme.id() : null)
            .segments(Map.of("region", i % 4 == 0 ? "north" : "south")));
      }
    });
    db.statements.reset();

    ReportResult r = crm.reports().run(ALICE, ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .where("name", Operator.STARTS_WITH, "deal")
        .where("segment.region", Operator.IN, "north", "south", "south', 'x")
        .groupBy("stage").groupBy("segment.region").groupBy("closeDate", org.crmkit.report.DateBucket.QUARTER)
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount(),
            ReportAggregate.max("account.industry"))
        .build());

    assertThat(db.statements.statements()).as("one aggregating statement").hasSize(1)
        .allSatisfy(sql -> assertThat(sql.toLowerCase(Locale.ROOT)).contains("group by").contains("sum(")
            .contains("crm_record_value").doesNotContain("north").doesNotContain("deal"));
    assertThat(r.total().cell(r.column("count"))).isEqualTo(30L);
    assertThat(r.total().cell(r.column("sum(amount)")))
        .isEqualTo(MoneySums.of(Money.of("2000.20", "EUR"), Money.of("1000.10", "USD")));
  }

  @Test
  void keepsTheReportRowsOfSegmentsAndCustomFieldsInStepWithEverySaveAndDelete() {
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal")
        .segments(Map.of("region", "north", "industry", "retail")));
    assertThat(db.count("crm_record_value")).isEqualTo(2);

    o = crm.opportunities().update(ALICE, UpdateOpportunity.of(o.id(), o.version())
        .segments(Map.of("region", "south")));
    assertThat(db.count("crm_record_value")).isEqualTo(1);
    assertThat(crm.reports().run(ALICE, ReportDefinition.builder(ReportSource.OPPORTUNITIES).columns("name")
        .where("segment.region", Operator.EQUALS, "south").build()).totalRows()).isEqualTo(1);

    crm.opportunities().delete(ALICE, o.id(), o.version());
    assertThat(db.count("crm_record_value")).isZero();
  }
}
