package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.testkit.FaultyStorage.InjectedFault;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.junit.jupiter.api.Test;

/** Contract: a unit of work that fails midway writes nothing. */
public interface AtomicityContract extends ContractSupport {

  @Test
  default void aCreationWhoseHistoryEntryFailsLeavesNoOpportunity() {
    storage().failNext(Operation.APPEND_HISTORY);

    assertThatThrownBy(() -> crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets")))
        .isInstanceOf(InjectedFault.class);

    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  @Test
  default void aStageChangeWhoseHistoryEntryFailsLeavesTheOpportunityUnchanged() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets")
        .amount(Money.of("10.00", "EUR")));
    storage().failNext(Operation.APPEND_HISTORY);

    assertThatThrownBy(() -> crm().opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "proposal")))
        .isInstanceOf(InjectedFault.class);

    Opportunity stored = crm().opportunities().get(ALICE, o.id());
    assertThat(stored.stage()).isEqualTo("qualification");
    assertThat(stored.version()).isEqualTo(1);
    assertThat(crm().opportunities().history(ALICE, o.id())).hasSize(1);
  }

  @Test
  default void anAccountDeleteThatFailsAfterDeletingItsBudgetLeavesBoth() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    crm().budgets().setMonths(ALICE, org.crmkit.application.SetBudgetMonths.of(acme.id(), java.util.List.of(
        org.crmkit.budget.BudgetLine.of(java.time.YearMonth.of(2026, 4), Money.of("100.00", "EUR")))));
    storage().failNext(Operation.DELETE_ACCOUNT);

    assertThatThrownBy(() -> crm().accounts().delete(ALICE, acme.id(), null))
        .isInstanceOf(InjectedFault.class)
        .hasMessageContaining("DELETE_ACCOUNT");

    assertThat(crm().accounts().find(ALICE, acme.id())).isPresent();
    assertThat(crm().budgets().get(ALICE, acme.id()).amount(java.time.YearMonth.of(2026, 4))).contains(Money.of("100.00", "EUR"));
  }

  @Test
  default void aFaultInAnyPortCallFailsTheUseCaseAndWritesNothing() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    crm().budgets().setMonths(ALICE, org.crmkit.application.SetBudgetMonths.of(acme.id(), java.util.List.of(
        org.crmkit.budget.BudgetLine.of(java.time.YearMonth.of(2026, 4), Money.of("100.00", "EUR")))));
    // A read with no named operation: the generic proxy reaches every method of every port.
    storage().failNextCall(FaultyStorage.Call.of(org.crmkit.opportunity.OpportunityRepository.class, "countByAccount"));

    assertThatThrownBy(() -> crm().accounts().delete(ALICE, acme.id(), null))
        .isInstanceOf(InjectedFault.class)
        .hasMessageContaining("OpportunityRepository.countByAccount");

    assertThat(crm().accounts().find(ALICE, acme.id())).isPresent();
    storage().failNext(Operation.DELETE_BUDGET);
    assertThatThrownBy(() -> crm().accounts().delete(ALICE, acme.id(), null))
        .isInstanceOf(InjectedFault.class)
        .hasMessageContaining("DELETE_BUDGET");
    assertThat(crm().accounts().find(ALICE, acme.id())).isPresent();
    assertThat(crm().budgets().get(ALICE, acme.id()).amount(java.time.YearMonth.of(2026, 4)))
        .contains(Money.of("100.00", "EUR"));
  }

  @Test
  default void aUnitOfWorkThatThrowsAfterSeveralWritesWritesNothing() {
    assertThatThrownBy(() -> storage().unitOfWork().run(() -> {
      crm().accounts().create(ALICE, CreateAccount.named("Acme"));
      crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
      crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
      throw new IllegalStateException("host failed after the writes");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(10)).total()).isZero();
    assertThat(crm().leads().list(ALICE, LeadQuery.all(), PageRequest.first(10)).total()).isZero();
    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  @Test
  default void nestedUnitsOfWorkJoinTheOuterOne() {
    Account[] inner = new Account[1];
    assertThatThrownBy(() -> storage().unitOfWork().run(() -> {
      inner[0] = storage().unitOfWork().execute(() -> crm().accounts().create(ALICE, CreateAccount.named("Inner")));
      assertThat(crm().accounts().find(ALICE, inner[0].id())).as("own writes are visible inside").isPresent();
      throw new IllegalStateException("outer fails");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(crm().accounts().find(ALICE, inner[0].id())).isEmpty();
  }

  @Test
  default void publishesEventsOnlyForCommittedWork() {
    java.util.List<org.crmkit.shared.DomainEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    var observed = crm(b -> b.eventPublisher(events::add));
    storage().failNext(Operation.APPEND_HISTORY);
    assertThatThrownBy(() -> observed.opportunities().create(ALICE, CreateOpportunity.named("Failed")))
        .isInstanceOf(InjectedFault.class);
    assertThat(events).isEmpty();

    observed.opportunities().create(ALICE, CreateOpportunity.named("Committed"));
    assertThat(events).singleElement()
        .isInstanceOfSatisfying(org.crmkit.opportunity.OpportunityChanged.class,
            e -> assertThat(e.after().name()).isEqualTo("Committed"));
  }
}
