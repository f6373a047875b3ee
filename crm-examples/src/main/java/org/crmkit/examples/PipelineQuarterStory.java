package org.crmkit.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.crmkit.Crm;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.bi.Movement;
import org.crmkit.bi.PipelineAsOf;
import org.crmkit.bi.PipelineGroup;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.TrendPoint;
import org.crmkit.bi.Waterfall;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.report.MoneySums;
import org.crmkit.report.SvgChart;
import org.crmkit.shared.Actor;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.Money;
import org.crmkit.shared.UserId;
import org.crmkit.storage.CrmStorage;

/**
 * Day-level BI over a quarter of selling (Q1 2026): three sellers create, advance, re-price, push out, win and lose
 * deals every working day; a nightly job takes the daily snapshot (and misses a weekend, which is back-filled from
 * history afterwards). Then March's pipeline waterfall, the quarter's daily trend (printed weekly, drawn daily as an SVG
 * line chart), the pipeline by stage on the last day, and what change-only storage cost against full daily copies.
 * The activity is random but seeded, so every run prints the same.
 */
final class PipelineQuarterStory {
  static final String CHART = "crmkit-pipeline-trend.svg";
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2026, 3, 31);
  private static final List<String> SELLERS = List.of("ana", "ben", "chloe");

  private final PrintStream out;
  private final Path chartDirectory;
  private final StoryClock clock = new StoryClock(FIRST.atTime(8, 0).toInstant(ZoneOffset.UTC));
  private final Crm crm;
  /** The host's nightly job: a system actor, whom the (default) access policy lets see every opportunity. */
  private final Actor nightly = Actor.system("nightly-bi");
  private final Random random = new Random(2026);
  private final List<Opportunity> open = new ArrayList<>();
  private final List<SalesStage> openStages;

  PipelineQuarterStory(PrintStream out, CrmStorage storage, Path chartDirectory) {
    this.out = out;
    this.chartDirectory = chartDirectory;
    this.crm = Crm.builder().storage(storage).clock(clock).build();
    this.openStages = crm.pipeline().stages().stream().filter(SalesStage::isOpen).toList();
  }

  PipelineQuarterStory(PrintStream out, Path chartDirectory) {
    this(out, InMemoryStorage.create(), chartDirectory);
  }

  void run() {
    out.println();
    out.println("== A quarter of pipeline, day by day (Q1 2026) ==");
    LocalDate missedFrom = LocalDate.of(2026, 2, 14);
    LocalDate missedTo = LocalDate.of(2026, 2, 15);
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      clock.set(day.atTime(8, 0).toInstant(ZoneOffset.UTC));
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        sell(day);
      }
      if (day.isBefore(missedFrom) || day.isAfter(missedTo)) {
        clock.set(day.atTime(23, 30).toInstant(ZoneOffset.UTC)); // the nightly job, in the Crm's zone (UTC)
        crm.bi().takeDailySnapshot(nightly, day);
      }
    }
    List<SnapshotDay> filled = crm.bi().backfill(nightly, missedFrom, missedTo);
    out.printf("  the nightly job missed %s and %s; back-filled from history: %s%n", missedFrom, missedTo,
        filled.stream().map(d -> d.day() + " (" + d.source() + ")").toList());

    Waterfall w = crm.bi().waterfall(nightly, LocalDate.of(2026, 2, 28), LAST); // March
    printWaterfall(w);
    printTrend(crm.bi().trend(nightly, FIRST, LAST));
    printByStage(crm.bi().pipelineAsOf(nightly, LAST, PipelineGrouping.byStage()));
    printStorage(crm.bi().snapshotDays(nightly, FIRST, LAST));
  }

  /** One working day: a few new deals, and changes to some open ones. */
  private void sell(LocalDate day) {
    int creations = 1 + random.nextInt(3);
    for (int i = 0; i < creations; i++) {
      clock.pass(Duration.ofMinutes(7));
      open.add(crm.opportunities().create(Actor.user(pick(SELLERS)), CreateOpportunity.named("Deal " + day + "/" + i)
          .owner(UserId.of(pick(SELLERS))).amount(eur(5_000 + 500 * random.nextInt(60)))
          .closeDate(day.plusDays(30 + random.nextInt(60)))));
    }
    int changes = 4 + random.nextInt(4);
    for (int i = 0; i < changes && !open.isEmpty(); i++) {
      clock.pass(Duration.ofMinutes(11));
      int index = random.nextInt(open.size());
      Opportunity o = open.get(index);
      Actor owner = Actor.user(o.owner().value());
      try {
        int what = random.nextInt(100);
        Opportunity changed;
        if (what < 35) {
          int at = openStages.indexOf(crm.pipeline().stage(o.snapshot().stage()));
          int to = Math.max(0, Math.min(openStages.size() - 1, at + (random.nextInt(5) == 0 ? -1 : 1)));
          changed = crm.opportunities().changeStage(owner, ChangeStage.of(o.id(), o.version(),
              openStages.get(to).key()));
        } else if (what < 55) {
          BigDecimal factor = BigDecimal.valueOf(70 + random.nextInt(61), 2); // 0.70 .. 1.30
          changed = crm.opportunities().update(owner, UpdateOpportunity.of(o.id(), o.version())
              .amount(Money.rounded(o.snapshot().amount().amount().multiply(factor), o.snapshot().amount().currency())));
        } else if (what < 70) {
          changed = crm.opportunities().update(owner, UpdateOpportunity.of(o.id(), o.version())
              .closeDate(o.snapshot().closeDate().plusDays(random.nextInt(31) - 10)));
        } else if (what < 85) {
          crm.opportunities().win(owner, WinOpportunity.of(o.id(), o.version()));
          open.remove(index);
          continue;
        } else {
          crm.opportunities().lose(owner, LoseOpportunity.of(o.id(), o.version()).reason("no budget"));
          open.remove(index);
          continue;
        }
        open.set(index, changed);
      } catch (CrmException refused) {
        out.println("  refused: " + refused.getMessage());
      }
    }
  }

  private void printWaterfall(Waterfall w) {
    out.printf("%n  Pipeline waterfall, end of %s to end of %s%n", w.fromAsOf(), w.toAsOf());
    out.printf("    %-14s %5s  %s%n", "opening", w.opening().count(), w.opening().amount());
    for (Movement m : w.movements()) {
      if (m.kind().isBridge()) {
        out.printf("    %-14s %5s  %s%n", m.kind().name().toLowerCase(java.util.Locale.ROOT), m.count(),
            m.amount().isEmpty() ? "-" : m.amount());
      }
    }
    out.printf("    %-14s %5s  %s%n", "closing", w.closing().count(), w.closing().amount());
    out.println("    (beside the bridge: deals that moved, valued at their closing amounts)");
    for (Movement m : w.movements()) {
      if (!m.kind().isBridge()) {
        out.printf("    %-14s %5s  %s%n", m.kind().name().toLowerCase(java.util.Locale.ROOT), m.count(),
            m.amount().isEmpty() ? "-" : m.amount());
      }
    }
    BigDecimal check = eurOf(w.opening().amount()).add(eurOf(w.bridgeTotal()));
    out.printf("    opening + movements = %s EUR = closing %s%n", check.toPlainString(),
        check.compareTo(eurOf(w.closing().amount())) == 0 ? "(holds to the cent)" : "(DOES NOT HOLD)");
  }

  private void printTrend(List<TrendPoint> trend) {
    out.printf("%n  Daily trend (every Monday shown; every day in the chart)%n");
    out.printf("    %-10s %5s %14s %14s%n", "day", "open", "pipeline EUR", "weighted EUR");
    List<String> labels = new ArrayList<>();
    List<BigDecimal> pipeline = new ArrayList<>();
    List<BigDecimal> weighted = new ArrayList<>();
    for (TrendPoint p : trend) {
      // every day is a point; only Mondays are labelled, so that 90 labels do not overlap
      labels.add(p.day().getDayOfWeek() == DayOfWeek.MONDAY ? p.day().toString().substring(5) : "");
      pipeline.add(eurOf(p.pipeline()));
      weighted.add(eurOf(p.weighted()));
      if (p.day().getDayOfWeek() == DayOfWeek.MONDAY) {
        out.printf("    %-10s %5d %14s %14s%n", p.day(), p.count(), eurOf(p.pipeline()).toPlainString(),
            eurOf(p.weighted()).toPlainString());
      }
    }
    write(SvgChart.of(SvgChart.Kind.LINE, "Open pipeline by day, Q1 2026 (EUR)").labels(labels)
        .series("pipeline", pipeline).series("weighted", weighted));
  }

  private void printByStage(PipelineAsOf byStage) {
    out.printf("%n  Pipeline by stage on %s (as of %s)%n", byStage.day(), byStage.asOf());
    for (PipelineGroup g : byStage.groups()) {
      out.printf("    %-16s %4d  %-16s weighted %s%n", g.key(), g.count(), g.amount(), g.weighted());
    }
  }

  private void printStorage(List<SnapshotDay> days) {
    long rows = days.stream().mapToLong(SnapshotDay::rowsStored).sum();
    long full = days.stream().mapToLong(SnapshotDay::opportunities).sum();
    out.printf("%n  Storage: %d kept days; %d rows stored where full daily copies would hold %d (%s%%)%n",
        days.size(), rows, full, BigDecimal.valueOf(rows * 1000 / Math.max(1, full), 1).toPlainString());
  }

  private void write(SvgChart chart) {
    try {
      Files.createDirectories(chartDirectory);
      Path file = chartDirectory.resolve(CHART);
      Files.writeString(file, chart.toSvg(), StandardCharsets.UTF_8);
      out.println("  wrote " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal eurOf(MoneySums sums) {
    return sums.in("EUR").map(Money::amount).orElse(BigDecimal.ZERO.setScale(2));
  }

  private static Money eur(long amount) {
    return Money.of(BigDecimal.valueOf(amount).setScale(2), "EUR");
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
