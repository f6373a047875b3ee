package org.crmkit.bi;

import java.util.Objects;

/**
 * How a day-level pipeline report groups opportunities.
 *
 * @param dimension what to group by; never null
 * @param segmentDimension the segment dimension's key when {@code dimension} is {@link Dimension#SEGMENT}, else null
 */
public record PipelineGrouping(Dimension dimension, String segmentDimension) {

  /** What a day-level pipeline report groups by. */
  public enum Dimension {
    /** No grouping: one group, the total. */
    TOTAL,
    /** The stage key. */
    STAGE,
    /** The forecast category's name. */
    FORECAST_CATEGORY,
    /** The owner's user id. */
    OWNER,
    /** The account's id. */
    ACCOUNT,
    /** One segment dimension's value. */
    SEGMENT
  }

  public PipelineGrouping {
    Objects.requireNonNull(dimension, "dimension");
    if ((dimension == Dimension.SEGMENT) != (segmentDimension != null)) {
      throw new IllegalArgumentException("a segment dimension is named exactly when grouping by segment");
    }
    if (segmentDimension != null && segmentDimension.isBlank()) {
      throw new IllegalArgumentException("the segment dimension's key is blank");
    }
  }

  /** @return no grouping: the total */
  public static PipelineGrouping total() {
    return new PipelineGrouping(Dimension.TOTAL, null);
  }

  /** @return by stage */
  public static PipelineGrouping byStage() {
    return new PipelineGrouping(Dimension.STAGE, null);
  }

  /** @return by forecast category */
  public static PipelineGrouping byForecastCategory() {
    return new PipelineGrouping(Dimension.FORECAST_CATEGORY, null);
  }

  /** @return by owner */
  public static PipelineGrouping byOwner() {
    return new PipelineGrouping(Dimension.OWNER, null);
  }

  /** @return by account */
  public static PipelineGrouping byAccount() {
    return new PipelineGrouping(Dimension.ACCOUNT, null);
  }

  /**
   * @param dimension a segment dimension's key, e.g. {@code "region"}
   * @return by that segment dimension's value
   */
  public static PipelineGrouping bySegment(String dimension) {
    return new PipelineGrouping(Dimension.SEGMENT, Objects.requireNonNull(dimension, "dimension"));
  }
}
