package org.crmkit.server;

import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.shared.TenantId;

/**
 * The route table of the Web Service API and the pages: the single source of the server's dispatch and of its
 * OpenAPI document ({@link OpenApi}). Every handler calls one use case as the call's actor and answers its document.
 * The routes are declared by capability ({@link RecordRoutes}, {@link ReportRoutes}, {@link BiRoutes}, {@link
 * FormRoutes}); this class adds the document and the pages, and keeps the order of declaration.
 */
final class Api extends RouteGroup {
  private final Pages pages;

  Api(Crm crm, Pages pages, TenantId formTenant) {
    super(new ArrayList<>(), crm);
    this.pages = pages;
    new RecordRoutes(routes, crm).register();
    new ReportRoutes(routes, crm).register();
    new BiRoutes(routes, crm).register();
    new FormRoutes(routes, crm, pages, formTenant).register();
    register();
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  @Override
  void register() {
    routes.add(route("GET", "/openapi.json", "meta", "This API's OpenAPI 3 document", null, false, List.of(), JSON, 200,
        "the OpenAPI document", List.of(), true, c -> Reply.ok(OpenApi.document(routes))));
    routes.add(route("GET", "/docs", "pages", "The browsable API documentation (Swagger UI)", null, false, List.of(),
        HTML, 200, "an HTML page", List.of(), true, c -> Reply.html(pages.docs())));
    routes.add(route("GET", "/dashboard", "pages", "The sales dashboard page (asks for a token, then reads the API)",
        null, false, List.of(), HTML, 200, "an HTML page", List.of(), true, c -> Reply.html(pages.dashboard())));
    routes.add(route("GET", "/", "pages", "The index page: links to the form, the dashboard and the docs", null,
        false, List.of(), HTML, 200, "an HTML page", List.of(), true, c -> Reply.html(pages.index(crm.webForms().forms()))));
  }
}
