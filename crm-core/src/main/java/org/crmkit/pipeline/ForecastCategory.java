package org.crmkit.pipeline;

/** The forecast category a sales stage reports under (the Salesforce-style categories). */
public enum ForecastCategory {
  /** Not counted in the forecast (early marketing stages, lost). */
  OMITTED,
  /** Open and counted as pipeline. */
  PIPELINE,
  /** Likely, but not committed. */
  BEST_CASE,
  /** The seller commits to it. */
  COMMIT,
  /** Won. */
  CLOSED
}
