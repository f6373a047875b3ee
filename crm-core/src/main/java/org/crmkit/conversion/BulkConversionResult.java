package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import org.crmkit.shared.LeadId;

/**
 * The results of a bulk conversion, one per requested lead in request order. Each lead was converted in its own
 * unit of work, so one failure never blocks or half-writes another.
 *
 * @param items never null
 */
public record BulkConversionResult(List<Item> items) {
  public BulkConversionResult {
    items = List.copyOf(items);
  }

  /**
   * The result of one lead: an outcome (converted or rejected), or the error that stopped it (unknown lead, a
   * conflict, a storage failure). Exactly one of {@code outcome} and {@code error} is set.
   *
   * @param leadId never null
   * @param outcome the outcome, or null when an error occurred
   * @param error the error, or null
   */
  public record Item(LeadId leadId, ConversionOutcome outcome, RuntimeException error) {
    public Item {
      Objects.requireNonNull(leadId, "leadId");
      if ((outcome == null) == (error == null)) {
        throw new IllegalArgumentException("exactly one of outcome and error is set");
      }
    }

    /** @return true when the lead was converted */
    public boolean converted() {
      return outcome != null && outcome.isConverted();
    }
  }

  /** @return how many leads were converted */
  public long convertedCount() {
    return items.stream().filter(Item::converted).count();
  }

  /** @return how many leads were rejected or failed */
  public long failedCount() {
    return items.size() - convertedCount();
  }
}
