package org.crmkit.application;

import java.time.YearMonth;
import org.crmkit.report.AccountCardReport;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.HomePage;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.SalesDashboard;
import org.crmkit.shared.AccountId;
import org.crmkit.report.ReportResult;
import org.crmkit.shared.Actor;

/**
 * The report generator and the ready-made reports. Every report runs where the data is (SQL in crm-jpa, one pass in
 * memory) and counts only the records the actor may see (the access policy's visibility of the source's owner
 * record type, applied in the query) in the actor's tenant. Reads only; thread-safe.
 *
 * <p><b>Refusals.</b> Exceptions: {@link org.crmkit.shared.ValidationException} with one field error per problem of
 * a definition (unknown field, a value of the wrong type, sum of a text field, too many groups, a limit beyond
 * {@link org.crmkit.report.ReportLimits}), also when a grouped report would produce more than
 * {@link org.crmkit.report.ReportLimits#MAX_GROUP_ROWS} groups or an exchange rate is missing. Nothing is read before
 * the definition is valid.
 */
public interface ReportService {

  /**
   * Validates and runs a report definition.
   *
   * @param actor who runs it; never null
   * @param definition never null
   * @return the typed result table
   * @throws org.crmkit.shared.ValidationException listing every problem of the definition
   */
  ReportResult run(Actor actor, ReportDefinition definition);

  /**
   * Validates a definition without running it (e.g. before saving it).
   *
   * @param definition never null
   * @throws org.crmkit.shared.ValidationException listing every problem of the definition
   */
  void check(ReportDefinition definition);

  /**
   * The actor's personal home page: my open opportunities by close date, my pipeline by stage, mine closing this
   * month, my leads by status, my overdue opportunities.
   *
   * @param actor whose page; never null
   * @return the page; never null
   */
  HomePage homePage(Actor actor);

  /**
   * The sales dashboard for a period: pipeline by stage and owner, win rates, average deal size and sales cycle,
   * the stage funnel from history, the billing forecast by month, and leads by source and status with conversion
   * rates.
   *
   * @param actor who looks; never null
   * @param query the period; never null
   * @return the dashboard; never null
   * @throws org.crmkit.shared.ValidationException when the period is longer than ten years, or the history to
   *     derive the funnel from holds more than {@link org.crmkit.report.ReportLimits#MAX_GROUP_ROWS} entries
   */
  SalesDashboard dashboard(Actor actor, DashboardQuery query);

  /**
   * The account card as reports: its monthly figures (as {@link AccountCardService#card}) as a table, and the
   * account's opportunities by stage.
   *
   * @param actor who looks; never null
   * @param accountId never null
   * @param from first month; never null
   * @param to last month; never null
   * @return the report; never null
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such account (or the actor may not see it)
   */
  AccountCardReport accountCard(Actor actor, AccountId accountId, YearMonth from, YearMonth to);
}
