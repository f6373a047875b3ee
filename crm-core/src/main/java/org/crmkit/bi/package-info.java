/**
 * Business intelligence at day level: daily snapshots of the pipeline, the pipeline as of any past day, what changed
 * between two days (a pipeline waterfall) and the trend by day. Use it through {@link org.crmkit.bi.BiService}
 * ({@code crm.bi()}); storage adapters implement {@link org.crmkit.bi.PipelineSnapshotRepository}.
 *
 * <p>Storage grows with what changes, not with pipeline size × days: an adapter stores an opportunity's day state
 * only when it differs from its last stored state (valid from that day until the next stored state), while every
 * report answers as if each kept day were stored in full.
 */
package org.crmkit.bi;
