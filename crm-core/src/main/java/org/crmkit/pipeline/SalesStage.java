package org.crmkit.pipeline;

import java.util.Objects;
import java.util.regex.Pattern;
import org.crmkit.shared.Probability;

/**
 * One stage of the sales pipeline.
 *
 * @param key stable identifier stored on opportunities and in history (letters, digits, _ and -; max 40)
 * @param label name shown to users
 * @param defaultProbability the probability an opportunity gets in this stage unless set by hand; won stages
 *     must have 100 and lost stages 0
 * @param kind open, won or lost
 * @param forecastCategory the category it reports under
 * @param marketing true for a marketing stage (only allowed in {@link PipelineMode#WHOLE_PIPELINE_IN_OPPORTUNITIES})
 */
public record SalesStage(
    String key,
    String label,
    Probability defaultProbability,
    StageKind kind,
    ForecastCategory forecastCategory,
    boolean marketing) {
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1," + org.crmkit.shared.Limits.KEY + "}");

  public SalesStage {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(defaultProbability, "defaultProbability");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(forecastCategory, "forecastCategory");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("stage key '" + key + "' must be 1-40 letters, digits, _ or -");
    }
    if (label.isBlank()) {
      throw new IllegalArgumentException("stage " + key + " needs a label");
    }
    if (kind == StageKind.WON && defaultProbability.percent() != 100) {
      throw new IllegalArgumentException("won stage " + key + " must have probability 100");
    }
    if (kind == StageKind.LOST && defaultProbability.percent() != 0) {
      throw new IllegalArgumentException("lost stage " + key + " must have probability 0");
    }
  }

  /** An open sales stage. */
  public static SalesStage open(String key, String label, int probability, ForecastCategory category) {
    return new SalesStage(key, label, Probability.of(probability), StageKind.OPEN, category, false);
  }

  /** An open marketing stage (forecast category omitted). */
  public static SalesStage marketing(String key, String label, int probability) {
    return new SalesStage(key, label, Probability.of(probability), StageKind.OPEN, ForecastCategory.OMITTED, true);
  }

  /** A won stage. */
  public static SalesStage won(String key, String label) {
    return new SalesStage(key, label, Probability.CERTAIN, StageKind.WON, ForecastCategory.CLOSED, false);
  }

  /** A lost stage. */
  public static SalesStage lost(String key, String label) {
    return new SalesStage(key, label, Probability.ZERO, StageKind.LOST, ForecastCategory.OMITTED, false);
  }

  public boolean isOpen() {
    return kind == StageKind.OPEN;
  }
}
