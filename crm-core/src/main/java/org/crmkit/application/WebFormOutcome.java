package org.crmkit.application;

import java.util.List;
import java.util.Objects;
import org.crmkit.lead.Lead;
import org.crmkit.shared.FieldError;

/**
 * What became of a web form submission: a new lead, an update of the open lead the same person (same e-mail) or
 * the same client request (same idempotency key) created before, a rejection with one error per field, or spam
 * caught by the honeypot. A rejected or spam submission wrote nothing.
 */
public sealed interface WebFormOutcome {

  /** A new lead. @param lead the lead as stored; never null */
  record Created(Lead lead) implements WebFormOutcome {
    public Created {
      Objects.requireNonNull(lead, "lead");
    }
  }

  /** A resubmission updated the open lead it created before. @param lead the lead as stored; never null */
  record Updated(Lead lead) implements WebFormOutcome {
    public Updated {
      Objects.requireNonNull(lead, "lead");
    }
  }

  /**
   * Refused; nothing written. @param errors one or more errors, each naming the submitted parameter (or the form's
   * field) that was wrong; never empty
   */
  record Rejected(List<FieldError> errors) implements WebFormOutcome {
    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one field error");
      }
    }
  }

  /**
   * The honeypot parameter was filled in: treated as spam and not stored, but reported, never dropped silently.
   *
   * @param honeypot the honeypot parameter's name; never null
   */
  record Spam(String honeypot) implements WebFormOutcome {
    public Spam {
      Objects.requireNonNull(honeypot, "honeypot");
    }
  }
}
