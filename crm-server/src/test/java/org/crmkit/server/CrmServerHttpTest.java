package org.crmkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.crmkit.server.HttpClientSupport.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The example server over HTTP, started on a free port: every route is called (the last test checks that none was
 * left out) and every error status is provoked, each with the error document the API promises.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrmServerHttpTest {
  static CrmServer server;
  static HttpClientSupport http;

  @BeforeAll
  static void start() throws Exception {
    server = CrmServer.start(0, "memory");
    http = new HttpClientSupport(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Map<String, Object> doc(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static JsonNode ok(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    return r.body().isEmpty() ? null : r.json();
  }

  static void error(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().path("code").asText()).isEqualTo(code);
    assertThat(r.body()).doesNotContain("Exception", "\tat ", "SELECT", "org.crmkit");
  }

  static JsonNode createLead(String token, String lastName, String email) {
    return ok(http.send("POST", "/api/leads", token, HttpClientSupport.json(
        doc("lastName", lastName, "company", lastName + " Ltd", "email", email))), 201);
  }

  @Test
  @Order(1)
  void aLeadIsCreatedReadListedChangedConvertedUndoneAndDeleted() {
    JsonNode lead = createLead("alice-token", "Lovelace", "ada@ae.example");
    String id = lead.path("id").asText();
    assertThat(lead.path("owner").asText()).isEqualTo("alice");

    assertThat(ok(http.send("GET", "/api/leads/" + id, "alice-token", null), 200).path("lastName").asText())
        .isEqualTo("Lovelace");
    JsonNode page = ok(http.send("GET", "/api/leads?owner=alice&email=ada@ae.example&converted=false&size=5",
        "alice-token", null), 200);
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("items").get(0).path("id").asText()).isEqualTo(id);

    JsonNode changed = ok(http.send("PATCH", "/api/leads/" + id, "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", lead.path("version").asLong(), "title", "CTO"))), 200);
    assertThat(changed.path("title").asText()).isEqualTo("CTO");
    JsonNode qualified = ok(http.send("POST", "/api/leads/" + id + "/status", "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", changed.path("version").asLong(), "status", "qualified"))), 200);

    JsonNode preview = ok(http.send("POST", "/api/leads/" + id + "/conversion?dryRun=true", "alice-token", null), 200);
    assertThat(preview.toString()).contains("Lovelace");
    assertThat(ok(http.send("GET", "/api/leads/" + id, "alice-token", null), 200).path("status").asText())
        .as("a dry run writes nothing").isEqualTo("qualified");
    JsonNode converted = ok(http.send("POST", "/api/leads/" + id + "/conversion", "alice-token",
        HttpClientSupport.json(doc("leadId", id, "expectedVersion", qualified.path("version").asLong()))), 200);
    assertThat(converted.path("outcome").asText()).isEqualTo("CONVERTED");
    assertThat(ok(http.send("GET", "/api/leads/" + id + "/conversions", "alice-token", null), 200)).hasSize(1);
    JsonNode undone = ok(http.send("DELETE", "/api/leads/" + id + "/conversion", "alice-token", null), 200);
    assertThat(undone.path("outcome").asText()).isEqualTo("UNDONE");

    long version = ok(http.send("GET", "/api/leads/" + id, "alice-token", null), 200).path("version").asLong();
    error(http.send("DELETE", "/api/leads/" + id + "?version=" + (version - 1), "alice-token", null), 409, "CONFLICT");
    ok(http.send("DELETE", "/api/leads/" + id + "?version=" + version, "alice-token", null), 204);
    error(http.send("GET", "/api/leads/" + id, "alice-token", null), 404, "NOT_FOUND");
  }

  @Test
  @Order(2)
  void accountsAndContactsHaveCrudListsAndTheAccountCard() {
    JsonNode acme = ok(http.send("POST", "/api/accounts", "alice-token",
        HttpClientSupport.json(doc("name", "Acme Oy", "website", "https://acme.example"))), 201);
    String accountId = acme.path("id").asText();
    ok(http.send("GET", "/api/accounts/" + accountId, "alice-token", null), 200);
    assertThat(ok(http.send("GET", "/api/accounts?name=acme", "alice-token", null), 200).path("total").asLong())
        .isEqualTo(1);
    JsonNode renamed = ok(http.send("PATCH", "/api/accounts/" + accountId, "alice-token", HttpClientSupport.json(
        doc("id", accountId, "expectedVersion", acme.path("version").asLong(), "city", "Helsinki"))), 200);
    assertThat(renamed.path("city").asText()).isEqualTo("Helsinki");
    JsonNode card = ok(http.send("GET", "/api/accounts/" + accountId + "/card?from=2026-01&to=2026-03&currency=EUR",
        "alice-token", null), 200);
    assertThat(card.path("months")).hasSize(3);

    JsonNode wile = ok(http.send("POST", "/api/contacts", "alice-token", HttpClientSupport.json(
        doc("accountId", accountId, "firstName", "Wile E.", "lastName", "Coyote", "email", "wile@acme.example"))), 201);
    String contactId = wile.path("id").asText();
    ok(http.send("GET", "/api/contacts/" + contactId, "alice-token", null), 200);
    assertThat(ok(http.send("GET", "/api/contacts?accountId=" + accountId, "alice-token", null), 200)
        .path("total").asLong()).isEqualTo(1);
    ok(http.send("PATCH", "/api/contacts/" + contactId, "alice-token", HttpClientSupport.json(
        doc("id", contactId, "expectedVersion", wile.path("version").asLong(), "title", "Genius"))), 200);
    ok(http.send("DELETE", "/api/contacts/" + contactId, "alice-token", null), 204);
    ok(http.send("DELETE", "/api/accounts/" + accountId, "alice-token", null), 204);
    error(http.send("GET", "/api/contacts/" + contactId, "alice-token", null), 404, "NOT_FOUND");
  }

  @Test
  @Order(3)
  void anOpportunityMovesThroughThePipelineWithHistoryAndForecast() {
    JsonNode deal = ok(http.send("POST", "/api/opportunities", "alice-token", HttpClientSupport.json(
        doc("name", "Rocket skates", "amount", doc("amount", "48000.00", "currency", "EUR"),
            "closeDate", "2026-06-30"))), 201);
    String id = deal.path("id").asText();
    ok(http.send("GET", "/api/opportunities/" + id, "alice-token", null), 200);
    assertThat(ok(http.send("GET", "/api/opportunities?stage=qualification,proposal&closingFrom=2026-01-01"
        + "&closingTo=2026-12-31", "alice-token", null), 200).path("total").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode v2 = ok(http.send("PATCH", "/api/opportunities/" + id, "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", deal.path("version").asLong(), "nextStep", "Call"))), 200);
    JsonNode v3 = ok(http.send("POST", "/api/opportunities/" + id + "/stage", "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", v2.path("version").asLong(), "stage", "proposal"))), 200);
    assertThat(v3.path("stage").asText()).isEqualTo("proposal");

    JsonNode forecast = ok(http.send("POST", "/api/opportunities/" + id + "/forecast/split", "alice-token",
        HttpClientSupport.json(doc("opportunityId", id, "start", "2026-07", "months", 3))), 200);
    assertThat(forecast.path("lines")).hasSize(3);
    ok(http.send("PUT", "/api/opportunities/" + id + "/forecast", "alice-token", HttpClientSupport.json(
        doc("opportunityId", id, "lines", List.of(doc("month", "2026-07",
            "amount", doc("amount", "48000.00", "currency", "EUR")))))), 200);
    assertThat(ok(http.send("GET", "/api/opportunities/" + id + "/forecast", "alice-token", null), 200)
        .path("lines")).hasSize(1);
    assertThat(ok(http.send("GET", "/api/opportunities/" + id + "/forecast/history", "alice-token", null), 200)
        .size()).isGreaterThanOrEqualTo(2);
    ok(http.send("DELETE", "/api/opportunities/" + id + "/forecast", "alice-token", null), 200);

    JsonNode won = ok(http.send("POST", "/api/opportunities/" + id + "/win", "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", v3.path("version").asLong()))), 200);
    assertThat(won.path("probability").asInt()).isEqualTo(100);
    error(http.send("POST", "/api/opportunities/" + id + "/stage", "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", won.path("version").asLong(), "stage", "proposal"))), 409,
        "ILLEGAL_STAGE_TRANSITION");
    JsonNode reopened = ok(http.send("POST", "/api/opportunities/" + id + "/reopen", "alice-token",
        HttpClientSupport.json(doc("id", id, "expectedVersion", won.path("version").asLong(), "stage", "negotiation"))),
        200);
    JsonNode lost = ok(http.send("POST", "/api/opportunities/" + id + "/lose", "alice-token", HttpClientSupport.json(
        doc("id", id, "expectedVersion", reopened.path("version").asLong(), "reason", "chose a competitor"))), 200);
    assertThat(lost.path("lostReason").asText()).isEqualTo("chose a competitor");
    JsonNode history = ok(http.send("GET", "/api/opportunities/" + id + "/history", "alice-token", null), 200);
    assertThat(history.size()).isGreaterThanOrEqualTo(5);
    ok(http.send("DELETE", "/api/opportunities/" + id, "alice-token", null), 204);
  }

  @Test
  @Order(3)
  void reportsTheHomePageAndTheDashboardAnswerInJsonCsvAndSvg() throws Exception {
    JsonNode acme = ok(http.send("POST", "/api/accounts", "bob-token", HttpClientSupport.json(doc("name", "Globex"))),
        201);
    String accountId = acme.path("id").asText();
    ok(http.send("POST", "/api/opportunities", "bob-token", HttpClientSupport.json(doc("name", "Globex deal",
        "accountId", accountId, "amount", doc("amount", "1200.00", "currency", "EUR"), "stage", "proposal",
        "closeDate", "2026-05-31"))), 201);

    JsonNode reports = ok(http.send("GET", "/api/reports", "bob-token", null), 200);
    assertThat(reports.findValuesAsText("name")).contains("pipeline-by-stage", "won-by-month");
    JsonNode byStage = ok(http.send("GET", "/api/reports/pipeline-by-stage", "bob-token", null), 200);
    assertThat(byStage.toString()).contains("proposal").contains("1200.00").doesNotContain("1200.0\"");
    Response csv = http.send("GET", "/api/reports/pipeline-by-stage?format=csv", "bob-token", null);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body()).contains("proposal");
    error(http.send("GET", "/api/reports/pipeline-by-stage?format=xml", "bob-token", null), 400, "VALIDATION");
    error(http.send("GET", "/api/reports/no-such-report", "bob-token", null), 404, "NOT_FOUND");
    assertThat(byStage.path("columns").get(0).path("name").asText()).isEqualTo("stage");
    assertThat(byStage.path("total").path("kind").asText()).isEqualTo("TOTAL");

    String adHoc = HttpClientSupport.json(doc("source", "OPPORTUNITIES",
        "filters", List.of(doc("field", "name", "operator", "EQUALS", "values", List.of("Globex deal")),
            doc("field", "closeDate", "operator", "EQUALS", "values", List.of("2026-05-31"))),
        "groups", List.of(doc("field", "stage")),
        "aggregates", List.of(doc("function", "COUNT"), doc("function", "SUM", "field", "amount"))));
    JsonNode bobs = ok(http.send("POST", "/api/reports", "bob-token", adHoc), 200);
    assertThat(bobs.path("source").asText()).isEqualTo("OPPORTUNITIES");
    assertThat(bobs.path("rows")).hasSize(1);
    assertThat(bobs.path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"proposal\",1,[{\"amount\":\"1200.00\",\"currency\":\"EUR\"}]]");
    JsonNode alices = ok(http.send("POST", "/api/reports", "alice-token", adHoc), 200);
    assertThat(alices.path("rows")).as("alice does not see bob's deal").isEmpty();
    assertThat(http.send("POST", "/api/reports?format=csv", "bob-token", adHoc).body()).contains("proposal", "1200.00");

    Response unknown = http.send("POST", "/api/reports", "bob-token",
        HttpClientSupport.json(doc("source", "OPPORTUNITIES", "where", "1=1")));
    error(unknown, 400, "INVALID_JSON");
    assertThat(unknown.json().path("fieldErrors").get(0).path("field").asText()).isEqualTo("where");
    Response hostile = http.send("POST", "/api/reports", "bob-token", HttpClientSupport.json(doc(
        "source", "OPPORTUNITIES", "filters", List.of(doc("field", "owner; drop table", "operator", "EQUALS",
            "values", List.of("x"))), "limit", 1_000_000)));
    error(hostile, 400, "VALIDATION");
    assertThat(hostile.json().path("fieldErrors").findValuesAsText("field")).contains("filters[0].field", "limit");
    error(http.send("POST", "/api/reports", "bob-token", HttpClientSupport.json(doc("source", "INVOICES"))), 400,
        "INVALID_JSON");
    assertThat(ok(http.send("GET", "/api/home", "bob-token", null), 200).has("pipelineByStage")).isTrue();
    JsonNode dashboard = ok(http.send("GET", "/api/dashboard?from=2026-01-01&to=2026-12-31", "bob-token", null), 200);
    assertThat(dashboard.has("funnel")).isTrue();
    com.fasterxml.jackson.databind.json.JsonMapper documents = org.crmkit.jackson2.CrmJackson2Module.jsonMapper(
        org.crmkit.json.CrmDocuments.of(org.crmkit.customfield.CustomFieldSchema.empty()));
    org.crmkit.report.HomePage home = documents.readValue(
        http.send("GET", "/api/home", "bob-token", null).body(), org.crmkit.report.HomePage.class);
    assertThat(home.pipelineByStage().source()).isEqualTo(org.crmkit.report.ReportSource.OPPORTUNITIES);
    org.crmkit.report.SalesDashboard read = documents.treeToValue(dashboard, org.crmkit.report.SalesDashboard.class);
    assertThat(read.query().from()).isEqualTo(java.time.LocalDate.of(2026, 1, 1));
    assertThat(read.funnel()).isNotEmpty();
    error(http.send("GET", "/api/dashboard?from=2026-12-31&to=2026-01-01", "bob-token", null), 400, "VALIDATION");
    JsonNode charts = ok(http.send("GET", "/api/dashboard/charts", "bob-token", null), 200);
    for (JsonNode chart : charts) {
      Response svg = http.send("GET", chart.path("href").asText() + "?from=2026-01-01", "bob-token", null);
      assertThat(svg.status()).as(svg.body()).isEqualTo(200);
      assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
      assertThat(svg.body()).startsWith("<svg");
    }
    error(http.send("GET", "/api/dashboard/charts/pie", "bob-token", null), 404, "NOT_FOUND");
    Response card = http.send("GET", "/api/accounts/" + accountId + "/card.svg?from=2026-01&to=2026-12", "bob-token",
        null);
    assertThat(card.status()).as(card.body()).isEqualTo(200);
    assertThat(card.body()).startsWith("<svg").contains("2026-05");
  }

  @Test
  @Order(4)
  void theWebFormCreatesThenUpdatesTheLeadAndRefusesWhatIsWrongPerField() {
    JsonNode form = ok(http.send("GET", "/api/forms/contact-us", null, null), 200);
    assertThat(form.path("required").toString()).contains("email");

    Response created = http.send("POST", "/api/forms/contact-us", null,
        "first_name=Grace&last_name=Hopper&company=Navy&email=grace%40navy.example&seats=5",
        "application/x-www-form-urlencoded", Map.of());
    assertThat(ok(created, 201).path("outcome").asText()).isEqualTo("CREATED");
    String leadId = created.json().path("leadId").asText();
    Response again = http.send("POST", "/api/forms/contact-us", null, HttpClientSupport.json(
        doc("last_name", "Hopper", "company", "US Navy", "email", "GRACE@navy.example")));
    assertThat(ok(again, 200).path("outcome").asText()).isEqualTo("UPDATED");
    assertThat(again.json().path("leadId").asText()).isEqualTo(leadId);
    JsonNode lead = ok(http.send("GET", "/api/leads/" + leadId, "alice-token", null), 200);
    assertThat(lead.path("company").asText()).isEqualTo("US Navy");
    assertThat(lead.path("leadSource").asText()).isEqualTo("Web form");
    assertThat(lead.path("customFields").path("campaign").asText()).isEqualTo("spring-2026");

    Map<String, String> key = Map.of("Idempotency-Key", "order-7");
    String body = HttpClientSupport.json(doc("last_name", "Byron", "company", "Poets", "email", "byron@poets.example"));
    assertThat(ok(http.send("POST", "/api/forms/contact-us", null, body, "application/json", key), 201)
        .path("outcome").asText()).isEqualTo("CREATED");
    assertThat(ok(http.send("POST", "/api/forms/contact-us", null, body, "application/json", key), 200)
        .path("outcome").asText()).isEqualTo("UPDATED");

    Response rejected = http.send("POST", "/api/forms/contact-us", null,
        HttpClientSupport.json(doc("last_name", "X", "email", "nope", "seats", "many")));
    error(rejected, 400, "VALIDATION");
    List<String> fields = new ArrayList<>();
    rejected.json().path("fieldErrors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("company", "email", "seats");
    error(http.send("POST", "/api/forms/contact-us", null, HttpClientSupport.json(doc("last_name", "Bot",
        "company", "Bots", "email", "bot@bots.example", "website_url", "http://spam.example"))), 400, "SPAM");
    error(http.send("POST", "/api/forms/contact-us", null, "last_name=X", "text/plain", Map.of()), 415,
        "UNSUPPORTED_MEDIA_TYPE");
    error(http.send("POST", "/api/forms/no-such-form", null, "{}"), 404, "NOT_FOUND");

    Response page = http.send("POST", "/api/forms/contact-us", null,
        "last_name=Curie&company=Radium&email=marie%40radium.example", "application/x-www-form-urlencoded",
        Map.of("Accept", "text/html"));
    assertThat(page.status()).isEqualTo(201);
    assertThat(page.body()).contains("Thank you");
    Response pageWithErrors = http.send("POST", "/api/forms/contact-us", null, "last_name=%3Cscript%3E",
        "application/x-www-form-urlencoded", Map.of("Accept", "text/html"));
    assertThat(pageWithErrors.status()).isEqualTo(400);
    assertThat(pageWithErrors.body()).contains("is required").contains("&lt;script&gt;").doesNotContain("<script>");
  }

  @Test
  @Order(4)
  void anAdministratorTakesDailySnapshotsAndEachReaderSeesTheirOwnPipelineWaterfallAndTrend() throws Exception {
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();   // the example Crm's clock: UTC
    String yesterday = java.time.LocalDate.parse(today).minusDays(1).toString();
    ok(http.send("POST", "/api/opportunities", "alice-token", HttpClientSupport.json(doc("name", "Daily skates",
        "amount", doc("amount", "900.00", "currency", "EUR"), "stage", "proposal", "segments",
        doc("region", "EMEA")))), 201);
    ok(http.send("POST", "/api/opportunities", "bob-token", HttpClientSupport.json(doc("name", "Daily anvils",
        "amount", doc("amount", "300.00", "currency", "USD")))), 201);

    error(http.send("POST", "/api/bi/days/" + today, "alice-token", null), 403, "ACCESS_DENIED");
    error(http.send("POST", "/api/bi/days/" + today, "maria-token", null), 403, "ACCESS_DENIED");
    error(http.send("POST", "/api/bi/backfill?from=" + yesterday + "&to=" + yesterday, "maria-token", null), 403,
        "ACCESS_DENIED");
    Response noDay = http.send("GET", "/api/bi/pipeline?day=" + today, "alice-token", null);
    error(noDay, 400, "VALIDATION");
    assertThat(noDay.json().path("fieldErrors").get(0).path("message").asText()).contains("no daily snapshot");

    JsonNode taken = ok(http.send("POST", "/api/bi/days/" + today, "admin-token", null), 200);
    assertThat(taken.path("day").asText()).isEqualTo(today);
    assertThat(taken.path("source").asText()).isEqualTo("CURRENT");
    assertThat(ok(http.send("POST", "/api/bi/days/" + today, "admin-token", null), 200)).as("idempotent")
        .isEqualTo(taken);
    JsonNode filled = ok(http.send("POST", "/api/bi/backfill?from=" + yesterday + "&to=" + today, "admin-token",
        null), 200);
    assertThat(filled.findValuesAsText("day")).containsExactly(yesterday, today);
    assertThat(filled.get(0).path("source").asText()).isEqualTo("HISTORY");
    JsonNode days = ok(http.send("GET", "/api/bi/days", "alice-token", null), 200);
    assertThat(days.findValuesAsText("day")).containsExactly(yesterday, today);
    assertThat(ok(http.send("GET", "/api/bi/days?from=" + today, "alice-token", null), 200)).hasSize(1);

    com.fasterxml.jackson.databind.json.JsonMapper documents = org.crmkit.jackson2.CrmJackson2Module.jsonMapper(
        org.crmkit.json.CrmDocuments.of(org.crmkit.customfield.CustomFieldSchema.empty()));
    org.crmkit.bi.PipelineAsOf alices = documents.readValue(http.send("GET", "/api/bi/pipeline?day=" + today
        + "&grouping=owner", "alice-token", null).body(), org.crmkit.bi.PipelineAsOf.class);
    assertThat(alices.groups()).extracting(org.crmkit.bi.PipelineGroup::key).containsExactly("alice");
    org.crmkit.bi.PipelineAsOf team = documents.readValue(http.send("GET", "/api/bi/pipeline?day=" + today
        + "&grouping=OWNER", "maria-token", null).body(), org.crmkit.bi.PipelineAsOf.class);
    assertThat(team.groups()).extracting(org.crmkit.bi.PipelineGroup::key).contains("alice", "bob");
    JsonNode byRegion = ok(http.send("GET", "/api/bi/pipeline?day=" + today + "&grouping=segment&segment=region",
        "alice-token", null), 200);
    assertThat(byRegion.path("grouping").path("segmentDimension").asText()).isEqualTo("region");
    assertThat(byRegion.path("groups").findValuesAsText("key")).contains("EMEA");
    assertThat(ok(http.send("GET", "/api/bi/pipeline?day=" + today + "&grouping=forecast-category", "bob-token",
        null), 200).path("grouping").path("dimension").asText()).isEqualTo("FORECAST_CATEGORY");

    org.crmkit.bi.Waterfall waterfall = documents.readValue(http.send("GET", "/api/bi/waterfall?from=" + yesterday
        + "&to=" + today, "alice-token", null).body(), org.crmkit.bi.Waterfall.class);
    assertThat(waterfall.opening().count()).as("nothing existed yesterday").isZero();
    assertThat(waterfall.movement(org.crmkit.bi.MovementKind.NEW).count()).isEqualTo(waterfall.closing().count())
        .isEqualTo(alices.total().count()).isPositive();
    assertThat(waterfall.bridgeTotal()).as("opening (none) + movements = closing").isEqualTo(
        waterfall.closing().amount());
    JsonNode trend = ok(http.send("GET", "/api/bi/trend?from=" + yesterday + "&to=" + today, "bob-token", null), 200);
    assertThat(trend.findValuesAsText("day")).containsExactly(yesterday, today);
    assertThat(trend.get(0).path("count").asLong()).isZero();
    assertThat(trend.get(1).path("pipeline").toString()).contains("\"amount\":\"300.00\",\"currency\":\"USD\"");
    Response chart = http.send("GET", "/api/bi/trend.svg?from=" + yesterday + "&to=" + today, "bob-token", null);
    assertThat(chart.status()).as(chart.body()).isEqualTo(200);
    assertThat(chart.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(chart.body()).startsWith("<svg").contains(today, "pipeline USD", "weighted USD");
    error(http.send("GET", "/api/bi/trend.svg?from=" + today, "bob-token", null), 400, "VALIDATION");
    assertThat(ok(http.send("GET", "/api/bi/days", "gus-token", null), 200)).as("another tenant's days").isEmpty();
    error(http.send("GET", "/api/bi/pipeline?day=" + today, "gus-token", null), 400, "VALIDATION");

    Response badDay = http.send("GET", "/api/bi/pipeline?day=31.03.2026", "alice-token", null);
    error(badDay, 400, "VALIDATION");
    assertThat(badDay.json().path("fieldErrors").get(0).path("field").asText()).isEqualTo("day");
    Response missing = http.send("GET", "/api/bi/waterfall?from=" + yesterday, "alice-token", null);
    error(missing, 400, "VALIDATION");
    assertThat(missing.json().path("fieldErrors").get(0).path("message").asText()).startsWith("is required");
    Response reversed = http.send("GET", "/api/bi/trend?from=" + today + "&to=" + yesterday, "alice-token", null);
    error(reversed, 400, "VALIDATION");
    assertThat(reversed.json().path("fieldErrors").get(0).path("field").asText()).isEqualTo("to");
    String tomorrow = java.time.LocalDate.parse(today).plusDays(1).toString();
    Response future = http.send("POST", "/api/bi/days/" + tomorrow, "admin-token", null);
    error(future, 400, "VALIDATION");
    assertThat(future.json().path("fieldErrors").get(0).path("message").asText()).contains("is after today");
    error(http.send("POST", "/api/bi/days/yesterday", "admin-token", null), 400, "VALIDATION");
    error(http.send("GET", "/api/bi/pipeline?day=" + today + "&grouping=colour", "alice-token", null), 400,
        "VALIDATION");
    Response noSegment = http.send("GET", "/api/bi/pipeline?day=" + today + "&grouping=segment", "alice-token",
        null);
    error(noSegment, 400, "VALIDATION");
    assertThat(noSegment.json().path("fieldErrors").get(0).path("field").asText()).isEqualTo("segment");
    error(http.send("GET", "/api/bi/pipeline?day=" + today + "&segment=region", "alice-token", null), 400,
        "VALIDATION");
    error(http.send("GET", "/api/bi/days", null, null), 401, "UNAUTHENTICATED");
  }

  @Test
  @Order(5)
  void everyErrorStatusComesWithAnErrorDocumentThatLeaksNothing() {
    String alices = createLead("alice-token", "Turing", "alan@bletchley.example").path("id").asText();

    error(http.send("GET", "/api/leads", null, null), 401, "UNAUTHENTICATED");
    Response badToken = http.send("GET", "/api/leads", "stolen-token", null);
    error(badToken, 401, "UNAUTHENTICATED");
    assertThat(badToken.header("WWW-Authenticate")).startsWith("Bearer");

    error(http.send("GET", "/api/leads/" + alices, "bob-token", null), 404, "NOT_FOUND");
    error(http.send("GET", "/api/leads/" + alices, "gus-token", null), 404, "NOT_FOUND");
    error(http.send("GET", "/api/leads/" + UUID.randomUUID(), "alice-token", null), 404, "NOT_FOUND");
    error(http.send("GET", "/api/nothing-here", "alice-token", null), 404, "NOT_FOUND");
    JsonNode seen = ok(http.send("GET", "/api/leads/" + alices, "maria-token", null), 200);
    error(http.send("PATCH", "/api/leads/" + alices, "maria-token", HttpClientSupport.json(
        doc("id", alices, "expectedVersion", seen.path("version").asLong(), "title", "Boss"))), 403, "ACCESS_DENIED");
    error(http.send("POST", "/api/leads", "bob-token", HttpClientSupport.json(
        doc("lastName", "Hopper", "owner", "alice"))), 403, "ACCESS_DENIED");

    error(http.send("POST", "/api/leads", "alice-token", "{\"lastName\": "), 400, "INVALID_JSON");
    Response unknown = http.send("POST", "/api/leads", "alice-token", "{\"lastName\":\"X\",\"shoeSize\":44}");
    error(unknown, 400, "INVALID_JSON");
    assertThat(unknown.json().path("fieldErrors").get(0).path("field").asText()).isEqualTo("shoeSize");
    error(http.send("POST", "/api/leads", "alice-token", "{\"lastName\": 42}"), 400, "INVALID_JSON");
    error(http.send("POST", "/api/leads", "alice-token", "{\"firstName\":\"Only\"}"), 400, "VALIDATION");
    error(http.send("POST", "/api/leads", "alice-token", null), 400, "INVALID_JSON");
    error(http.send("GET", "/api/leads/not-a-uuid", "alice-token", null), 400, "VALIDATION");
    error(http.send("GET", "/api/leads?size=0", "alice-token", null), 400, "VALIDATION");
    error(http.send("GET", "/api/leads?converted=maybe", "alice-token", null), 400, "VALIDATION");
    error(http.send("PATCH", "/api/leads/" + alices, "alice-token", HttpClientSupport.json(
        doc("id", UUID.randomUUID().toString(), "expectedVersion", 1, "title", "X"))), 400, "VALIDATION");

    error(http.send("PATCH", "/api/leads/" + alices, "alice-token", HttpClientSupport.json(
        doc("id", alices, "expectedVersion", 99, "title", "X"))), 409, "CONFLICT");

    Response method = http.send("PUT", "/api/leads", "alice-token", "{}");
    error(method, 405, "METHOD_NOT_ALLOWED");
    assertThat(method.header("Allow")).contains("GET", "POST");

    String huge = "{\"lastName\":\"" + "x".repeat(CrmServer.DEFAULT_MAX_BODY) + "\"}";
    error(http.send("POST", "/api/leads", "alice-token", huge), 413, "TOO_LARGE");
    error(http.send("POST", "/api/forms/contact-us", null, "last_name=" + "x".repeat(CrmServer.DEFAULT_MAX_BODY),
        "application/x-www-form-urlencoded", Map.of()), 413, "TOO_LARGE");
    assertThat(ok(http.send("GET", "/api/leads?email=alan@bletchley.example", "alice-token", null), 200)
        .path("total").asLong()).as("nothing was written by the refused calls").isEqualTo(1);
  }

  @Test
  @Order(6)
  void thePagesTheDocumentAndTheApiUiAreServed() {
    assertThat(http.send("GET", "/", null, null).body()).contains("/forms/contact-us", "/dashboard", "/docs");
    Response form = http.send("GET", "/forms/contact-us", null, null);
    assertThat(form.header("Content-Type")).startsWith("text/html");
    assertThat(form.body()).contains("action=\"/api/forms/contact-us\"", "name=\"email\"", "name=\"website_url\"");
    error(http.send("GET", "/forms/nope", null, null), 404, "NOT_FOUND");
    assertThat(http.send("GET", "/dashboard", null, null).body()).contains("Sales dashboard");
    assertThat(http.send("GET", "/docs", null, null).body()).contains("swagger-ui-bundle.js", "/openapi.json");
    Response bundle = http.send("GET", Pages.SWAGGER_UI + "swagger-ui-bundle.js", null, null);
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
    error(http.send("GET", Pages.SWAGGER_UI + "../../../../org/crmkit/server/Example.class", null, null), 404,
        "NOT_FOUND");
    assertThat(ok(http.send("GET", "/openapi.json", null, null), 200).path("openapi").asText()).startsWith("3.");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void everyRouteWasCalledByTheTestsAbove() {
    List<String> missing = new ArrayList<>();
    for (Route r : server.routes()) {
      Pattern p = r.pattern();
      boolean called = http.called.stream().anyMatch(c -> c.startsWith(r.method() + " ")
          && p.matcher(c.substring(r.method().length() + 1)).matches());
      if (!called) {
        missing.add(r.method() + " " + r.path());
      }
    }
    assertThat(missing).as("routes no test called").isEmpty();
  }
}
