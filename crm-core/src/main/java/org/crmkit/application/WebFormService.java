package org.crmkit.application;

import java.util.Collection;
import java.util.Optional;
import org.crmkit.webform.WebForm;

/**
 * Web forms: leads collected from a public form. A submission creates a lead, or updates the open lead that the
 * same e-mail (or the same idempotency key) created through the same form before, also when two submissions race:
 * the storage decides, not a lock in this JVM (the lead's id is derived from the tenant, form and key, so two
 * racing inserts collide on the primary key and the loser retries as an update). A converted lead is not open: a
 * later submission creates a new lead. The form acts as its configured system actor ({@link WebForm#actingAs()}).
 *
 * <p>Refusals: a submission the form refuses comes back as {@link WebFormOutcome.Rejected} with one error per
 * field, a honeypot hit as {@link WebFormOutcome.Spam}; neither writes anything. Misuse throws: an unknown form
 * name is a {@link org.crmkit.shared.ValidationException} on {@code form}; an access policy that refuses the form's actor
 * throws {@link org.crmkit.shared.AccessDeniedException}; storage failures throw
 * {@link org.crmkit.shared.StorageException}.
 */
public interface WebFormService {

  /**
   * @param submission the form, parameters, optional idempotency key and tenant; never null
   * @return what became of the submission; never null
   */
  WebFormOutcome submit(SubmitWebForm submission);

  /** @return the configured forms */
  Collection<WebForm> forms();

  /** @return the form named {@code name}, if configured */
  Optional<WebForm> form(String name);
}
