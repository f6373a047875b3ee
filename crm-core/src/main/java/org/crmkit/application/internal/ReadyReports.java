package org.crmkit.application.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.MonthFigures;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.LeadStatusKind;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.report.AccountCardReport;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.DateBucket;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.HomePage;
import org.crmkit.report.LeadSourceConversion;
import org.crmkit.report.MoneySums;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportColumn;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportLimits;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportRow;
import org.crmkit.report.ReportSource;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.ValueType;
import org.crmkit.report.WinRate;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ValidationException;

/**
 * The ready-made reports, each built from report definitions run through the same generator (so they count only
 * what the actor may see, where the data is), plus the arithmetic that turns their rows into figures: win rates,
 * the funnel and the sales cycle.
 */
final class ReadyReports {
  /** The longest dashboard period. */
  static final int MAX_PERIOD_DAYS = 3_660;
  private static final int HOME_ROWS = 100;

  private final DefaultReportService reports;
  private final Context ctx;
  private final DefaultAccountCardService cards;

  ReadyReports(DefaultReportService reports, Context ctx) {
    this.reports = reports;
    this.ctx = ctx;
    this.cards = new DefaultAccountCardService(ctx);
  }

  private String[] stages(java.util.function.Predicate<SalesStage> which) {
    return ctx.pipeline().stages().stream().filter(which).map(SalesStage::key).toArray(String[]::new);
  }

  private String[] openStages() {
    return stages(s -> s.kind() == StageKind.OPEN);
  }

  private ReportDefinition.Builder mine(Actor actor, ReportSource source) {
    return ReportDefinition.builder(source).where("owner", Operator.EQUALS, actor.userId().value());
  }

  HomePage homePage(Actor actor) {
    DefaultLeadService.requireActor(actor);
    String[] open = openStages();
    ReportDefinition.Builder openOpps = mine(actor, ReportSource.OPPORTUNITIES).where("stage", Operator.IN, open)
        .columns("name", "stage", "amount", "closeDate").sortBy("closeDate").sortBy("name").limit(HOME_ROWS);
    return ctx.inReadOnlyUnitOfWork(actor, () -> new HomePage(
        ctx.today(),
        reports.run(actor, openOpps.build()),
        inPipelineOrder(reports.run(actor, mine(actor, ReportSource.OPPORTUNITIES).where("stage", Operator.IN, open)
            .groupBy("stage").aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"),
                ReportAggregate.weightedAmount()).build())),
        reports.run(actor, openOpps.build().toBuilder().where("closeDate", Operator.EQUALS, "this_month").build()),
        reports.run(actor, mine(actor, ReportSource.LEADS).groupBy("status").aggregate(ReportAggregate.count())
            .build()),
        reports.run(actor, openOpps.build().toBuilder().where("closeDate", Operator.LESS_THAN, "today").build())));
  }

  /** The rows of a report grouped by stage, in the pipeline's stage order. */
  private ReportResult inPipelineOrder(ReportResult r) {
    List<ReportRow> rows = new ArrayList<>(r.rows());
    rows.sort(Comparator.comparingInt(row -> ctx.pipeline().findStage((String) row.cell(0))
        .map(s -> ctx.pipeline().order(s.key())).orElse(Integer.MAX_VALUE)));
    return new ReportResult(r.source(), r.asOf(), r.columns(), rows, r.subtotals(), r.total(), r.totalRows(),
        r.rates());
  }

  SalesDashboard dashboard(Actor actor, DashboardQuery q) {
    DefaultLeadService.requireActor(actor);
    java.util.Objects.requireNonNull(q, "query");
    if (ChronoUnit.DAYS.between(q.from(), q.to()) >= MAX_PERIOD_DAYS) {
      throw ValidationException.of("to", "a dashboard covers at most " + MAX_PERIOD_DAYS + " days");
    }
    String from = q.from().toString();
    String to = q.to().toString();
    String[] open = openStages();
    Set<String> won = Set.of(stages(s -> s.kind() == StageKind.WON));
    String[] closed = stages(s -> s.kind() != StageKind.OPEN);
    return ctx.inReadOnlyUnitOfWork(actor, () -> {
      ReportDefinition.Builder pipeline = ReportDefinition.builder(ReportSource.OPPORTUNITIES)
          .where("stage", Operator.IN, open);
      ReportResult byStage = inPipelineOrder(reports.run(actor, pipeline.build().toBuilder().groupBy("stage")
          .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount())
          .build()));
      ReportResult byOwner = reports.run(actor, pipeline.build().toBuilder().groupBy("owner")
          .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount())
          .build());
      ReportDefinition closedInPeriod = ReportDefinition.builder(ReportSource.OPPORTUNITIES)
          .where("stage", Operator.IN, closed).where("closeDate", Operator.BETWEEN, from, to).build();
      Function<String, List<WinRate>> winRate = field -> winRates(reports.run(actor, closedInPeriod.toBuilder()
          .groupBy(field).groupBy("stage").aggregate(ReportAggregate.count()).build()), won);
      List<WinRate> bySegment = q.segmentDimension() == null ? List.of()
          : winRate.apply("segment." + q.segmentDimension());
      ReportResult dealSize = reports.run(actor, ReportDefinition.builder(ReportSource.OPPORTUNITIES)
          .where("stage", Operator.IN, won.toArray(String[]::new)).where("closeDate", Operator.BETWEEN, from, to)
          .groupBy("currency").aggregate(ReportAggregate.avg("amount")).build());
      History history = history(actor, q, won);
      return new SalesDashboard(q, byStage, byOwner, winRate.apply("owner"), bySegment, winRate.apply("leadSource"),
          (MoneySums) dealSize.total().cell(1), history.cycleDays(), history.funnel(), forecast(actor, q),
          leads(actor, from, to), conversions(reports.run(actor, leadsDefinition(from, to))));
    });
  }

  private static BigDecimal percent(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2,
        RoundingMode.HALF_UP);
  }

  private static List<WinRate> winRates(ReportResult r, Set<String> won) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (ReportRow row : r.rows()) {
      long[] c = counts.computeIfAbsent((String) row.cell(0), k -> new long[2]);
      c[won.contains((String) row.cell(1)) ? 0 : 1] += (Long) row.cell(2);
    }
    List<WinRate> rates = new ArrayList<>();
    counts.forEach((key, c) -> rates.add(new WinRate(key, c[0], c[1], percent(c[0], c[0] + c[1]))));
    return rates;
  }

  private ReportDefinition leadsDefinition(String from, String to) {
    return ReportDefinition.builder(ReportSource.LEADS).where("createdAt", Operator.BETWEEN, from, to)
        .groupBy("leadSource").groupBy("status").aggregate(ReportAggregate.count()).build();
  }

  private ReportResult leads(Actor actor, String from, String to) {
    return reports.run(actor, leadsDefinition(from, to));
  }

  private List<LeadSourceConversion> conversions(ReportResult r) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (ReportRow row : r.rows()) {
      long[] c = counts.computeIfAbsent((String) row.cell(0), k -> new long[2]);
      long n = (Long) row.cell(2);
      c[0] += n;
      boolean converted = ctx.pipeline().findLeadStatus((String) row.cell(1))
          .map(s -> s.kind() == LeadStatusKind.CONVERTED).orElse(false);
      if (converted) {
        c[1] += n;
      }
    }
    List<LeadSourceConversion> out = new ArrayList<>();
    counts.forEach((source, c) -> out.add(new LeadSourceConversion(source, c[0], c[1], percent(c[1], c[0]))));
    return out;
  }

  private List<ForecastMonth> forecast(Actor actor, DashboardQuery q) {
    String[] counted = stages(s -> s.kind() == StageKind.WON
        || (s.kind() == StageKind.OPEN && s.forecastCategory() != ForecastCategory.OMITTED));
    String[] won = stages(s -> s.kind() == StageKind.WON);
    ReportDefinition lines = ReportDefinition.builder(ReportSource.FORECAST_LINES)
        .where("month", Operator.BETWEEN, YearMonth.from(q.from()).atDay(1).toString(), q.to().toString())
        .where("stage", Operator.IN, counted).groupBy("month", DateBucket.MONTH)
        .aggregate(ReportAggregate.sum("amount"), ReportAggregate.weightedAmount()).build();
    Map<String, ForecastMonth> months = new TreeMap<>();
    for (ReportRow row : reports.run(actor, lines).rows()) {
      months.put((String) row.cell(0), new ForecastMonth((String) row.cell(0), (MoneySums) row.cell(1),
          (MoneySums) row.cell(2), MoneySums.none()));
    }
    if (won.length > 0) {
      ReportDefinition committed = ReportDefinition.builder(ReportSource.FORECAST_LINES)
          .where(lines.filters().get(0)).where("stage", Operator.IN, won).groupBy("month", DateBucket.MONTH)
          .aggregate(ReportAggregate.sum("amount")).build();
      for (ReportRow row : reports.run(actor, committed).rows()) {
        ForecastMonth m = months.get((String) row.cell(0));
        if (m != null) {
          months.put(m.month(), new ForecastMonth(m.month(), m.total(), m.weighted(), (MoneySums) row.cell(1)));
        }
      }
    }
    return List.copyOf(months.values());
  }

  /** The funnel and the sales cycle, from the stage history up to the period's end. */
  private record History(List<FunnelStep> funnel, BigDecimal cycleDays) {}

  private History history(Actor actor, DashboardQuery q, Set<String> won) {
    Instant start = q.from().atStartOfDay(ctx.zone()).toInstant();
    Instant end = q.to().plusDays(1).atStartOfDay(ctx.zone()).toInstant();
    Map<String, List<Object[]>> byOpportunity = new HashMap<>();
    ReportDefinition page = ReportDefinition.builder(ReportSource.STAGE_HISTORY)
        .columns("opportunityId", "version", "stage", "changedAt")
        .where("changedAt", Operator.LESS_THAN, q.to().plusDays(1).toString())
        .sortBy("changedAt").sortBy("version").limit(ReportLimits.MAX_LIMIT).build();
    long offset = 0;
    while (true) {
      ReportResult r = reports.run(actor, page.toBuilder().offset(offset).build());
      for (ReportRow row : r.rows()) {
        byOpportunity.computeIfAbsent((String) row.cell(0), k -> new ArrayList<>())
            .add(new Object[] {row.cell(1), row.cell(2), row.cell(3)});
      }
      offset += r.rows().size();
      if (offset >= r.totalRows() || r.rows().isEmpty()) {
        break;
      }
      if (offset >= ReportLimits.MAX_GROUP_ROWS) {
        throw ValidationException.of("from", "the stage history up to " + q.to() + " holds more than "
            + ReportLimits.MAX_GROUP_ROWS + " entries; the funnel reads them one by one, so ask for a shorter"
            + " period or use stage history reports");
      }
    }
    List<String> funnelStages = List.of(stages(s -> s.kind() != StageKind.LOST));
    Map<String, Set<String>> reached = new HashMap<>();
    Map<String, long[]> stay = new HashMap<>(); // stage -> {visits, seconds}
    long cycles = 0;
    long cycleSeconds = 0;
    for (Map.Entry<String, List<Object[]>> e : byOpportunity.entrySet()) {
      List<Object[]> entries = e.getValue();
      entries.sort(Comparator.comparingLong(x -> (Long) x[0]));
      Instant created = (Instant) entries.get(0)[2];
      String current = null;
      Instant since = null;
      boolean cycleCounted = false;
      for (Object[] entry : entries) {
        String stage = (String) entry[1];
        Instant at = (Instant) entry[2];
        if (stage.equals(current)) {
          continue;
        }
        if (current != null && !since.isBefore(start)) {
          long[] s = stay.computeIfAbsent(current, k -> new long[2]);
          s[0]++;
          s[1] += Duration.between(since, at).getSeconds();
        }
        current = stage;
        since = at;
        if (!at.isBefore(start) && at.isBefore(end)) {
          reached.computeIfAbsent(stage, k -> new HashSet<>()).add(e.getKey());
          if (won.contains(stage) && !cycleCounted) {
            cycles++;
            cycleSeconds += Duration.between(created, at).getSeconds();
            cycleCounted = true;
          }
        }
      }
    }
    List<FunnelStep> funnel = new ArrayList<>();
    for (int i = 0; i < funnelStages.size(); i++) {
      String stage = funnelStages.get(i);
      long n = reached.getOrDefault(stage, Set.of()).size();
      BigDecimal toNext = null;
      if (i + 1 < funnelStages.size()) {
        Set<String> later = new HashSet<>();
        funnelStages.subList(i + 1, funnelStages.size()).forEach(st -> later.addAll(reached.getOrDefault(st,
            Set.of())));
        later.retainAll(reached.getOrDefault(stage, Set.of()));
        toNext = percent(later.size(), n);
      }
      long[] s = stay.get(stage);
      funnel.add(new FunnelStep(stage, n, toNext, s == null ? null : days(s[1], s[0])));
    }
    return new History(funnel, cycles == 0 ? null : days(cycleSeconds, cycles));
  }

  private static BigDecimal days(long seconds, long count) {
    return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(86_400L * count), 1, RoundingMode.HALF_UP);
  }

  AccountCardReport accountCard(Actor actor, AccountId accountId, YearMonth from, YearMonth to) {
    AccountCard card = cards.card(actor, accountId, from, to);
    List<ReportColumn> columns = List.of(new ReportColumn("month", ValueType.TEXT),
        new ReportColumn("budget", ValueType.MONEY), new ReportColumn("forecast", ValueType.MONEY),
        new ReportColumn("weighted", ValueType.MONEY), new ReportColumn("committed", ValueType.MONEY),
        new ReportColumn("won", ValueType.MONEY));
    List<ReportRow> rows = new ArrayList<>();
    for (MonthFigures m : card.months()) {
      rows.add(new ReportRow(ReportRow.Kind.GROUP, 1, List.of(m.month().toString(), MoneySums.of(m.budget()),
          MoneySums.of(m.forecast()), MoneySums.of(m.weighted()), MoneySums.of(m.committed()),
          MoneySums.of(m.won()))));
    }
    List<Object> total = new ArrayList<>();
    total.add(null);
    for (AccountCard.Series s : AccountCard.Series.values()) {
      total.add(MoneySums.of(card.total(s)));
    }
    LocalDate today = ctx.today();
    ReportResult figures = new ReportResult(ReportSource.OPPORTUNITIES, today, columns, rows, List.of(),
        new ReportRow(ReportRow.Kind.TOTAL, 0, total), rows.size(), List.of());
    ReportResult byStage = inPipelineOrder(reports.run(actor, ReportDefinition.builder(ReportSource.OPPORTUNITIES)
        .where("accountId", Operator.EQUALS, accountId.value().toString()).groupBy("stage")
        .aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"), ReportAggregate.weightedAmount())
        .build()));
    return new AccountCardReport(card, figures, byStage);
  }
}
