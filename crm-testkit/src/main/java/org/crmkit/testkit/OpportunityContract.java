package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.OpportunityRules;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.contact.Contact;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.opportunity.IllegalStageTransitionException;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Contract: opportunities, their stages, probability rules, links and queries. */
public interface OpportunityContract extends ContractSupport {

  @Test
  default void createsAnOpportunityWithOnlyANameInTheFirstOpenStage() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));

    Opportunity stored = crm().opportunities().get(ALICE, o.id());
    assertThat(stored.name()).isEqualTo("Rockets");
    assertThat(stored.stage()).isEqualTo("qualification");
    assertThat(stored.probability()).isEqualTo(Probability.of(10));
    assertThat(stored.probabilityManual()).isFalse();
    assertThat(stored.amount()).isEmpty();
    assertThat(stored.accountId()).isEmpty();
    assertThat(stored.owner()).isEqualTo(ALICE.userId());
  }

  @Test
  default void rejectsAnOpportunityWithoutAName() {
    assertThatThrownBy(() -> crm().opportunities().create(ALICE, CreateOpportunity.named("")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field).contains("name"));
  }

  @Test
  default void rejectsANegativeAmountAndAnUnknownStageAndAnOutOfRangeProbability() {
    assertThatThrownBy(() -> crm().opportunities().create(ALICE,
            CreateOpportunity.named("X").amount(Money.of("-1.00", "EUR"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("amount");
    assertThatThrownBy(() -> crm().opportunities().create(ALICE, CreateOpportunity.named("X").stage("dreaming")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'dreaming' is not a sales stage");
    assertThatThrownBy(() -> crm().opportunities().create(ALICE, CreateOpportunity.named("X").probability(101)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("probability");
  }

  @Test
  default void keepsMoneyExactInEveryCurrencyScale() {
    Opportunity eur = crm().opportunities().create(ALICE,
        CreateOpportunity.named("EUR").amount(Money.of("1234567890.12", "EUR")));
    Opportunity jpy = crm().opportunities().create(ALICE, CreateOpportunity.named("JPY").amount(Money.of("1500000", "JPY")));
    Opportunity bhd = crm().opportunities().create(ALICE, CreateOpportunity.named("BHD").amount(Money.of("10.125", "BHD")));

    assertThat(crm().opportunities().get(ALICE, eur.id()).amount()).contains(Money.of("1234567890.12", "EUR"));
    assertThat(crm().opportunities().get(ALICE, jpy.id()).amount()).contains(Money.of("1500000", "JPY"));
    assertThat(crm().opportunities().get(ALICE, bhd.id()).amount()).contains(Money.of("10.125", "BHD"));
  }

  @Test
  default void takesTheStageDefaultProbabilityAndMarksAHandSetOneManual() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets").probability(35));
    assertThat(o.probability()).isEqualTo(Probability.of(35));
    assertThat(o.probabilityManual()).isTrue();

    Opportunity moved = crm().opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "proposal"));
    assertThat(moved.probability()).as("a manual probability survives open stage moves").isEqualTo(Probability.of(35));

    Opportunity reset = crm().opportunities().update(ALICE,
        UpdateOpportunity.of(moved.id(), moved.version()).probabilityFromStage());
    assertThat(reset.probability()).isEqualTo(Probability.of(50));
    assertThat(reset.probabilityManual()).isFalse();

    Opportunity advanced = crm().opportunities().changeStage(ALICE, ChangeStage.of(o.id(), reset.version(), "negotiation"));
    assertThat(advanced.probability()).isEqualTo(Probability.of(80));
  }

  @Test
  default void anUpdateChangesOnlyTheFieldsItNamesAndClearsOnlyWhenTold() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets").accountId(acme.id())
        .amount(Money.of("100.00", "EUR")).probability(35).closeDate(LocalDate.of(2026, 6, 30))
        .leadSource("Web").nextStep("Call").description("Two rockets"));

    Opportunity described = crm().opportunities().update(ALICE,
        UpdateOpportunity.of(o.id(), o.version()).description("Three rockets"));

    assertThat(described.description()).contains("Three rockets");
    assertThat(described.name()).isEqualTo("Rockets");
    assertThat(described.accountId()).contains(acme.id());
    assertThat(described.amount()).contains(Money.of("100.00", "EUR"));
    assertThat(described.probability()).isEqualTo(Probability.of(35));
    assertThat(described.probabilityManual()).isTrue();
    assertThat(described.closeDate()).contains(LocalDate.of(2026, 6, 30));
    assertThat(described.leadSource()).contains("Web");
    assertThat(described.nextStep()).contains("Call");
    assertThat(crm().opportunities().historyCount(ALICE, o.id())).as("no tracked field changed").isEqualTo(1);

    Opportunity cleared = crm().opportunities().update(ALICE,
        UpdateOpportunity.of(o.id(), described.version()).clearCloseDate().clearNextStep().clearAccountId());

    assertThat(cleared.closeDate()).isEmpty();
    assertThat(cleared.nextStep()).isEmpty();
    assertThat(cleared.accountId()).isEmpty();
    assertThat(cleared.amount()).contains(Money.of("100.00", "EUR"));
    assertThat(cleared.description()).contains("Three rockets");
    assertThat(crm().opportunities().get(ALICE, o.id())).usingRecursiveComparison().isEqualTo(cleared);
    assertThat(crm().opportunities().historyCount(ALICE, o.id())).as("the close date changed").isEqualTo(2);
  }

  @Test
  default void givingTheStageDefaultProbabilityIsNotManual() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets").probability(10));
    assertThat(o.probabilityManual()).isFalse();
  }

  @Test
  default void winningSetsProbabilityToHundredAndAClosedDate() {
    Opportunity o = crm().opportunities().create(ALICE,
        CreateOpportunity.named("Rockets").probability(35).closeDate(LocalDate.of(2026, 6, 30)));

    Opportunity won = crm().opportunities().win(ALICE, WinOpportunity.of(o.id(), o.version()));

    assertThat(won.stage()).isEqualTo("closed_won");
    assertThat(won.probability()).isEqualTo(Probability.CERTAIN);
    assertThat(won.probabilityManual()).isFalse();
    assertThat(won.closeDate()).contains(LocalDate.of(2026, 3, 2));
    assertThat(won.isOpen(crm().pipeline())).isFalse();
  }

  @Test
  default void losingSetsProbabilityToZeroWithAnOptionalReason() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    Opportunity lost = crm().opportunities().lose(ALICE,
        LoseOpportunity.of(o.id(), o.version()).reason("went with a competitor").closedOn(LocalDate.of(2026, 3, 1)));

    assertThat(lost.stage()).isEqualTo("closed_lost");
    assertThat(lost.probability()).isEqualTo(Probability.ZERO);
    assertThat(lost.lostReason()).contains("went with a competitor");
    assertThat(lost.closeDate()).contains(LocalDate.of(2026, 3, 1));

    Opportunity other = crm().opportunities().create(ALICE, CreateOpportunity.named("Other"));
    assertThat(crm().opportunities().lose(ALICE, LoseOpportunity.of(other.id(), other.version())).lostReason()).isEmpty();
  }

  @Test
  default void refusesToMoveAClosedOpportunityWithoutReopeningIt() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    Opportunity won = crm().opportunities().win(ALICE, WinOpportunity.of(o.id(), o.version()));

    assertThatThrownBy(() -> crm().opportunities().changeStage(ALICE, ChangeStage.of(o.id(), won.version(), "proposal")))
        .isInstanceOf(IllegalStageTransitionException.class).hasMessageContaining("reopen");
    assertThatThrownBy(() -> crm().opportunities().lose(ALICE, LoseOpportunity.of(o.id(), won.version())))
        .isInstanceOf(IllegalStageTransitionException.class);
    assertThatThrownBy(() -> crm().opportunities().update(ALICE,
            UpdateOpportunity.of(o.id(), won.version()).probability(40)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("probability");
    assertThat(crm().opportunities().get(ALICE, o.id()).stage()).isEqualTo("closed_won");
  }

  @Test
  default void refusesToCloseThroughChangeStage() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    assertThatThrownBy(() -> crm().opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "closed_won")))
        .isInstanceOf(IllegalStageTransitionException.class).hasMessageContaining("win or lose");
  }

  @Test
  default void reopeningRestoresTheStageDefaultProbability() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets").probability(35));
    Opportunity lost = crm().opportunities().lose(ALICE, LoseOpportunity.of(o.id(), o.version()).reason("timing"));

    Opportunity reopened = crm().opportunities().reopen(ALICE, ReopenOpportunity.of(o.id(), lost.version(), "proposal"));

    assertThat(reopened.stage()).isEqualTo("proposal");
    assertThat(reopened.probability()).isEqualTo(Probability.of(50));
    assertThat(reopened.probabilityManual()).isFalse();
    assertThat(reopened.lostReason()).isEmpty();
    assertThatThrownBy(() -> crm().opportunities().reopen(ALICE, ReopenOpportunity.of(o.id(), reopened.version(), "proposal")))
        .isInstanceOf(IllegalStageTransitionException.class);
  }

  @Test
  default void enforcesConfiguredLinkRules() {
    Crm strict = crm(b -> b.opportunityRules(new OpportunityRules(true, true, true)));
    assertThatThrownBy(() -> strict.opportunities().create(ALICE, CreateOpportunity.named("Rockets")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactlyInAnyOrder("accountId", "contactId"));

    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Account globex = crm().accounts().create(ALICE, CreateAccount.named("Globex"));
    Contact wile = crm().contacts().create(ALICE, CreateContact.of(acme.id(), "Wile", "Coyote", null));
    assertThatThrownBy(() -> strict.opportunities().create(ALICE,
            CreateOpportunity.named("Rockets").accountId(globex.id()).contactId(wile.id())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("does not belong to account");

    Opportunity ok = strict.opportunities().create(ALICE,
        CreateOpportunity.named("Rockets").accountId(acme.id()).contactId(wile.id()));
    assertThat(ok.accountId()).contains(acme.id());
    assertThat(ok.contactId()).contains(wile.id());
  }

  @Test
  default void prefillsANewOpportunityFromAnAccountOrAContact() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme").segments(Map.of("region", "nordics")));
    Contact wile = crm().contacts().create(ALICE, CreateContact.of(acme.id(), "Wile", "Coyote", null));

    CreateOpportunity fromAccount = crm().opportunities().prefillFromAccount(ALICE, acme.id());
    assertThat(fromAccount.accountId()).isEqualTo(acme.id());
    assertThat(fromAccount.name()).startsWith("Acme");
    assertThat(fromAccount.segments()).containsEntry("region", "nordics");

    CreateOpportunity fromContact = crm().opportunities().prefillFromContact(ALICE, wile.id());
    assertThat(fromContact.contactId()).isEqualTo(wile.id());
    assertThat(fromContact.accountId()).isEqualTo(acme.id());

    Opportunity created = crm().opportunities().create(ALICE, fromContact.name("Acme rockets"));
    assertThat(created.accountId()).contains(acme.id());
    assertThat(created.contactId()).contains(wile.id());
    assertThat(created.segments().values()).containsEntry("region", "nordics");
  }

  @Test
  default void storesCustomFieldsOnOpportunities() {
    Crm custom = crm(b -> b.customFields(CustomFieldSchema.of(
        CustomFieldDefinition.of(RecordType.OPPORTUNITY, "renewal", "Renewal", FieldType.BOOLEAN),
        CustomFieldDefinition.of(RecordType.OPPORTUNITY, "discount", "Discount", FieldType.NUMBER))));
    Opportunity o = custom.opportunities().create(ALICE, CreateOpportunity.named("Rockets")
        .customFields(Map.of("renewal", CustomValue.bool(true), "discount", CustomValue.number("0.150"))));

    assertThat(custom.opportunities().get(ALICE, o.id()).customFields().values())
        .containsEntry("renewal", CustomValue.bool(true))
        .containsEntry("discount", CustomValue.number("0.150"));
  }

  @Test
  default void updatesUntrackedFieldsWithoutTouchingTheStage() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    Opportunity updated = crm().opportunities().update(ALICE,
        UpdateOpportunity.of(o.id(), o.version()).name("Bigger rockets").nextStep("demo on Friday"));
    assertThat(updated.name()).isEqualTo("Bigger rockets");
    assertThat(updated.nextStep()).contains("demo on Friday");
    assertThat(updated.stage()).isEqualTo("qualification");
    assertThat(updated.version()).isEqualTo(2);
  }

  @Test
  default void listsOpportunitiesByStageOwnerAccountAndCloseDate() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Opportunity a = crm().opportunities().create(ALICE, CreateOpportunity.named("A").accountId(acme.id())
        .closeDate(LocalDate.of(2026, 3, 31)));
    clock().advance(Duration.ofSeconds(1));
    Opportunity b = crm().opportunities().create(BOB, CreateOpportunity.named("B").stage("proposal")
        .closeDate(LocalDate.of(2026, 4, 30)));
    clock().advance(Duration.ofSeconds(1));
    Opportunity c = crm().opportunities().create(ALICE, CreateOpportunity.named("C").stage("proposal"));

    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all().withStages(Set.of("proposal")),
            PageRequest.first(10)).items())
        .extracting(Opportunity::id).containsExactly(b.id(), c.id());
    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all().withOwner(ALICE.userId()),
            PageRequest.first(10)).items())
        .extracting(Opportunity::id).containsExactly(a.id(), c.id());
    assertThat(crm().opportunities().list(ALICE, OpportunityQuery.all().withAccount(acme.id()),
            PageRequest.first(10)).items())
        .extracting(Opportunity::id).containsExactly(a.id());
    assertThat(crm().opportunities().list(ALICE,
            OpportunityQuery.all().closingBetween(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30)),
            PageRequest.first(10)).items())
        .extracting(Opportunity::id).containsExactly(b.id());
  }

  @Test
  default void listsSummariesWithAccountNames() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    crm().opportunities().create(ALICE, CreateOpportunity.named("With account").accountId(acme.id())
        .amount(Money.of("100.00", "EUR")));
    clock().advance(Duration.ofSeconds(1));
    crm().opportunities().create(ALICE, CreateOpportunity.named("Without account"));

    var page = crm().opportunities().listSummaries(ALICE, OpportunityQuery.all(), PageRequest.first(10));

    assertThat(page.items()).extracting(OpportunitySummary::name, OpportunitySummary::accountName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("With account", "Acme"),
            org.assertj.core.groups.Tuple.tuple("Without account", null));
    assertThat(page.items().get(0).amount()).isEqualTo(Money.of("100.00", "EUR"));
  }

  @Test
  default void pagesThroughOpportunities() {
    for (int i = 0; i < 7; i++) {
      crm().opportunities().create(ALICE, CreateOpportunity.named("O" + i));
      clock().advance(Duration.ofSeconds(1));
    }
    var second = crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.of(1, 3));
    assertThat(second.items()).extracting(Opportunity::name).containsExactly("O3", "O4", "O5");
    assertThat(second.total()).isEqualTo(7);
    assertThat(second.hasNext()).isTrue();
  }

  @Test
  default void runsTheWholePipelineInOpportunitiesWhenConfigured() {
    Crm whole = crm(b -> b.pipeline(Pipeline.wholePipelineDefaults()));
    Opportunity o = whole.opportunities().create(ALICE, CreateOpportunity.named("Early"));
    assertThat(o.stage()).isEqualTo("prospecting");
    Opportunity mql = whole.opportunities().changeStage(ALICE, ChangeStage.of(o.id(), o.version(), "marketing_qualified"));
    assertThat(mql.probability()).isEqualTo(Probability.of(10));
  }

  @Test
  default void deletesAnOpportunityButKeepsItsHistory() {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    crm().opportunities().delete(ALICE, o.id(), 1L);
    assertThat(crm().opportunities().find(ALICE, o.id())).isEmpty();
    assertThat(crm().opportunities().history(ALICE, o.id())).hasSize(1);
  }
}
