package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import org.crmkit.shared.LeadId;

/**
 * The result of undoing a lead's conversion: {@link Undone}, or {@link Refused} with the reasons (nothing changed).
 */
public sealed interface UndoOutcome permits UndoOutcome.Undone, UndoOutcome.Refused {

  /** @return the lead, never null */
  LeadId leadId();

  /**
   * The lead is editable again in the status it had before conversion; the records the conversion created are
   * deleted; linked records stay as they are.
   *
   * @param leadId never null
   * @param record the conversion record, now marked undone; never null
   */
  record Undone(LeadId leadId, ConversionRecord record) implements UndoOutcome {
    public Undone {
      Objects.requireNonNull(leadId, "leadId");
      Objects.requireNonNull(record, "record");
    }
  }

  /**
   * Nothing was undone.
   *
   * @param leadId never null
   * @param reasons at least one, each saying what blocks the undo; never null
   */
  record Refused(LeadId leadId, List<String> reasons) implements UndoOutcome {
    public Refused {
      Objects.requireNonNull(leadId, "leadId");
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
    }
  }
}
