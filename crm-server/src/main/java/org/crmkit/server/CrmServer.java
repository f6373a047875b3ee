package org.crmkit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.Crm;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.jackson2.CrmJackson2Module;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.json.CrmDocuments;
import org.crmkit.json.CrmError;
import org.crmkit.shared.Actor;
import org.crmkit.shared.TenantId;
import org.crmkit.storage.CrmStorage;

/**
 * The example server of crmkit's Web Service API: JSON over HTTP for leads, accounts, contacts, opportunities,
 * conversion, the pipeline, history, billing forecasts and web forms, with its OpenAPI document, a browsable UI and
 * two pages (the public web form and the sales dashboard).
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver}: no dependency to choose, update or audit, and the
 * point of the example is crmkit, not a web framework; a host would put the same calls behind its own. Each call
 * acts as the actor its bearer token names ({@link Example#TOKENS}); the owner-based access policy applies. Bodies
 * are read through crmkit's Jackson 2 module and limited in size before they are parsed.
 *
 * <pre>
 * mvn -q -pl crm-server -am compile exec:java                                   # in memory, port 8080
 * mvn -q -pl crm-server -am compile exec:java -Dexec.args="h2:file:./crm-demo"   # an H2 file
 * mvn -q -pl crm-server -am compile exec:java -Dexec.args="jdbc:postgresql://localhost/crm"   # CRM_PG_USER, CRM_PG_PASSWORD
 * </pre>
 */
public final class CrmServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CrmServer.class.getName());

  /** The largest request body read (bytes); a larger one is answered 413 before any of it is parsed. */
  public static final int DEFAULT_MAX_BODY = 256 * 1024;

  /** The port {@link #main} listens on unless {@code -Dcrmkit.port} names another. */
  public static final int DEFAULT_PORT = 8080;

  private static final java.util.concurrent.atomic.AtomicInteger H2_DATABASES =
      new java.util.concurrent.atomic.AtomicInteger();

  private final HttpServer http;
  private final ExecutorService executor;
  private final CrmStorage storage;
  private final Crm crm;
  private final List<Route> routes;
  private final List<Pattern> patterns = new ArrayList<>();
  private final ObjectMapper mapper;
  private final Map<String, Actor> tokens;
  private final int maxBody;
  private final boolean ownsStorage;

  private CrmServer(HttpServer http, CrmStorage storage, boolean ownsStorage, Crm crm, Map<String, Actor> tokens,
      int maxBody) {
    this.http = http;
    this.storage = storage;
    this.ownsStorage = ownsStorage;
    this.crm = crm;
    this.tokens = Map.copyOf(tokens);
    this.maxBody = maxBody;
    this.mapper = CrmJackson2Module.jsonMapper(CrmDocuments.of(crm.customFields()))
        .enable(SerializationFeature.INDENT_OUTPUT);
    this.routes = new Api(crm, new Pages(), TenantId.DEFAULT).routes();
    routes.forEach(r -> patterns.add(r.pattern()));
    this.executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "crm-server");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
  }

  /**
   * Starts the example server on {@code port} (0: a free port) over a storage.
   *
   * @param port the port on the loopback interface, or 0 for a free one
   * @param target {@code memory}, {@code h2}, {@code h2:file:PATH}, or a JDBC URL
   * @return the running server; close it to stop it
   * @throws IOException when the port cannot be bound
   */
  public static CrmServer start(int port, String target) throws IOException {
    return start(port, target, DEFAULT_MAX_BODY);
  }

  /** Like {@link #start(int, String)} with the largest body read, in bytes. */
  public static CrmServer start(int port, String target, int maxBody) throws IOException {
    CrmStorage storage = storage(target);
    try {
      return start(port, storage, true, CustomFieldSchema.empty(), maxBody);
    } catch (IOException | RuntimeException e) {
      closeQuietly(storage);
      throw e;
    }
  }

  /**
   * Starts the example server on {@code port} over a storage its caller owns: closing the server leaves the
   * storage open, for the caller to close after it. The server's Crm has the example's custom fields (lead
   * {@code seats} and {@code campaign}) and the ones given, so that records stored with them (by an import, say)
   * can be read and changed over HTTP.
   *
   * @param port the port on the loopback interface, or 0 for a free one
   * @param storage the storage to serve, not null; not closed by {@link #close()}
   * @param moreFields custom fields beside the example's, not null ({@link CustomFieldSchema#empty()} for none)
   * @return the running server; close it to stop it
   * @throws IOException when the port cannot be bound (e.g. {@link java.net.BindException} when it is in use)
   * @throws IllegalArgumentException when {@code moreFields} defines {@code seats} or {@code campaign} for leads
   */
  public static CrmServer start(int port, CrmStorage storage, CustomFieldSchema moreFields) throws IOException {
    return start(port, Objects.requireNonNull(storage, "storage"), false,
        Objects.requireNonNull(moreFields, "moreFields"), DEFAULT_MAX_BODY);
  }

  private static CrmServer start(int port, CrmStorage storage, boolean ownsStorage, CustomFieldSchema moreFields,
      int maxBody) throws IOException {
    Crm crm = Example.crm(storage, moreFields);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    CrmServer server = new CrmServer(http, storage, ownsStorage, crm, Example.TOKENS, maxBody);
    http.start();
    return server;
  }

  static CrmStorage storage(String target) {
    String t = target.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("memory")) {
      return InMemoryStorage.create();
    }
    String url;
    if (lower.equals("h2")) {
      // One database per server: two servers in one JVM (tests) must not share records.
      url = "jdbc:h2:mem:crm-server-" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    } else if (lower.startsWith("h2:file:")) {
      url = "jdbc:h2:file:" + t.substring("h2:file:".length());
    } else if (lower.startsWith("jdbc:")) {
      url = t;
    } else {
      throw new IllegalArgumentException("unknown storage '" + target
          + "'; use memory, h2, h2:file:PATH or a JDBC URL such as jdbc:postgresql://localhost/crm");
    }
    return JpaStorage.builder().jdbcUrl(url, System.getenv("CRM_PG_USER"), System.getenv("CRM_PG_PASSWORD")).build();
  }

  /** @return the port the server listens on */
  public int port() {
    return http.getAddress().getPort();
  }

  /** @return the server's base address, e.g. {@code http://127.0.0.1:8080} */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** @return the Crm behind the server */
  public Crm crm() {
    return crm;
  }

  /** @return the bearer tokens the server accepts and the actor each one names (an immutable map) */
  public Map<String, Actor> tokens() {
    return tokens;
  }

  List<Route> routes() {
    return routes;
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsStorage) {
      closeQuietly(storage);
    }
  }

  private static void closeQuietly(CrmStorage storage) {
    if (storage instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing the storage failed", e);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ dispatch

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      boolean close = false;
      try {
        reply = dispatch(exchange);
      } catch (HttpError e) {
        reply = error(e.status(), e.error());
        close = e.status() == 413;
      } catch (Throwable t) {
        CrmError error = CrmJackson2Module.error(t);
        int status = status(error.code());
        if (status >= 500) {
          // The client gets the fixed message of its error document; the host's log gets the cause.
          LOG.log(System.Logger.Level.ERROR, "request " + exchange.getRequestMethod() + " "
              + exchange.getRequestURI().getPath() + " failed", t);
        }
        reply = error(status, error);
      }
      send(exchange, reply, close);
    }
  }

  private Reply dispatch(HttpExchange exchange) throws Exception {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    if (path.startsWith("/webjars/") && method.equals("GET")) {
      return Pages.asset(path);
    }
    List<String> allowed = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      Matcher m = patterns.get(i).matcher(path);
      if (!m.matches()) {
        continue;
      }
      Route route = routes.get(i);
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      List<String> names = route.pathParameters();
      for (int g = 0; g < names.size(); g++) {
        params.put(names.get(g), java.net.URLDecoder.decode(m.group(g + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
      Actor actor = route.open() ? null : authenticate(exchange);
      return route.handler().handle(new Call(exchange, params, actor, mapper, maxBody));
    }
    if (!allowed.isEmpty()) {
      Reply reply = error(405, new CrmError("METHOD_NOT_ALLOWED", method + " is not allowed on " + path
          + "; allowed: " + String.join(", ", allowed), List.of(), null, null));
      return new Reply(reply.status(), reply.json(), null, null, Map.of("Allow", String.join(", ", allowed)));
    }
    throw new HttpError(404, "NOT_FOUND", "there is no route " + Call.abbreviate(path) + "; see /openapi.json");
  }

  private Actor authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new HttpError(401, "UNAUTHENTICATED", "send a token: Authorization: Bearer <token>");
    }
    Actor actor = tokens.get(header.substring(7).strip());
    if (actor == null) {
      throw new HttpError(401, "UNAUTHENTICATED", "the token is not known; ask for a valid one");
    }
    return actor;
  }

  /** The status of an error document's code, as docs/API.md lists it. */
  static int status(String code) {
    switch (code) {
      case "INVALID_JSON":
      case "VALIDATION":
        return 400;
      case "TOO_LARGE":
        return 413;
      case "NOT_FOUND":
        return 404;
      case "ACCESS_DENIED":
        return 403;
      case "CONFLICT":
      case "READ_ONLY":
      case "ILLEGAL_STAGE_TRANSITION":
      case "RULE_VIOLATION":
      case "WORKFLOW":
        return 409;
      case "STORAGE":
      case "OUTCOME_UNKNOWN":
        return 503;
      default:
        return 500;
    }
  }

  private static Reply error(int status, CrmError error) {
    Map<String, String> headers = status == 401 ? Map.of("WWW-Authenticate", "Bearer realm=\"crmkit\"") : Map.of();
    return new Reply(status, error, null, null, headers);
  }

  private void send(HttpExchange exchange, Reply reply, boolean close) throws IOException {
    byte[] body;
    String type;
    if (reply.json() != null) {
      body = mapper.writeValueAsBytes(reply.json());
      type = "application/json; charset=utf-8";
    } else {
      body = reply.bytes();
      type = reply.contentType();
    }
    var headers = exchange.getResponseHeaders();
    reply.headers().forEach(headers::set);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Cache-Control", "no-store");
    if (close) {
      headers.set("Connection", "close");
      drain(exchange.getRequestBody());
    }
    if (body == null || reply.status() == 204) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    headers.set("Content-Type", Objects.requireNonNull(type, "type"));
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Reads (a bounded part of) what the client still sends, so it sees the answer rather than a reset. */
  private void drain(InputStream in) {
    try {
      byte[] buffer = new byte[8192];
      long left = 16L * maxBody;
      int n;
      while (left > 0 && (n = in.read(buffer)) != -1) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  /**
   * Starts the server. Arguments: the storage ({@code memory} by default, {@code h2}, {@code h2:file:PATH} or a JDBC
   * URL). The port is {@code -Dcrmkit.port} (default 8080).
   */
  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("crmkit.port", DEFAULT_PORT);
    CrmServer server = start(port, args.length > 0 ? args[0] : "memory");
    System.out.println("crmkit example server on " + server.uri() + "/  (API docs: " + server.uri()
        + "/docs, web form: " + server.uri() + "/forms/contact-us, dashboard: " + server.uri() + "/dashboard)");
    System.out.println("tokens: " + String.join(", ", new java.util.TreeSet<>(Example.TOKENS.keySet()))
        + "; press Ctrl+C to stop");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
