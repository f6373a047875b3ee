package org.crmkit.application.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.crmkit.access.Operation;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

/**
 * Workflow {@code SET_FIELD} actions: reads the action's text as a value of the field (one reading, used both
 * when the Crm is built, to refuse values that can never be written, and when the action runs) and writes it
 * through the record's writer, so the record's rules (history, forecast policy, validation) hold as for any other
 * change. Setting a value the record already has writes nothing. Stateless and thread-safe.
 */
final class FieldSetter {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Context ctx;

  FieldSetter(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * Checks, without any record, that {@code value} can be written to {@code field} of records of {@code type}.
   *
   * @throws ValidationException naming the field and what is wrong with the value
   */
  void check(RecordType type, String field, String value) {
    boolean clear = value == null || value.isBlank();
    switch (field) {
      case "owner" -> owner(value);
      case "status" -> leadStatus(value);
      case "stage" -> openStage(value);
      case "probability" -> {
        if (!clear) {
          probability(value);
        }
      }
      case "name" -> {
        if (clear) {
          throw ValidationException.of(field, "is required and cannot be cleared");
        }
      }
      default -> {
        CustomValue typed = typed(type, field, value);
        if (typed instanceof CustomValue.MoneyValue m && m.value().isNegative()) {
          throw ValidationException.of(field, "must not be negative, was " + m.value());
        }
        if (typed != null && field.startsWith(RecordFields.CUSTOM)) {
          checkCustomValue(type, field, typed);
        }
      }
    }
  }

  /**
   * Sets the field of the record to the value (null or blank clears it) through the record's writer, as the actor
   * the rule acts as: the record must be visible to them and the policy must permit CHANGE (CHANGE_STAGE for an
   * opportunity's stage; ASSIGN as well for the owner).
   */
  void set(Actor actor, RecordType type, UUID id, String field, String value) {
    ChangeOrigin origin = ChangeOrigin.WORKFLOW;
    Operation change = type == RecordType.OPPORTUNITY && field.equals("stage")
        ? Operation.CHANGE_STAGE : Operation.CHANGE;
    switch (type) {
      case LEAD -> ctx.writers().leads().changeIfDifferent(actor, LeadId.of(id), null, origin, change, lead -> {
        if (field.equals("status")) {
          LeadStatus status = leadStatus(value);
          if (!status.key().equals(lead.status())) {
            lead.changeStatus(status, null, ctx.now());
          }
        } else {
          setOwnerOrValue(type, field, value, lead.owner(), owner -> lead.assignTo(owner, ctx.now()),
              RecordFields.lead(lead.snapshot()),
              next -> lead.edit(RecordFields.toLeadDetails(next), RecordFields.toCustomFields(next), ctx.now()));
        }
      });
      case ACCOUNT -> ctx.writers().accounts().changeIfDifferent(actor, AccountId.of(id), null, origin, change,
          account -> setOwnerOrValue(type, field, value, account.owner(), owner -> account.assignTo(owner, ctx.now()),
              RecordFields.account(account.snapshot()),
              next -> account.edit(RecordFields.toAccountDetails(next), account.segments(),
                  RecordFields.toCustomFields(next), ctx.now())));
      case CONTACT -> ctx.writers().contacts().changeIfDifferent(actor, ContactId.of(id), null, origin, change,
          contact -> setOwnerOrValue(type, field, value, contact.owner(), owner -> contact.assignTo(owner, ctx.now()),
              RecordFields.contact(contact.snapshot()),
              next -> contact.edit(RecordFields.toContactDetails(next), RecordFields.toCustomFields(next),
                  ctx.now())));
      case OPPORTUNITY -> ctx.writers().opportunities().changeIfDifferent(actor, OpportunityId.of(id), null, origin,
          change, o -> setOpportunityField(o, field, value));
      default -> throw new IllegalStateException(type.label() + " has no workflows");
    }
  }

  /*
   * The writer saves nothing when a mutation leaves the record as it was; the verbs stamp the record's time, so the
   * mutations call them only when a value differs.
   */

  /**
   * Sets the owner through {@code assign}, or any other field through {@code edit} with the record's values
   * ({@code current}) changed in that field; neither runs when the value is the one the record has.
   */
  private void setOwnerOrValue(RecordType type, String field, String value, UserId owner, Consumer<UserId> assign,
      Map<String, CustomValue> current, Consumer<Map<String, CustomValue>> edit) {
    if (field.equals("owner")) {
      UserId next = owner(value);
      if (!next.equals(owner)) {
        assign.accept(next);
      }
      return;
    }
    Map<String, CustomValue> next = with(type, current, field, value);
    if (!next.equals(current)) {
      edit.accept(next);
    }
  }

  private void setOpportunityField(Opportunity o, String field, String value) {
    Instant now = ctx.now();
    boolean clear = value == null || value.isBlank();
    switch (field) {
      case "stage" -> o.advanceTo(ctx.pipeline(), openStage(value).key(), now);
      case "owner" -> {
        UserId owner = owner(value);
        if (!owner.equals(o.owner())) {
          o.assignTo(owner, now);
        }
      }
      case "probability" -> o.changeProbability(ctx.pipeline(), clear ? null : probability(value), now);
      case "amount" -> {
        Money amount = clear ? null : ((CustomValue.MoneyValue) typed(RecordType.OPPORTUNITY, field, value)).value();
        if (!java.util.Objects.equals(amount, o.amount().orElse(null))) {
          o.changeAmount(amount, now);
        }
      }
      case "closeDate" -> {
        java.time.LocalDate date =
            clear ? null : ((CustomValue.DateValue) typed(RecordType.OPPORTUNITY, field, value)).value();
        if (!java.util.Objects.equals(date, o.closeDate().orElse(null))) {
          o.changeCloseDate(ctx.pipeline(), date, now);
        }
      }
      default -> {
        Map<String, CustomValue> current = RecordFields.opportunity(o.snapshot());
        Map<String, CustomValue> next = with(RecordType.OPPORTUNITY, current, field, value);
        if (!next.equals(current)) {
          o.describe(RecordFields.text(next, "name"), RecordFields.text(next, "leadSource"),
              RecordFields.text(next, "nextStep"), RecordFields.text(next, "description"), o.segments(),
              RecordFields.toCustomFields(next), now);
        }
      }
    }
  }

  /** @return the record's values with the field set to the value read as the field's type (cleared when blank) */
  private Map<String, CustomValue> with(RecordType type, Map<String, CustomValue> current, String field, String text) {
    Map<String, CustomValue> next = new LinkedHashMap<>(current);
    CustomValue typed = typed(type, field, text);
    if (typed == null) {
      next.remove(field);
    } else {
      next.put(field, typed);
    }
    return next;
  }

  /** @return the text read as the field's type, or null when blank (clear) */
  private CustomValue typed(RecordType type, String field, String text) {
    FieldType fieldType = RecordFields.typeOf(type, field, ctx.customFields())
        .orElseThrow(() -> ValidationException.of(field, "is not a field of " + type.label()));
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return RecordFields.coerce(CustomValue.text(text), fieldType);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(field, e.getMessage());
    }
  }

  private void checkCustomValue(RecordType type, String field, CustomValue value) {
    String key = field.substring(RecordFields.CUSTOM.length());
    try {
      ctx.customFields().validate(type, CustomFields.of(Map.of(key, value)));
    } catch (ValidationException e) {
      // only this field's errors: other required custom fields are the record's business, not the action's
      java.util.List<FieldError> own = e.errors().stream().filter(err -> err.field().equals(field)).toList();
      if (!own.isEmpty()) {
        throw new ValidationException(own);
      }
    }
  }

  private static UserId owner(String value) {
    if (value == null || value.isBlank()) {
      throw ValidationException.of("owner", "is required and cannot be cleared");
    }
    try {
      return UserId.of(value);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("owner", e.getMessage());
    }
  }

  private LeadStatus leadStatus(String value) {
    LeadStatus status = value == null ? null : ctx.pipeline().findLeadStatus(value).orElse(null);
    if (status == null || status.isConverted()) {
      throw ValidationException.of("status", "needs a lead status that is not a converted one, was " + value);
    }
    return status;
  }

  private SalesStage openStage(String value) {
    SalesStage stage = value == null ? null : ctx.pipeline().findStage(value).orElse(null);
    if (stage == null || !stage.isOpen()) {
      throw ValidationException.of("stage",
          "needs an open sales stage (win and lose are use cases, not field values), was " + value);
    }
    return stage;
  }

  /** @return the text as a probability: a whole number 0..100 ("50", "50.0"; not "50.5", "1e10" or "500") */
  static Probability probability(String text) {
    BigDecimal n;
    try {
      n = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      n = null;
    }
    if (n == null || n.signum() < 0 || n.compareTo(HUNDRED) > 0 || n.stripTrailingZeros().scale() > 0) {
      throw ValidationException.of("probability", "must be a whole number from 0 to 100, was '" + text + "'");
    }
    return Probability.of(n.intValue());
  }
}
