package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Objects;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.shared.OpportunityId;

/**
 * {@link StageHistoryRepository} over {@code crm_stage_history}: insert and read, nothing else. The unique key
 * (opportunity_id, version) turns a second entry for the same version into a conflict when it is flushed. No foreign
 * key points to the table, so its inserts wait for the end of the unit of work ({@link EntityManagers#persistLast})
 * and go in one batch after the opportunities'.
 */
public final class JpaStageHistoryRepository implements StageHistoryRepository {
  private final EntityManagers ems;

  public JpaStageHistoryRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  @Override
  public void append(StageHistoryEntry entry) {
    Objects.requireNonNull(entry, "entry");
    try {
      // a leaf table: persisted at the end of the unit of work, so the opportunities' inserts stay one batch
      ems.persistLast(StageHistoryEntity.of(entry, ems.tenant()));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<StageHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
    Objects.requireNonNull(opportunityId, "opportunityId");
    try {
      ems.persistDeferred();
      return ems.current()
          .createQuery("select h from CrmStageHistory h where h.tenantId = :tenant and h.opportunityId = :id"
              + " order by h.version", StageHistoryEntity.class)
          .setParameter("tenant", ems.tenant().value())
          .setParameter("id", opportunityId.value())
          .getResultList().stream()
          .map(StageHistoryEntity::toEntry)
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
