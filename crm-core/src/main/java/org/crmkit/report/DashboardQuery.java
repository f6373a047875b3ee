package org.crmkit.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The period of a sales dashboard and the segment dimension its win rate by segment uses.
 *
 * @param from first day, inclusive; never null
 * @param to last day, inclusive; never null, not before {@code from}
 * @param segmentDimension the dimension of "win rate by segment", or null to leave that figure empty
 */
public record DashboardQuery(LocalDate from, LocalDate to, String segmentDimension) {
  public DashboardQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** A period without win rate by segment. */
  public static DashboardQuery of(LocalDate from, LocalDate to) {
    return new DashboardQuery(from, to, null);
  }

  /** @return this period with win rate by the segment {@code dimension} */
  public DashboardQuery withSegment(String dimension) {
    return new DashboardQuery(from, to, dimension);
  }
}
