package org.crmkit.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The personal home page: the actor's own records (owner = the actor), as far as the access policy lets the actor
 * see them.
 *
 * @param asOf today in the Crm's zone; never null
 * @param openOpportunities my open opportunities by close date (name, stage, amount, closeDate; without a close
 *     date last); never null
 * @param pipelineByStage my open opportunities by stage: count, sum(amount), weighted_amount; never null
 * @param closingThisMonth my open opportunities closing this month; never null
 * @param leadsByStatus my leads by status: count; never null
 * @param overdue my open opportunities whose close date has passed; never null
 */
public record HomePage(
    LocalDate asOf,
    ReportResult openOpportunities,
    ReportResult pipelineByStage,
    ReportResult closingThisMonth,
    ReportResult leadsByStatus,
    ReportResult overdue) {
  public HomePage {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(openOpportunities, "openOpportunities");
    Objects.requireNonNull(pipelineByStage, "pipelineByStage");
    Objects.requireNonNull(closingThisMonth, "closingThisMonth");
    Objects.requireNonNull(leadsByStatus, "leadsByStatus");
    Objects.requireNonNull(overdue, "overdue");
  }
}
