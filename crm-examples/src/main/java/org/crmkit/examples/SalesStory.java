package org.crmkit.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.contact.Contact;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.ValidationException;
import org.crmkit.storage.CrmStorage;

/** A few weeks of a small sales team's work: leads, accounts, contacts, opportunities, stages and history. */
final class SalesStory {
  private final PrintStream out;
  private final StoryClock clock = new StoryClock(Instant.parse("2026-03-02T08:00:00Z"));
  private final Crm crm;
  private final Actor alice = Actor.user("alice");
  private final Actor bob = Actor.user("bob");

  SalesStory(PrintStream out, CrmStorage storage) {
    this.out = out;
    this.crm = Crm.builder().storage(storage).clock(clock).build();
  }

  SalesStory(PrintStream out) {
    this(out, InMemoryStorage.create());
  }

  void run() {
    out.println("The sales story");
    out.println("===============");

    section("Monday: leads arrive from the web form");
    Lead ada = crm.leads().create(alice,
        CreateLead.of("Ada", "Lovelace", "Analytical Engines Ltd", "ada@engines.example").leadSource("Web form"));
    Lead grace = crm.leads().create(alice,
        CreateLead.of("Grace", "Hopper", "Cobol Systems", "grace@cobol.example").leadSource("Web form"));
    Lead spam = crm.leads().create(alice, CreateLead.ofCompany("Cheap Watches").leadSource("Web form"));
    try {
      crm.leads().create(alice, CreateLead.of("No", " ", null, "nobody@example"));
    } catch (ValidationException e) {
      out.println("  rejected a form submission: " + e.getMessage());
    }
    out.println("  open leads: " + crm.leads().list(alice, LeadQuery.all().withStatus("new"), PageRequest.first(50)).total());

    clock.pass(Duration.ofDays(1));
    crm.leads().changeStatus(alice, ChangeLeadStatus.of(ada.id(), ada.version(), "contacted"));
    crm.leads().changeStatus(alice, ChangeLeadStatus.of(grace.id(), grace.version(), "qualified"));
    crm.leads().changeStatus(alice, ChangeLeadStatus.of(spam.id(), spam.version(), "unqualified").reason("spam"));
    for (Lead l : crm.leads().list(alice, LeadQuery.all(), PageRequest.first(50)).items()) {
      out.printf("  lead %-26s %-12s %s%n", l.details().displayName() + ",", l.status(),
          l.unqualifiedReason().map(r -> "(" + r + ")").orElse(""));
    }

    section("Tuesday: real customers go into accounts and contacts");
    Account acme = crm.accounts().create(bob, CreateAccount.named("Acme Oy").industry("Manufacturing")
        .segments(Map.of("region", "nordics")));
    Contact wile = crm.contacts().create(bob, CreateContact.of(acme.id(), "Wile E.", "Coyote", "wile@acme.example")
        .title("Head of Procurement"));
    Account globex = crm.accounts().create(bob, CreateAccount.named("Globex Corporation"));
    out.println("  accounts: " + acme.name() + ", " + globex.name() + "; contact: " + wile.details().displayName());

    section("Opportunities are created three ways");
    CreateOpportunity prefilled = crm.opportunities().prefillFromContact(bob, wile.id());
    Opportunity rockets = crm.opportunities().create(bob, prefilled.name("Acme rocket skates")
        .amount(Money.of("48000.00", "EUR")).closeDate(LocalDate.of(2026, 4, 30)));
    clock.pass(Duration.ofHours(1));
    Opportunity anvils = crm.opportunities().create(bob, crm.opportunities().prefillFromAccount(bob, acme.id())
        .name("Acme anvils, annual supply").amount(Money.of("12000.00", "EUR")).stage("needs_analysis"));
    clock.pass(Duration.ofHours(1));
    Opportunity globexDeal = crm.opportunities().create(alice, CreateOpportunity.named("Globex doomsday device")
        .accountId(globex.id()).amount(Money.of("250000.00", "USD")).probability(5));
    for (Opportunity o : new Opportunity[] {rockets, anvils, globexDeal}) {
      out.printf("  %-30s %-15s %4s  %s%n", o.name(), o.stage(), o.probability(),
          o.amount().map(Money::toString).orElse("-") + (o.probabilityManual() ? "  (probability set by hand)" : ""));
    }

    section("Weeks pass: the pipeline moves");
    clock.pass(Duration.ofDays(6));
    rockets = crm.opportunities().changeStage(bob, ChangeStage.of(rockets.id(), rockets.version(), "proposal"));
    clock.pass(Duration.ofDays(9));
    rockets = crm.opportunities().update(bob,
        UpdateOpportunity.of(rockets.id(), rockets.version()).amount(Money.of("52500.00", "EUR")));
    rockets = crm.opportunities().changeStage(bob, ChangeStage.of(rockets.id(), rockets.version(), "negotiation"));
    clock.pass(Duration.ofDays(4));
    rockets = crm.opportunities().win(bob, WinOpportunity.of(rockets.id(), rockets.version()));
    out.println("  won:  " + rockets.name() + " on " + rockets.closeDate().orElseThrow() + " at " + rockets.probability());

    clock.pass(Duration.ofDays(2));
    globexDeal = crm.opportunities().lose(alice,
        LoseOpportunity.of(globexDeal.id(), globexDeal.version()).reason("customer went with a competitor"));
    out.println("  lost: " + globexDeal.name() + " (" + globexDeal.lostReason().orElse("") + ")");

    Opportunity stale = anvils;
    crm.opportunities().changeStage(alice, ChangeStage.of(anvils.id(), anvils.version(), "proposal"));
    try {
      crm.opportunities().update(bob, UpdateOpportunity.of(stale.id(), stale.version()).amount(Money.of("1.00", "EUR")));
    } catch (ConflictException e) {
      out.println("  Bob's stale edit was refused: " + e.getMessage());
    }

    section("The history of " + rockets.name());
    for (StageHistoryEntry e : crm.opportunities().history(bob, rockets.id())) {
      out.printf("  %s  %-8s %-14s -> %-13s %12s %5s  close %s%n", e.changedAt(), e.changedBy(),
          e.previousStage() == null ? "(created)" : e.previousStage(), e.stage(),
          e.amount() == null ? "-" : e.amount(), e.probability(), e.closeDate());
    }
    crm.opportunities().timeInStage(bob, rockets.id())
        .forEach((stage, time) -> out.printf("  time in %-13s %3d days%n", stage, time.toDays()));

    section("The pipeline today");
    for (OpportunitySummary s : crm.opportunities().listSummaries(alice, OpportunityQuery.all(), PageRequest.first(50)).items()) {
      out.printf("  %-30s %-20s %-12s %14s %5s%n", s.name(), s.accountName(), s.stage(),
          s.amount() == null ? "-" : s.amount(), s.probability());
    }
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
