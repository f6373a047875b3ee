package org.crmkit.server;

import static org.crmkit.server.Route.QueryParam;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.Crm;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.ReportCsv;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.SvgChart;
import org.crmkit.shared.AccountId;

/**
 * The routes of reports: saved and ad-hoc report definitions (JSON or CSV), the home page reports, the sales
 * dashboard and its SVG charts, and the account card as an SVG chart.
 */
final class ReportRoutes extends RouteGroup {
  private static final Map<String, String> CHARTS = Map.of(
      "pipeline-by-stage", "Open pipeline by stage",
      "pipeline-by-owner", "Open pipeline by owner",
      "forecast-by-month", "Forecast by month",
      "funnel", "Funnel from stage history");

  ReportRoutes(List<Route> routes, Crm crm) {
    super(routes, crm);
  }

  @Override
  void register() {
    String tag = "reports";
    add("GET", "/api/reports", tag, "The saved report definitions", null, List.of(), 200,
        "array of {name, title, source}", List.of(), c -> {
          List<Object> list = new ArrayList<>();
          Reports.definitions().forEach((name, r) -> list.add(Map.of("name", name, "title", r.getKey(),
              "source", r.getValue().source().name())));
          return Reply.ok(list);
        });
    routes.add(route("GET", "/api/reports/{name}", tag,
        "Run a saved report definition, scoped to the actor's visibility (?format=csv for CSV)", null, false,
        List.of(new QueryParam("format", "string", "json (default) or csv")), JSON, 200,
        "ReportResult", List.of(400, 404), false, c -> {
          Map.Entry<String, ReportDefinition> report = Reports.definitions().get(c.path("name"));
          if (report == null) {
            throw new HttpError(404, "NOT_FOUND", "there is no report named '" + Call.abbreviate(c.path("name"))
                + "'; GET /api/reports lists them");
          }
          return report(c, report.getValue());
        }));
    routes.add(route("POST", "/api/reports", tag,
        "Run an ad-hoc report definition (ReportDefinition), scoped to the actor's visibility (?format=csv for CSV)",
        ReportDefinition.class, true, List.of(new QueryParam("format", "string", "json (default) or csv")), JSON,
        200, "ReportResult", List.of(400), false, c -> report(c, c.read(ReportDefinition.class))));
    add("GET", "/api/home", tag, "The actor's home page reports: open, closing this month, by stage, leads, overdue",
        null, List.of(), 200, "HomePage", List.of(), c -> Reply.ok(crm.reports().homePage(c.actor())));
    add("GET", "/api/dashboard", tag, "The sales dashboard: pipeline, win rates, cycle, funnel, forecast, lead sources",
        null, DASHBOARD, 200, "SalesDashboard", List.of(400), c -> Reply.ok(dashboard(c)));
    add("GET", "/api/dashboard/charts", tag, "The dashboard's charts: title and address of each SVG", null,
        List.of(), 200, "array of {name, title, href}", List.of(), c -> {
          List<Object> list = new ArrayList<>();
          for (String name : List.of("pipeline-by-stage", "pipeline-by-owner", "forecast-by-month", "funnel")) {
            list.add(Map.of("name", name, "title", CHARTS.get(name), "href", "/api/dashboard/charts/" + name));
          }
          return Reply.ok(list);
        });
    routes.add(route("GET", "/api/dashboard/charts/{chart}", tag, "One dashboard chart as SVG (crmkit's SvgChart)",
        null, false, DASHBOARD, SVG, 200, "an SVG image", List.of(400, 404), false, c -> {
          String name = c.path("chart");
          if (!CHARTS.containsKey(name)) {
            throw new HttpError(404, "NOT_FOUND", "there is no chart named '" + Call.abbreviate(name) + "'");
          }
          SalesDashboard d = dashboard(c);
          SvgChart chart = switch (name) {
            case "pipeline-by-stage" -> SvgChart.of(SvgChart.Kind.BAR, CHARTS.get(name), d.pipelineByStage(),
                AMOUNT_COLUMNS);
            case "pipeline-by-owner" -> SvgChart.of(SvgChart.Kind.BAR, CHARTS.get(name), d.pipelineByOwner(),
                AMOUNT_COLUMNS);
            case "forecast-by-month" -> forecastChart(d);
            default -> funnelChart(d);
          };
          return svg(chart);
        }));
    routes.add(route("GET", "/api/accounts/{id}/card.svg", "accounts",
        "The account card as an SVG chart: budget, forecast, weighted and won by month", null, false,
        CARD, SVG, 200, "an SVG image", List.of(400, 404), false,
        c -> svg(SvgChart.of(SvgChart.Kind.LINE, card(crm, c)))));
  }

  /** Runs a definition as the call's actor and answers its result as JSON (the ReportResult document) or CSV. */
  private Reply report(Call c, ReportDefinition definition) {
    String format = c.query("format").orElse("json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw HttpError.badParameter("format", "must be json or csv");
    }
    ReportResult result = crm.reports().run(c.actor(), definition);
    if (format.equals("csv")) {
      return Reply.bytes(ReportCsv.write(result).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "text/csv; charset=utf-8");
    }
    return Reply.ok(result);
  }

  /** The money columns of the ready pipeline reports (a count beside amounts would be a bar too small to see). */
  private static final String[] AMOUNT_COLUMNS = {"sum(amount)", "weighted_amount"};

  private static final List<QueryParam> DASHBOARD = List.of(
      new QueryParam("from", "string", "first day, e.g. 2026-01-01 (default: 1 January this year)"),
      new QueryParam("to", "string", "last day, e.g. 2026-12-31 (default: 31 December of the first day's year)"),
      new QueryParam("segment", "string", "segment dimension for the win rates by segment"));

  /** The query of the account card, as JSON and as SVG. */
  static final List<QueryParam> CARD = List.of(
      new QueryParam("from", "string", "first month, e.g. 2026-01 (default: January this year)"),
      new QueryParam("to", "string", "last month, e.g. 2026-12 (default: December of the first month's year)"),
      new QueryParam("currency", "string", "ISO 4217 code; needed when the account has no amounts yet"));

  private SalesDashboard dashboard(Call c) {
    java.time.LocalDate from = c.queryDate("from").orElse(java.time.LocalDate.now().withDayOfYear(1));
    java.time.LocalDate to = c.queryDate("to").orElse(from.withMonth(12).withDayOfMonth(31));
    if (to.isBefore(from)) {
      throw HttpError.badParameter("to", "the period ends before it starts");
    }
    DashboardQuery query = DashboardQuery.of(from, to);
    query = c.query("segment").map(query::withSegment).orElse(query);
    return crm.reports().dashboard(c.actor(), query);
  }

  private static SvgChart forecastChart(SalesDashboard d) {
    List<String> labels = new ArrayList<>();
    Map<String, List<java.math.BigDecimal>> series = new java.util.TreeMap<>();
    List<ForecastMonth> months = d.forecastByMonth();
    for (int i = 0; i < months.size(); i++) {
      labels.add(months.get(i).month());
      for (org.crmkit.shared.Money m : months.get(i).total().amounts()) {
        series.computeIfAbsent("total " + m.currencyCode(), k -> new ArrayList<>(
            java.util.Collections.nCopies(months.size(), java.math.BigDecimal.ZERO))).set(i, m.amount());
      }
      for (org.crmkit.shared.Money m : months.get(i).weighted().amounts()) {
        series.computeIfAbsent("weighted " + m.currencyCode(), k -> new ArrayList<>(
            java.util.Collections.nCopies(months.size(), java.math.BigDecimal.ZERO))).set(i, m.amount());
      }
    }
    SvgChart chart = SvgChart.of(SvgChart.Kind.LINE, CHARTS.get("forecast-by-month")).labels(labels);
    for (Map.Entry<String, List<java.math.BigDecimal>> e : series.entrySet()) {
      chart = chart.series(e.getKey(), e.getValue());
    }
    return chart;
  }

  private static SvgChart funnelChart(SalesDashboard d) {
    List<String> labels = new ArrayList<>();
    List<java.math.BigDecimal> reached = new ArrayList<>();
    for (FunnelStep step : d.funnel()) {
      labels.add(step.stage());
      reached.add(java.math.BigDecimal.valueOf(step.reached()));
    }
    return SvgChart.of(SvgChart.Kind.FUNNEL, CHARTS.get("funnel")).labels(labels).series("reached", reached);
  }

  /** The account card of {@code /api/accounts/{id}/card} and {@code card.svg}, as the call's actor sees it. */
  static org.crmkit.budget.AccountCard card(Crm crm, Call c) {
    YearMonth from = c.queryMonth("from").orElse(YearMonth.now().withMonth(1));
    YearMonth to = c.queryMonth("to").orElse(from.withMonth(12));
    AccountId id = AccountId.of(c.uuid("id"));
    Optional<java.util.Currency> currency = c.query("currency").map(code -> {
      try {
        return java.util.Currency.getInstance(code);
      } catch (IllegalArgumentException e) {
        throw HttpError.badParameter("currency", "'" + Call.abbreviate(code) + "' is not an ISO 4217 code");
      }
    });
    return currency.isPresent() ? crm.accountCards().card(c.actor(), id, from, to, currency.get())
        : crm.accountCards().card(c.actor(), id, from, to);
  }
}
