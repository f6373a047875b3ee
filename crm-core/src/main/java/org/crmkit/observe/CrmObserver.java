package org.crmkit.observe;

import java.util.List;
import java.util.Objects;

/**
 * Told what crmkit's use cases did, for metrics and tracing. Set one on {@code Crm.builder().observer(...)}
 * (crm-micrometer's {@code MicrometerCrmObserver} is one; the Spring Boot starter sets it when Micrometer is
 * present). Both methods have empty defaults, so an observer implements what it needs.
 *
 * <p>Every call a host makes with an {@code Actor} through {@code Crm}'s services is one use case. Observers are
 * called on the thread that ran the use case, after it ended (after its commit); they must be thread-safe and
 * fast, and what they throw is ignored, so that observing never changes what a use case did. Nothing passed to
 * an observer holds data from records.
 */
public interface CrmObserver {

  /**
   * A use case ended.
   *
   * @param call what ran, how long and how it ended; never null
   */
  default void useCaseFinished(UseCaseCall call) {}

  /**
   * The conversion of one lead ended, by {@code conversions().convert(...)} or as one item of
   * {@code convertAll(...)}.
   *
   * @param result how it ended; never null
   */
  default void leadConversionFinished(ConversionResult result) {}

  /** @return an observer that ignores everything: the default */
  static CrmObserver none() {
    return NoObserver.INSTANCE;
  }

  /**
   * @param observers each is told everything, in this order; never null, no null entries
   * @return one observer that tells all of them
   */
  static CrmObserver all(CrmObserver... observers) {
    List<CrmObserver> list = List.of(Objects.requireNonNull(observers, "observers"));
    return new CrmObserver() {
      @Override
      public void useCaseFinished(UseCaseCall call) {
        list.forEach(o -> o.useCaseFinished(call));
      }

      @Override
      public void leadConversionFinished(ConversionResult result) {
        list.forEach(o -> o.leadConversionFinished(result));
      }
    };
  }

  /** How the conversion of one lead ended. */
  enum ConversionResult {
    /** The lead was converted. */
    CONVERTED,
    /** The conversion was refused as a business "no" ({@code ConversionOutcome.Rejected}); nothing was written. */
    REJECTED,
    /** The conversion threw (misuse, a conflict, the storage); nothing was written. */
    FAILED
  }
}
