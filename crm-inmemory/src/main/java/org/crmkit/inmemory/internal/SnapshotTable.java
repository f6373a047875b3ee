package org.crmkit.inmemory.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.OpportunityId;

/**
 * The daily pipeline snapshots of one tenant, stored change-only: per opportunity a timeline of the kept days on
 * which its state changed, each entry valid until the opportunity's next entry (an entry without a state marks the
 * kept day from which it is no longer in the day's state). The state of an opportunity on a kept day is the newest
 * entry on or before that day, so every kept day reads as if stored in full, while an unchanged opportunity costs
 * nothing. An index of the kept days on which each opportunity has an entry finds what changed between two days
 * without looking at the rest.
 *
 * <p>Transactions: committed data is immutable once published (a volatile reference), so readers need no lock. The
 * first write of a unit of work copies the outer maps into a private draft (an opportunity's timeline is copied when
 * the draft first changes it); reads of that unit of work then see the draft. At commit the draft replaces the
 * committed data, unless another unit of work committed snapshots since the draft was made ({@link
 * ConflictException}: snapshot writes are serialised).
 */
public final class SnapshotTable implements CommitParticipant {
  private final InMemoryDatabase<?> db;
  private final Schema schema;
  private volatile Data committed = new Data();

  SnapshotTable(InMemoryDatabase<?> db, Schema schema) {
    this.db = db;
    this.schema = schema;
  }

  /** @return the data this unit of work sees: its draft, or the committed data */
  public Data view() {
    Object draft = db.current(schema).participantDrafts.get(this);
    return draft != null ? (Data) draft : committed;
  }

  /** @return this unit of work's draft, made on its first write */
  public Data draft() {
    Transaction tx = db.current(schema);
    return (Data) tx.participantDrafts.computeIfAbsent(this, k -> committed.copy());
  }

  @Override
  public void validate(Transaction tx) {
    Object draft = tx.participantDrafts.get(this);
    if (draft != null && ((Data) draft).baseVersion != committed.version) {
      throw new ConflictException("daily snapshots were stored concurrently by another unit of work; nothing was"
          + " stored, try again (a day that is kept by now is returned as it is)");
    }
  }

  @Override
  public void apply(Transaction tx) {
    Object draft = tx.participantDrafts.get(this);
    if (draft != null) {
      committed = ((Data) draft).published();
    }
  }

  /**
   * The snapshots at one version: the kept days, the timelines and the index of change days. Mutable only as a
   * draft of one unit of work; published data is never changed again.
   */
  public static final class Data {
    final long version;
    final long baseVersion;
    final TreeMap<LocalDate, SnapshotDay> days;
    /** Per opportunity: kept day to its state from that day, or null from the day it is no longer held. */
    final HashMap<OpportunityId, TreeMap<LocalDate, OpportunityDayState>> timelines;
    /** Per kept day: the opportunities with an entry on it. */
    final TreeMap<LocalDate, Set<OpportunityId>> entriesOn;
    /**
     * In a draft: the timelines and day sets already copied from the base, by identity (so the draft may change
     * them); null in published data.
     */
    private final Set<Object> owned;

    Data() {
      this(0, 0, new TreeMap<>(), new HashMap<>(), new TreeMap<>(), null);
    }

    private Data(long version, long baseVersion, TreeMap<LocalDate, SnapshotDay> days,
        HashMap<OpportunityId, TreeMap<LocalDate, OpportunityDayState>> timelines,
        TreeMap<LocalDate, Set<OpportunityId>> entriesOn, Set<Object> owned) {
      this.version = version;
      this.baseVersion = baseVersion;
      this.days = days;
      this.timelines = timelines;
      this.entriesOn = entriesOn;
      this.owned = owned;
    }

    Data copy() {
      return new Data(version + 1, version, new TreeMap<>(days), new HashMap<>(timelines), new TreeMap<>(entriesOn),
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    Data published() {
      return new Data(version, version, days, timelines, entriesOn, null);
    }

    private void requireDraft() {
      if (owned == null) {
        throw new IllegalStateException("committed snapshots are read-only; write through SnapshotTable.draft()");
      }
    }

    // ---------------------------------------------------------------- reads

    /** @return the kept days, in order (read-only) */
    public NavigableMap<LocalDate, SnapshotDay> days() {
      return java.util.Collections.unmodifiableNavigableMap(days);
    }

    /** @return the opportunities that ever had a state (read-only) */
    public Set<OpportunityId> opportunities() {
      return java.util.Collections.unmodifiableSet(timelines.keySet());
    }

    /** @return the opportunity's state on a kept day, or null when the day's state does not hold it */
    public OpportunityDayState stateOn(OpportunityId id, LocalDate keptDay) {
      TreeMap<LocalDate, OpportunityDayState> timeline = timelines.get(id);
      if (timeline == null) {
        return null;
      }
      Map.Entry<LocalDate, OpportunityDayState> e = timeline.floorEntry(keptDay);
      return e == null ? null : e.getValue();
    }

    /** @return the opportunity's entries (kept day to state or null), in order; empty when it has none */
    public NavigableMap<LocalDate, OpportunityDayState> timeline(OpportunityId id) {
      TreeMap<LocalDate, OpportunityDayState> timeline = timelines.get(id);
      return timeline == null ? java.util.Collections.emptyNavigableMap()
          : java.util.Collections.unmodifiableNavigableMap(timeline);
    }

    /** @return the opportunities with an entry on a kept day after {@code from} and on or before {@code to} */
    public Set<OpportunityId> changedAfter(LocalDate from, LocalDate to) {
      Set<OpportunityId> ids = new HashSet<>();
      for (Set<OpportunityId> s : entriesOn.subMap(from, false, to, true).values()) {
        ids.addAll(s);
      }
      return ids;
    }

    /** @return how many entries with a state are stored (the rows a database would hold) */
    public long storedRows() {
      long n = 0;
      for (TreeMap<LocalDate, OpportunityDayState> t : timelines.values()) {
        for (OpportunityDayState s : t.values()) {
          n += s != null ? 1 : 0;
        }
      }
      return n;
    }

    // ---------------------------------------------------------------- writes (drafts only)

    /**
     * Stores a new kept day: {@code states} is the day's whole state. Entries are added only where an
     * opportunity's state differs from its state on the kept day before; the kept day after, if any, keeps its
     * state (an entry is added there where it inherited the changed one, and one equal to the new state is merged).
     *
     * @return how many entries with a state were added
     */
    public long storeDay(SnapshotDay day, Map<OpportunityId, OpportunityDayState> states) {
      requireDraft();
      LocalDate d = day.day();
      if (days.containsKey(d)) {
        throw new ConflictException("the daily snapshot of " + d + " is already kept; it is stored once");
      }
      LocalDate next = days.higherKey(d);
      Set<OpportunityId> ids = new HashSet<>(timelines.keySet());
      ids.addAll(states.keySet());
      long added = 0;
      for (OpportunityId id : ids) {
        OpportunityDayState before = stateOn(id, d);
        OpportunityDayState now = states.get(id);
        if (Objects.equals(before, now)) {
          continue;
        }
        OpportunityDayState onNext = next == null ? null : stateOn(id, next);
        TreeMap<LocalDate, OpportunityDayState> timeline = ownTimeline(id);
        timeline.put(d, now);
        ownDay(d).add(id);
        added += now != null ? 1 : 0;
        if (next != null) {
          if (!timeline.containsKey(next)) {
            timeline.put(next, onNext); // the next kept day inherited the old state: it keeps it
            ownDay(next).add(id);
            added += onNext != null ? 1 : 0;
          } else if (Objects.equals(timeline.get(next), now)) {
            timeline.remove(next); // the next kept day's entry now repeats the new one
            ownDay(next).remove(id);
          }
        }
      }
      days.put(d, day);
      return added;
    }

    /**
     * Forgets kept days. What the remaining days see does not change: an entry on a forgotten day moves to the next
     * kept day (unless that day has its own entry, which is dropped when it now repeats the state before), or goes
     * when no later kept day sees it.
     *
     * @return how many entries were removed or merged
     */
    public long forgetDays(Collection<LocalDate> forget) {
      requireDraft();
      long changed = 0;
      for (LocalDate f : new TreeSet<>(forget)) {
        if (!days.containsKey(f)) {
          continue;
        }
        LocalDate next = days.higherKey(f);
        Set<OpportunityId> onDay = entriesOn.get(f);
        for (OpportunityId id : onDay == null ? Set.<OpportunityId>of() : Set.copyOf(onDay)) {
          TreeMap<LocalDate, OpportunityDayState> timeline = ownTimeline(id);
          if (!timeline.containsKey(f)) {
            continue; // the index and the timelines are kept in step; this only guards against a stale entry
          }
          OpportunityDayState value = timeline.remove(f);
          changed++;
          Map.Entry<LocalDate, OpportunityDayState> prior = timeline.lowerEntry(f);
          OpportunityDayState before = prior == null ? null : prior.getValue();
          if (next != null) {
            if (!timeline.containsKey(next)) {
              timeline.put(next, value);
              ownDay(next).add(id);
              changed--; // moved, not removed
            } else if (Objects.equals(timeline.get(next), before)) {
              timeline.remove(next);
              ownDay(next).remove(id);
              changed++;
            }
          }
          if (timeline.isEmpty()) {
            timelines.remove(id);
          }
        }
        entriesOn.remove(f);
        days.remove(f);
      }
      return changed;
    }

    private TreeMap<LocalDate, OpportunityDayState> ownTimeline(OpportunityId id) {
      TreeMap<LocalDate, OpportunityDayState> t = timelines.get(id);
      if (t == null) {
        t = new TreeMap<>();
        timelines.put(id, t);
        owned.add(t);
        return t;
      }
      if (!owned.contains(t)) {
        t = new TreeMap<>(t);
        timelines.put(id, t);
        owned.add(t);
      }
      return t;
    }

    private Set<OpportunityId> ownDay(LocalDate d) {
      Set<OpportunityId> s = entriesOn.get(d);
      if (s == null) {
        s = new HashSet<>();
        entriesOn.put(d, s);
        owned.add(s);
      } else if (!owned.contains(s)) {
        s = new HashSet<>(s);
        entriesOn.put(d, s);
        owned.add(s);
      }
      return s;
    }
  }
}
