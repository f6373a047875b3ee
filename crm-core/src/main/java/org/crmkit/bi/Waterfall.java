package org.crmkit.bi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.crmkit.report.MoneySums;

/**
 * What happened to the open pipeline between two days: the opening pipeline, the movements, the closing pipeline.
 * The identity {@code opening + sum of the bridge movements = closing} holds per currency, to the cent.
 *
 * @param from the first day asked for; never null
 * @param to the second day asked for; never null
 * @param fromAsOf the kept day that answered for {@code from}; never null
 * @param toAsOf the kept day that answered for {@code to}; never null
 * @param opening the open pipeline at the end of {@code fromAsOf}; never null
 * @param movements one per {@link MovementKind}, in the enum's order (zero counts included); never null
 * @param closing the open pipeline at the end of {@code toAsOf}; never null
 */
public record Waterfall(LocalDate from, LocalDate to, LocalDate fromAsOf, LocalDate toAsOf, PipelineGroup opening,
    List<Movement> movements, PipelineGroup closing) {

  public Waterfall {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(fromAsOf, "fromAsOf");
    Objects.requireNonNull(toAsOf, "toAsOf");
    Objects.requireNonNull(opening, "opening");
    movements = List.copyOf(movements);
    Objects.requireNonNull(closing, "closing");
  }

  /**
   * @param kind a movement kind
   * @return that movement
   */
  public Movement movement(MovementKind kind) {
    return movements.stream().filter(m -> m.kind() == kind).findFirst()
        .orElseThrow(() -> new IllegalStateException("no movement " + kind));
  }

  /** @return the bridge movements' amounts summed per currency */
  public MoneySums bridgeTotal() {
    Map<Currency, BigDecimal> sums = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    for (Movement m : movements) {
      if (m.kind().isBridge()) {
        m.amount().amounts().forEach(a -> sums.merge(a.currency(), a.amount(), BigDecimal::add));
      }
    }
    return MoneySums.of(sums);
  }
}
