package org.crmkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.crmkit.shared.FieldError;
import org.crmkit.webform.LeadField;
import org.crmkit.webform.WebForm;

/**
 * The server's HTML: the index, the public web form page (a plain HTML form that posts to the form endpoint and
 * works without JavaScript), the Swagger UI page over {@code /openapi.json}, and the sales dashboard, which asks
 * for a token and reads the API with it. Every value written into a page is escaped.
 */
final class Pages {
  static final String SWAGGER_UI = "/webjars/swagger-ui/5.34.1/";

  String index(Collection<WebForm> forms) {
    String links = forms.stream().map(f -> "<li><a href=\"/forms/" + esc(f.name()) + "\">web form "
        + esc(f.name()) + "</a></li>").collect(Collectors.joining());
    return page("crmkit example server", "<h1>crmkit example server</h1><ul>" + links
        + "<li><a href=\"/dashboard\">sales dashboard</a></li>"
        + "<li><a href=\"/docs\">API documentation (OpenAPI)</a></li></ul>");
  }

  /** The form page, with the submitted values and errors of a rejected submission (or none). */
  String form(WebForm form, Map<String, String> values, List<FieldError> errors) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Contact us</h1>");
    if (!errors.isEmpty()) {
      b.append("<div class=\"errors\" id=\"errors\"><p>Please check the form:</p><ul>");
      for (FieldError e : errors) {
        b.append("<li data-field=\"").append(esc(e.field())).append("\">").append(esc(label(form, e.field())))
            .append(": ").append(esc(e.message())).append("</li>");
      }
      b.append("</ul></div>");
    }
    b.append("<form method=\"post\" action=\"/api/forms/").append(esc(form.name()))
        .append("\" accept-charset=\"utf-8\" id=\"web-form\">");
    for (String p : FormRoutes.parameters(form)) {
      boolean required = form.required().contains(p);
      String type = form.fields().get(p) == LeadField.EMAIL ? "email" : "text";
      b.append("<p><label for=\"").append(esc(p)).append("\">").append(esc(label(form, p)))
          .append(required ? " *" : "").append("</label><br>");
      if (form.fields().get(p) == LeadField.DESCRIPTION) {
        b.append("<textarea id=\"").append(esc(p)).append("\" name=\"").append(esc(p)).append("\" rows=\"4\">")
            .append(esc(values.getOrDefault(p, ""))).append("</textarea>");
      } else {
        b.append("<input type=\"").append(type).append("\" id=\"").append(esc(p)).append("\" name=\"")
            .append(esc(p)).append("\" value=\"").append(esc(values.getOrDefault(p, ""))).append("\"")
            .append(required ? " required" : "").append(">");
      }
      b.append("</p>");
    }
    form.honeypotParameter().ifPresent(h -> b.append("<p class=\"hp\" aria-hidden=\"true\"><label for=\"")
        .append(esc(h)).append("\">Leave this empty</label><input type=\"text\" id=\"").append(esc(h))
        .append("\" name=\"").append(esc(h)).append("\" tabindex=\"-1\" autocomplete=\"off\"></p>"));
    b.append("<p><button type=\"submit\" id=\"send\">Send</button></p></form>");
    return page("Contact us", b.toString());
  }

  String thanks(WebForm form, boolean created) {
    return page("Thank you", "<h1 id=\"thanks\">Thank you!</h1><p>" + (created
        ? "We received your message and will be in touch."
        : "We updated the message you sent before.") + "</p><p><a href=\"/forms/" + esc(form.name())
        + "\">Back to the form</a></p>");
  }

  String docs() {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>crmkit API</title>"
        + "<link rel=\"stylesheet\" href=\"" + SWAGGER_UI + "swagger-ui.css\"></head><body><div id=\"swagger-ui\"></div>"
        + "<script src=\"" + SWAGGER_UI + "swagger-ui-bundle.js\"></script>"
        + "<script>window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});</script>"
        + "</body></html>";
  }

  String dashboard() {
    return resource("dashboard.html");
  }

  private static String label(WebForm form, String parameter) {
    String words = parameter.replace('_', ' ');
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}label{font-weight:bold}"
        + "input,textarea{width:100%;padding:.3em}.errors{color:#a00}.hp{position:absolute;left:-10000px}"
        + "</style></head><body>" + body + "</body></html>";
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String resource(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the page " + name + " is missing from the server's jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("the page " + name + " cannot be read", e);
    }
  }

  /** A file of the Swagger UI webjar, or a 404. */
  static Reply asset(String path) throws IOException {
    if (path.contains("..") || path.contains("//") || !path.startsWith(SWAGGER_UI)) {
      throw new HttpError(404, "NOT_FOUND", "there is no such file");
    }
    try (InputStream in = Pages.class.getClassLoader().getResourceAsStream("META-INF/resources" + path)) {
      if (in == null) {
        throw new HttpError(404, "NOT_FOUND", "there is no such file");
      }
      String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css"
          : path.endsWith(".png") ? "image/png" : path.endsWith(".html") ? "text/html" : "application/octet-stream";
      return Reply.bytes(in.readAllBytes(), type);
    }
  }
}
