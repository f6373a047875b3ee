package org.crmkit.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The sales dashboard ("bulletin board") for a period, over what the actor may see. Opportunities count as closed in
 * the period when their close date lies in it; the funnel and the sales cycle come from stage history.
 *
 * @param query the period; never null
 * @param pipelineByStage open opportunities by stage: count, sum(amount), weighted_amount; never null
 * @param pipelineByOwner open opportunities by owner: count, sum(amount), weighted_amount; never null
 * @param winRateByOwner never null
 * @param winRateBySegment by the query's segment dimension; empty when it names none; never null
 * @param winRateBySource by lead source; never null
 * @param averageDealSize the average amount of the opportunities won in the period, per currency; never null
 * @param averageSalesCycleDays days from creation to winning (stage history), averaged over the opportunities won in
 *     the period, one decimal; null when none was won
 * @param funnel the open and won stages in pipeline order; never null
 * @param forecastByMonth the billing forecast of the period's months; never null
 * @param leadsBySourceAndStatus leads created in the period by source and status: count; never null
 * @param leadConversionBySource never null
 */
public record SalesDashboard(
    DashboardQuery query,
    ReportResult pipelineByStage,
    ReportResult pipelineByOwner,
    List<WinRate> winRateByOwner,
    List<WinRate> winRateBySegment,
    List<WinRate> winRateBySource,
    MoneySums averageDealSize,
    BigDecimal averageSalesCycleDays,
    List<FunnelStep> funnel,
    List<ForecastMonth> forecastByMonth,
    ReportResult leadsBySourceAndStatus,
    List<LeadSourceConversion> leadConversionBySource) {
  public SalesDashboard {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(pipelineByStage, "pipelineByStage");
    Objects.requireNonNull(pipelineByOwner, "pipelineByOwner");
    winRateByOwner = List.copyOf(winRateByOwner);
    winRateBySegment = List.copyOf(winRateBySegment);
    winRateBySource = List.copyOf(winRateBySource);
    Objects.requireNonNull(averageDealSize, "averageDealSize");
    funnel = List.copyOf(funnel);
    forecastByMonth = List.copyOf(forecastByMonth);
    Objects.requireNonNull(leadsBySourceAndStatus, "leadsBySourceAndStatus");
    leadConversionBySource = List.copyOf(leadConversionBySource);
  }
}
