package org.crmkit.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: a status, a body (a value written as JSON, or raw bytes with a media type), and headers.
 *
 * @param status the HTTP status
 * @param json a value written as JSON (a crmkit document, a map or list of them), or null
 * @param bytes a raw body, or null
 * @param contentType the raw body's media type, or null
 * @param headers extra headers
 */
record Reply(int status, Object json, byte[] bytes, String contentType, Map<String, String> headers) {

  static Reply json(int status, Object value) {
    return new Reply(status, value, null, null, Map.of());
  }

  static Reply ok(Object value) {
    return json(200, value);
  }

  static Reply noContent() {
    return new Reply(204, null, null, null, Map.of());
  }

  static Reply html(String html) {
    return new Reply(200, null, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", Map.of());
  }

  static Reply html(int status, String html) {
    return new Reply(status, null, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", Map.of());
  }

  static Reply bytes(byte[] body, String contentType) {
    return new Reply(200, null, body, contentType, Map.of());
  }

  static Reply redirect(String location) {
    return new Reply(303, null, null, null, Map.of("Location", location));
  }
}
