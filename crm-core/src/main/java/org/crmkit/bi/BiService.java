package org.crmkit.bi;

import java.time.LocalDate;
import java.util.List;
import org.crmkit.shared.Actor;

/**
 * Day-level business intelligence over the opportunities of the actor's tenant ({@code crm.bi()}).
 *
 * <p>Snapshots: the host schedules {@link #takeDailySnapshot} once a day (e.g. just before midnight in the Crm's
 * zone, or just after it for the day before); the library makes it safe. Taking a day that is already kept changes
 * nothing and returns the kept day. Today is copied from the opportunities as they are; a past day that was missed
 * is rebuilt from stage history ({@link #backfill}), since history records every change of the tracked fields.
 * Taking a day after today is refused. Taking and back-filling store every opportunity of the tenant, so they need an
 * actor whom the access policy lets see all opportunities (a trusted system actor, or an administrator).
 *
 * <p>Reports: every read is scoped to the actor's tenant and to the opportunities whose owner, on that day, the actor
 * may see, in the storage's query. A day that is not kept is answered by the kept day before it (retention keeps
 * only weekly or monthly days far back); the results say which kept day answered. A day before the first kept day
 * is an error.
 *
 * <p>Thread-safe.
 */
public interface BiService {

  /**
   * Stores the state of every open opportunity, and of every opportunity closed within the settings' window, at
   * the end of {@code day}; idempotent.
   *
   * @param actor who; must see all opportunities
   * @param day today (copied from the opportunities as they are now) or a past day (rebuilt from history)
   * @return the kept day, newly stored or as it was already kept
   * @throws org.crmkit.shared.ValidationException when {@code day} is after today in the Crm's zone
   * @throws org.crmkit.shared.AccessDeniedException when the actor may not see every opportunity
   */
  SnapshotDay takeDailySnapshot(Actor actor, LocalDate day);

  /**
   * Fills in every day from {@code from} to {@code to} (inclusive) that is not kept yet, rebuilding each from
   * history; days already kept are left as they are.
   *
   * <p>Each day is stored in a unit of work of its own (a later day is rebuilt on the days filled in before it), so
   * a call that fails half way keeps the days it filled; calling it again goes on. Days the retention would forget at
   * once are not filled in.
   *
   * @return the days of the range, kept before or now, in order
   * @throws org.crmkit.shared.ValidationException when {@code to} is before {@code from} or after today, or the range
   *     is longer than ten years (3,660 days)
   * @throws org.crmkit.shared.AccessDeniedException when the actor may not see every opportunity
   */
  List<SnapshotDay> backfill(Actor actor, LocalDate from, LocalDate to);

  /**
   * Lists the kept days: any actor of the tenant may (a day's counts are the tenant's, not the actor's).
   *
   * @return the kept days from {@code from} to {@code to} (inclusive), in order
   */
  List<SnapshotDay> snapshotDays(Actor actor, LocalDate from, LocalDate to);

  /**
   * @return the stored state of the opportunities the actor may see, as of {@code day} (answered by the kept day on
   *     or before it), ordered by opportunity id
   */
  List<OpportunityDayState> statesOn(Actor actor, LocalDate day);

  /**
   * Rebuilds the state of the opportunities the actor may see at the end of {@code day} from stage history alone
   * (stage, amount, probability, close date as history recorded them); what history does not track (owner, account,
   * segment values, billing forecast total) is taken from the newest kept day on or before {@code day} when it holds
   * the opportunity, or else from the opportunity as it is now (an opportunity deleted since, that no such day holds,
   * is left out). Needs no kept day. See docs/BI.md for what this can and cannot know.
   *
   * @return the rebuilt states, ordered by opportunity id
   */
  List<OpportunityDayState> rebuildAsOf(Actor actor, LocalDate day);

  /** @return the open pipeline at the end of {@code day}, grouped */
  PipelineAsOf pipelineAsOf(Actor actor, LocalDate day, PipelineGrouping grouping);

  /** @return what happened to the open pipeline from the end of {@code from} to the end of {@code to} */
  Waterfall waterfall(Actor actor, LocalDate from, LocalDate to);

  /** @return the open pipeline and weighted pipeline on every kept day from {@code from} to {@code to} */
  List<TrendPoint> trend(Actor actor, LocalDate from, LocalDate to);

  /**
   * Forgets the kept days that the settings' retention no longer keeps (relative to today); the reports then answer
   * them from the kept day before. Also done by {@link #takeDailySnapshot}.
   *
   * @return how many kept days were forgotten
   */
  int applyRetention(Actor actor);
}
