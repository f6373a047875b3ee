package org.crmkit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.shared.Actor;
import org.crmkit.shared.PageRequest;

/**
 * One request as a route sees it: its path parameters, query parameters, the acting {@link Actor} (for routes that
 * need a token), and its body, read at most {@code maxBody} bytes and only when the route asks for it.
 */
final class Call {
  private final HttpExchange exchange;
  private final Map<String, String> path;
  private final Map<String, String> query;
  private final Actor actor;
  private final ObjectMapper mapper;
  private final int maxBody;
  private byte[] body;

  Call(HttpExchange exchange, Map<String, String> path, Actor actor, ObjectMapper mapper, int maxBody) {
    this.exchange = exchange;
    this.path = Map.copyOf(path);
    this.query = parseForm(exchange.getRequestURI().getRawQuery());
    this.actor = actor;
    this.mapper = mapper;
    this.maxBody = maxBody;
  }

  /** @return the actor of a route that needs a token */
  Actor actor() {
    if (actor == null) {
      throw new IllegalStateException("this route is open: it has no actor");
    }
    return actor;
  }

  String path(String name) {
    return path.get(name);
  }

  /** @return the path parameter as a UUID; a malformed one is a 400 naming it */
  UUID uuid(String name) {
    try {
      return UUID.fromString(path.get(name));
    } catch (IllegalArgumentException e) {
      throw HttpError.badParameter(name, "'" + abbreviate(path.get(name)) + "' is not an id (a UUID)");
    }
  }

  Optional<String> query(String name) {
    String v = query.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  Optional<Long> queryLong(String name) {
    return query(name).map(v -> {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw HttpError.badParameter(name, "'" + abbreviate(v) + "' is not a whole number");
      }
    });
  }

  Optional<Boolean> queryBoolean(String name) {
    return query(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw HttpError.badParameter(name, "'" + abbreviate(v) + "' is not true or false");
    });
  }

  Optional<LocalDate> queryDate(String name) {
    return query(name).map(v -> {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw HttpError.badParameter(name, "'" + abbreviate(v) + "' is not a date (write e.g. 2026-06-30)");
      }
    });
  }

  Optional<YearMonth> queryMonth(String name) {
    return query(name).map(v -> {
      try {
        return YearMonth.parse(v);
      } catch (DateTimeParseException e) {
        throw HttpError.badParameter(name, "'" + abbreviate(v) + "' is not a month (write e.g. 2026-06)");
      }
    });
  }

  Optional<UUID> queryUuid(String name) {
    return query(name).map(v -> {
      try {
        return UUID.fromString(v);
      } catch (IllegalArgumentException e) {
        throw HttpError.badParameter(name, "'" + abbreviate(v) + "' is not an id (a UUID)");
      }
    });
  }

  /** @return the page the query asks for ({@code page}, from 0, and {@code size}, default 20) */
  PageRequest page() {
    long page = queryLong("page").orElse(0L);
    long size = queryLong("size").orElse(20L);
    if (page < 0 || page > Integer.MAX_VALUE) {
      throw HttpError.badParameter("page", "must be 0 or more");
    }
    if (size < 1 || size > PageRequest.MAX_SIZE) {
      throw HttpError.badParameter("size", "must be 1 to " + PageRequest.MAX_SIZE);
    }
    return PageRequest.of((int) page, (int) size);
  }

  /** @return the raw body (read once, at most maxBody bytes; beyond that a 413) */
  byte[] body() throws IOException {
    if (body == null) {
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      if (length != null) {
        try {
          if (Long.parseLong(length.strip()) > maxBody) {
            throw tooLarge();
          }
        } catch (NumberFormatException e) {
          throw new HttpError(400, "INVALID_REQUEST", "Content-Length is not a number");
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try (InputStream in = exchange.getRequestBody()) {
        int n;
        while ((n = in.read(buffer)) != -1) {
          if (out.size() + n > maxBody) {
            throw tooLarge();
          }
          out.write(buffer, 0, n);
        }
      }
      body = out.toByteArray();
    }
    return body;
  }

  private HttpError tooLarge() {
    return new HttpError(413, "TOO_LARGE", "the body is too large: this server reads at most " + maxBody + " bytes");
  }

  boolean hasBody() throws IOException {
    return body().length > 0 && !new String(body(), StandardCharsets.UTF_8).isBlank();
  }

  /** @return the body read as the crmkit document of {@code type}; a missing body is a 400 */
  <T> T read(Class<T> type) throws IOException {
    if (!hasBody()) {
      throw new HttpError(400, "INVALID_JSON", "the body is empty: send the " + type.getSimpleName() + " document");
    }
    requireJson();
    return mapper.readValue(body(), type);
  }

  /** @return the body as JSON of plain values (maps, lists, strings) */
  Object readTree() throws IOException {
    requireJson();
    return mapper.readValue(body(), Object.class);
  }

  private void requireJson() {
    String type = contentType();
    if (!type.isEmpty() && !type.startsWith("application/json")) {
      throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json, not " + type);
    }
  }

  String contentType() {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    return type == null ? "" : type.toLowerCase(Locale.ROOT).strip();
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** @return the body as form fields (application/x-www-form-urlencoded) */
  Map<String, String> form() throws IOException {
    return parseForm(new String(body(), StandardCharsets.UTF_8));
  }

  static Map<String, String> parseForm(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (values.putIfAbsent(name, value) != null) {
        throw HttpError.badParameter(name, "is sent more than once");
      }
    }
    return values;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "INVALID_REQUEST", "a parameter is not URL-encoded correctly");
    }
  }

  static String abbreviate(String s) {
    return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
