package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Objects;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.shared.OpportunityId;

/**
 * {@link ForecastHistoryRepository} over {@code crm_forecast_history} and its lines in
 * {@code crm_forecast_history_line}: insert and read, nothing else. The unique key (opportunity_id, version)
 * turns a second entry for the same version into a conflict when it is flushed. An opportunity's history is read
 * with its lines in one statement.
 */
public final class JpaForecastHistoryRepository implements ForecastHistoryRepository {
  private final EntityManagers ems;

  public JpaForecastHistoryRepository(EntityManagers ems) {
    this.ems = Objects.requireNonNull(ems, "ems");
  }

  @Override
  public void append(ForecastHistoryEntry entry) {
    Objects.requireNonNull(entry, "entry");
    try {
      ForecastHistoryEntity row = ForecastHistoryEntity.of(entry, ems.tenant());
      ems.writes(ForecastHistoryEntity.class, 1 + row.lines.size()); // with its lines' rows
      ems.current().persist(row);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public List<ForecastHistoryEntry> findByOpportunity(OpportunityId opportunityId) {
    Objects.requireNonNull(opportunityId, "opportunityId");
    try {
      return ems.current()
          .createQuery("select distinct h from CrmForecastHistory h left join fetch h.lines"
              + " where h.tenantId = :tenant and h.opportunityId = :id order by h.version", ForecastHistoryEntity.class)
          .setParameter("tenant", ems.tenant().value())
          .setParameter("id", opportunityId.value())
          .getResultList().stream()
          .map(ForecastHistoryEntity::toEntry)
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
