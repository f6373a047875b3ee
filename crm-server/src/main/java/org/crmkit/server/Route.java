package org.crmkit.server;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the server: method, path template, what it documents, and its handler. The route table ({@link Api})
 * is the single source of both the dispatch and the OpenAPI document, so a route cannot exist undocumented.
 *
 * @param method the HTTP method
 * @param path the path template, e.g. {@code /api/leads/{id}}
 * @param tag the OpenAPI tag (leads, accounts, ...)
 * @param summary one line for people
 * @param open whether the route needs no token (public pages, the web form endpoint, the API document)
 * @param body the request body: its document type, or null for none
 * @param bodyRequired whether a body must be sent
 * @param query the query parameters the route reads
 * @param produces the media type of a successful answer
 * @param success the status of a successful answer
 * @param response what a successful answer holds, for the document (a crmkit document name, or prose)
 * @param errors the error statuses the route may answer besides the ones every route may (401, 413, 500)
 * @param handler what it does
 */
record Route(
    String method,
    String path,
    String tag,
    String summary,
    boolean open,
    Class<?> body,
    boolean bodyRequired,
    List<QueryParam> query,
    String produces,
    int success,
    String response,
    List<Integer> errors,
    Handler handler) {

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    errors = List.copyOf(errors);
    Objects.requireNonNull(handler, "handler");
  }

  /**
   * A query parameter.
   *
   * @param name its name
   * @param type an OpenAPI type
   * @param description for people
   * @param required whether a call must give it (the route answers 400 naming it otherwise)
   */
  record QueryParam(String name, String type, String description, boolean required) {

    /** An optional query parameter. */
    QueryParam(String name, String type, String description) {
      this(name, type, description, false);
    }
  }

  /** What a route does with a call. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call) throws Exception;
  }

  /** @return the names of the path parameters, in order */
  List<String> pathParameters() {
    Matcher m = PARAM.matcher(path);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** @return the regular expression of the path, one group per path parameter */
  Pattern pattern() {
    return Pattern.compile(PARAM.matcher(path.replace(".", "\\.")).replaceAll("([^/]+)"));
  }
}
