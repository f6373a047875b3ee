package org.crmkit.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.report.AggregateQuery;
import org.crmkit.report.Comparison;
import org.crmkit.report.DateBucket;
import org.crmkit.report.MoneySums;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportCondition;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportField;
import org.crmkit.report.ReportMeasure;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportSource;
import org.crmkit.report.ValueType;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.Probability;
import org.crmkit.shared.Visibility;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The report generator on the in-memory storage ({@value #ROWS} opportunities written through the API) against a
 * hand-written loop over the same values held in a plain list: pipeline by stage (count, amount, weighted amount
 * rounded per row with {@link Money#percent}) and won amount by segment and month of the close date.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class InMemoryReportBenchmark {
  static final int ROWS = 100_000;
  private static final String[] STAGES = {"qualification", "needs_analysis", "proposal", "negotiation",
      "closed_won", "closed_lost"};
  private static final String[] REGIONS = {"north", "south", "east", "west"};

  /** What a hand-written report keeps of an opportunity. */
  public record Row(String stage, Money amount, int probability, LocalDate closeDate, String region) {}

  /** One group of the hand-written pipeline. */
  public static final class Sums {
    long count;
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal weighted = BigDecimal.ZERO;
  }

  InMemoryStorage storage;
  Crm crm;
  List<Row> rows;
  ReportDefinition pipeline;
  ReportDefinition wonBySegment;
  AggregateQuery wonQuery;
  final Actor actor = Actor.user("manager");

  @Setup(Level.Trial)
  public void setUp() {
    storage = InMemoryStorage.create();
    crm = Crm.builder().storage(storage)
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    rows = new ArrayList<>(ROWS);
    for (int g = 1; g <= ROWS; g++) {
      String stage = STAGES[g % 6];
      Money amount = Money.of(BigDecimal.valueOf((g % 1000) * 1000L + g % 100, 2), "EUR");
      LocalDate close = LocalDate.of(2025, 1, 1).plusDays(g % 730);
      String region = REGIONS[(g / 6) % 4];
      var o = crm.opportunities().create(actor, CreateOpportunity.named("Deal " + g).stage(stage).amount(amount)
          .closeDate(close).segments(Map.of("region", region)));
      rows.add(new Row(stage, amount, o.probability().percent(), close, region));
    }
    pipeline = ReportDefinition.builder(ReportSource.OPPORTUNITIES).groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount()).build();
    wonBySegment = ReportDefinition.builder(ReportSource.OPPORTUNITIES).where("stage", Operator.EQUALS, "closed_won")
        .groupBy("segment.region").groupBy("closeDate", DateBucket.MONTH).aggregate(ReportAggregate.sum("amount"))
        .build();
    ReportField stage = new ReportField("stage", ValueType.TEXT, ReportField.Kind.STANDARD, "stage");
    wonQuery = new AggregateQuery(ReportSource.OPPORTUNITIES,
        List.of(new ReportCondition(stage, Comparison.EQ, List.of("closed_won"))),
        List.of(new ReportField("segment.region", ValueType.TEXT, ReportField.Kind.SEGMENT, "region"),
            new ReportField("closeDate", ValueType.DATE, ReportField.Kind.STANDARD, "closeDate"),
            new ReportField("currency", ValueType.TEXT, ReportField.Kind.STANDARD, "currency")),
        List.of(new ReportMeasure(ReportMeasure.Kind.SUM,
            new ReportField("amount", ValueType.MONEY, ReportField.Kind.STANDARD, "amount"))), 100_000);
    check();
  }

  private void check() {
    ReportResult r = pipelineByStage_crmkit();
    Map<String, Sums> plain = pipelineByStage_loop();
    for (var row : r.rows()) {
      Sums s = plain.get((String) row.cell(0));
      if (s == null || s.count != (Long) row.cell(1)
          || ((MoneySums) row.cell(2)).in("EUR").orElseThrow().amount().compareTo(s.amount) != 0
          || ((MoneySums) row.cell(3)).in("EUR").orElseThrow().amount().compareTo(s.weighted) != 0) {
        throw new IllegalStateException("pipeline disagrees at " + row + ": " + s);
      }
    }
    ReportResult won = wonBySegmentByMonth_crmkit();
    if (won.rows().size() != wonBySegmentByMonth_loop().size()) {
      throw new IllegalStateException("won by segment disagrees");
    }
  }

  @Benchmark
  public ReportResult pipelineByStage_crmkit() {
    return crm.reports().run(actor, pipeline);
  }

  @Benchmark
  public Map<String, Sums> pipelineByStage_loop() {
    Map<String, Sums> groups = new HashMap<>();
    for (Row row : rows) {
      Sums s = groups.computeIfAbsent(row.stage(), k -> new Sums());
      s.count++;
      s.amount = s.amount.add(row.amount().amount());
      s.weighted = s.weighted.add(row.amount().percent(Probability.of(row.probability())).amount());
    }
    return groups;
  }

  @Benchmark
  public ReportResult wonBySegmentByMonth_crmkit() {
    return crm.reports().run(actor, wonBySegment);
  }

  /** The storage's part of {@link #wonBySegmentByMonth_crmkit} alone: the aggregate read, by day and currency. */
  @Benchmark
  public List<List<Object>> wonBySegmentByMonth_storageOnly() {
    return storage.unitOfWork().execute(() -> storage.reports().aggregate(wonQuery, Visibility.all()));
  }

  @Benchmark
  public Map<String, BigDecimal> wonBySegmentByMonth_loop() {
    Map<String, BigDecimal> groups = new HashMap<>();
    for (Row row : rows) {
      if (row.stage().equals("closed_won")) {
        groups.merge(row.region() + " " + YearMonth.from(row.closeDate()), row.amount().amount(), BigDecimal::add);
      }
    }
    return groups;
  }

  /**
   * The same comparison in CPU time of the calling thread, for a machine shared with other work (where JMH's wall
   * clock mostly measures the scheduler): after a warm-up, rounds of 60 calls of each benchmark in turn, median and
   * fastest per benchmark and round. {@code java -cp benchmarks.jar org.crmkit.benchmarks.InMemoryReportBenchmark}
   */
  public static void main(String[] args) {
    InMemoryReportBenchmark b = new InMemoryReportBenchmark();
    b.setUp();
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, java.util.function.Supplier<Object>> runs = new java.util.LinkedHashMap<>();
    runs.put("pipelineByStage_crmkit", b::pipelineByStage_crmkit);
    runs.put("pipelineByStage_loop", b::pipelineByStage_loop);
    runs.put("wonBySegmentByMonth_crmkit", b::wonBySegmentByMonth_crmkit);
    runs.put("wonBySegmentByMonth_storageOnly", b::wonBySegmentByMonth_storageOnly);
    runs.put("wonBySegmentByMonth_loop", b::wonBySegmentByMonth_loop);
    int calls = 60;
    Object sink = null;
    for (int round = 0; round < 4; round++) {
      for (Map.Entry<String, java.util.function.Supplier<Object>> run : runs.entrySet()) {
        long[] cpu = new long[calls];
        for (int i = 0; i < calls; i++) {
          long start = threads.getCurrentThreadCpuTime();
          sink = run.getValue().get();
          cpu[i] = threads.getCurrentThreadCpuTime() - start;
        }
        java.util.Arrays.sort(cpu);
        if (round > 0) { // round 0 warms up
          System.out.printf("round %d  %-32s CPU median %6.2f ms, fastest %6.2f ms%n", round, run.getKey(),
              cpu[calls / 2] / 1e6, cpu[0] / 1e6);
        }
      }
    }
    System.out.println(sink == null ? "" : "done");
  }
}
