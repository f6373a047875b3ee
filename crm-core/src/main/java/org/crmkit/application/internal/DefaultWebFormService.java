package org.crmkit.application.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.crmkit.access.Operation;
import org.crmkit.application.SubmitWebForm;
import org.crmkit.application.WebFormOutcome;
import org.crmkit.application.WebFormService;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadDetails;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.webform.LeadField;
import org.crmkit.webform.WebForm;
import org.crmkit.workflow.WorkflowRule;

/**
 * Web form submissions. Resubmissions are found without a lock in this JVM: the lead of a submission has an id
 * derived from (tenant, form, key, generation) with a name-based UUID, where the key is the idempotency key or the
 * normalised e-mail. The first submission inserts that id; a racing second submission's insert collides on the
 * primary key in the storage ({@link ConflictException}) and is retried, now finding the lead and updating it.
 * When the lead of generation n was converted (no longer open) the next submission uses generation n + 1.
 */
final class DefaultWebFormService implements WebFormService {
  /** Attempts per submission before a lost race is reported as a conflict (each attempt is one unit of work). */
  static final int MAX_ATTEMPTS = 10;
  /** How many converted leads one key may have before the form refuses it. */
  static final int MAX_GENERATIONS = 1000;

  private final Context ctx;
  private final Map<String, WebForm> forms;
  private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

  DefaultWebFormService(Context ctx, Collection<WebForm> forms) {
    this.ctx = ctx;
    Map<String, WebForm> byName = new TreeMap<>();
    Set<String> rules = new java.util.HashSet<>();
    for (WorkflowRule rule : ctx.config().workflows().rules()) {
      rules.add(rule.id());
    }
    for (WebForm form : forms) {
      if (byName.put(form.name(), form) != null) {
        throw new ConfigurationException("two web forms are named '" + form.name() + "'; give each its own name");
      }
      Set<String> keys = new java.util.HashSet<>(form.customFields().values());
      keys.addAll(form.customDefaults().keySet());
      for (String key : keys) {
        if (ctx.customFields().definition(RecordType.LEAD, key).isEmpty()) {
          throw new ConfigurationException("web form '" + form.name() + "' fills the lead custom field '" + key
              + "', which is not defined; define it with Crm.builder().customFields(...) or remove it from the form");
        }
      }
      for (String rule : form.allowedRules()) {
        if (!rules.contains(rule)) {
          throw new ConfigurationException("web form '" + form.name() + "' allows the workflow rule '" + rule
              + "', which is not configured; configure it or remove it from the form");
        }
      }
      form.customDefaults().forEach((key, text) -> {
        try {
          parse(ctx.customFields().definition(RecordType.LEAD, key).orElseThrow(), text);
        } catch (ValidationException e) {
          throw new ConfigurationException("web form '" + form.name() + "' has a default for custom field '" + key
              + "' that does not fit its type: " + e.getMessage());
        }
      });
    }
    this.forms = Map.copyOf(byName);
  }

  @Override
  public Collection<WebForm> forms() {
    return new TreeMap<>(forms).values();
  }

  @Override
  public Optional<WebForm> form(String name) {
    return Optional.ofNullable(forms.get(java.util.Objects.requireNonNull(name, "name")));
  }

  @Override
  public WebFormOutcome submit(SubmitWebForm submission) {
    java.util.Objects.requireNonNull(submission, "submission");
    WebForm form = forms.get(submission.form());
    if (form == null) {
      throw ValidationException.of("form", "there is no web form named '" + submission.form() + "'; the forms are "
          + new TreeMap<>(forms).keySet());
    }
    Map<String, String> params = submission.parameters();
    Optional<String> honeypot = form.honeypotParameter();
    if (honeypot.isPresent() && !params.getOrDefault(honeypot.get(), "").isBlank()) {
      return new WebFormOutcome.Spam(honeypot.get());
    }
    List<FieldError> errors = new ArrayList<>();
    for (String name : new TreeMap<>(params).keySet()) {
      if (!form.fields().containsKey(name) && !form.customFields().containsKey(name)
          && !honeypot.map(name::equals).orElse(false)) {
        errors.add(new FieldError(name, "is not a field of web form '" + form.name() + "'"));
      }
    }
    form.required().stream().sorted().filter(p -> value(params, p) == null)
        .forEach(p -> errors.add(new FieldError(p, "is required")));
    Map<LeadField, String> submitted = new EnumMap<>(LeadField.class);
    form.fields().forEach((param, field) -> {
      String v = value(params, param);
      if (v != null) {
        submitted.put(field, v);
      }
    });
    Map<String, CustomValue> submittedCustom = new LinkedHashMap<>();
    form.customFields().forEach((param, key) -> {
      String v = value(params, param);
      if (v != null) {
        try {
          submittedCustom.put(key, parse(ctx.customFields().definition(RecordType.LEAD, key).orElseThrow(), v));
        } catch (ValidationException e) {
          e.errors().forEach(err -> errors.add(new FieldError(param, err.message())));
        }
      }
    });
    if (submitted.containsKey(LeadField.EMAIL)) {
      try {
        Values.email("email", submitted.get(LeadField.EMAIL));
      } catch (ValidationException e) {
        String param = form.emailParameter().orElse("email");
        e.errors().forEach(err -> errors.add(new FieldError(param, err.message())));
      }
    }
    if (!errors.isEmpty()) {
      return new WebFormOutcome.Rejected(errors);
    }
    Map<LeadField, String> forNewLead = new EnumMap<>(form.defaults());
    forNewLead.putAll(submitted);
    Map<String, CustomValue> customForNewLead = new LinkedHashMap<>();
    form.customDefaults().forEach((key, text) ->
        customForNewLead.put(key, parse(ctx.customFields().definition(RecordType.LEAD, key).orElseThrow(), text)));
    customForNewLead.putAll(submittedCustom);
    Optional<String> key = submission.key().map(k -> "key:" + k)
        .or(() -> Optional.ofNullable(submitted.get(LeadField.EMAIL))
            .map(e -> "email:" + EmailAddress.of(e).normalized()));
    Actor actor = Actor.system(form.actingAs()).in(submission.tenant());
    try {
      return RuleScope.only(form.allowedRules(),
          () -> write(form, actor, key, forNewLead, customForNewLead, submitted, submittedCustom));
    } catch (ValidationException e) {
      return new WebFormOutcome.Rejected(parameterErrors(form, e.errors()));
    }
  }

  private WebFormOutcome write(
      WebForm form, Actor actor, Optional<String> key, Map<LeadField, String> forNewLead,
      Map<String, CustomValue> customForNewLead, Map<LeadField, String> submitted,
      Map<String, CustomValue> submittedCustom) {
    if (key.isEmpty()) {
      // Nothing identifies a resubmission: every submission is a new lead.
      return new WebFormOutcome.Created(create(form, actor, LeadId.of(ctx.ids().nextId()), forNewLead,
          customForNewLead));
    }
    ConflictException lost = null;
    int generation = 0;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int current = generation;
      LeadId id = LeadId.of(derivedId(actor, form, key.get(), current));
      try {
        Optional<WebFormOutcome> outcome = ctx.inUnitOfWork(actor, () -> {
          Optional<Lead> existing = ctx.storage().leads().findById(id);
          if (existing.isEmpty()) {
            return Optional.of(new WebFormOutcome.Created(create(form, actor, id, forNewLead, customForNewLead)));
          }
          Lead lead = existing.get();
          if (lead.isConverted()) {
            return Optional.empty();
          }
          return Optional.of(new WebFormOutcome.Updated(ctx.writers().leads().change(actor, id, lead.version(),
              ChangeOrigin.DIRECT, Operation.CHANGE, l -> l.edit(details(submitted, l.details()),
                  l.customFields().merge(submittedCustom), ctx.now()))));
        });
        if (outcome.isPresent()) {
          return outcome.get();
        }
        generation++;
        attempt--;   // a converted lead is no lost race
        if (generation >= MAX_GENERATIONS) {
          throw ValidationException.of(form.emailParameter().orElse("form"), "this key already made "
              + MAX_GENERATIONS + " leads through web form '" + form.name() + "'");
        }
      } catch (ConflictException | RecordNotFoundException | RecordReadOnlyException e) {
        // Another submission with the same key won the race (duplicate id, newer version, or it was converted
        // or deleted meanwhile): look again.
        lost = e instanceof ConflictException c ? c : new ConflictException(e.getMessage(), e);
      }
    }
    throw new ConflictException("web form '" + form.name() + "': the submission lost " + MAX_ATTEMPTS
        + " races with concurrent submissions of the same key; send it again", lost);
  }

  private Lead create(WebForm form, Actor actor, LeadId id, Map<LeadField, String> values,
      Map<String, CustomValue> custom) {
    UserId owner = owner(form);
    return ctx.writers().leads().create(actor, Lead.capture(id, owner, details(values, null),
        CustomFields.of(custom), ctx.pipeline().initialLeadStatus(), ctx.now()), ChangeOrigin.DIRECT);
  }

  private UserId owner(WebForm form) {
    List<UserId> owners = form.owners().owners();
    if (!form.owners().inTurn() || owners.size() == 1) {
      return owners.get(0);
    }
    long turn = turns.computeIfAbsent(form.name(), n -> new AtomicLong()).getAndIncrement();
    return owners.get((int) Math.floorMod(turn, (long) owners.size()));
  }

  /** The id of the lead for (tenant, form, key) in its {@code generation}: the same in every JVM. */
  static UUID derivedId(Actor actor, WebForm form, String key, int generation) {
    String name = "crmkit-webform\u0000" + actor.tenant().value() + "\u0000" + form.name() + "\u0000" + key
        + "\u0000" + generation;
    try {
      return UUID.nameUUIDFromBytes(name.getBytes("UTF-8"));
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException("every JVM has UTF-8", e);
    }
  }

  /** The lead's details: the given values over {@code current} (or over nothing for a new lead). */
  private static LeadDetails details(Map<LeadField, String> v, LeadDetails current) {
    LeadDetails c = current;
    return new LeadDetails(
        pick(v, LeadField.FIRST_NAME, c == null ? null : c.firstName()),
        pick(v, LeadField.LAST_NAME, c == null ? null : c.lastName()),
        pick(v, LeadField.COMPANY, c == null ? null : c.company()),
        pick(v, LeadField.TITLE, c == null ? null : c.title()),
        v.containsKey(LeadField.EMAIL) ? EmailAddress.of(v.get(LeadField.EMAIL)) : c == null ? null : c.email(),
        pick(v, LeadField.PHONE, c == null ? null : c.phone()),
        pick(v, LeadField.WEBSITE, c == null ? null : c.website()),
        pick(v, LeadField.LEAD_SOURCE, c == null ? null : c.leadSource()),
        pick(v, LeadField.INDUSTRY, c == null ? null : c.industry()),
        pick(v, LeadField.DESCRIPTION, c == null ? null : c.description()));
  }

  private static String pick(Map<LeadField, String> values, LeadField field, String current) {
    return values.containsKey(field) ? values.get(field) : current;
  }

  /** A submitted value: null when absent or blank, else stripped. */
  private static String value(Map<String, String> params, String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Errors named by the lead's fields, renamed to the parameters that fill them (kept as they are otherwise). */
  private static List<FieldError> parameterErrors(WebForm form, List<FieldError> errors) {
    Map<String, String> byField = new LinkedHashMap<>();
    form.fields().forEach((param, field) -> byField.put(fieldName(field), param));
    form.customFields().forEach((param, key) -> byField.put(key, param));
    List<FieldError> renamed = new ArrayList<>();
    for (FieldError e : errors) {
      String field = e.field();
      String bare = field.startsWith("customFields.") ? field.substring("customFields.".length()) : field;
      renamed.add(new FieldError(byField.getOrDefault(bare, byField.getOrDefault(field, field)), e.message()));
    }
    return renamed;
  }

  /** The lead field's name as the core's field errors spell it: FIRST_NAME is firstName. */
  static String fieldName(LeadField field) {
    String[] parts = field.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }

  /** A submitted text as the custom field's typed value; a text that does not fit is a field error. */
  static CustomValue parse(CustomFieldDefinition definition, String text) {
    String t = text.strip();
    switch (definition.type()) {
      case TEXT:
        return CustomValue.text(t);
      case NUMBER:
        return CustomValue.number(t);
      case PICKLIST:
        return CustomValue.picklist(t);
      case BOOLEAN:
        switch (t.toLowerCase(Locale.ROOT)) {
          case "true": case "on": case "yes": case "1":
            return CustomValue.bool(true);
          case "false": case "off": case "no": case "0":
            return CustomValue.bool(false);
          default:
            throw ValidationException.of("value", "'" + abbreviated(t) + "' is not yes or no (write true or false)");
        }
      case DATE:
        try {
          return CustomValue.date(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
          throw ValidationException.of("value", "'" + abbreviated(t) + "' is not a date (write e.g. 2026-05-31)");
        }
      case MONEY:
        String[] parts = t.split("\\s+");
        if (parts.length != 2) {
          throw ValidationException.of("value", "'" + abbreviated(t) + "' is not money (write e.g. 1200.00 EUR)");
        }
        try {
          new BigDecimal(parts[0]);
          return CustomValue.money(Money.of(parts[0], parts[1]));
        } catch (NumberFormatException e) {
          throw ValidationException.of("value", "'" + abbreviated(t) + "' is not money (write e.g. 1200.00 EUR)");
        } catch (IllegalArgumentException e) {
          throw ValidationException.of("value", "'" + abbreviated(t) + "' has an unknown currency (write e.g. EUR)");
        }
      default:
        throw new IllegalStateException("unknown field type " + definition.type());
    }
  }

  private static String abbreviated(String t) {
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }
}
