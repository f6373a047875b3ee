package org.crmkit.application;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.TenantId;

/**
 * One submission of a web form: the form's name, the submitted parameters, and optionally the idempotency key a
 * client sends so that a retried submission cannot create a second lead, and the tenant the form belongs to.
 *
 * <pre>{@code
 * crm.webForms().submit(SubmitWebForm.to("contact-us", params).idempotencyKey(header).in(TenantId.of("acme")));
 * }</pre>
 *
 * @param form the form's name; never null
 * @param parameters the submitted parameters (name to value); never null, no null keys or values
 * @param idempotencyKey the client's key for this submission (at most 200 characters), or null for none
 * @param tenant the tenant whose form this is; never null ({@link TenantId#DEFAULT} unless given)
 */
public record SubmitWebForm(String form, Map<String, String> parameters, String idempotencyKey, TenantId tenant) {
  public SubmitWebForm {
    Objects.requireNonNull(form, "form");
    parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
    Objects.requireNonNull(tenant, "tenant");
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new IllegalArgumentException("an idempotency key must be 1 to 200 characters and not blank");
    }
  }

  /** @return a submission of {@code parameters} to the form {@code form} of the default tenant, with no key */
  public static SubmitWebForm to(String form, Map<String, String> parameters) {
    return new SubmitWebForm(form, parameters, null, TenantId.DEFAULT);
  }

  /** @return this submission carrying the client's idempotency key */
  public SubmitWebForm idempotencyKey(String key) {
    return new SubmitWebForm(form, parameters, Objects.requireNonNull(key, "key"), tenant);
  }

  /** @return this submission to the form of {@code value}'s tenant */
  public SubmitWebForm in(TenantId value) {
    return new SubmitWebForm(form, parameters, idempotencyKey, value);
  }

  /** @return the idempotency key, if the client sent one */
  public Optional<String> key() {
    return Optional.ofNullable(idempotencyKey);
  }
}
