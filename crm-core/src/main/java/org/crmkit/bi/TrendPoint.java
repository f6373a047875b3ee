package org.crmkit.bi;

import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.report.MoneySums;

/**
 * The open pipeline at the end of one kept day.
 *
 * @param day the kept day; never null
 * @param count how many open opportunities
 * @param pipeline their amounts summed per currency; never null
 * @param weighted their weighted amounts (rounded per opportunity) summed per currency; never null
 */
public record TrendPoint(LocalDate day, long count, MoneySums pipeline, MoneySums weighted) {

  public TrendPoint {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(weighted, "weighted");
  }
}
