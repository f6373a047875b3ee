package org.crmkit.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.crmkit.report.DateBucket;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportSource;

/**
 * The example's saved report definitions (report definitions are data; a host would store them, here they are
 * fixed so that the pages and tests can name them).
 */
final class Reports {
  private Reports() {}

  /** @return name to (title, definition), in the order shown */
  static Map<String, Map.Entry<String, ReportDefinition>> definitions() {
    Map<String, Map.Entry<String, ReportDefinition>> reports = new LinkedHashMap<>();
    reports.put("pipeline-by-stage", Map.entry("Open pipeline by stage",
        ReportDefinition.builder(ReportSource.OPPORTUNITIES)
            .where("stage", Operator.IN, "qualification", "needs_analysis", "proposal", "negotiation")
            .groupBy("stage").aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"),
                ReportAggregate.weightedAmount()).build()));
    reports.put("won-by-month", Map.entry("Won by month",
        ReportDefinition.builder(ReportSource.OPPORTUNITIES).where("stage", Operator.EQUALS, "closed-won")
            .groupBy("closeDate", DateBucket.MONTH).aggregate(ReportAggregate.count(), ReportAggregate.sum("amount"))
            .build()));
    reports.put("leads-by-source", Map.entry("Leads by source",
        ReportDefinition.builder(ReportSource.LEADS).groupBy("leadSource").aggregate(ReportAggregate.count())
            .build()));
    reports.put("open-opportunities", Map.entry("Open opportunities",
        ReportDefinition.builder(ReportSource.OPPORTUNITIES)
            .columns("name", "owner", "stage", "amount", "probability", "closeDate")
            .where("stage", Operator.IN, "qualification", "needs_analysis", "proposal", "negotiation")
            .sortByDescending("amount").build()));
    return reports;
  }
}
