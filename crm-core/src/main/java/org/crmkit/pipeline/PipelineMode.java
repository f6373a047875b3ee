package org.crmkit.pipeline;

/**
 * How the pipeline is run (a setting, see the product description).
 */
public enum PipelineMode {
  /** The whole pipeline, marketing stages included, lives in opportunities; leads are only captured contacts. */
  WHOLE_PIPELINE_IN_OPPORTUNITIES,
  /** Marketing stages are lead statuses; opportunities carry only sales stages (none flagged as marketing). */
  SPLIT_LEADS_AND_OPPORTUNITIES
}
