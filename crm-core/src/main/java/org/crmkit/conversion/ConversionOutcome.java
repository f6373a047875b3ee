package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;

/**
 * The result of converting one lead: {@link Converted}, or {@link Rejected} with the reasons. A rejection is a
 * business "no" (already converted, status not convertible, duplicates, a required value missing); nothing was
 * written. Misuse (unknown lead, policy or linked record, an override of a locked field) throws instead.
 */
public sealed interface ConversionOutcome permits ConversionOutcome.Converted, ConversionOutcome.Rejected {

  /** @return the lead, never null */
  LeadId leadId();

  /** @return true for {@link Converted} */
  default boolean isConverted() {
    return this instanceof Converted;
  }

  /**
   * The lead was converted.
   *
   * @param leadId never null
   * @param record the stored conversion record; never null
   */
  record Converted(LeadId leadId, ConversionRecord record) implements ConversionOutcome {
    public Converted {
      Objects.requireNonNull(leadId, "leadId");
      Objects.requireNonNull(record, "record");
    }

    public Optional<AccountId> accountId() {
      return record.accountId();
    }

    public Optional<ContactId> contactId() {
      return record.contactId();
    }

    public Optional<OpportunityId> opportunityId() {
      return record.opportunityId();
    }

    /** @return what was done to the target */
    public Disposition disposition(ConversionTarget target) {
      return record.target(target).disposition();
    }
  }

  /**
   * The lead was not converted; nothing was written.
   *
   * @param leadId never null
   * @param problems at least one; never null
   */
  record Rejected(LeadId leadId, List<ConversionProblem> problems) implements ConversionOutcome {
    public Rejected {
      Objects.requireNonNull(leadId, "leadId");
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one problem");
      }
    }

    /** @return true when some problem has the reason */
    public boolean has(ConversionProblem.Reason reason) {
      return problems.stream().anyMatch(p -> p.reason() == reason);
    }

    @Override
    public String toString() {
      return "lead " + leadId + " not converted: " + problems;
    }
  }
}
