package org.crmkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the running server serves is valid OpenAPI 3 (read by swagger-parser), documents every route
 * the server dispatches, and documents no route the server lacks: each documented operation, called on the server,
 * reaches a route (never the "no route" 404 or a 405).
 */
class OpenApiDocumentTest {
  static CrmServer server;
  static OpenAPI api;

  @BeforeAll
  static void start() throws Exception {
    server = CrmServer.start(0, "memory");
    String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json);
    assertThat(result.getMessages()).as("swagger-parser's complaints").isEmpty();
    api = result.getOpenAPI();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Set<String> documented() {
    Set<String> ops = new TreeSet<>();
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      e.getValue().readOperationsMap().keySet().forEach(m -> ops.add(m.name() + " " + e.getKey()));
    }
    return ops;
  }

  @Test
  void theDocumentIsValidOpenApi3WithBearerSecurity() {
    assertThat(api.getOpenapi()).startsWith("3.0");
    assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
    assertThat(api.getComponents().getSchemas()).containsKey("CrmError");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    Set<String> routes = new TreeSet<>();
    server.routes().forEach(r -> routes.add(r.method() + " " + r.path()));

    assertThat(documented()).isEqualTo(routes);
  }

  @Test
  void everyDocumentedOperationReachesARouteOfTheRunningServer() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String op : documented()) {
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[a-zA-Z]+}", "00000000-0000-0000-0000-000000000000");
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
          .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(op + ": " + r.body()).isNotEqualTo(405);
      assertThat(r.body()).as(op).doesNotContain("there is no route");
    }
  }

  @Test
  void theBiRoutesMarkTheirDaysAsRequiredAndTheSnapshotItsRefusalOfReaders() {
    Operation waterfall = api.getPaths().get("/api/bi/waterfall").getGet();
    Operation pipeline = api.getPaths().get("/api/bi/pipeline").getGet();
    Operation take = api.getPaths().get("/api/bi/days/{day}").getPost();

    assertThat(waterfall.getParameters()).allSatisfy(p -> assertThat(p.getRequired()).as(p.getName()).isTrue());
    assertThat(pipeline.getParameters()).filteredOn(p -> Boolean.TRUE.equals(p.getRequired()))
        .extracting(p -> p.getName()).containsExactly("day");
    assertThat(take.getResponses()).containsKeys("200", "400", "401", "403");
    assertThat(api.getPaths().get("/api/bi/days").getGet().getParameters())
        .allSatisfy(p -> assertThat(p.getRequired()).as(p.getName()).isFalse());
  }

  @Test
  void everyOperationOfTheApiDocumentsItsErrorsAndTheOpenOnesNeedNoToken() {
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> o : e.getValue().readOperationsMap().entrySet()) {
        Operation op = o.getValue();
        Route route = server.routes().stream()
            .filter(r -> r.path().equals(e.getKey()) && r.method().equals(o.getKey().name())).findFirst().orElseThrow();
        assertThat(op.getResponses()).as(o.getKey() + " " + e.getKey()).containsKey("500");
        if (route.open()) {
          assertThat(op.getSecurity()).as("open " + e.getKey()).isEmpty();
        } else {
          assertThat(op.getResponses()).as(o.getKey() + " " + e.getKey()).containsKey("401");
        }
        if (op.getRequestBody() != null) {
          assertThat(op.getResponses()).as(o.getKey() + " " + e.getKey()).containsKey("413");
        }
      }
    }
  }
}
