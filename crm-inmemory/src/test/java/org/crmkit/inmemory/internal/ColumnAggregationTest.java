package org.crmkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.customfield.CustomFields;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.report.AggregateQuery;
import org.crmkit.report.Comparison;
import org.crmkit.report.ReportCondition;
import org.crmkit.report.ReportField;
import org.crmkit.report.ReportMeasure;
import org.crmkit.report.ReportSource;
import org.crmkit.report.ValueType;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The opportunity report columns give the same aggregates as the row scan, value for value (scales of decimals and
 * Java types included), for every kind of key, condition and measure, before and after commits that update,
 * delete and insert rows; and a unit of work with rows of its own is answered by the row scan. The row scan's
 * answer is taken in a unit of work that has read an opportunity, which the columns never answer.
 */
class ColumnAggregationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] STAGES = {"qualification", "proposal", "closed_won", "closed_lost"};
  private static final String[] CURRENCIES = {"EUR", "USD", "JPY", "BHD"};
  private static final String[] OWNERS = {"u1", "u2", "u3", "u4"};

  private InMemoryDatabase<InMemoryReports.Tables> db;
  private InMemoryReports reports;
  private final Random random = new Random(11);
  private final List<AccountId> accounts = new ArrayList<>();
  private final List<OpportunitySnapshot> saved = new ArrayList<>();

  @BeforeEach
  void setUp() {
    db = new InMemoryDatabase<>(schema -> new InMemoryReports.Tables(
        schema.table(RecordType.OPPORTUNITY, OpportunitySnapshot::id, OpportunitySnapshot::version,
            OpportunitySnapshot::withVersion, Comparator.comparing((OpportunitySnapshot s) -> s.id().value())),
        schema.table(RecordType.LEAD, LeadSnapshot::id, LeadSnapshot::version, LeadSnapshot::withVersion,
            Comparator.comparing((LeadSnapshot s) -> s.id().value())),
        schema.table(RecordType.ACCOUNT, AccountSnapshot::id, AccountSnapshot::version, AccountSnapshot::withVersion,
            Comparator.comparing((AccountSnapshot s) -> s.id().value())),
        schema.table(RecordType.CONTACT, ContactSnapshot::id, ContactSnapshot::version, ContactSnapshot::withVersion,
            Comparator.comparing((ContactSnapshot s) -> s.id().value())),
        schema.log(StageHistoryEntry::opportunityId, StageHistoryEntry::version),
        schema.table(RecordType.BILLING_FORECAST, BillingForecastSnapshot::opportunityId,
            BillingForecastSnapshot::version, BillingForecastSnapshot::withVersion,
            Comparator.comparing((BillingForecastSnapshot s) -> s.opportunityId().value()))));
    reports = new InMemoryReports(db::tenant);
    db.execute(() -> {
      String[] industries = {"retail", null, "banking", "retail", null};
      for (int a = 0; a < industries.length; a++) {
        AccountSnapshot account = new AccountSnapshot(AccountId.of(new UUID(1, a + 1)), 0, UserId.of(OWNERS[a % 4]),
            new AccountDetails((a % 2 == 0 ? "acme " : "Beta ") + a, null, industries[a], null, null, null, null, null),
            Segments.none(), CustomFields.empty(), T0, T0);
        db.tenant().accounts().save(account);
        accounts.add(account.id());
      }
      return null;
    });
    insert(400);
  }

  private void insert(int count) {
    db.execute(() -> {
      for (int i = 0; i < count; i++) {
        saved.add(db.tenant().opportunities().save(randomOpportunity(new UUID(2, saved.size() + 1), 0)));
      }
      return null;
    });
  }

  private OpportunitySnapshot randomOpportunity(UUID id, long version) {
    int n = random.nextInt(1_000_000);
    Money amount = null;
    if (n % 9 != 0) {
      String currency = CURRENCIES[n % 4];
      int digits = Money.fractionDigits(java.util.Currency.getInstance(currency));
      // Large amounts (sums beyond a long's range in the smallest unit), negative ones, and halves to round.
      long unscaled = n % 23 == 0 ? 999_999_999_999_999L * (long) Math.pow(10, digits) - n
          : (n % 7 == 0 ? -1 : 1) * (long) random.nextInt(100_000_000);
      amount = Money.of(BigDecimal.valueOf(unscaled, digits), currency);
    }
    Map<String, String> segments = new HashMap<>();
    if (n % 5 != 0) {
      segments.put("region", new String[] {"north", "south", "east"}[n % 3]);
    }
    if (n % 3 == 0) {
      segments.put("size", n % 2 == 0 ? "large" : "small");
    }
    return new OpportunitySnapshot(OpportunityId.of(id), version, UserId.of(OWNERS[random.nextInt(4)]),
        "deal " + n, n % 4 == 0 ? null : accounts.get(n % accounts.size()), null, amount,
        Probability.of(random.nextInt(101)), false, STAGES[random.nextInt(STAGES.length)],
        n % 11 == 0 ? null : LocalDate.of(2025, 1, 1).plusDays(random.nextInt(800)), null,
        n % 6 == 0 ? null : new String[] {"web", "fair", "Webinar"}[n % 3], null, null, Segments.of(segments),
        CustomFields.empty(), null, T0.plusSeconds(n), T0.plusSeconds(n));
  }

  private static ReportField field(String name, ValueType type) {
    if (name.startsWith("segment.")) {
      return new ReportField(name, type, ReportField.Kind.SEGMENT, name.substring(8));
    }
    if (name.startsWith("account.")) {
      return new ReportField(name, type, ReportField.Kind.ACCOUNT, name.substring(8));
    }
    return new ReportField(name, type, ReportField.Kind.STANDARD, name);
  }

  private static final ReportField STAGE = field("stage", ValueType.TEXT);
  private static final ReportField CURRENCY = field("currency", ValueType.TEXT);
  private static final ReportField OWNER = field("owner", ValueType.TEXT);
  private static final ReportField CLOSE = field("closeDate", ValueType.DATE);
  private static final ReportField PROBABILITY = field("probability", ValueType.INTEGER);
  private static final ReportField AMOUNT = field("amount", ValueType.MONEY);
  private static final ReportField SOURCE = field("leadSource", ValueType.TEXT);
  private static final ReportField NAME = field("name", ValueType.TEXT);
  private static final ReportField CREATED = field("createdAt", ValueType.TIMESTAMP);
  private static final ReportField ACCOUNT_ID = field("accountId", ValueType.TEXT);
  private static final ReportField REGION = field("segment.region", ValueType.TEXT);
  private static final ReportField SIZE = field("segment.size", ValueType.TEXT);
  private static final ReportField UNUSED = field("segment.nowhere", ValueType.TEXT);
  private static final ReportField INDUSTRY = field("account.industry", ValueType.TEXT);
  private static final ReportField ACCOUNT_NAME = field("account.name", ValueType.TEXT);

  private static ReportCondition where(ReportField f, Comparison c, Object... values) {
    return new ReportCondition(f, c, List.of(values));
  }

  private static final List<List<ReportField>> KEYS = List.of(
      List.of(), List.of(STAGE, CURRENCY), List.of(REGION, CLOSE, CURRENCY), List.of(OWNER, CURRENCY),
      List.of(INDUSTRY, CURRENCY), List.of(PROBABILITY), List.of(SOURCE, SIZE), List.of(UNUSED), List.of(NAME),
      List.of(ACCOUNT_ID, STAGE), List.of(STAGE), List.of(CREATED, CURRENCY));

  private static final List<List<ReportCondition>> CONDITIONS = List.of(
      List.of(),
      List.of(where(STAGE, Comparison.EQ, "closed_won")),
      List.of(where(CLOSE, Comparison.GE, LocalDate.of(2025, 3, 1)), where(CLOSE, Comparison.LT,
          LocalDate.of(2026, 1, 1))),
      List.of(where(AMOUNT, Comparison.GT, new BigDecimal("100.00"))),
      List.of(where(OWNER, Comparison.IN, "u1", "u3")),
      List.of(where(REGION, Comparison.IS_NULL)),
      List.of(where(SOURCE, Comparison.CONTAINS, "we"), where(SIZE, Comparison.NOT_NULL)),
      List.of(where(PROBABILITY, Comparison.LE, 40L)),
      List.of(where(ACCOUNT_NAME, Comparison.STARTS_WITH, "acme")),
      List.of(where(NAME, Comparison.CONTAINS, "7")),
      List.of(where(CREATED, Comparison.GE, T0.plusSeconds(500_000))),
      List.of(where(CURRENCY, Comparison.NE, "EUR"), where(CLOSE, Comparison.NOT_NULL),
          where(UNUSED, Comparison.IS_NULL)));

  private static final List<ReportMeasure> MEASURES = List.of(
      new ReportMeasure(ReportMeasure.Kind.COUNT, null),
      new ReportMeasure(ReportMeasure.Kind.SUM, AMOUNT),
      new ReportMeasure(ReportMeasure.Kind.SUM_WEIGHTED, null),
      new ReportMeasure(ReportMeasure.Kind.SUM, PROBABILITY),
      new ReportMeasure(ReportMeasure.Kind.COUNT_VALUES, PROBABILITY),
      new ReportMeasure(ReportMeasure.Kind.MIN, AMOUNT),
      new ReportMeasure(ReportMeasure.Kind.MAX, CLOSE),
      new ReportMeasure(ReportMeasure.Kind.COUNT_VALUES, SOURCE),
      new ReportMeasure(ReportMeasure.Kind.MIN, CREATED));

  private static final List<Visibility> VISIBILITIES =
      List.of(Visibility.all(), Visibility.ownedBy(List.of(UserId.of("u1"), UserId.of("u2"))));

  /** Rows as text with their values' types, in a fixed order: equal when value, scale and type are equal. */
  private static List<String> canonical(List<List<Object>> rows) {
    List<String> out = new ArrayList<>();
    for (List<Object> row : rows) {
      StringBuilder s = new StringBuilder();
      for (Object v : row) {
        s.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v).append(" | ");
      }
      out.add(s.toString());
    }
    out.sort(null);
    return out;
  }

  private List<String> fromColumns(AggregateQuery q, Visibility v) {
    long before = reports.columnAggregates.get();
    List<String> rows = db.execute(() -> canonical(reports.aggregate(q, v)));
    assertThat(reports.columnAggregates.get()).as("read from the columns").isEqualTo(before + 1);
    return rows;
  }

  private List<String> fromRows(AggregateQuery q, Visibility v) {
    long before = reports.columnAggregates.get();
    List<String> rows = db.execute(() -> {
      db.tenant().opportunities().get(OpportunityId.of(new UUID(9, 9))); // a read: the rows are scanned
      return canonical(reports.aggregate(q, v));
    });
    assertThat(reports.columnAggregates.get()).as("read from the rows").isEqualTo(before);
    return rows;
  }

  private int compareEveryQuery() {
    int nonEmpty = 0;
    for (List<ReportField> keys : KEYS) {
      for (List<ReportCondition> conditions : CONDITIONS) {
        for (Visibility v : VISIBILITIES) {
          AggregateQuery q = new AggregateQuery(ReportSource.OPPORTUNITIES, conditions, keys, MEASURES, 10_000);
          List<String> expected = fromRows(q, v);
          assertThat(fromColumns(q, v)).as("%s where %s for %s", keys, conditions, v).isEqualTo(expected);
          nonEmpty += expected.isEmpty() ? 0 : 1;
        }
      }
    }
    return nonEmpty;
  }

  @Test
  void theColumnsGiveTheRowScansAggregatesForEveryKindOfKeyConditionAndMeasure() {
    assertThat(compareEveryQuery()).isGreaterThan(KEYS.size() * CONDITIONS.size());
  }

  @Test
  void theColumnsStayInStepWithCommitsThatUpdateDeleteAndInsertRows() {
    compareEveryQuery(); // the columns exist from here on
    db.execute(() -> {
      for (int i = 0; i < saved.size(); i += 3) {
        OpportunitySnapshot o = saved.get(i);
        if (i % 2 == 0) {
          db.tenant().opportunities().delete(o.id(), o.version());
        } else {
          OpportunitySnapshot changed = randomOpportunity(o.id().value(), o.version());
          Map<String, String> segments = new HashMap<>(changed.segments().values());
          segments.put("tier", "gold"); // a dimension no row had when the columns were built
          db.tenant().opportunities().save(new OpportunitySnapshot(changed.id(), changed.version(), changed.owner(),
              changed.name(), changed.accountId(), null, changed.amount(), changed.probability(), false,
              "renegotiation", LocalDate.of(2031, 5, 5), null, changed.leadSource(), null, null,
              Segments.of(segments), CustomFields.empty(), null, changed.createdAt(), changed.updatedAt()));
        }
      }
      return null;
    });
    insert(150); // reuses the deleted rows' slots, then grows the columns

    compareEveryQuery();
    AggregateQuery byTier = new AggregateQuery(ReportSource.OPPORTUNITIES,
        List.of(where(STAGE, Comparison.EQ, "renegotiation")), List.of(field("segment.tier", ValueType.TEXT),
        CLOSE), MEASURES, 10_000);
    assertThat(fromColumns(byTier, Visibility.all())).hasSize(1).isEqualTo(fromRows(byTier, Visibility.all()));
  }

  @Test
  void anAmountBeyondALongInTheSmallestUnitMakesTheColumnsSumTheSnapshotsAmounts() {
    compareEveryQuery();
    db.execute(() -> {
      for (int i = 1; i <= 3; i++) { // CLF has four decimals: 10^15 - 1 is 10^19 - 1 ten-thousandths
        OpportunitySnapshot o = randomOpportunity(new UUID(4, i), 0);
        db.tenant().opportunities().save(new OpportunitySnapshot(o.id(), 0, o.owner(), o.name(), o.accountId(), null,
            Money.of(i == 2 ? "-999999999999999.9999" : "999999999999999.9999", "CLF"),
            Probability.of(33), false, "proposal", o.closeDate(), null, null, null, null, o.segments(),
            CustomFields.empty(), null, o.createdAt(), o.updatedAt()));
      }
      return null;
    });
    assertThat(compareEveryQuery()).isGreaterThan(KEYS.size() * CONDITIONS.size());
    AggregateQuery clf = new AggregateQuery(ReportSource.OPPORTUNITIES, List.of(where(CURRENCY, Comparison.EQ, "CLF")),
        List.of(CURRENCY), MEASURES.subList(0, 3), 10);
    assertThat(fromColumns(clf, Visibility.all()))
        .containsExactly("String:CLF | Long:3 | BigDecimal:999999999999999.9999 | BigDecimal:330000000000000.0000 | ");
  }

  @Test
  void aReportDuringCommitsSeesEachCommitWholeOrNotAtAll() throws Exception {
    AggregateQuery total = new AggregateQuery(ReportSource.OPPORTUNITIES, List.of(), List.of(CURRENCY),
        List.of(new ReportMeasure(ReportMeasure.Kind.SUM, AMOUNT)), 10);
    List<String> before = fromColumns(total, Visibility.all());
    List<OpportunitySnapshot> euro = saved.stream()
        .filter(o -> o.amount() != null && o.amount().currencyCode().equals("EUR")).toList();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 300; i++) { // moves 1.00 EUR from one opportunity to another, in one commit
        OpportunitySnapshot from = euro.get(i % euro.size());
        OpportunitySnapshot to = euro.get((i + 1) % euro.size());
        db.execute(() -> {
          for (OpportunitySnapshot o : List.of(from, to)) {
            OpportunitySnapshot now = db.tenant().opportunities().get(o.id()).orElseThrow();
            Money moved = Money.of(o == from ? "-1.00" : "1.00", "EUR");
            db.tenant().opportunities().save(new OpportunitySnapshot(now.id(), now.version(), now.owner(),
                now.name(), now.accountId(), null, now.amount().plus(moved), now.probability(), false, now.stage(),
                now.closeDate(), null, now.leadSource(), null, null, now.segments(), CustomFields.empty(), null,
                now.createdAt(), now.updatedAt()));
          }
          return null;
        });
      }
    });
    writer.start();
    int reads = 0;
    while (writer.isAlive() || reads < 50) {
      assertThat(fromColumns(total, Visibility.all())).isEqualTo(before);
      reads++;
    }
    writer.join();
    assertThat(fromColumns(total, Visibility.all())).isEqualTo(before).isEqualTo(fromRows(total, Visibility.all()));
  }

  @Test
  void aUnitOfWorkWithWritesOfItsOwnIsAnsweredByTheRowScanAndSeesThem() {
    AggregateQuery count = new AggregateQuery(ReportSource.OPPORTUNITIES, List.of(), List.of(),
        List.of(new ReportMeasure(ReportMeasure.Kind.COUNT, null)), 10);
    assertThat(fromColumns(count, Visibility.all())).containsExactly("Long:400 | ");
    long before = reports.columnAggregates.get();
    Supplier<List<List<Object>>> withOwnWrite = () -> {
      db.tenant().opportunities().save(randomOpportunity(new UUID(3, 1), 0));
      return reports.aggregate(count, Visibility.all());
    };
    assertThat(db.execute(withOwnWrite)).containsExactly(List.of(401L));
    assertThat(reports.columnAggregates.get()).isEqualTo(before);
    assertThat(fromColumns(count, Visibility.all())).containsExactly("Long:401 | ");
  }

  @Test
  void theWeightedAmountInTheSmallestUnitRoundsAsMoneyPercentDoes() {
    for (String currency : CURRENCIES) {
      int digits = Money.fractionDigits(java.util.Currency.getInstance(currency));
      for (int i = 0; i < 20_000; i++) {
        long unscaled = switch (i % 4) {
          case 0 -> random.nextInt(1000) - 500;
          case 1 -> random.nextLong() % 100_000_000_000L;
          case 2 -> (999_999_999_999_999L - random.nextInt(1000)) * (long) Math.pow(10, digits);
          default -> -(999_999_999_999_999L - random.nextInt(1000)) * (long) Math.pow(10, digits);
        };
        int percent = random.nextInt(101);
        Money m = Money.of(BigDecimal.valueOf(unscaled, digits), currency);
        assertThat(BigDecimal.valueOf(ColumnAggregation.weigh(unscaled, percent), digits))
            .as("%s at %d%%", m, percent).isEqualTo(m.percent(Probability.of(percent)).amount());
      }
    }
  }
}
