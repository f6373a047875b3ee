package org.crmkit.server;

import static org.crmkit.server.Route.QueryParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.Crm;
import org.crmkit.report.SvgChart;
import org.crmkit.shared.RecordId;

/**
 * A part of the server's route table ({@link Api}): the routes of one capability, declared into the one list the
 * server dispatches by and documents ({@link OpenApi}), with the helpers every part declares them with.
 */
abstract class RouteGroup {
  static final String JSON = "application/json";
  static final String HTML = "text/html";
  static final String SVG = "image/svg+xml";
  static final List<QueryParam> PAGING = List.of(
      new QueryParam("page", "integer", "page number, from 0 (default 0)"),
      new QueryParam("size", "integer", "records per page, 1 to 1000 (default 20)"));

  /** The route table the parts declare into, in the order of declaration. */
  final List<Route> routes;
  /** The Crm whose use cases the handlers call. */
  final Crm crm;

  RouteGroup(List<Route> routes, Crm crm) {
    this.routes = Objects.requireNonNull(routes, "routes");
    this.crm = Objects.requireNonNull(crm, "crm");
  }

  /** Declares this part's routes into {@link #routes}. */
  abstract void register();

  void add(String method, String path, String tag, String summary, Class<?> body, List<QueryParam> query,
      int success, String response, List<Integer> errors, Route.Handler handler) {
    routes.add(route(method, path, tag, summary, body, body != null, query, JSON, success, response, errors, false,
        handler));
  }

  static Route route(String method, String path, String tag, String summary, Class<?> body,
      boolean bodyRequired, List<QueryParam> query, String produces, int success, String response,
      List<Integer> errors, Route.Handler handler) {
    return new Route(method, path, tag, summary, false, body, bodyRequired, query, produces, success, response,
        errors, handler);
  }

  static Route route(String method, String path, String tag, String summary, Class<?> body,
      boolean bodyRequired, List<QueryParam> query, String produces, int success, String response,
      List<Integer> errors, boolean open, Route.Handler handler) {
    return new Route(method, path, tag, summary, open, body, bodyRequired, query, produces, success, response,
        errors, handler);
  }

  /** The id in the body must be the id in the path: a body cannot change another record than the URL names. */
  static void same(Call c, RecordId bodyId) {
    if (!Objects.equals(bodyId.value(), c.uuid("id"))) {
      throw HttpError.badParameter("id", "the body's id " + bodyId.value() + " is not the id in the path");
    }
  }

  static <Q> Q with(Call c, String name, Q query, java.util.function.BiFunction<Q, String, Q> apply) {
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

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static Reply svg(SvgChart chart) {
    return Reply.bytes(chart.toSvg().getBytes(java.nio.charset.StandardCharsets.UTF_8), SVG + "; charset=utf-8");
  }
}
