package org.crmkit.inmemory.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.StorageException;

/**
 * A link from a child table to a parent table, checked at commit as a database's foreign key is: a committed child
 * names a parent that exists, and a parent is not deleted while a committed child names it.
 *
 * <p>A violation caused by another unit of work that committed while this one ran (the parent deleted meanwhile, or
 * a child linked to it meanwhile) is a lost race: {@link ConflictException}, and a retry meets the sequential rule
 * (the parent does not exist; the parent still has children). A violation this unit of work made on its own (it
 * deleted a parent whose children it could see, or linked a child to a parent it deleted) is a bug in the caller:
 * {@link StorageException}, as a database's foreign key violation is.
 */
final class ForeignKey<CK, CS, PK, PS> {
  private final Table<CK, CS> child;
  private final Function<CS, PK> link;
  private final Table.Index<CK, CS> childIndex;
  private final Table<PK, PS> parent;
  /** The record types in messages, worked out once rather than at every commit. */
  private final String childLabel;
  private final String parentLabel;
  /**
   * Per parent, the commit that last linked a child to it, while it may matter: only a unit of work that began
   * before that commit can lose a race to it. Kept only while units of work run concurrently (a commit that runs
   * alone forgets them all), and then by the generation of units of work the commit ran in ({@link
   * InMemoryDatabase}): the links of a generation are dropped once no unit of work of that generation or an earlier
   * one runs, since every unit of work running then began after them. So a storage written by several threads at
   * all times does not keep a map entry per parent forever either.
   */
  private Map<PK, Long> linked = new HashMap<>();
  /** The generation the commits of {@link #linked} ran in. */
  private int linkedGeneration;
  /** The links of the generation before {@link #linkedGeneration}, while units of work of it run. */
  private Map<PK, Long> linkedBefore = new HashMap<>();
  private int beforeGeneration;
  /**
   * The parents the last commit that ran alone linked children to ({@link #aloneCount} of them), and its number:
   * units of work that began while it applied its writes may lose a race to them. Kept apart from the maps, in an
   * array that the next such commit reuses, so that a storage written by one thread allocates nothing for them.
   */
  private Object[] aloneLinked = new Object[4];
  private int aloneCount;
  private long aloneSeq;

  ForeignKey(Table<CK, CS> child, Function<CS, PK> link, Table.Index<CK, CS> childIndex, Table<PK, PS> parent) {
    this.child = child;
    this.link = link;
    this.childIndex = childIndex;
    this.parent = parent;
    this.childLabel = child.type().label().toLowerCase(Locale.ROOT);
    this.parentLabel = parent.type().label().toLowerCase(Locale.ROOT);
  }

  /** Checks the unit of work's writes; called under the write lock, after the version checks. */
  @SuppressWarnings("unchecked")
  void validate(Transaction tx) {
    for (Map.Entry<CK, Table.Write<CS>> e : child.pendingWrites(tx).entrySet()) {
      CS row = e.getValue().row();
      PK p = row == null ? null : link.apply(row);
      if (p == null) {
        continue;
      }
      Table.Write<PS> parentWrite = parent.pendingWrite(tx, p);
      if (parentWrite != null ? parentWrite.row() == null : !parent.committedContains(p)) {
        if (parentWrite != null) {
          throw new StorageException("this unit of work deletes " + parentLabel + " " + p + " but links "
              + childLabel + " " + e.getKey() + " to it; nothing was written. Unlink or delete the " + childLabel
              + " first (a foreign key refuses this)", null);
        }
        throw new ConflictException(parent.type().label() + " " + p + ", which " + childLabel + " " + e.getKey()
            + " links to, does not exist: it was deleted by someone else while this unit of work ran; nothing was"
            + " written, reload and try again");
      }
    }
    if (!parent.deletesRows(tx)) {
      return; // only a deleted parent can leave a child behind
    }
    for (Map.Entry<PK, Table.Write<PS>> e : parent.pendingWrites(tx).entrySet()) {
      if (e.getValue().row() != null) {
        continue;
      }
      PK p = e.getKey();
      Set<CK> children = childIndex == null
          ? (child.committedContains((CK) p) ? Set.of((CK) p) : Set.of())
          : childIndex.get(p);
      for (CK c : children) {
        Table.Write<CS> childWrite = child.pendingWrite(tx, c);
        if (childWrite != null && (childWrite.row() == null || !p.equals(link.apply(childWrite.row())))) {
          continue;
        }
        if (lastLinked(p) > tx.startSeq) {
          throw new ConflictException(child.type().label() + " " + c + " was linked to " + parentLabel + " " + p
              + " by someone else while this unit of work deleted it; nothing was written, reload and try again");
        }
        throw new StorageException("this unit of work deletes " + parentLabel + " " + p + " but " + childLabel + " "
            + c + " still refers to it; nothing was written. Delete or unlink the " + childLabel
            + " first (a foreign key refuses this)", null);
      }
    }
  }

  /** @return true when the unit of work's writes to {@code written} (the tables it wrote to) may concern this key */
  boolean concerns(List<Table<?, ?>> written) {
    return written.contains(child) || written.contains(parent);
  }

  /**
   * Forgets the links remembered; called under the write lock by a commit that runs alone: every other unit of work
   * begins after the commits that made them, so none needs remembering.
   */
  void forget() {
    if (!linked.isEmpty()) {
      linked = new HashMap<>();
    }
    if (!linkedBefore.isEmpty()) {
      linkedBefore = new HashMap<>();
    }
    Arrays.fill(aloneLinked, 0, aloneCount, null);
    aloneCount = 0;
  }

  /** @return the commit that last linked a child to {@code p} while it may matter, or 0 */
  private long lastLinked(PK p) {
    long last = Math.max(linked.getOrDefault(p, 0L), linkedBefore.getOrDefault(p, 0L));
    for (int i = 0; i < aloneCount; i++) {
      if (p.equals(aloneLinked[i])) {
        return Math.max(last, aloneSeq);
      }
    }
    return last;
  }

  /** @return how many parents' last links are remembered (tests) */
  int remembered() {
    return linked.size() + linkedBefore.size() + aloneCount;
  }

  /**
   * Records new links; called under the write lock before the tables apply the writes (after {@link #forget} when
   * the commit runs alone).
   *
   * @param seq the commit's number
   * @param generation the generation units of work begin in now
   * @param oldestRunning the earliest generation a running unit of work began in: the links of earlier ones are
   *     dropped
   * @param alone true when no other unit of work ran when the commit began
   */
  void apply(Transaction tx, long seq, int generation, int oldestRunning, boolean alone) {
    if (alone) {
      aloneSeq = seq;
    } else {
      roll(generation, oldestRunning);
    }
    for (Map.Entry<CK, Table.Write<CS>> e : child.pendingWrites(tx).entrySet()) {
      CS row = e.getValue().row();
      PK p = row == null ? null : link.apply(row);
      if (p != null) {
        CS old = e.getValue().uniqueId() ? null : child.committedRow(e.getKey());
        if (old == null || !p.equals(link.apply(old))) {
          if (alone) {
            if (aloneCount == aloneLinked.length) {
              aloneLinked = Arrays.copyOf(aloneLinked, 2 * aloneCount);
            }
            aloneLinked[aloneCount++] = p;
          } else {
            linked.put(p, seq);
          }
        }
      }
    }
    if (parent.deletesRows(tx)) {
      for (Map.Entry<PK, Table.Write<PS>> e : parent.pendingWrites(tx).entrySet()) {
        if (e.getValue().row() == null) {
          linked.remove(e.getKey());
          linkedBefore.remove(e.getKey());
          for (int i = 0; i < aloneCount; i++) {
            if (e.getKey().equals(aloneLinked[i])) {
              aloneLinked[i] = null; // a deleted parent has no children left to lose a race over
            }
          }
        }
      }
    }
  }

  /** Drops the links of generations no running unit of work began in, and starts a map for a new generation. */
  private void roll(int generation, int oldestRunning) {
    if (beforeGeneration < oldestRunning && !linkedBefore.isEmpty()) {
      linkedBefore = new HashMap<>();
    }
    if (linkedGeneration != generation) {
      if (linkedGeneration < oldestRunning) {
        if (!linked.isEmpty()) {
          linked = new HashMap<>();
        }
      } else {
        linkedBefore = linked; // the generation before, whose units of work still run
        beforeGeneration = linkedGeneration;
        // sized for as many links as the generation before made, so that it does not grow step by step again
        linked = new HashMap<>((int) (linkedBefore.size() / 0.75f) + 1);
      }
      linkedGeneration = generation;
    }
  }
}
