package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.budget.BudgetLine;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.junit.jupiter.api.Test;

/**
 * Contract: undoing a conversion means "as if it had not happened": created records go with their billing
 * forecast and budget, values filled into linked records are restored, and a refusal changes nothing.
 */
public interface ConversionUndoContract extends ContractSupport {

  private Lead lead(Crm crm, String company) {
    return crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", company, "ada@engines.example"));
  }

  private ConversionOutcome.Converted converted(ConversionOutcome outcome) {
    assertThat(outcome).as("outcome %s", outcome).isInstanceOf(ConversionOutcome.Converted.class);
    return (ConversionOutcome.Converted) outcome;
  }

  private boolean forecastStored(OpportunityId id) {
    return storage().unitOfWork().execute(() -> storage().billingForecasts().findByOpportunity(id)).isPresent();
  }

  private boolean budgetStored(AccountId id) {
    return storage().unitOfWork().execute(() -> storage().accountBudgets().findByAccount(id)).isPresent();
  }

  @Test
  default void undoDeletesTheForecastOfTheOpportunityAndTheBudgetOfTheAccountItCreated() {
    Lead lead = lead(crm(), "Analytical Engines");
    ConversionOutcome.Converted done = converted(crm().conversions().convert(ALICE, ConvertLead.of(lead.id())
        .override(ConversionTarget.OPPORTUNITY, "amount", CustomValue.money(Money.of("3000.00", "EUR")))));
    OpportunityId opportunity = done.opportunityId().orElseThrow();
    AccountId account = done.accountId().orElseThrow();
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(opportunity, YearMonth.of(2026, 4), 3));
    crm().budgets().setMonths(ALICE, SetBudgetMonths.of(account,
        List.of(BudgetLine.of(YearMonth.of(2026, 4), Money.of("5000.00", "EUR")))));
    assertThat(forecastStored(opportunity)).isTrue();
    assertThat(budgetStored(account)).isTrue();

    UndoOutcome undo = crm().conversions().undo(ALICE, lead.id());

    assertThat(undo).as("%s", undo).isInstanceOf(UndoOutcome.Undone.class);
    assertThat(crm().opportunities().find(ALICE, opportunity)).isEmpty();
    assertThat(crm().accounts().find(ALICE, account)).isEmpty();
    assertThat(forecastStored(opportunity)).as("no orphan forecast").isFalse();
    assertThat(budgetStored(account)).as("no orphan budget").isFalse();
  }

  @Test
  default void undoRestoresTheValuesConversionFilledIntoLinkedRecords() {
    ConversionPolicy refresh = ConversionPolicy.builder("refresh")
        .overwriteOnLink(ConversionTarget.ACCOUNT, "name").build();
    Crm crm = crm(b -> b.conversionPolicies(refresh));
    Account account = crm.accounts().create(ALICE, CreateAccount.named("ANALYTICAL ENGINES"));
    Contact contact = crm.contacts().create(ALICE, CreateContact.of(null, "Ada", "Lovelace", "ada@engines.example"));
    Lead lead = lead(crm, "Analytical Engines");

    ConversionOutcome.Converted done = converted(crm.conversions().convert(ALICE, ConvertLead.of(lead.id())
        .policyId("refresh")
        .override(ConversionTarget.ACCOUNT, "industry", CustomValue.text("Software"))
        .override(ConversionTarget.CONTACT, "title", CustomValue.text("CTO"))));
    assertThat(done.disposition(ConversionTarget.ACCOUNT)).isEqualTo(Disposition.LINKED);
    assertThat(done.disposition(ConversionTarget.CONTACT)).isEqualTo(Disposition.LINKED);
    Account filled = crm.accounts().get(ALICE, account.id());
    assertThat(filled.name()).as("overwritten").isEqualTo("Analytical Engines");
    assertThat(filled.details().industry()).as("filled").isEqualTo("Software");
    Contact moved = crm.contacts().get(ALICE, contact.id());
    assertThat(moved.details().title()).isEqualTo("CTO");
    assertThat(moved.accountId()).contains(account.id());

    UndoOutcome undo = crm.conversions().undo(ALICE, lead.id());

    assertThat(undo).as("%s", undo).isInstanceOf(UndoOutcome.Undone.class);
    Account restored = crm.accounts().get(ALICE, account.id());
    assertThat(restored.details()).isEqualTo(account.details());
    assertThat(restored.customFields()).isEqualTo(account.customFields());
    Contact back = crm.contacts().get(ALICE, contact.id());
    assertThat(back.details()).isEqualTo(contact.details());
    assertThat(back.accountId()).as("taken out of the account again").isEmpty();
    assertThat(crm.leads().get(ALICE, lead.id()).isConverted()).isFalse();
  }

  @Test
  default void undoDeletesTheCreatedAccountAndTakesTheContactItMovedThereOutAgain() {
    Contact contact = crm().contacts().create(ALICE, CreateContact.of(null, "Ada", "Lovelace", "ada@engines.example"));
    Lead lead = lead(crm(), "Analytical Engines");
    ConversionOutcome.Converted done = converted(crm().conversions().convert(ALICE, ConvertLead.of(lead.id())
        .account(TargetChoice.create()).contact(TargetChoice.link(contact.id()))));
    assertThat(done.disposition(ConversionTarget.ACCOUNT)).isEqualTo(Disposition.CREATED);
    assertThat(done.disposition(ConversionTarget.CONTACT)).isEqualTo(Disposition.LINKED);
    AccountId account = done.accountId().orElseThrow();
    assertThat(crm().contacts().get(ALICE, contact.id()).accountId()).as("moved into the new account")
        .contains(account);

    UndoOutcome undo = crm().conversions().undo(ALICE, lead.id());

    assertThat(undo).as("%s", undo).isInstanceOf(UndoOutcome.Undone.class);
    assertThat(crm().accounts().find(ALICE, account)).isEmpty();
    assertThat(crm().opportunities().find(ALICE, done.opportunityId().orElseThrow())).isEmpty();
    Contact back = crm().contacts().get(ALICE, contact.id());
    assertThat(back.accountId()).as("taken out of the account again").isEmpty();
    assertThat(back.details()).isEqualTo(contact.details());
    assertThat(back.customFields()).isEqualTo(contact.customFields());
    assertThat(crm().leads().get(ALICE, lead.id()).isConverted()).isFalse();
  }

  @Test
  default void refusesToUndoWhenALinkedRecordChangedSinceAndChangesNothing() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Analytical Engines"));
    Lead lead = lead(crm(), "Analytical Engines");
    ConversionOutcome.Converted done = converted(crm().conversions().convert(ALICE, ConvertLead.of(lead.id())
        .override(ConversionTarget.ACCOUNT, "industry", CustomValue.text("Software"))));
    assertThat(done.accountId()).contains(account.id());
    // someone changes the linked account since: here another conversion that fills its empty city
    Lead other = crm().leads().create(ALICE, CreateLead.of("Alan", "Turing", "Analytical Engines", null));
    converted(crm().conversions().convert(ALICE, ConvertLead.of(other.id())
        .override(ConversionTarget.ACCOUNT, "city", CustomValue.text("London"))));
    Account edited = crm().accounts().get(ALICE, account.id());
    assertThat(edited.details().city()).isEqualTo("London");
    Lead convertedLead = crm().leads().get(ALICE, lead.id());
    Opportunity opportunity = crm().opportunities().get(ALICE, done.opportunityId().orElseThrow());
    Contact contact = crm().contacts().get(ALICE, done.contactId().orElseThrow());

    UndoOutcome undo = crm().conversions().undo(ALICE, lead.id());

    assertThat(undo).isInstanceOf(UndoOutcome.Refused.class);
    assertThat(((UndoOutcome.Refused) undo).reasons()).singleElement().asString()
        .contains("account " + account.id()).contains("changed after the conversion");
    assertThat(crm().accounts().get(ALICE, account.id())).usingRecursiveComparison().isEqualTo(edited);
    assertThat(crm().leads().get(ALICE, lead.id()).version()).isEqualTo(convertedLead.version());
    assertThat(crm().opportunities().get(ALICE, opportunity.id()).version()).isEqualTo(opportunity.version());
    assertThat(crm().contacts().get(ALICE, contact.id()).version()).isEqualTo(contact.version());
    assertThat(crm().conversions().records(ALICE, lead.id())).singleElement()
        .satisfies(r -> assertThat(r.isUndone()).isFalse());
  }
}
