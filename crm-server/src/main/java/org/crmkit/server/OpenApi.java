package org.crmkit.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document of the server, generated from the route table: the routes are the single source, so the
 * document cannot list a route that does not exist nor miss one that does. Bodies and answers name the crmkit
 * document they hold (described with an example each in docs/API.md); errors are the {@code CrmError} document.
 */
final class OpenApi {
  private OpenApi() {}

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(204, "No Content"),
      Map.entry(400, "Invalid input: malformed JSON, a wrong type, an unknown or missing field, a value refused "
          + "(fieldErrors names each field)"),
      Map.entry(401, "No token, or an unknown token"),
      Map.entry(403, "The access policy refused the actor"),
      Map.entry(404, "No such record (or not visible to the actor), or no such route"),
      Map.entry(405, "The path exists, the method does not"),
      Map.entry(409, "A stale version (reload and retry), a read-only record or a refused transition"),
      Map.entry(413, "The body is larger than the server reads"),
      Map.entry(415, "The body is not of a media type the route reads"),
      Map.entry(500, "An unexpected error (the message is fixed; the cause is in the server's log)"),
      Map.entry(503, "The storage failed; nothing was written"));

  static Map<String, Object> document(List<Route> routes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "crmkit Web Service API (example server)", "version", "0.1.0",
        "description", "Leads, accounts, contacts, opportunities, conversion, pipeline, history, billing forecasts, "
            + "web forms and day-level BI (daily snapshots, the pipeline as of a day, waterfalls, trends). "
            + "Every call but the public ones acts as the actor of its bearer token "
            + "(the example's tokens: alice-token, bob-token, maria-token, admin-token, gus-token). "
            + "Bodies are crmkit's JSON documents, described with an example each in docs/API.md."));
    doc.put("servers", List.of(Map.of("url", "/")));
    doc.put("security", List.of(Map.of("bearer", List.of())));
    Map<String, Object> paths = new TreeMap<>();
    for (Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
      item.put(r.method().toLowerCase(Locale.ROOT), operation(r));
    }
    doc.put("paths", paths);
    doc.put("components", Map.of(
        "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
            "description", "a token of the example's team, e.g. alice-token")),
        "schemas", Map.of("CrmError", crmError(), "Document", Map.of("type", "object",
            "description", "a crmkit JSON document (docs/API.md)", "additionalProperties", true))));
    return doc;
  }

  private static Map<String, Object> operation(Route r) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId(r));
    op.put("tags", List.of(r.tag()));
    op.put("summary", r.summary());
    if (r.open()) {
      op.put("security", List.of());
    }
    List<Object> parameters = new ArrayList<>();
    for (String name : r.pathParameters()) {
      parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    for (Route.QueryParam q : r.query()) {
      parameters.add(Map.of("name", q.name(), "in", "query", "required", q.required(), "description", q.description(),
          "schema", Map.of("type", q.type())));
    }
    if (r.path().equals("/api/forms/{name}") && r.method().equals("POST")) {
      parameters.add(Map.of("name", "Idempotency-Key", "in", "header", "required", false,
          "description", "the client's key: a retry with the same key updates the lead it made",
          "schema", Map.of("type", "string", "maxLength", 200)));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    boolean hasBody = r.body() != null || r.method().equals("POST") && r.path().startsWith("/api/forms/");
    if (hasBody) {
      Map<String, Object> content = new LinkedHashMap<>();
      if (r.body() != null) {
        content.put("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Document",
            "description", "the " + r.body().getSimpleName() + " document")));
      } else {
        content.put("application/x-www-form-urlencoded", Map.of("schema", Map.of("type", "object",
            "additionalProperties", Map.of("type", "string"))));
        content.put("application/json", Map.of("schema", Map.of("type", "object",
            "additionalProperties", Map.of("type", "string"))));
      }
      op.put("requestBody", Map.of("required", r.bodyRequired(), "description",
          r.body() != null ? "the " + r.body().getSimpleName() + " document (docs/API.md)" : "the form's parameters",
          "content", content));
    }
    Map<String, Object> responses = new TreeMap<>();
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("description", r.response());
    if (r.success() != 204) {
      success.put("content", Map.of(r.produces(), Map.of("schema", r.produces().equals(RouteGroup.HTML)
          ? Map.of("type", "string") : Map.of("$ref", "#/components/schemas/Document"))));
    }
    responses.put(String.valueOf(r.success()), success);
    List<Integer> errors = new ArrayList<>(r.errors());
    if (!r.open()) {
      errors.add(401);
    }
    if (hasBody) {
      errors.add(413);
    }
    errors.add(500);
    for (int status : errors) {
      responses.put(String.valueOf(status), Map.of("description", REASONS.get(status),
          "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/CrmError")))));
    }
    op.put("responses", responses);
    return op;
  }

  static String operationId(Route r) {
    StringBuilder b = new StringBuilder(r.method().toLowerCase(Locale.ROOT));
    for (String part : r.path().split("[/{}.]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.length() == r.method().length() ? b + "Root" : b.toString();
  }

  private static Map<String, Object> crmError() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("code", Map.of("type", "string", "description", "what happened: VALIDATION, INVALID_JSON, TOO_LARGE, "
        + "NOT_FOUND, ACCESS_DENIED, CONFLICT, READ_ONLY, ILLEGAL_STAGE_TRANSITION, RULE_VIOLATION, WORKFLOW, "
        + "STORAGE, OUTCOME_UNKNOWN, UNAUTHENTICATED, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, SPAM, INTERNAL"));
    props.put("message", Map.of("type", "string"));
    props.put("fieldErrors", Map.of("type", "array", "items", Map.of("type", "object", "properties",
        Map.of("field", Map.of("type", "string"), "message", Map.of("type", "string")))));
    props.put("recordType", Map.of("type", "string"));
    props.put("recordId", Map.of("type", "string"));
    return Map.of("type", "object", "required", List.of("code", "message", "fieldErrors"), "properties", props);
  }
}
