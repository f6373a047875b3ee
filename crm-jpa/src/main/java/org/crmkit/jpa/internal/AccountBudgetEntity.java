package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Row of {@code crm_account_budget}, keyed by the account's id, with its months in
 * {@code crm_account_budget_line}. Internal: mapped to and from {@link org.crmkit.budget.AccountBudgetSnapshot}.
 */
@Entity(name = "CrmAccountBudget")
@Table(name = "crm_account_budget")
@AttributeOverride(name = "id", column = @Column(name = "account_id", nullable = false, updatable = false))
public class AccountBudgetEntity extends VersionedEntity {
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "crm_account_budget_line", joinColumns = @JoinColumn(name = "account_id"))
  List<BudgetMonth> months = new ArrayList<>();

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public AccountBudgetEntity() {}
}
