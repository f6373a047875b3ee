package org.crmkit.application.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.bi.SnapshotSpec;
import org.crmkit.bi.UntrackedFields;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Visibility;

/**
 * A past day's pipeline state rebuilt from stage history, for {@link DefaultBiService}: the day's snapshot when it
 * was not taken on the day, and {@link org.crmkit.bi.BiService#rebuildAsOf}. Stateless; runs inside the caller's
 * unit of work.
 */
final class DayStateRebuild {
  private DayStateRebuild() {}

  /**
   * The state at the end of {@code spec.day()}: stage, amount, probability and close date from the newest history
   * entry before the end of the day; owner, account, segments and billing forecast total from the newest kept day on
   * or before the day when it holds the opportunity, else from the opportunity now. An opportunity that neither
   * holds nor exists any more (deleted, and never kept) is left out: history does not record owners or deletion.
   *
   * @param repo the tenant's snapshots and history
   * @param zone the Crm's zone: a day ends at the next day's start there
   * @param spec the day and the stages its state holds
   * @param before the newest kept day on or before the day, if any
   * @return the day's states, by opportunity id
   */
  static List<OpportunityDayState> rebuild(PipelineSnapshotRepository repo, ZoneId zone, SnapshotSpec spec,
      Optional<LocalDate> before) {
    LocalDate day = spec.day();
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    List<StageHistoryEntry> latest = repo.latestHistoryBefore(end);
    Map<OpportunityId, OpportunityDayState> kept = new HashMap<>();
    if (before.isPresent()) {
      for (OpportunityDayState s : repo.statesOn(before.get(), Visibility.all())) {
        kept.put(s.opportunityId(), s);
      }
    }
    // The opportunities in the day's state that no kept day holds take their untracked fields from the
    // opportunities as they are now: one set-based read for all of them, not one per opportunity.
    Map<OpportunityId, SalesStage> inState = new LinkedHashMap<>();
    List<OpportunityId> notKept = new ArrayList<>();
    for (StageHistoryEntry e : latest) {
      Optional<SalesStage> stage = spec.stage(e.stage());
      if (stage.isPresent() && spec.holds(stage.get().kind(), e.closeDate())) {
        inState.put(e.opportunityId(), stage.get());
        if (!kept.containsKey(e.opportunityId())) {
          notKept.add(e.opportunityId());
        }
      }
    }
    Map<OpportunityId, UntrackedFields> now = new HashMap<>();
    if (!notKept.isEmpty()) {
      for (UntrackedFields f : repo.untrackedFieldsNow(notKept)) {
        now.put(f.opportunityId(), f);
      }
    }
    List<OpportunityDayState> states = new ArrayList<>();
    for (StageHistoryEntry e : latest) {
      SalesStage stage = inState.get(e.opportunityId());
      if (stage == null) {
        continue;
      }
      OpportunityDayState base = kept.get(e.opportunityId());
      if (base != null) {
        states.add(OpportunityDayState.of(e.opportunityId(), stage, e.amount(), e.probability(),
            e.closeDate(), base.owner(), base.accountId(), base.segments(), base.billingForecastTotal()));
        continue;
      }
      UntrackedFields f = now.get(e.opportunityId());
      if (f != null) { // else deleted since, and never kept: its owner is unknown
        states.add(OpportunityDayState.of(e.opportunityId(), stage, e.amount(), e.probability(), e.closeDate(),
            f.owner(), f.accountId(), f.segments(), f.billingForecastTotal()));
      }
    }
    states.sort(Comparator.comparing(s -> s.opportunityId().value().toString()));
    return states;
  }
}
