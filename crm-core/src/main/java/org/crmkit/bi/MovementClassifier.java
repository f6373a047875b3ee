package org.crmkit.bi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.Visibility;

/**
 * The waterfall's classification, in Java: puts each opportunity's pair of states (the first and the second kept
 * day's) into the movements it belongs to, and sums them per {@link MovementKind} and currency. It is the one
 * statement of the rules in Java: {@link PipelineSnapshotRepository#movementsBetween}'s default uses it on the pairs
 * of {@link PipelineSnapshotRepository#changesBetween}; an adapter that classifies in its storage instead (the JPA
 * adapter, in SQL) must give the same totals, which the {@code BiContract} of crm-testkit checks.
 *
 * <p>The rules, for each pair, after dropping a state the reader may not see (each day separately: a state counts
 * only when {@code visible} admits its owner on that day):
 * <ul>
 *   <li>not open on the first day (absent, not visible, or closed), open on the second: {@link MovementKind#NEW},
 *       plus its second-day amount;</li>
 *   <li>open on the first day, won or lost on the second: {@link MovementKind#WON} or {@link MovementKind#LOST}, minus
 *       its first-day amount; absent or not visible on the second: {@link MovementKind#REMOVED}, likewise;</li>
 *   <li>open on both days, amounts not equal: {@link MovementKind#AMOUNT_UP} (plus the difference, or the new amount
 *       where there was none) or {@link MovementKind#AMOUNT_DOWN} (minus the difference, or minus the old amount
 *       where there is none); an amount that changed currency is an {@code AMOUNT_DOWN} of the old amount and an
 *       {@code AMOUNT_UP} of the new one;</li>
 *   <li>open on both days, beside the amount: {@link MovementKind#MOVED_FORWARD} or {@link MovementKind#MOVED_BACK}
 *       when both stages are in the pipeline's stage order at different places, and {@link MovementKind#PUSHED_OUT}
 *       or {@link MovementKind#PULLED_IN} when both close dates are known and differ; each valued at the second
 *       day's amount.</li>
 * </ul>
 * Each movement counts one, also when its amount is unknown (then it adds no amount).
 */
public final class MovementClassifier {
  private final Map<String, Integer> stageOrder = new HashMap<>();
  private final Visibility visible;
  private final Map<MovementKind, Map<String, Total>> totals = new EnumMap<>(MovementKind.class);

  private MovementClassifier(List<String> stageOrder, Visibility visible) {
    Objects.requireNonNull(stageOrder, "stageOrder");
    this.visible = Objects.requireNonNull(visible, "visible");
    for (int i = 0; i < stageOrder.size(); i++) {
      this.stageOrder.putIfAbsent(Objects.requireNonNull(stageOrder.get(i), "stage key"), i);
    }
  }

  /**
   * @param changes the opportunities whose state differs between the two days; never null
   * @param stageOrder the pipeline's stage keys in order (a stage not in it never shifts); never null
   * @param visible whose states the reader may see; never null
   * @return the movements the changes make, one total per kind and currency that occurs (in kind order); never null
   */
  public static List<MovementTotal> totals(Collection<StateChange> changes, List<String> stageOrder,
      Visibility visible) {
    Objects.requireNonNull(changes, "changes");
    MovementClassifier classifier = new MovementClassifier(stageOrder, visible);
    changes.forEach(classifier::add);
    return classifier.totals();
  }

  private void add(StateChange change) {
    Objects.requireNonNull(change, "change");
    OpportunityDayState before = admitted(change.before());
    OpportunityDayState after = admitted(change.after());
    boolean wasOpen = before != null && before.inPipeline();
    boolean isOpen = after != null && after.inPipeline();
    if (!wasOpen && isOpen) {
      add(MovementKind.NEW, after.amount(), false);
    } else if (wasOpen && !isOpen) {
      MovementKind kind = after == null ? MovementKind.REMOVED : switch (after.stageKind()) {
        case WON -> MovementKind.WON;
        case LOST -> MovementKind.LOST;
        case OPEN -> throw new IllegalStateException("an open state counted as closed");
      };
      add(kind, before.amount(), true);
    } else if (wasOpen) {
      amountMovement(before.amount(), after.amount());
      shifts(before, after);
    }
  }

  private List<MovementTotal> totals() {
    List<MovementTotal> out = new ArrayList<>();
    totals.forEach((kind, byCurrency) -> byCurrency.forEach((currency, total) ->
        out.add(new MovementTotal(kind, currency, total.count, total.amount))));
    return List.copyOf(out);
  }

  private OpportunityDayState admitted(OpportunityDayState state) {
    return state != null && visible.admits(state.owner()) ? state : null;
  }

  private void amountMovement(Money before, Money after) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (before == null) {
      add(MovementKind.AMOUNT_UP, after, false);
    } else if (after == null) {
      add(MovementKind.AMOUNT_DOWN, before, true);
    } else if (!before.currency().equals(after.currency())) {
      // another currency: the old amount leaves the pipeline and the new one enters it
      add(MovementKind.AMOUNT_DOWN, before, true);
      add(MovementKind.AMOUNT_UP, after, false);
    } else if (after.compareTo(before) > 0) {
      add(MovementKind.AMOUNT_UP, after.minus(before), false);
    } else {
      add(MovementKind.AMOUNT_DOWN, before.minus(after), true);
    }
  }

  private void shifts(OpportunityDayState before, OpportunityDayState after) {
    Integer from = stageOrder.get(before.stage());
    Integer to = stageOrder.get(after.stage());
    if (from != null && to != null && !from.equals(to)) {
      add(to > from ? MovementKind.MOVED_FORWARD : MovementKind.MOVED_BACK, after.amount(), false);
    }
    if (before.closeDate() != null && after.closeDate() != null && !before.closeDate().equals(after.closeDate())) {
      add(after.closeDate().isAfter(before.closeDate()) ? MovementKind.PUSHED_OUT : MovementKind.PULLED_IN,
          after.amount(), false);
    }
  }

  private void add(MovementKind kind, Money amount, boolean negative) {
    Total total = totals.computeIfAbsent(kind, k -> new LinkedHashMap<>())
        .computeIfAbsent(amount == null ? null : amount.currencyCode(), c -> new Total());
    total.count++;
    if (amount != null) {
      total.amount = total.amount.add(negative ? amount.amount().negate() : amount.amount());
    }
  }

  private static final class Total {
    long count;
    BigDecimal amount = BigDecimal.ZERO;
  }
}
