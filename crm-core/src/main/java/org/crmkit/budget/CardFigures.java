package org.crmkit.budget;

import java.util.List;
import java.util.Objects;

/**
 * The account card's sums as the storage read them ({@link AccountCardRepository#figures}): the billing forecast by
 * month and the won business by month, each month at most once per list, in any order. Months without anything may
 * be left out.
 *
 * @param forecast never null (copied)
 * @param won never null (copied)
 */
public record CardFigures(List<CardForecastMonth> forecast, List<CardWonMonth> won) {
  public CardFigures {
    forecast = List.copyOf(Objects.requireNonNull(forecast, "forecast"));
    won = List.copyOf(Objects.requireNonNull(won, "won"));
  }

  /** @return no figures at all: nothing counted in any month */
  public static CardFigures none() {
    return new CardFigures(List.of(), List.of());
  }
}
