package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
   * conflict, a storage failure). Exactly one of {@code outcome} and {@code error} is present.
   *
   * <p>{@code publicationFailure} is apart from both: the lead's unit of work committed (the outcome stands), but
   * the host's {@link org.crmkit.shared.DomainEventPublisher} threw afterwards while receiving its events. Those
   * events may not have reached the host; the conversion itself is not undone and must not be retried.
   *
   * @param leadId never null
   * @param outcome the outcome; empty when an error occurred; never null
   * @param error the error that stopped the lead (nothing of it was written); never null
   * @param publicationFailure what the host's event publisher threw after the commit; never null
   */
  public record Item(
      LeadId leadId,
      Optional<ConversionOutcome> outcome,
      Optional<RuntimeException> error,
      Optional<RuntimeException> publicationFailure) {
    public Item {
      Objects.requireNonNull(leadId, "leadId");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(publicationFailure, "publicationFailure");
      if (outcome.isPresent() == error.isPresent()) {
        throw new IllegalArgumentException("exactly one of outcome and error is present");
      }
      if (publicationFailure.isPresent() && outcome.isEmpty()) {
        throw new IllegalArgumentException("only a committed outcome can have a publication failure");
      }
    }

    /** @return the item of a lead that got an outcome */
    public static Item of(LeadId leadId, ConversionOutcome outcome) {
      return new Item(leadId, Optional.of(outcome), Optional.empty(), Optional.empty());
    }

    /** @return the item of a lead whose conversion committed but whose events the host's publisher refused */
    public static Item publishedWithFailure(LeadId leadId, ConversionOutcome outcome, RuntimeException failure) {
      return new Item(leadId, Optional.of(outcome), Optional.empty(), Optional.of(failure));
    }

    /** @return the item of a lead that an error stopped */
    public static Item failed(LeadId leadId, RuntimeException error) {
      return new Item(leadId, Optional.empty(), Optional.of(error), Optional.empty());
    }

    /** @return true when the lead was converted */
    public boolean converted() {
      return outcome.map(ConversionOutcome::isConverted).orElse(false);
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

  /** @return how many converted leads' events the host's publisher refused after commit */
  public long publicationFailureCount() {
    return items.stream().filter(i -> i.publicationFailure().isPresent()).count();
  }
}
