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
import java.util.Comparator;
import java.util.List;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.budget.BudgetLine;
import org.crmkit.shared.AccountId;

/**
 * Row of {@code crm_account_budget}, keyed by the account's id, with its months in
 * {@code crm_account_budget_line}: maps itself to and from {@link AccountBudgetSnapshot}.
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

  AccountBudgetSnapshot toSnapshot() {
    return new AccountBudgetSnapshot(AccountId.of(getId()), getVersion(), months(), updatedAt);
  }

  void copyFrom(AccountBudgetSnapshot s) {
    setId(s.accountId().value());
    // Rewriting unchanged months would mark the collection dirty and write (and version) the row for nothing.
    if (!months().equals(s.months())) {
      months.clear();
      s.months().forEach(line -> months.add(BudgetMonth.of(line, getTenantId())));
    }
    updatedAt = Columns.micros(s.updatedAt());
  }

  private List<BudgetLine> months() {
    return months.stream().map(BudgetMonth::toLine).sorted(Comparator.comparing(BudgetLine::month)).toList();
  }
}
