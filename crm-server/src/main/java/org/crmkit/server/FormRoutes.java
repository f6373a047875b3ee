package org.crmkit.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.Crm;
import org.crmkit.application.SubmitWebForm;
import org.crmkit.application.WebFormOutcome;
import org.crmkit.json.CrmError;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.TenantId;
import org.crmkit.webform.WebForm;

/**
 * The routes of web forms: a form's parameters, its submission (public, as the form's system actor, in the server's
 * form tenant) and its HTML page.
 */
final class FormRoutes extends RouteGroup {
  private final Pages pages;
  private final TenantId formTenant;

  FormRoutes(List<Route> routes, Crm crm, Pages pages, TenantId formTenant) {
    super(routes, crm);
    this.pages = pages;
    this.formTenant = formTenant;
  }

  @Override
  void register() {
    String tag = "web forms";
    routes.add(route("GET", "/api/forms/{name}", tag, "A web form's parameters (public)", null, false, List.of(),
        JSON, 200, "the form: name, parameters, required, honeypot", List.of(404), true, c -> {
          WebForm form = form(c.path("name"));
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("name", form.name());
          doc.put("parameters", parameters(form));
          doc.put("required", form.required().stream().sorted().toList());
          form.honeypotParameter().ifPresent(h -> doc.put("honeypot", h));
          return Reply.ok(doc);
        }));
    routes.add(route("POST", "/api/forms/{name}", tag,
        "Submit a web form (public; form-urlencoded or a JSON object of strings; header Idempotency-Key optional)."
            + " Acts as the form's system actor. A resubmission (same e-mail or key) updates the open lead.",
        null, true, List.of(), JSON, 201,
        "{outcome: CREATED|UPDATED, leadId}; 200 for UPDATED; with Accept: text/html a page", List.of(400, 404, 415),
        true, this::submit));
    routes.add(route("GET", "/forms/{name}", "pages", "The public web form page (HTML)", null, false, List.of(), HTML,
        200, "an HTML page", List.of(404), true, c -> Reply.html(pages.form(form(c.path("name")), Map.of(), List.of()))));
  }

  private WebForm form(String name) {
    return crm.webForms().form(name).orElseThrow(() -> new HttpError(404, new CrmError("NOT_FOUND",
        "there is no web form named '" + Call.abbreviate(name) + "'", List.of(), null, null)));
  }

  /** @return the parameters a form reads, its fields' then its custom fields' */
  static List<String> parameters(WebForm form) {
    List<String> names = new ArrayList<>(form.fields().keySet());
    names.addAll(form.customFields().keySet());
    return names;
  }

  private Reply submit(Call c) throws Exception {
    WebForm form = form(c.path("name"));
    boolean html = Optional.ofNullable(c.header("Accept")).orElse("").contains(HTML);
    Map<String, String> params;
    if (c.contentType().startsWith("application/x-www-form-urlencoded")) {
      params = c.form();
    } else {
      params = strings(c.hasBody() ? c.readTree() : Map.of());
    }
    SubmitWebForm submission = SubmitWebForm.to(form.name(), params).in(formTenant);
    String key = c.header("Idempotency-Key");
    if (key != null && !key.isBlank()) {
      if (key.length() > 200) {
        throw HttpError.badParameter("Idempotency-Key", "must be at most 200 characters");
      }
      submission = submission.idempotencyKey(key.strip());
    }
    WebFormOutcome outcome = crm.webForms().submit(submission);
    if (outcome instanceof WebFormOutcome.Rejected r) {
      if (html) {
        return Reply.html(400, pages.form(form, params, r.errors()));
      }
      throw new HttpError(400, new CrmError("VALIDATION", "Invalid input: " + r.errors().stream()
          .map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse(""), r.errors(), null, null));
    }
    if (outcome instanceof WebFormOutcome.Spam s) {
      // Reported, not dropped silently; the robot learns nothing it did not know.
      throw new HttpError(400, new CrmError("SPAM", "the submission was taken for spam and not stored",
          List.of(new FieldError(s.honeypot(), "must be left empty")), null, null));
    }
    boolean created = outcome instanceof WebFormOutcome.Created;
    LeadId id = created ? ((WebFormOutcome.Created) outcome).lead().id() : ((WebFormOutcome.Updated) outcome).lead().id();
    if (html) {
      return Reply.html(created ? 201 : 200, pages.thanks(form, created));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("outcome", created ? "CREATED" : "UPDATED");
    doc.put("leadId", id.value().toString());
    return Reply.json(created ? 201 : 200, doc);
  }

  private static Map<String, String> strings(Object tree) {
    if (!(tree instanceof Map<?, ?> map)) {
      throw new HttpError(400, "INVALID_JSON", "send the form's parameters as one JSON object of strings");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw HttpError.badParameter(String.valueOf(e.getKey()), "must be a string");
      }
      params.put(String.valueOf(e.getKey()), s);
    }
    return params;
  }
}
