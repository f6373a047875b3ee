package org.crmkit.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import org.crmkit.observe.CrmObserver;
import org.crmkit.observe.UseCaseCall;

/**
 * crmkit's metrics in a Micrometer {@link MeterRegistry}, as a {@link CrmObserver}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>kind</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@value #USE_CASES}</td><td>timer</td><td>{@code use_case} (e.g. {@code leads.create}),
 *     {@code outcome} ({@code succeeded}, {@code rejected}, {@code refused}, {@code conflict},
 *     {@code workflow_depth_exceeded}, {@code failed})</td><td>every use case and its duration</td></tr>
 *   <tr><td>{@value #CONVERSIONS}</td><td>counter</td><td>{@code outcome} ({@code converted},
 *     {@code rejected}, {@code failed})</td><td>lead conversions, single and bulk items</td></tr>
 *   <tr><td>{@value #CONFLICTS}</td><td>counter</td><td>{@code use_case}</td><td>stale-version conflicts</td></tr>
 *   <tr><td>{@value #WORKFLOW_DEPTH_REFUSALS}</td><td>counter</td><td>{@code use_case}</td><td>changes refused
 *     because workflow rules chained deeper than the limit</td></tr>
 * </table>
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(storage).observer(new MicrometerCrmObserver(registry)).build();
 * }</pre>
 *
 * <p>Tags hold names only, never data from records, so their number is bounded by crmkit's use cases.
 * Thread-safe.
 */
public final class MicrometerCrmObserver implements CrmObserver {
  /** Timer of use cases. */
  public static final String USE_CASES = "crmkit.use.cases";
  /** Counter of lead conversions by outcome. */
  public static final String CONVERSIONS = "crmkit.conversions";
  /** Counter of conflicts (stale versions). */
  public static final String CONFLICTS = "crmkit.conflicts";
  /** Counter of workflow depth refusals. */
  public static final String WORKFLOW_DEPTH_REFUSALS = "crmkit.workflow.depth.refusals";

  private final MeterRegistry registry;
  private final Tags common;

  /** @param registry where the meters go; never null */
  public MicrometerCrmObserver(MeterRegistry registry) {
    this(registry, Tags.empty());
  }

  /**
   * @param registry where the meters go; never null
   * @param commonTags added to every meter (e.g. which Crm, when a host runs several); never null
   */
  public MicrometerCrmObserver(MeterRegistry registry, Iterable<io.micrometer.core.instrument.Tag> commonTags) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.common = Tags.of(Objects.requireNonNull(commonTags, "commonTags"));
  }

  @Override
  public void useCaseFinished(UseCaseCall call) {
    Tags useCase = common.and("use_case", call.name());
    Timer.builder(USE_CASES)
        .description("crmkit use cases by name and outcome")
        .tags(useCase.and("outcome", call.outcome().name().toLowerCase(Locale.ROOT)))
        .register(registry)
        .record(call.duration());
    switch (call.outcome()) {
      case CONFLICT -> Counter.builder(CONFLICTS).description("crmkit stale-version conflicts")
          .tags(useCase).register(registry).increment();
      case WORKFLOW_DEPTH_EXCEEDED -> Counter.builder(WORKFLOW_DEPTH_REFUSALS)
          .description("crmkit changes refused because workflow rules chained deeper than the limit")
          .tags(useCase).register(registry).increment();
      default -> { }
    }
  }

  @Override
  public void leadConversionFinished(ConversionResult result) {
    Counter.builder(CONVERSIONS)
        .description("crmkit lead conversions by outcome")
        .tags(common.and("outcome", result.name().toLowerCase(Locale.ROOT)))
        .register(registry)
        .increment();
  }
}
