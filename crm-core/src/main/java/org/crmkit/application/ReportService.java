package org.crmkit.application;

import org.crmkit.report.ReportDefinition;
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
}
