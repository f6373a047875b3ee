package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.budget.BudgetLine;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;

/**
 * One actor's customer with every kind of record a use case can read: an account with a budget, a contact, an
 * opportunity with stage history and a billing forecast, an open lead and a converted one with its conversion
 * record. The isolation contracts ({@link TenancyContract}, {@link AccessContract}) try to reach them as someone
 * else.
 */
record CustomerRecords(
    Lead lead, Account account, Contact contact, Opportunity opportunity, Lead convertedLead, ConversionId conversion) {
  static final YearMonth APRIL = YearMonth.of(2026, 4);

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  /** Creates the records as {@code actor} (who owns them) through {@code crm}. */
  static CustomerRecords of(Crm crm, Actor actor) {
    Account account = crm.accounts().create(actor, CreateAccount.named("Initech").website("https://initech.example"));
    Contact contact = crm.contacts().create(actor,
        CreateContact.of(account.id(), "Peter", "Gibbons", "peter@initech.example"));
    Opportunity deal = crm.opportunities().create(actor, CreateOpportunity.named("TPS reports")
        .accountId(account.id()).contactId(contact.id()).amount(eur("1200.00")).stage("qualification"));
    deal = crm.opportunities().changeStage(actor, ChangeStage.of(deal.id(), deal.version(), "proposal"));
    crm.forecasts().splitEvenly(actor, SplitForecast.ofAmount(deal.id(), APRIL, 3));
    crm.budgets().setMonths(actor, SetBudgetMonths.of(account.id(), List.of(BudgetLine.of(APRIL, eur("500.00")))));
    Lead lead = crm.leads().create(actor, CreateLead.of("Michael", "Bolton", "Initech", "michael@initech.example"));
    Lead toConvert = crm.leads().create(actor,
        CreateLead.of("Samir", "Nagheenanajar", "Initrode", "samir@initrode.example"));
    ConversionOutcome outcome = crm.conversions().convert(actor, ConvertLead.of(toConvert.id()));
    assertThat(outcome.isConverted()).as("%s", outcome).isTrue();
    return new CustomerRecords(lead, account, contact, crm.opportunities().get(actor, deal.id()),
        crm.leads().get(actor, toConvert.id()), ((ConversionOutcome.Converted) outcome).record().id());
  }

  /** Asserts that the records are as they were created: nothing was changed, deleted or converted. */
  void assertUnchanged(Crm crm, Actor owner) {
    assertThat(crm.leads().get(owner, lead.id()).snapshot()).isEqualTo(lead.snapshot());
    assertThat(crm.accounts().get(owner, account.id()).snapshot()).isEqualTo(account.snapshot());
    assertThat(crm.contacts().get(owner, contact.id()).snapshot()).isEqualTo(contact.snapshot());
    assertThat(crm.opportunities().get(owner, opportunity.id()).snapshot()).isEqualTo(opportunity.snapshot());
    assertThat(crm.leads().get(owner, convertedLead.id()).snapshot()).isEqualTo(convertedLead.snapshot());
    assertThat(crm.opportunities().history(owner, opportunity.id())).hasSize(2);
    assertThat(crm.forecasts().get(owner, opportunity.id()).lines()).hasSize(3);
    assertThat(crm.forecasts().get(owner, opportunity.id()).version()).isOne();
    assertThat(crm.budgets().get(owner, account.id()).months()).hasSize(1);
    assertThat(crm.budgets().get(owner, account.id()).version()).isOne();
    assertThat(crm.conversions().records(owner, convertedLead.id())).singleElement()
        .satisfies(r -> assertThat(r.isUndone()).isFalse());
  }
}
