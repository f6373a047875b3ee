package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.contact.Contact;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.Crm;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.forecast.AmountChangePolicy;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.ValidationException;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/**
 * Contract: one write path per record. A rule of a record holds whichever path writes it (a use case, a workflow
 * action), and a won or lost opportunity keeps what closing it fixed.
 */
public interface WritePathContract extends ContractSupport {

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private long opportunityCount() {
    return crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(100)).total();
  }

  @Test
  default void aWonOpportunityKeepsItsCloseDate() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    Opportunity won = crm().opportunities().win(ALICE, WinOpportunity.of(o.id(), o.version()).closedOn(LocalDate.of(2026, 3, 1)));

    assertThatThrownBy(() -> crm().opportunities().update(ALICE, UpdateOpportunity.of(won.id(), won.version()).clearCloseDate()))
        .isInstanceOf(RuleViolationException.class).hasMessageContaining("keeps its close date");

    Opportunity stored = crm().opportunities().get(ALICE, o.id());
    assertThat(stored.closeDate()).contains(LocalDate.of(2026, 3, 1));
    assertThat(stored.version()).isEqualTo(won.version());
    Opportunity moved = crm().opportunities().update(ALICE,
        UpdateOpportunity.of(won.id(), won.version()).closeDate(LocalDate.of(2026, 2, 27)));
    assertThat(moved.closeDate()).as("another date is fine").contains(LocalDate.of(2026, 2, 27));
  }

  @Test
  default void aProbabilityForAClosedStageMustBeItsOwnOnCreateAndOnUpdateAlike() {
    assertThatThrownBy(() -> crm().opportunities().create(ALICE,
            CreateOpportunity.named("Imported").stage("closed_won").probability(50)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactly("probability"));
    assertThat(opportunityCount()).as("nothing was created").isZero();

    Opportunity won = crm().opportunities().create(ALICE,
        CreateOpportunity.named("Imported").stage("closed_won").probability(100));
    assertThat(won.probability()).isEqualTo(Probability.CERTAIN);
    Opportunity lost = crm().opportunities().create(ALICE,
        CreateOpportunity.named("Gone").stage("closed_lost").probability(0));
    assertThat(lost.probability()).isEqualTo(Probability.ZERO);

    assertThatThrownBy(() -> crm().opportunities().update(ALICE, UpdateOpportunity.of(won.id(), won.version()).probability(50)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactly("probability"));
    Opportunity same = crm().opportunities().update(ALICE, UpdateOpportunity.of(won.id(), won.version()).probability(100));
    assertThat(same.probability()).isEqualTo(Probability.CERTAIN);
    assertThat(same.probabilityManual()).isFalse();
  }

  @Test
  default void aWorkflowAmountChangeIsRefusedByTheRejectForecastPolicyLikeAnUpdate() {
    Crm crm = crm(b -> b
        .pipeline(Pipeline.defaults().withForecastOnAmountChange(AmountChangePolicy.REJECT))
        .workflows(WorkflowRules.of(WorkflowRule.builder("upsell")
            .on(Trigger.stageChangedTo("proposal"))
            .then(WorkflowAction.setField("amount", "150.00 EUR"))
            .build())));
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Fleet").amount(eur("100.00")));
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), YearMonth.of(2026, 4), 2));

    assertThatThrownBy(() -> crm.opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "proposal")))
        .isInstanceOf(WorkflowActionFailedException.class).hasMessageContaining("REJECT");

    Opportunity stored = crm.opportunities().get(ALICE, o.id());
    assertThat(stored.amount()).contains(eur("100.00"));
    assertThat(stored.stage()).as("the triggering change is rolled back too").isEqualTo("qualification");
    assertThat(crm.forecasts().get(ALICE, o.id()).total()).contains(eur("100.00"));
  }

  @Test
  default void aWorkflowAmountChangeFlagsTheForecastLikeAnUpdate() {
    Crm crm = crm(b -> b
        .pipeline(Pipeline.defaults().withForecastOnAmountChange(AmountChangePolicy.KEEP_AND_FLAG))
        .workflows(WorkflowRules.of(WorkflowRule.builder("upsell")
            .on(Trigger.stageChangedTo("proposal"))
            .then(WorkflowAction.setField("amount", "150.00 EUR"))
            .build())));
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Fleet").amount(eur("100.00")));
    crm.forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(o.id(), YearMonth.of(2026, 4), 2));

    crm.opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "proposal"));

    assertThat(crm.opportunities().get(ALICE, o.id()).amount()).contains(eur("150.00"));
    BillingForecast forecast = crm.forecasts().get(ALICE, o.id());
    assertThat(forecast.total()).contains(eur("100.00"));
    assertThat(forecast.flaggedDifference()).as("the forecast no longer matches the amount").isPresent();
  }

  private static void assertRefusedOnOwner(Runnable update) {
    assertThatThrownBy(update::run).isInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot be cleared")
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactly("owner"));
  }

  @Test
  default void anUpdateNamingTheOwnerWithNullIsAValidationErrorOnOwnerAndWritesNothing() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Engines", null));
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Engines"));
    Contact contact = crm().contacts().create(ALICE, CreateContact.named("Charles", "Babbage"));
    Opportunity deal = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));

    // the canonical constructors (and JSON) can name OWNER without a value; the builders cannot
    assertRefusedOnOwner(() -> crm().leads().update(ALICE, new UpdateLead(lead.id(), lead.version(),
        Set.of(UpdateLead.Field.OWNER), null, null, null, null, null, null, null, null, null, null, null, null)));
    assertRefusedOnOwner(() -> crm().accounts().update(ALICE, new UpdateAccount(account.id(), account.version(),
        Set.of(UpdateAccount.Field.OWNER), null, null, null, null, null, null, null, null, null, null, null)));
    assertRefusedOnOwner(() -> crm().contacts().update(ALICE, new UpdateContact(contact.id(), contact.version(),
        Set.of(UpdateContact.Field.OWNER), null, null, null, null, null, null, null, null, null)));
    assertRefusedOnOwner(() -> crm().opportunities().update(ALICE, new UpdateOpportunity(deal.id(), deal.version(),
        Set.of(UpdateOpportunity.Field.OWNER), null, null, null, null, null, null, null, null, null, null, null,
        null)));

    assertThat(crm().leads().get(ALICE, lead.id())).extracting(r -> r.version(), r -> r.owner())
        .containsExactly(lead.version(), lead.owner());
    assertThat(crm().accounts().get(ALICE, account.id())).extracting(r -> r.version(), r -> r.owner())
        .containsExactly(account.version(), account.owner());
    assertThat(crm().contacts().get(ALICE, contact.id())).extracting(r -> r.version(), r -> r.owner())
        .containsExactly(contact.version(), contact.owner());
    assertThat(crm().opportunities().get(ALICE, deal.id())).extracting(r -> r.version(), r -> r.owner())
        .containsExactly(deal.version(), deal.owner());
  }

  @Test
  default void aRuleSettingTheManualProbabilityTheOpportunityAlreadyHasWritesNothing() {
    Crm crm = crm(b -> b.workflows(WorkflowRules.of(WorkflowRule.builder("likely")
        .on(Trigger.fieldChanged(RecordType.OPPORTUNITY, "amount"))
        .then(WorkflowAction.setField("probability", "35"))
        .build())));
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Fleet").probability(35));
    assertThat(o.probabilityManual()).isTrue();

    Opportunity updated = crm.opportunities().update(ALICE,
        UpdateOpportunity.of(o.id(), o.version()).amount(eur("100.00")));

    assertThat(updated.version()).as("only the amount change was written").isEqualTo(o.version() + 1);
    Opportunity stored = crm.opportunities().get(ALICE, o.id());
    assertThat(stored.version()).isEqualTo(o.version() + 1);
    assertThat(stored.probability()).isEqualTo(Probability.of(35));
    assertThat(stored.probabilityManual()).isTrue();
  }

  private Opportunity storedWonWithoutCloseDate() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Legacy"));
    Opportunity won = crm().opportunities().win(ALICE, WinOpportunity.of(o.id(), o.version()));
    OpportunitySnapshot s = won.snapshot();
    // what an earlier version could store: a won deal whose close date was cleared
    OpportunitySnapshot withoutDate = new OpportunitySnapshot(s.id(), s.version(), s.owner(), s.name(), s.accountId(),
        s.contactId(), s.amount(), s.probability(), s.probabilityManual(), s.stage(), null, s.lostReason(),
        s.leadSource(), s.nextStep(), s.description(), s.segments(), s.customFields(), s.sourceLeadId(),
        s.createdAt(), s.updatedAt());
    storage().unitOfWork().run(() -> storage().opportunities().save(Opportunity.restore(withoutDate)));
    Opportunity stored = crm().opportunities().get(ALICE, o.id());
    assertThat(stored.closeDate()).isEmpty();
    return stored;
  }

  @Test
  default void aWonOpportunityStoredWithoutACloseDateCanBeGivenOneAndDeleted() {
    Opportunity legacy = storedWonWithoutCloseDate();

    assertThatThrownBy(() -> crm().opportunities().update(ALICE,
            UpdateOpportunity.of(legacy.id(), legacy.version()).name("Legacy deal")))
        .as("a change that keeps it without a date is refused on the saved state")
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactly("closeDate"));

    Opportunity repaired = crm().opportunities().update(ALICE,
        UpdateOpportunity.of(legacy.id(), legacy.version()).closeDate(LocalDate.of(2025, 11, 3)));
    assertThat(repaired.closeDate()).contains(LocalDate.of(2025, 11, 3));
    assertThat(repaired.stage()).isEqualTo("closed_won");

    Opportunity other = storedWonWithoutCloseDate();
    crm().opportunities().delete(ALICE, other.id(), other.version());
    assertThat(crm().opportunities().find(ALICE, other.id())).isEmpty();
  }
}
