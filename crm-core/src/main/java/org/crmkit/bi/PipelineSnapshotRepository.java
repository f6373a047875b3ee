package org.crmkit.bi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Visibility;

/**
 * Port: the daily snapshots of one tenant (the unit of work's). An adapter stores an opportunity's state only when
 * it differs from the last state it stored for it (valid from that kept day until the next change), so storage grows
 * with what changes, not with pipeline size × days; yet every read answers as if each kept day were stored in full.
 * Reads apply {@code visible} to the state's owner on that day, in the query. Use inside a unit of work. Every
 * adapter must give the same answers: the {@code BiContract} of crm-testkit checks.
 */
public interface PipelineSnapshotRepository {

  /** @return the kept day, if kept */
  Optional<SnapshotDay> findDay(LocalDate day);

  /** @return the kept days from {@code from} to {@code to} (inclusive), in order */
  List<SnapshotDay> days(LocalDate from, LocalDate to);

  /**
   * Stores the day's state copied from the opportunities as they are (the JPA adapter: set-based SQL, never one
   * entity at a time). The day must not be kept yet and must be after every kept day.
   *
   * @return the new kept day ({@link SnapshotSource#CURRENT})
   * @throws org.crmkit.shared.ConflictException when the day is kept already: another unit of work kept it since
   *     the caller looked (read it with {@link #findDay} instead)
   * @throws org.crmkit.shared.ValidationException when a later day is kept (store a day rebuilt from history)
   */
  SnapshotDay storeFromCurrent(SnapshotSpec spec);

  /**
   * Stores the given states as the day's state (a back-filled day, {@link SnapshotSource#HISTORY}); the day must not
   * be kept yet, and may lie between kept days: the states kept for later days stay as they were.
   *
   * @param states the day's whole state, one per opportunity
   * @return the new kept day; its {@code rowsStored} counts every row storing it added (also those added on the next
   *     kept day, which keeps reading as before)
   * @throws org.crmkit.shared.ConflictException when another unit of work stored snapshots at the same moment and
   *     this one cannot commit (the service then takes the day once more)
   */
  SnapshotDay store(SnapshotSpec spec, List<OpportunityDayState> states);

  /** @return the state on a kept day of the opportunities {@code visible} admits, ordered by opportunity id */
  List<OpportunityDayState> statesOn(LocalDate keptDay, Visibility visible);

  /**
   * @return the open opportunities on a kept day that {@code visible} admits, grouped by {@code grouping} and
   *     currency; any order
   */
  List<PipelineGroupRow> pipelineOn(LocalDate keptDay, PipelineGrouping grouping, Visibility visible);

  /**
   * @return the opportunities whose state differs between two kept days ({@code from} before {@code to}), admitted by
   *     {@code visible} on either day; any order
   */
  List<StateChange> changesBetween(LocalDate from, LocalDate to, Visibility visible);

  /**
   * The waterfall's movements between two kept days, classified and summed per kind and currency: what
   * {@link MovementClassifier#totals} makes of {@link #changesBetween}'s pairs, each state admitted by {@code visible}
   * on its own day. The default does exactly that; an adapter may classify and sum in its storage instead (the JPA
   * adapter: one SQL statement), giving the same totals.
   *
   * @param from the first kept day; never null
   * @param to the second kept day, after {@code from}; never null
   * @param stageOrder the pipeline's stage keys in order, for the shifts forward and back (a stage not in it never
   *     shifts); never null
   * @param visible whose states the reader may see; never null
   * @return one total per kind and currency that occurs (a kind may have several, one per currency); any order
   */
  default List<MovementTotal> movementsBetween(LocalDate from, LocalDate to, List<String> stageOrder,
      Visibility visible) {
    return MovementClassifier.totals(changesBetween(from, to, visible), stageOrder, visible);
  }

  /** @return the open pipeline on every kept day from {@code from} to {@code to}, per currency; any order */
  List<TrendRow> trend(LocalDate from, LocalDate to, Visibility visible);

  /**
   * The newest stage history entry of every opportunity of the tenant changed before {@code end} (one set-based read,
   * not one per opportunity): what a day's state is rebuilt from.
   *
   * @return one entry per opportunity that existed before {@code end}; any order
   */
  List<StageHistoryEntry> latestHistoryBefore(Instant end);

  /**
   * The fields stage history does not record (owner, account, segments, billing forecast total) of the given
   * opportunities of the tenant as they are now, in a constant number of set-based reads whatever their number (not
   * one read per opportunity): what a day rebuilt from history takes for the opportunities no kept day holds.
   *
   * @param opportunities the opportunities to read; unknown or deleted ones are left out of the answer
   * @return one entry per given opportunity that exists; any order
   */
  List<UntrackedFields> untrackedFieldsNow(Collection<OpportunityId> opportunities);

  /**
   * Forgets kept days: the reads then answer them from the kept day before. The states the remaining days see do not
   * change.
   *
   * @return how many stored rows were removed or merged
   */
  long forgetDays(Collection<LocalDate> keptDays);
}
