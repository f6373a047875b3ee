package org.crmkit.opportunity;

import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.Probability;

/**
 * The fields of an opportunity whose every change is recorded in stage history.
 *
 * @param stage stage key; never null
 * @param amount the amount, or null when not known
 * @param probability never null
 * @param closeDate expected (open) or actual (closed) close date, or null
 */
public record TrackedValues(String stage, Money amount, Probability probability, LocalDate closeDate) {
  public TrackedValues {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(probability, "probability");
  }
}
