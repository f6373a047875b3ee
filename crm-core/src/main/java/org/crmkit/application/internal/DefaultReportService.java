package org.crmkit.application.internal;

import static org.crmkit.application.internal.DefaultLeadService.requireActor;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.application.ReportService;
import org.crmkit.report.AccountCardReport;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.HomePage;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.SalesDashboard;
import org.crmkit.shared.AccountId;
import org.crmkit.report.ReportEngine;
import org.crmkit.report.ReportPlan;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportSettings;
import org.crmkit.shared.Actor;

/** {@link ReportService} over the storage's {@link org.crmkit.report.ReportRepository}. */
class DefaultReportService implements ReportService {
  final Context ctx;
  final ReportSettings settings;
  private final ReportEngine engine;
  private final ReadyReports ready;

  DefaultReportService(Context ctx, ReportSettings settings) {
    this.ctx = ctx;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.engine = new ReportEngine(settings);
    this.ready = new ReadyReports(this, ctx);
  }

  @Override
  public HomePage homePage(Actor actor) {
    return ready.homePage(actor);
  }

  @Override
  public SalesDashboard dashboard(Actor actor, DashboardQuery query) {
    return ready.dashboard(actor, query);
  }

  @Override
  public AccountCardReport accountCard(Actor actor, AccountId accountId, YearMonth from, YearMonth to) {
    return ready.accountCard(actor, accountId, from, to);
  }

  @Override
  public ReportResult run(Actor actor, ReportDefinition definition) {
    requireActor(actor);
    ReportPlan plan = plan(definition);
    return ctx.inReadOnlyUnitOfWork(actor, () -> engine.run(plan, ctx.storage().reports(),
        ctx.visibility(actor, definition.source().ownerType())));
  }

  @Override
  public void check(ReportDefinition definition) {
    plan(definition);
  }

  ReportPlan plan(ReportDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    return ReportPlan.of(definition, ctx.customFields(), settings, ctx.today(), ctx.zone());
  }
}
