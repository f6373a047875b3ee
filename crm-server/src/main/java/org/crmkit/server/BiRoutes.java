package org.crmkit.server;

import static org.crmkit.server.Route.QueryParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.Crm;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.TrendPoint;
import org.crmkit.report.SvgChart;

/**
 * The routes of day-level BI: the pipeline as of a day, the waterfall between two days, the trend (JSON and SVG), and
 * the kept days of the daily snapshots (listing, taking, backfilling).
 */
final class BiRoutes extends RouteGroup {
  /** The first and last day a list of kept days covers when the call names none. */
  private static final java.time.LocalDate FIRST_DAY = java.time.LocalDate.of(1, 1, 1);
  private static final java.time.LocalDate LAST_DAY = java.time.LocalDate.of(9999, 12, 31);

  private static final List<QueryParam> RANGE = List.of(
      new QueryParam("from", "string", "first day, e.g. 2026-03-01", true),
      new QueryParam("to", "string", "last day, on or after from, e.g. 2026-03-31", true));

  BiRoutes(List<Route> routes, Crm crm) {
    super(routes, crm);
  }

  @Override
  void register() {
    String tag = "bi";
    add("GET", "/api/bi/pipeline", tag,
        "The open pipeline at the end of a day, grouped; answered by the kept day on or before it (asOf)", null,
        List.of(new QueryParam("day", "string", "the day, e.g. 2026-03-31", true),
            new QueryParam("grouping", "string",
                "total (default), stage, forecast_category, owner, account or segment"),
            new QueryParam("segment", "string", "the segment dimension, e.g. region (only with grouping=segment)")),
        200, "PipelineAsOf", List.of(400),
        c -> Reply.ok(crm.bi().pipelineAsOf(c.actor(), requiredDate(c, "day"), grouping(c))));
    add("GET", "/api/bi/waterfall", tag,
        "What happened to the open pipeline from the end of one day to the end of another (opening + movements ="
            + " closing)", null, RANGE, 200, "Waterfall", List.of(400),
        c -> Reply.ok(crm.bi().waterfall(c.actor(), requiredDate(c, "from"), requiredDate(c, "to"))));
    add("GET", "/api/bi/trend", tag, "The open pipeline and weighted pipeline on every kept day of a range", null,
        RANGE, 200, "array of TrendPoint", List.of(400),
        c -> Reply.ok(crm.bi().trend(c.actor(), requiredDate(c, "from"), requiredDate(c, "to"))));
    routes.add(route("GET", "/api/bi/trend.svg", tag,
        "The trend as an SVG line chart: pipeline and weighted pipeline per currency on every kept day", null, false,
        RANGE, SVG, 200, "an SVG image", List.of(400), false,
        c -> svg(trendChart(crm.bi().trend(c.actor(), requiredDate(c, "from"), requiredDate(c, "to"))))));
    add("GET", "/api/bi/days", tag, "The kept days of the daily snapshots (the tenant's counts)", null,
        List.of(new QueryParam("from", "string", "first day, e.g. 2026-03-01 (default: the first kept day)"),
            new QueryParam("to", "string", "last day, e.g. 2026-03-31 (default: the last kept day)")),
        200, "array of SnapshotDay", List.of(400),
        c -> Reply.ok(crm.bi().snapshotDays(c.actor(), c.queryDate("from").orElse(FIRST_DAY),
            c.queryDate("to").orElse(LAST_DAY))));
    add("POST", "/api/bi/days/{day}", tag,
        "Take the daily snapshot of a day (today: copied; a past day: rebuilt from history); idempotent: a kept day"
            + " is answered as it is. Only for an actor who sees every opportunity (an administrator)", null,
        List.of(), 200, "SnapshotDay", List.of(400, 403),
        c -> Reply.ok(crm.bi().takeDailySnapshot(c.actor(), pathDate(c, "day"))));
    add("POST", "/api/bi/backfill", tag,
        "Fill in the days of a range that are not kept yet, rebuilt from history; kept days stay as they are. Only"
            + " for an actor who sees every opportunity (an administrator)", null, RANGE, 200,
        "array of SnapshotDay", List.of(400, 403),
        c -> Reply.ok(crm.bi().backfill(c.actor(), requiredDate(c, "from"), requiredDate(c, "to"))));
  }

  /** What {@link SvgChart} draws: at most 500 labels and 20 series. */
  private static final int MAX_CHART_DAYS = 500;
  private static final int MAX_CHART_SERIES = 20;

  /** One line per currency for the pipeline and one for the weighted pipeline; a day without an amount is 0. */
  private static SvgChart trendChart(List<TrendPoint> trend) {
    if (trend.size() > MAX_CHART_DAYS) {
      throw HttpError.badParameter("from", "the range holds " + trend.size() + " kept days; the chart draws at most "
          + MAX_CHART_DAYS + ": ask for a shorter range, or for the trend as JSON (/api/bi/trend)");
    }
    List<String> labels = new ArrayList<>();
    Map<String, List<java.math.BigDecimal>> series = new java.util.TreeMap<>();
    for (int i = 0; i < trend.size(); i++) {
      TrendPoint point = trend.get(i);
      labels.add(point.day().toString());
      for (org.crmkit.shared.Money m : point.pipeline().amounts()) {
        series.computeIfAbsent("pipeline " + m.currencyCode(), k -> new ArrayList<>(
            java.util.Collections.nCopies(trend.size(), java.math.BigDecimal.ZERO))).set(i, m.amount());
      }
      for (org.crmkit.shared.Money m : point.weighted().amounts()) {
        series.computeIfAbsent("weighted " + m.currencyCode(), k -> new ArrayList<>(
            java.util.Collections.nCopies(trend.size(), java.math.BigDecimal.ZERO))).set(i, m.amount());
      }
    }
    if (series.size() > MAX_CHART_SERIES) {
      throw HttpError.badParameter("from", "the range's pipeline is in " + series.size() / 2 + " currencies; the chart"
          + " draws at most " + MAX_CHART_SERIES / 2 + ": ask for the trend as JSON (/api/bi/trend)");
    }
    SvgChart chart = SvgChart.of(SvgChart.Kind.LINE, "Open pipeline by day").labels(labels);
    for (Map.Entry<String, List<java.math.BigDecimal>> e : series.entrySet()) {
      chart = chart.series(e.getKey(), e.getValue());
    }
    return chart;
  }

  private static java.time.LocalDate requiredDate(Call c, String name) {
    return c.queryDate(name).orElseThrow(() -> HttpError.badParameter(name, "is required (write e.g. 2026-03-31)"));
  }

  private static java.time.LocalDate pathDate(Call c, String name) {
    try {
      return java.time.LocalDate.parse(c.path(name));
    } catch (java.time.format.DateTimeParseException e) {
      throw HttpError.badParameter(name, "'" + Call.abbreviate(c.path(name)) + "' is not a date (write e.g."
          + " 2026-03-31)");
    }
  }

  /** The grouping of {@code ?grouping=...&segment=...}: a dimension's name in any case, '-' or '_' between words. */
  private static PipelineGrouping grouping(Call c) {
    String name = c.query("grouping").orElse("total");
    Optional<String> segment = c.query("segment");
    PipelineGrouping.Dimension dimension = null;
    for (PipelineGrouping.Dimension d : PipelineGrouping.Dimension.values()) {
      if (d.name().equalsIgnoreCase(name.replace('-', '_'))) {
        dimension = d;
      }
    }
    if (dimension == null) {
      throw HttpError.badParameter("grouping", "'" + Call.abbreviate(name) + "' is not one of total, stage,"
          + " forecast_category, owner, account, segment");
    }
    if (dimension == PipelineGrouping.Dimension.SEGMENT) {
      return PipelineGrouping.bySegment(segment.orElseThrow(() -> HttpError.badParameter("segment",
          "is required with grouping=segment: name the segment dimension, e.g. segment=region")));
    }
    if (segment.isPresent()) {
      throw HttpError.badParameter("segment", "is only read with grouping=segment; leave it out or set"
          + " grouping=segment");
    }
    return new PipelineGrouping(dimension, null);
  }
}
