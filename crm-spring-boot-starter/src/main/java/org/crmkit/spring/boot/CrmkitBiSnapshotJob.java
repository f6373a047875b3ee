package org.crmkit.spring.boot;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.crmkit.Crm;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.shared.Actor;

/**
 * The nightly daily snapshot the starter schedules when {@code crmkit.bi.snapshot.cron} is set: for each configured
 * tenant, {@code crm.bi().takeDailySnapshot(...)} of today (or yesterday) in the job's zone, as the configured system
 * actor. Taking a kept day again changes nothing, so a retry, a second instance or a manual run is harmless.
 *
 * <p>As a scheduled task ({@link #run()}) it never throws: a tenant that fails is logged at ERROR with its cause and
 * the next tenant is still taken, and the schedule goes on; the day can be taken again, or back-filled from history
 * later ({@code crm.bi().backfill(...)}). {@link #takeSnapshots()} is the same work for a caller who wants the result
 * or the failure. Immutable and thread-safe.
 */
public final class CrmkitBiSnapshotJob implements Runnable {
  private static final Log LOG = LogFactory.getLog(CrmkitBiSnapshotJob.class);

  private final Crm crm;
  private final Clock clock;
  private final String cron;
  private final CrmkitProperties.Snapshot.Day day;
  private final List<Actor> actors;

  CrmkitBiSnapshotJob(Crm crm, Clock clock, String cron, CrmkitProperties.Snapshot.Day day, List<Actor> actors) {
    this.crm = Objects.requireNonNull(crm, "crm");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cron = Objects.requireNonNull(cron, "cron");
    this.day = Objects.requireNonNull(day, "day");
    this.actors = List.copyOf(actors);
  }

  /** @return the cron expression the job is scheduled by, never null */
  public String cron() {
    return cron;
  }

  /** @return the zone of the cron expression and of the day taken, never null */
  public ZoneId zone() {
    return clock.getZone();
  }

  /** @return the system actors the job acts as, one per tenant, in order; never null */
  public List<Actor> actors() {
    return actors;
  }

  /** @return the day a run now would take: today or yesterday in {@link #zone()}, never null */
  public LocalDate dayToTake() {
    LocalDate today = LocalDate.now(clock);
    return day == CrmkitProperties.Snapshot.Day.YESTERDAY ? today.minusDays(1) : today;
  }

  /**
   * Takes the day for every tenant now.
   *
   * @return the kept day of each tenant, in the order of {@link #actors()}, never null
   * @throws org.crmkit.shared.CrmException the first failure (e.g. {@code AccessDeniedException} when the access
   *     policy does not let the actor see every opportunity); the tenants before it are taken
   */
  public List<SnapshotDay> takeSnapshots() {
    LocalDate taken = dayToTake();
    List<SnapshotDay> days = new ArrayList<>(actors.size());
    for (Actor actor : actors) {
      days.add(crm.bi().takeDailySnapshot(actor, taken));
    }
    return days;
  }

  /** Takes the day for every tenant, logging each result or failure; never throws. */
  @Override
  public void run() {
    LocalDate taken = dayToTake();
    for (Actor actor : actors) {
      try {
        SnapshotDay kept = crm.bi().takeDailySnapshot(actor, taken);
        if (LOG.isInfoEnabled()) {
          LOG.info("crmkit BI: the daily snapshot of " + kept.day() + " for tenant " + actor.tenant().value()
              + " is kept (" + kept.opportunities() + " opportunities, " + kept.rowsStored() + " rows stored, "
              + kept.source() + ")");
        }
      } catch (RuntimeException e) {
        LOG.error("crmkit BI: the daily snapshot of " + taken + " for tenant " + actor.tenant().value() + " as "
            + actor + " failed; take it again, or back-fill it later with crm.bi().backfill(...)", e);
      }
    }
  }
}
