package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.report.DateBucket;
import org.crmkit.report.MoneySums;
import org.crmkit.report.Operator;
import org.crmkit.report.RateUsed;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportCsv;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportRow;
import org.crmkit.report.ReportSettings;
import org.crmkit.report.ReportSource;
import org.crmkit.shared.Actor;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Contract: the report generator gives the same typed results on every storage: grouping with date buckets, money
 * per currency, per-row rounding of weighted amounts, relative dates at month and year ends, segments and custom
 * fields, the account link, visibility, paging, and refusal of hostile definitions before anything runs.
 */
public interface ReportContract extends ContractSupport {

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static MoneySums sums(Money... amounts) {
    return MoneySums.of(amounts);
  }

  private static Object cell(ReportResult r, ReportRow row, String column) {
    return row.cell(r.column(column));
  }

  private Opportunity opp(Crm crm, String name, String stage, Money amount, LocalDate close) {
    return crm.opportunities().create(ALICE, CreateOpportunity.named(name).stage(stage).amount(amount)
        .closeDate(close));
  }

  private static ReportDefinition.Builder opportunities() {
    return ReportDefinition.builder(ReportSource.OPPORTUNITIES);
  }

  @Test
  default void groupsThePipelineByStageWithCountAmountAndWeightedAmount() {
    Crm crm = crm();
    opp(crm, "a", "proposal", eur("1000.00"), LocalDate.of(2026, 4, 1));
    opp(crm, "b", "proposal", eur("500.00"), LocalDate.of(2026, 4, 2));
    opp(crm, "c", "negotiation", eur("200.00"), LocalDate.of(2026, 5, 1));

    ReportResult r = crm.reports().run(ALICE, opportunities().groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount(),
            ReportAggregate.avgProbability())
        .build());

    assertThat(r.rows()).hasSize(2);
    ReportRow proposal = r.row("proposal").orElseThrow();
    assertThat(cell(r, proposal, "count")).isEqualTo(2L);
    assertThat(cell(r, proposal, "sum(amount)")).isEqualTo(sums(eur("1500.00")));
    assertThat(cell(r, proposal, "weighted_amount")).isEqualTo(sums(eur("750.00")));
    assertThat(cell(r, proposal, "avg_probability")).isEqualTo(new BigDecimal("50.00"));
    ReportRow total = r.total();
    assertThat(cell(r, total, "count")).isEqualTo(3L);
    assertThat(cell(r, total, "sum(amount)")).isEqualTo(sums(eur("1700.00")));
    assertThat(cell(r, total, "weighted_amount")).isEqualTo(sums(eur("910.00")));
    assertThat(cell(r, total, "avg_probability")).isEqualTo(new BigDecimal("60.00"));
    assertThat(r.rows()).extracting(row -> row.cell(0)).containsExactly("negotiation", "proposal");
  }

  @Test
  default void roundsTheWeightedAmountPerRowSoThreeCentsAtFiftyPercentWeighThreeCents() {
    Crm crm = crm();
    for (String name : List.of("x", "y", "z")) {
      crm.opportunities().create(ALICE, CreateOpportunity.named(name).stage("proposal").amount(eur("0.01"))
          .probability(50));
    }

    ReportResult r = crm.reports().run(ALICE, opportunities().groupBy("stage")
        .aggregate(ReportAggregate.weightedAmount()).build());

    assertThat(cell(r, r.rows().get(0), "weighted_amount")).isEqualTo(sums(eur("0.03")));
    assertThat(cell(r, r.total(), "weighted_amount")).isEqualTo(sums(eur("0.03")));
  }

  @Test
  default void sumsMoneyPerCurrencyAndNeverAddsEurosToDollars() {
    Crm crm = crm();
    opp(crm, "a", "proposal", eur("100.00"), null);
    opp(crm, "b", "proposal", Money.of("30.00", "USD"), null);
    opp(crm, "c", "proposal", Money.of("5", "JPY"), null);
    crm.opportunities().create(ALICE, CreateOpportunity.named("no amount").stage("proposal"));

    ReportResult r = crm.reports().run(ALICE, opportunities().groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.max("amount"),
            ReportAggregate.avg("amount"))
        .build());

    ReportRow row = r.rows().get(0);
    assertThat(cell(r, row, "count")).isEqualTo(4L);
    assertThat(cell(r, row, "sum(amount)"))
        .isEqualTo(sums(eur("100.00"), Money.of("30.00", "USD"), Money.of("5", "JPY")));
    assertThat(cell(r, row, "avg(amount)"))
        .isEqualTo(sums(eur("100.00"), Money.of("30.00", "USD"), Money.of("5", "JPY")));
    assertThat(r.rates()).isEmpty();
  }

  @Test
  default void convertsEachRowAtItsOwnDatesRateWhenAReportingCurrencyIsAskedForAndReportsTheRates() {
    Crm crm = crm(b -> b.reports(ReportSettings.defaults().withExchangeRates((from, to, on) ->
        from.getCurrencyCode().equals("USD") && to.getCurrencyCode().equals("EUR")
            ? Optional.of(on.getMonth() == Month.APRIL ? new BigDecimal("0.5") : new BigDecimal("0.8"))
            : Optional.empty())));
    opp(crm, "a", "proposal", eur("100.00"), LocalDate.of(2026, 4, 10));
    opp(crm, "b", "proposal", Money.of("10.00", "USD"), LocalDate.of(2026, 4, 20));
    opp(crm, "c", "proposal", Money.of("10.00", "USD"), LocalDate.of(2026, 5, 20));

    ReportResult r = crm.reports().run(ALICE, opportunities().groupBy("stage")
        .aggregate(ReportAggregate.sum("amount")).reportingCurrency("EUR").build());

    assertThat(cell(r, r.rows().get(0), "sum(amount)")).isEqualTo(sums(eur("113.00")));
    assertThat(r.rates()).extracting(RateUsed::on, RateUsed::rate).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 4, 20), new BigDecimal("0.5")),
        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 5, 20), new BigDecimal("0.8")));
    Throwable missing = catchThrowable(() -> crm.reports().run(ALICE, opportunities().groupBy("stage")
        .aggregate(ReportAggregate.sum("amount")).reportingCurrency("GBP").build()));
    assertThat(missing).isInstanceOf(ValidationException.class).hasMessageContaining("no exchange rate from");
  }

  @Test
  default void resolvesRelativeDatesWithTheCrmsClockAtTheEndOfAYear() {
    clock().set(Instant.parse("2026-12-31T22:00:00Z"));
    Crm crm = crm();
    opp(crm, "nov30", "proposal", eur("1.00"), LocalDate.of(2026, 11, 30));
    opp(crm, "dec01", "proposal", eur("2.00"), LocalDate.of(2026, 12, 1));
    opp(crm, "dec31", "proposal", eur("4.00"), LocalDate.of(2026, 12, 31));
    opp(crm, "jan01", "proposal", eur("8.00"), LocalDate.of(2027, 1, 1));
    opp(crm, "mar31", "proposal", eur("16.00"), LocalDate.of(2027, 3, 31));
    opp(crm, "apr01", "proposal", eur("32.00"), LocalDate.of(2027, 4, 1));

    assertThat(names(crm, "closeDate", Operator.EQUALS, "this_month")).containsExactly("dec01", "dec31");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "today")).containsExactly("dec31");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "next_quarter")).containsExactly("jan01", "mar31");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "last_month")).containsExactly("nov30");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "this_year")).containsExactly("nov30", "dec01", "dec31");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "last_31_days")).containsExactly("dec01", "dec31");
    assertThat(names(crm, "closeDate", Operator.GREATER_THAN, "this_month")).containsExactly("jan01", "mar31",
        "apr01");
    assertThat(names(crm, "closeDate", Operator.BETWEEN, "tomorrow", "next_quarter")).containsExactly("jan01",
        "mar31");
  }

  @Test
  default void resolvesRelativeDatesAtTheEndOfAMonth() {
    clock().set(Instant.parse("2026-02-28T12:00:00Z"));
    Crm crm = crm();
    opp(crm, "feb01", "proposal", eur("1.00"), LocalDate.of(2026, 2, 1));
    opp(crm, "feb28", "proposal", eur("1.00"), LocalDate.of(2026, 2, 28));
    opp(crm, "mar01", "proposal", eur("1.00"), LocalDate.of(2026, 3, 1));
    opp(crm, "mar31", "proposal", eur("1.00"), LocalDate.of(2026, 3, 31));

    assertThat(names(crm, "closeDate", Operator.EQUALS, "this_month")).containsExactly("feb01", "feb28");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "next_month")).containsExactly("mar01", "mar31");
    assertThat(names(crm, "closeDate", Operator.EQUALS, "next_7_days")).containsExactly("feb28", "mar01");
    assertThat(names(crm, "closeDate", Operator.LESS_THAN, "today")).containsExactly("feb01");
  }

  private List<Object> names(Crm crm, String field, Operator op, String... values) {
    return crm.reports().run(ALICE, opportunities().columns("name").where(field, op, values).sortBy("closeDate")
        .build()).rows().stream().map(r -> r.cell(0)).toList();
  }

  @Test
  default void groupsDatesIntoMonthQuarterAndFiscalYearBuckets() {
    Crm crm = crm(b -> b.reports(ReportSettings.defaults().withFiscalYearStart(Month.APRIL)));
    opp(crm, "a", "proposal", eur("1.00"), LocalDate.of(2026, 3, 31));
    opp(crm, "b", "proposal", eur("2.00"), LocalDate.of(2026, 4, 1));
    opp(crm, "c", "proposal", eur("4.00"), LocalDate.of(2026, 4, 30));
    opp(crm, "d", "proposal", eur("8.00"), LocalDate.of(2027, 1, 15));

    ReportResult months = crm.reports().run(ALICE, opportunities().groupBy("closeDate", DateBucket.MONTH)
        .aggregate(ReportAggregate.count()).build());
    ReportResult quarters = crm.reports().run(ALICE, opportunities().groupBy("closeDate", DateBucket.QUARTER)
        .aggregate(ReportAggregate.sum("amount")).build());
    ReportResult years = crm.reports().run(ALICE, opportunities().groupBy("closeDate", DateBucket.YEAR)
        .aggregate(ReportAggregate.count()).build());

    assertThat(months.rows()).extracting(r -> r.cell(0), r -> r.cell(1)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("2026-03", 1L), org.assertj.core.groups.Tuple.tuple("2026-04", 2L),
        org.assertj.core.groups.Tuple.tuple("2027-01", 1L));
    assertThat(quarters.rows()).extracting(r -> r.cell(0), r -> r.cell(1)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("FY2025-Q4", sums(eur("1.00"))),
        org.assertj.core.groups.Tuple.tuple("FY2026-Q1", sums(eur("6.00"))),
        org.assertj.core.groups.Tuple.tuple("FY2026-Q4", sums(eur("8.00"))));
    assertThat(years.rows()).extracting(r -> r.cell(0)).containsExactly("FY2025", "FY2026");
  }

  @Test
  default void leavesEmptyGroupsOutAndGivesAZeroTotalWhenNothingMatches() {
    Crm crm = crm();
    opp(crm, "a", "proposal", eur("1.00"), null);

    ReportResult r = crm.reports().run(ALICE, opportunities().where("stage", Operator.EQUALS, "negotiation")
        .groupBy("stage").aggregate(ReportAggregate.count(), ReportAggregate.sum("amount")).build());

    assertThat(r.rows()).isEmpty();
    assertThat(r.totalRows()).isZero();
    assertThat(cell(r, r.total(), "count")).isEqualTo(0L);
    assertThat(cell(r, r.total(), "sum(amount)")).isEqualTo(MoneySums.none());
  }

  @Test
  default void groupsMissingValuesAsOneGroupSortedLast() {
    Crm crm = crm();
    crm.opportunities().create(ALICE, CreateOpportunity.named("a").leadSource("web"));
    crm.opportunities().create(ALICE, CreateOpportunity.named("b"));
    crm.opportunities().create(ALICE, CreateOpportunity.named("c"));
    crm.opportunities().create(ALICE, CreateOpportunity.named("d").leadSource("fair"));

    ReportResult r = crm.reports().run(ALICE, opportunities().groupBy("leadSource").groupBy("closeDate")
        .aggregate(ReportAggregate.count()).build());

    assertThat(r.rows()).extracting(row -> row.cell(0), row -> row.cell(2)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("fair", 1L), org.assertj.core.groups.Tuple.tuple("web", 1L),
        org.assertj.core.groups.Tuple.tuple(null, 2L));
    assertThat(r.subtotals()).extracting(row -> row.cell(0), row -> row.cell(2)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("fair", 1L), org.assertj.core.groups.Tuple.tuple("web", 1L),
        org.assertj.core.groups.Tuple.tuple(null, 2L));
    assertThat(r.subtotals()).allMatch(s -> s.kind() == ReportRow.Kind.SUBTOTAL && s.level() == 1);
  }

  @Test
  default void groupsAndFiltersBySegmentsCustomFieldsAndTheLinkedAccount() {
    Crm crm = crm(b -> b.customFields(CustomFieldSchema.of(
        CustomFieldDefinition.picklist(RecordType.OPPORTUNITY, "tier", "Tier", Set.of("gold", "silver")),
        CustomFieldDefinition.of(RecordType.OPPORTUNITY, "seats", "Seats", FieldType.NUMBER))));
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme").country("FI"));
    Account umbrella = crm.accounts().create(ALICE, CreateAccount.named("Umbrella").country("SE"));
    crm.opportunities().create(ALICE, CreateOpportunity.named("a").accountId(acme.id()).amount(eur("10.00"))
        .segments(Map.of("region", "north")).customFields(Map.of("tier", CustomValue.picklist("gold"),
            "seats", CustomValue.number("12"))));
    crm.opportunities().create(ALICE, CreateOpportunity.named("b").accountId(umbrella.id()).amount(eur("20.00"))
        .segments(Map.of("region", "north")).customFields(Map.of("tier", CustomValue.picklist("silver"),
            "seats", CustomValue.number("3"))));
    crm.opportunities().create(ALICE, CreateOpportunity.named("c").amount(eur("40.00"))
        .segments(Map.of("region", "south")));

    ReportResult bySegment = crm.reports().run(ALICE, opportunities().groupBy("segment.region")
        .groupBy("custom.tier").aggregate(ReportAggregate.sum("amount"), ReportAggregate.sum("custom.seats")).build());
    assertThat(bySegment.rows()).extracting(r -> r.cell(0), r -> r.cell(1), r -> r.cell(2)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("north", "gold", sums(eur("10.00"))),
        org.assertj.core.groups.Tuple.tuple("north", "silver", sums(eur("20.00"))),
        org.assertj.core.groups.Tuple.tuple("south", null, sums(eur("40.00"))));
    assertThat(cell(bySegment, bySegment.total(), "sum(custom.seats)")).isEqualTo(new BigDecimal("15"));

    assertThat(crm.reports().run(ALICE, opportunities().columns("name", "account.name")
        .where("account.country", Operator.EQUALS, "SE").build()).rows())
        .extracting(r -> r.cell(0), r -> r.cell(1)).containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", "Umbrella"));
    assertThat(crm.reports().run(ALICE, opportunities().columns("name").where("custom.seats",
        Operator.GREATER_THAN, "5").where("segment.region", Operator.IN, "north", "east").build()).rows())
        .extracting(r -> r.cell(0)).containsExactly("a");
    assertThat(crm.reports().run(ALICE, opportunities().columns("name").where("custom.tier",
        Operator.IS_EMPTY).build()).rows()).extracting(r -> r.cell(0)).containsExactly("c");
    assertThat(crm.reports().run(ALICE, opportunities().groupBy("account.name")
        .aggregate(ReportAggregate.count()).build()).rows()).extracting(r -> r.cell(0))
        .containsExactly("Acme", "Umbrella", null);
  }

  @Test
  default void countsOnlyTheRecordsTheActorMaySee() {
    TeamDirectory noTeams = new TeamDirectory() {
      @Override
      public Set<UserId> teamOf(TenantId tenant, UserId manager) {
        return Set.of();
      }

      @Override
      public boolean isAdministrator(TenantId tenant, UserId user) {
        return false;
      }
    };
    Crm crm = crm(b -> b.accessPolicy(OwnerAccessPolicy.over(noTeams)));
    crm.opportunities().create(ALICE, CreateOpportunity.named("alice's").amount(eur("1.00")));
    crm.opportunities().create(BOB, CreateOpportunity.named("bob's").amount(eur("2.00")));

    ReportResult alice = crm.reports().run(ALICE, opportunities().groupBy("owner")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount")).build());
    ReportResult details = crm.reports().run(BOB, opportunities().columns("name").build());

    assertThat(alice.rows()).extracting(r -> r.cell(0)).containsExactly("alice");
    assertThat(cell(alice, alice.total(), "sum(amount)")).isEqualTo(sums(eur("1.00")));
    assertThat(details.rows()).extracting(r -> r.cell(0)).containsExactly("bob's");
    assertThat(details.totalRows()).isEqualTo(1);
  }

  @Test
  default void pagesAndSortsDetailRowsAndCountsThemAll() {
    Crm crm = crm();
    for (int i = 1; i <= 5; i++) {
      opp(crm, "deal " + i, "proposal", eur(i + "0.00"), null);
    }

    ReportResult page = crm.reports().run(ALICE, opportunities().columns("name", "amount")
        .sortByDescending("amount").limit(2).offset(1).build());

    assertThat(page.totalRows()).isEqualTo(5);
    assertThat(page.rows()).extracting(r -> r.cell(0), r -> r.cell(1)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("deal 4", sums(eur("40.00"))),
        org.assertj.core.groups.Tuple.tuple("deal 3", sums(eur("30.00"))));
    assertThat(crm.reports().run(ALICE, opportunities().columns("name").where("name", Operator.CONTAINS, "AL 5")
        .build()).rows()).extracting(r -> r.cell(0)).containsExactly("deal 5");
    assertThat(crm.reports().run(ALICE, opportunities().columns("name").where("name", Operator.STARTS_WITH,
        "deal").where("amount", Operator.BETWEEN, "20", "30.00").build()).totalRows()).isEqualTo(2);
  }

  @Test
  default void reportsOnLeadsStageHistoryAndBillingForecastLines() {
    Crm crm = crm();
    crm.leads().create(ALICE, CreateLead.of("Ada", "L", "Engines", "ada@example.com").leadSource("web"));
    crm.leads().create(ALICE, CreateLead.of("Bob", "K", "Widgets", "bob@example.com").leadSource("web"));
    crm.leads().create(ALICE, CreateLead.of("Cy", "M", "Gears", "cy@example.com").leadSource("fair"));
    Opportunity o = opp(crm, "deal", "qualification", eur("300.00"), LocalDate.of(2026, 6, 30));
    crm.opportunities().changeStage(ALICE, org.crmkit.application.ChangeStage.of(o.id(), o.version(), "proposal"));
    o = crm.opportunities().get(ALICE, o.id());
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), YearMonth.of(2026, 4), 3));

    ReportResult leads = crm.reports().run(ALICE, ReportDefinition.builder(ReportSource.LEADS)
        .groupBy("leadSource").groupBy("status").aggregate(ReportAggregate.count()).build());
    ReportResult history = crm.reports().run(ALICE, ReportDefinition.builder(ReportSource.STAGE_HISTORY)
        .groupBy("stage").aggregate(ReportAggregate.count(), ReportAggregate.countDistinct("previousStage")).build());
    ReportResult lines = crm.reports().run(ALICE, ReportDefinition.builder(ReportSource.FORECAST_LINES)
        .groupBy("month", DateBucket.MONTH).aggregate(ReportAggregate.sum("amount"), ReportAggregate.weightedAmount())
        .build());

    assertThat(leads.rows()).extracting(r -> r.cell(0), r -> r.cell(2)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("fair", 1L), org.assertj.core.groups.Tuple.tuple("web", 2L));
    assertThat(history.rows()).extracting(r -> r.cell(0), r -> r.cell(1), r -> r.cell(2)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("proposal", 1L, 1L),
        org.assertj.core.groups.Tuple.tuple("qualification", 1L, 0L));
    assertThat(lines.rows()).extracting(r -> r.cell(0), r -> r.cell(1), r -> r.cell(2)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("2026-04", sums(eur("100.00")), sums(eur("50.00"))),
        org.assertj.core.groups.Tuple.tuple("2026-05", sums(eur("100.00")), sums(eur("50.00"))),
        org.assertj.core.groups.Tuple.tuple("2026-06", sums(eur("100.00")), sums(eur("50.00"))));
  }

  @Test
  default void refusesBrokenAndHostileDefinitionsWithFieldErrorsBeforeReadingAnything() {
    Crm crm = crm();
    ReportDefinition hostile = opportunities()
        .groupBy("stage; drop table crm_opportunity; --").groupBy("name").groupBy("owner").groupBy("leadSource")
        .aggregate(ReportAggregate.sum("name"), ReportAggregate.avg("closeDate"))
        .where("amount", Operator.GREATER_THAN, "1 or 1=1")
        .where("closeDate", Operator.EQUALS, "last_999999_days")
        .where("probability", Operator.BETWEEN, "1")
        .limit(1_000_000_000).offset(-1).build();

    Throwable e = catchThrowable(() -> crm.reports().run(ALICE, hostile));

    assertThat(e).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) e).errors()).extracting(FieldError::field).contains("groups", "limit",
        "offset", "aggregates[0].field", "aggregates[1].field", "filters[0].values[0]", "filters[1].values[0]",
        "filters[2].values");
    Throwable unknown = catchThrowable(() -> crm.reports().run(ALICE, opportunities()
        .columns("name\" from crm_opportunity --", "custom.nope", "segment.x'y").build()));
    assertThat(((ValidationException) unknown).errors()).extracting(FieldError::field)
        .containsExactly("columns[0]", "columns[1]", "columns[2]");
  }

  @Test
  default void runsSqlLookingValuesAsPlainValuesThatMatchNothing() {
    Crm crm = crm();
    opp(crm, "o'brien", "proposal", eur("1.00"), null);
    opp(crm, "other", "proposal", eur("1.00"), null);

    assertThat(crm.reports().run(ALICE, opportunities().columns("name")
        .where("name", Operator.EQUALS, "x' or '1'='1").build()).rows()).isEmpty();
    assertThat(crm.reports().run(ALICE, opportunities().columns("name")
        .where("name", Operator.CONTAINS, "%").build()).rows()).isEmpty();
    assertThat(crm.reports().run(ALICE, opportunities().columns("name")
        .where("name", Operator.IN, "o'brien", "'; delete from crm_opportunity; --").build()).rows())
        .extracting(r -> r.cell(0)).containsExactly("o'brien");
    assertThat(crm.reports().run(ALICE, opportunities().columns("name").build()).totalRows()).isEqualTo(2);
  }

  @Test
  default void exportsCsvWithFormulaCellsNeutralised() {
    Crm crm = crm();
    opp(crm, "=HYPERLINK(\"http://evil\")", "proposal", eur("1.00"), null);

    String csv = ReportCsv.write(crm.reports().run(ALICE, opportunities().columns("name", "amount").build()));

    assertThat(csv).isEqualTo("row,name,amount\r\ndetail,\"'=HYPERLINK(\"\"http://evil\"\")\",1.00 EUR\r\n");
  }

  @Test
  default void keepsTheCurrencyOfEveryDetailRow() {
    Crm crm = crm();
    opp(crm, "a", "proposal", Money.of("7", "JPY"), null);

    ReportResult r = crm.reports().run(ALICE, opportunities().columns("amount", "currency").build());

    assertThat(r.rows().get(0).cells()).containsExactly(sums(Money.of("7", "JPY")), "JPY");
    assertThat(Currency.getInstance("JPY").getDefaultFractionDigits()).isZero();
  }

  @Test
  default void seesOnlyTheActorsTenant() {
    Crm crm = crm();
    opp(crm, "default tenant", "proposal", eur("1.00"), null);
    Actor other = Actor.user("alice").in("other");
    crm.opportunities().create(other, CreateOpportunity.named("other tenant").amount(eur("5.00")));

    ReportResult r = crm.reports().run(other, opportunities().groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount")).build());

    assertThat(cell(r, r.total(), "count")).isEqualTo(1L);
    assertThat(cell(r, r.total(), "sum(amount)")).isEqualTo(sums(eur("5.00")));
  }
}
