package org.crmkit.server;

import static org.crmkit.server.Route.QueryParam;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.SubmitWebForm;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WebFormOutcome;
import org.crmkit.application.WinOpportunity;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.TrendPoint;
import org.crmkit.contact.ContactQuery;
import org.crmkit.json.CrmError;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.ReportCsv;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportResult;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.SvgChart;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordId;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.webform.WebForm;

/**
 * The route table of the Web Service API and the pages: the single source of the server's dispatch and of its
 * OpenAPI document ({@link OpenApi}). Every handler calls one use case as the call's actor and answers its document.
 */
final class Api {
  static final String JSON = "application/json";
  static final String HTML = "text/html";
  static final List<QueryParam> PAGING = List.of(
      new QueryParam("page", "integer", "page number, from 0 (default 0)"),
      new QueryParam("size", "integer", "records per page, 1 to 1000 (default 20)"));
  private static final List<QueryParam> VERSION =
      List.of(new QueryParam("version", "integer", "the version the deletion is based on (optional; 409 if stale)"));

  private final Crm crm;
  private final Pages pages;
  private final TenantId formTenant;
  private final List<Route> routes = new ArrayList<>();

  Api(Crm crm, Pages pages, TenantId formTenant) {
    this.crm = crm;
    this.pages = pages;
    this.formTenant = formTenant;
    leads();
    accounts();
    contacts();
    opportunities();
    reports();
    bi();
    forms();
    meta();
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  // ------------------------------------------------------------------------------------------------ leads

  private void leads() {
    String tag = "leads";
    add("GET", "/api/leads", tag, "List leads (paged; filter by owner, status, email, converted)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("status", "string", "lead status key"),
            new QueryParam("email", "string", "e-mail address"),
            new QueryParam("converted", "boolean", "true: converted leads only; false: open leads only"))),
        200, "Page of Lead", List.of(400), c -> {
          LeadQuery q = LeadQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.query("status").map(q::withStatus).orElse(q);
          q = with(c, "email", q, (query, v) -> query.withEmail(EmailAddress.of(v)));
          q = c.queryBoolean("converted").map(q::withConverted).orElse(q);
          return Reply.ok(crm.leads().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/leads", tag, "Create a lead", CreateLead.class, List.of(), 201, "Lead", List.of(400, 403),
        c -> Reply.json(201, crm.leads().create(c.actor(), c.read(CreateLead.class))));
    add("GET", "/api/leads/{id}", tag, "Read a lead", null, List.of(), 200, "Lead", List.of(400, 404),
        c -> Reply.ok(crm.leads().get(c.actor(), LeadId.of(c.uuid("id")))));
    add("PATCH", "/api/leads/{id}", tag, "Change a lead's fields (UpdateLead: only the fields present change)",
        UpdateLead.class, List.of(), 200, "Lead", List.of(400, 403, 404, 409), c -> {
          UpdateLead cmd = c.read(UpdateLead.class);
          same(c, cmd.id());
          return Reply.ok(crm.leads().update(c.actor(), cmd));
        });
    add("DELETE", "/api/leads/{id}", tag, "Delete a lead (not a converted one)", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.leads().delete(c.actor(), LeadId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
    add("POST", "/api/leads/{id}/status", tag, "Change a lead's status", ChangeLeadStatus.class, List.of(), 200,
        "Lead", List.of(400, 403, 404, 409), c -> {
          ChangeLeadStatus cmd = c.read(ChangeLeadStatus.class);
          same(c, cmd.id());
          return Reply.ok(crm.leads().changeStatus(c.actor(), cmd));
        });
    Route convert = route("POST", "/api/leads/{id}/conversion", tag,
        "Convert a lead (body: ConvertLead, optional; ?dryRun=true previews without writing)", ConvertLead.class,
        false, List.of(new QueryParam("dryRun", "boolean", "true: answer the ConversionPreview, write nothing")),
        JSON, 200, "ConversionOutcome, or ConversionPreview with dryRun", List.of(400, 403, 404, 409), c -> {
          LeadId id = LeadId.of(c.uuid("id"));
          ConvertLead cmd = c.hasBody() ? c.read(ConvertLead.class) : ConvertLead.of(id);
          if (!cmd.leadId().equals(id)) {
            throw HttpError.badParameter("leadId", "does not match the lead in the path");
          }
          if (c.queryBoolean("dryRun").orElse(false)) {
            return Reply.ok(crm.conversions().preview(c.actor(), cmd));
          }
          return Reply.ok(crm.conversions().convert(c.actor(), cmd));
        });
    routes.add(convert);
    add("DELETE", "/api/leads/{id}/conversion", tag, "Undo a lead's conversion", null, List.of(), 200,
        "UndoOutcome", List.of(400, 403, 404, 409),
        c -> Reply.ok(crm.conversions().undo(c.actor(), LeadId.of(c.uuid("id")))));
    add("GET", "/api/leads/{id}/conversions", tag, "The lead's conversion records (audit)", null, List.of(), 200,
        "array of ConversionRecord", List.of(400, 404),
        c -> Reply.ok(crm.conversions().records(c.actor(), LeadId.of(c.uuid("id")))));
  }

  // ------------------------------------------------------------------------------------------------ accounts

  private void accounts() {
    String tag = "accounts";
    add("GET", "/api/accounts", tag, "List accounts (paged; filter by owner, name)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("name", "string", "part of the name"))),
        200, "Page of Account", List.of(400), c -> {
          AccountQuery q = AccountQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.query("name").map(q::withNameContaining).orElse(q);
          return Reply.ok(crm.accounts().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/accounts", tag, "Create an account", CreateAccount.class, List.of(), 201, "Account",
        List.of(400, 403), c -> Reply.json(201, crm.accounts().create(c.actor(), c.read(CreateAccount.class))));
    add("GET", "/api/accounts/{id}", tag, "Read an account", null, List.of(), 200, "Account", List.of(400, 404),
        c -> Reply.ok(crm.accounts().get(c.actor(), AccountId.of(c.uuid("id")))));
    add("PATCH", "/api/accounts/{id}", tag, "Change an account's fields (UpdateAccount)", UpdateAccount.class,
        List.of(), 200, "Account", List.of(400, 403, 404, 409), c -> {
          UpdateAccount cmd = c.read(UpdateAccount.class);
          same(c, cmd.id());
          return Reply.ok(crm.accounts().update(c.actor(), cmd));
        });
    add("DELETE", "/api/accounts/{id}", tag, "Delete an account", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.accounts().delete(c.actor(), AccountId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
    add("GET", "/api/accounts/{id}/card", tag, "The account card: budget, forecast and won by month", null, CARD,
        200, "AccountCard", List.of(400, 404), c -> Reply.ok(card(c)));
  }

  // ------------------------------------------------------------------------------------------------ contacts

  private void contacts() {
    String tag = "contacts";
    add("GET", "/api/contacts", tag, "List contacts (paged; filter by owner, account, email)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("accountId", "string", "the account's id"),
            new QueryParam("email", "string", "e-mail address"))),
        200, "Page of Contact", List.of(400), c -> {
          ContactQuery q = ContactQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.queryUuid("accountId").map(AccountId::of).map(q::withAccount).orElse(q);
          q = with(c, "email", q, (query, v) -> query.withEmail(EmailAddress.of(v)));
          return Reply.ok(crm.contacts().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/contacts", tag, "Create a contact", CreateContact.class, List.of(), 201, "Contact",
        List.of(400, 403, 404), c -> Reply.json(201, crm.contacts().create(c.actor(), c.read(CreateContact.class))));
    add("GET", "/api/contacts/{id}", tag, "Read a contact", null, List.of(), 200, "Contact", List.of(400, 404),
        c -> Reply.ok(crm.contacts().get(c.actor(), ContactId.of(c.uuid("id")))));
    add("PATCH", "/api/contacts/{id}", tag, "Change a contact's fields (UpdateContact)", UpdateContact.class,
        List.of(), 200, "Contact", List.of(400, 403, 404, 409), c -> {
          UpdateContact cmd = c.read(UpdateContact.class);
          same(c, cmd.id());
          return Reply.ok(crm.contacts().update(c.actor(), cmd));
        });
    add("DELETE", "/api/contacts/{id}", tag, "Delete a contact", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.contacts().delete(c.actor(), ContactId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
  }

  // ------------------------------------------------------------------------------------------------ opportunities

  private void opportunities() {
    String tag = "opportunities";
    add("GET", "/api/opportunities", tag,
        "List opportunities (paged; filter by owner, stages, account, contact, close date)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("stage", "string", "stage keys, comma-separated"),
            new QueryParam("accountId", "string", "the account's id"),
            new QueryParam("contactId", "string", "the contact's id"),
            new QueryParam("closingFrom", "string", "close date on or after, e.g. 2026-01-01"),
            new QueryParam("closingTo", "string", "close date on or before, e.g. 2026-12-31"))),
        200, "Page of Opportunity", List.of(400), c -> {
          OpportunityQuery q = OpportunityQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.query("stage").map(s -> Set.copyOf(new LinkedHashSet<>(Arrays.asList(s.split("\\s*,\\s*")))))
              .map(q::withStages).orElse(q);
          q = c.queryUuid("accountId").map(AccountId::of).map(q::withAccount).orElse(q);
          q = c.queryUuid("contactId").map(ContactId::of).map(q::withContact).orElse(q);
          Optional<java.time.LocalDate> from = c.queryDate("closingFrom");
          Optional<java.time.LocalDate> to = c.queryDate("closingTo");
          if (from.isPresent() || to.isPresent()) {
            q = q.closingBetween(from.orElse(null), to.orElse(null));
          }
          return Reply.ok(crm.opportunities().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/opportunities", tag, "Create an opportunity", CreateOpportunity.class, List.of(), 201,
        "Opportunity", List.of(400, 403, 404),
        c -> Reply.json(201, crm.opportunities().create(c.actor(), c.read(CreateOpportunity.class))));
    add("GET", "/api/opportunities/{id}", tag, "Read an opportunity", null, List.of(), 200, "Opportunity",
        List.of(400, 404), c -> Reply.ok(crm.opportunities().get(c.actor(), OpportunityId.of(c.uuid("id")))));
    add("PATCH", "/api/opportunities/{id}", tag, "Change an opportunity's fields (UpdateOpportunity)",
        UpdateOpportunity.class, List.of(), 200, "Opportunity", List.of(400, 403, 404, 409), c -> {
          UpdateOpportunity cmd = c.read(UpdateOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().update(c.actor(), cmd));
        });
    add("DELETE", "/api/opportunities/{id}", tag, "Delete an opportunity", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.opportunities().delete(c.actor(), OpportunityId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
    add("POST", "/api/opportunities/{id}/stage", tag, "Move an opportunity to another open stage", ChangeStage.class,
        List.of(), 200, "Opportunity", List.of(400, 403, 404, 409), c -> {
          ChangeStage cmd = c.read(ChangeStage.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().changeStage(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/win", tag, "Win an opportunity", WinOpportunity.class, List.of(), 200,
        "Opportunity", List.of(400, 403, 404, 409), c -> {
          WinOpportunity cmd = c.read(WinOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().win(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/lose", tag, "Lose an opportunity", LoseOpportunity.class, List.of(), 200,
        "Opportunity", List.of(400, 403, 404, 409), c -> {
          LoseOpportunity cmd = c.read(LoseOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().lose(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/reopen", tag, "Reopen a won or lost opportunity", ReopenOpportunity.class,
        List.of(), 200, "Opportunity", List.of(400, 403, 404, 409), c -> {
          ReopenOpportunity cmd = c.read(ReopenOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().reopen(c.actor(), cmd));
        });
    add("GET", "/api/opportunities/{id}/history", tag, "The opportunity's stage history, oldest first", null,
        List.of(), 200, "array of StageHistoryEntry", List.of(400, 404),
        c -> Reply.ok(crm.opportunities().history(c.actor(), OpportunityId.of(c.uuid("id")))));
    add("GET", "/api/opportunities/{id}/forecast", "forecasts", "The opportunity's billing forecast", null,
        List.of(), 200, "BillingForecast", List.of(400, 404),
        c -> Reply.ok(crm.forecasts().get(c.actor(), OpportunityId.of(c.uuid("id")))));
    add("PUT", "/api/opportunities/{id}/forecast", "forecasts", "Enter the billing forecast by hand (EnterForecast)",
        EnterForecast.class, List.of(), 200, "BillingForecast", List.of(400, 403, 404, 409), c -> {
          EnterForecast cmd = c.read(EnterForecast.class);
          same(c, cmd.opportunityId());
          return Reply.ok(crm.forecasts().enter(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/forecast/split", "forecasts",
        "Split an amount evenly over months (SplitForecast)", SplitForecast.class, List.of(), 200,
        "BillingForecast", List.of(400, 403, 404, 409), c -> {
          SplitForecast cmd = c.read(SplitForecast.class);
          same(c, cmd.opportunityId());
          return Reply.ok(crm.forecasts().splitEvenly(c.actor(), cmd));
        });
    add("DELETE", "/api/opportunities/{id}/forecast", "forecasts", "Clear the billing forecast", null, VERSION, 200,
        "BillingForecast", List.of(400, 403, 404, 409),
        c -> Reply.ok(crm.forecasts().clear(c.actor(), OpportunityId.of(c.uuid("id")),
            c.queryLong("version").orElse(null))));
    add("GET", "/api/opportunities/{id}/forecast/history", "forecasts", "The billing forecast's change history",
        null, List.of(), 200, "array of ForecastHistoryEntry", List.of(400, 404),
        c -> Reply.ok(crm.forecasts().history(c.actor(), OpportunityId.of(c.uuid("id")))));
  }

  // ------------------------------------------------------------------------------------------------ reports

  private static final String SVG = "image/svg+xml";
  private static final Map<String, String> CHARTS = Map.of(
      "pipeline-by-stage", "Open pipeline by stage",
      "pipeline-by-owner", "Open pipeline by owner",
      "forecast-by-month", "Forecast by month",
      "funnel", "Funnel from stage history");

  private void reports() {
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
        c -> svg(SvgChart.of(SvgChart.Kind.LINE, card(c)))));
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

  private static final List<QueryParam> CARD = List.of(
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

  private static Reply svg(SvgChart chart) {
    return Reply.bytes(chart.toSvg().getBytes(java.nio.charset.StandardCharsets.UTF_8), SVG + "; charset=utf-8");
  }

  private org.crmkit.budget.AccountCard card(Call c) {
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

  // ------------------------------------------------------------------------------------------------ day-level BI

  /** The first and last day a list of kept days covers when the call names none. */
  private static final java.time.LocalDate FIRST_DAY = java.time.LocalDate.of(1, 1, 1);
  private static final java.time.LocalDate LAST_DAY = java.time.LocalDate.of(9999, 12, 31);

  private static final List<QueryParam> RANGE = List.of(
      new QueryParam("from", "string", "first day, e.g. 2026-03-01", true),
      new QueryParam("to", "string", "last day, on or after from, e.g. 2026-03-31", true));

  private void bi() {
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

  // ------------------------------------------------------------------------------------------------ web forms

  private void forms() {
    String tag = "web forms";
    routes.add(route("GET", "/api/forms/{name}", tag, "A web form's parameters (public)", null, false, List.of(),
        JSON, 200, "the form: name, parameters, required, honeypot", List.of(404), true, c -> {
          WebForm form = form(c.path("name"));
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("name", form.name());
          doc.put("parameters", parameters(form));
          doc.put("required", form.required().stream().sorted().toList());
          form.honeypotParameter().ifPresent(h -> doc.put("honeypot", h));
          return Reply.ok(doc);
        }));
    routes.add(route("POST", "/api/forms/{name}", tag,
        "Submit a web form (public; form-urlencoded or a JSON object of strings; header Idempotency-Key optional)."
            + " Acts as the form's system actor. A resubmission (same e-mail or key) updates the open lead.",
        null, true, List.of(), JSON, 201,
        "{outcome: CREATED|UPDATED, leadId}; 200 for UPDATED; with Accept: text/html a page", List.of(400, 404, 415),
        true, this::submit));
    routes.add(route("GET", "/forms/{name}", "pages", "The public web form page (HTML)", null, false, List.of(), HTML,
        200, "an HTML page", List.of(404), true, c -> Reply.html(pages.form(form(c.path("name")), Map.of(), List.of()))));
  }

  private WebForm form(String name) {
    return crm.webForms().form(name).orElseThrow(() -> new HttpError(404, new CrmError("NOT_FOUND",
        "there is no web form named '" + Call.abbreviate(name) + "'", List.of(), null, null)));
  }

  static List<String> parameters(WebForm form) {
    List<String> names = new ArrayList<>(form.fields().keySet());
    names.addAll(form.customFields().keySet());
    return names;
  }

  private Reply submit(Call c) throws Exception {
    WebForm form = form(c.path("name"));
    boolean html = Optional.ofNullable(c.header("Accept")).orElse("").contains(HTML);
    Map<String, String> params;
    if (c.contentType().startsWith("application/x-www-form-urlencoded")) {
      params = c.form();
    } else {
      params = strings(c.hasBody() ? c.readTree() : Map.of());
    }
    SubmitWebForm submission = SubmitWebForm.to(form.name(), params).in(formTenant);
    String key = c.header("Idempotency-Key");
    if (key != null && !key.isBlank()) {
      if (key.length() > 200) {
        throw HttpError.badParameter("Idempotency-Key", "must be at most 200 characters");
      }
      submission = submission.idempotencyKey(key.strip());
    }
    WebFormOutcome outcome = crm.webForms().submit(submission);
    if (outcome instanceof WebFormOutcome.Rejected r) {
      if (html) {
        return Reply.html(400, pages.form(form, params, r.errors()));
      }
      throw new HttpError(400, new CrmError("VALIDATION", "Invalid input: " + r.errors().stream()
          .map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse(""), r.errors(), null, null));
    }
    if (outcome instanceof WebFormOutcome.Spam s) {
      // Reported, not dropped silently; the robot learns nothing it did not know.
      throw new HttpError(400, new CrmError("SPAM", "the submission was taken for spam and not stored",
          List.of(new FieldError(s.honeypot(), "must be left empty")), null, null));
    }
    boolean created = outcome instanceof WebFormOutcome.Created;
    LeadId id = created ? ((WebFormOutcome.Created) outcome).lead().id() : ((WebFormOutcome.Updated) outcome).lead().id();
    if (html) {
      return Reply.html(created ? 201 : 200, pages.thanks(form, created));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("outcome", created ? "CREATED" : "UPDATED");
    doc.put("leadId", id.value().toString());
    return Reply.json(created ? 201 : 200, doc);
  }

  private static Map<String, String> strings(Object tree) {
    if (!(tree instanceof Map<?, ?> map)) {
      throw new HttpError(400, "INVALID_JSON", "send the form's parameters as one JSON object of strings");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw HttpError.badParameter(String.valueOf(e.getKey()), "must be a string");
      }
      params.put(String.valueOf(e.getKey()), s);
    }
    return params;
  }

  // ------------------------------------------------------------------------------------------------ meta and pages

  private void meta() {
    routes.add(route("GET", "/openapi.json", "meta", "This API's OpenAPI 3 document", null, false, List.of(), JSON, 200,
        "the OpenAPI document", List.of(), true, c -> Reply.ok(OpenApi.document(routes))));
    routes.add(route("GET", "/docs", "pages", "The browsable API documentation (Swagger UI)", null, false, List.of(),
        HTML, 200, "an HTML page", List.of(), true, c -> Reply.html(pages.docs())));
    routes.add(route("GET", "/dashboard", "pages", "The sales dashboard page (asks for a token, then reads the API)",
        null, false, List.of(), HTML, 200, "an HTML page", List.of(), true, c -> Reply.html(pages.dashboard())));
    routes.add(route("GET", "/", "pages", "The index page: links to the form, the dashboard and the docs", null,
        false, List.of(), HTML, 200, "an HTML page", List.of(), true, c -> Reply.html(pages.index(crm.webForms().forms()))));
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private void add(String method, String path, String tag, String summary, Class<?> body, List<QueryParam> query,
      int success, String response, List<Integer> errors, Route.Handler handler) {
    routes.add(route(method, path, tag, summary, body, body != null, query, JSON, success, response, errors, false,
        handler));
  }

  private static Route route(String method, String path, String tag, String summary, Class<?> body,
      boolean bodyRequired, List<QueryParam> query, String produces, int success, String response,
      List<Integer> errors, Route.Handler handler) {
    return new Route(method, path, tag, summary, false, body, bodyRequired, query, produces, success, response,
        errors, handler);
  }

  private static Route route(String method, String path, String tag, String summary, Class<?> body,
      boolean bodyRequired, List<QueryParam> query, String produces, int success, String response,
      List<Integer> errors, boolean open, Route.Handler handler) {
    return new Route(method, path, tag, summary, open, body, bodyRequired, query, produces, success, response,
        errors, handler);
  }

  /** The id in the body must be the id in the path: a body cannot change another record than the URL names. */
  private static void same(Call c, RecordId bodyId) {
    if (!Objects.equals(bodyId.value(), c.uuid("id"))) {
      throw HttpError.badParameter("id", "the body's id " + bodyId.value() + " is not the id in the path");
    }
  }

  private static <Q> Q with(Call c, String name, Q query, java.util.function.BiFunction<Q, String, Q> apply) {
    Optional<String> v = c.query(name);
    if (v.isEmpty()) {
      return query;
    }
    try {
      return apply.apply(query, v.get());
    } catch (IllegalArgumentException e) {
      throw HttpError.badParameter(name, e.getMessage());
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
