package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crmkit.testkit.Attempt.assertFindsNothing;
import static org.crmkit.testkit.Attempt.assertNotFound;
import static org.crmkit.testkit.Attempt.assertSameAsMissing;
import static org.crmkit.testkit.Attempt.run;
import static org.crmkit.testkit.CustomerRecords.APRIL;
import static org.crmkit.testkit.CustomerRecords.eur;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.BudgetLine;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.junit.jupiter.api.Test;

/**
 * Contract: the access policy under {@link OwnerAccessPolicy}, over the storage under test. A record the actor may
 * not see is "not found", exactly as a missing one (by id, in links, among duplicate candidates, and its history,
 * forecast, budget, card and conversion records with it); a record the actor sees but may not change is refused with
 * an {@link AccessDeniedException} and nothing is written; lists, searches and their page counts hold only visible
 * records, because the storage applies the visibility in the query. Records are created through {@link #crm()}
 * (which permits everything) and then reached through a Crm with the owner policy.
 *
 * <p>The people: {@link #ALICE} and {@link #BOB} are sellers, {@link #MIA} manages Alice, {@link #ADA} administers.
 */
public interface AccessContract extends ContractSupport {
  /** Mia, Alice's manager. */
  Actor MIA = Actor.user("mia");
  /** Ada, an administrator. */
  Actor ADA = Actor.user("ada");
  /** Mia manages Alice; Ada administers every tenant. */
  TeamDirectory TEAMS = new TeamDirectory() {
    @Override
    public Set<UserId> teamOf(TenantId tenant, UserId manager) {
      return manager.equals(MIA.userId()) ? Set.of(ALICE.userId()) : Set.of();
    }

    @Override
    public boolean isAdministrator(TenantId tenant, UserId user) {
      return user.equals(ADA.userId());
    }
  };

  /** @return a Crm whose users see and change their own records, managers their team's, Ada all */
  private Crm owners() {
    return crmWith(OwnerAccessPolicy.over(TEAMS));
  }

  private static void assertDenied(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  default void recordsOutsideTheActorsOwnAndTeamsAreNotFoundExactlyAsMissingOnes() {
    CustomerRecords alices = CustomerRecords.of(crm(), ALICE);
    Crm crm = owners();
    OpportunityId deal = alices.opportunity().id();
    AccountId account = alices.account().id();
    OpportunityId noDeal = OpportunityId.of(UUID.randomUUID());
    AccountId noAccount = AccountId.of(UUID.randomUUID());
    LeadId noLead = LeadId.of(UUID.randomUUID());

    assertThat(crm.leads().find(BOB, alices.lead().id())).isEmpty();
    assertThat(crm.accounts().find(BOB, account)).isEmpty();
    assertThat(crm.contacts().find(BOB, alices.contact().id())).isEmpty();
    assertThat(crm.opportunities().find(BOB, deal)).isEmpty();
    assertNotFound(id -> crm.leads().get(BOB, id), alices.lead().id(), noLead);
    assertNotFound(id -> crm.accounts().get(BOB, id), account, noAccount);
    assertNotFound(id -> crm.contacts().get(BOB, id), alices.contact().id(), ContactId.of(UUID.randomUUID()));
    assertNotFound(id -> crm.opportunities().get(BOB, id), deal, noDeal);
    assertNotFound(id -> crm.opportunities().prefillFromAccount(BOB, id), account, noAccount);
    // children follow their parent: history and forecast the opportunity, budget and card the account, conversion
    // records the lead
    assertFindsNothing(id -> crm.opportunities().history(BOB, id), deal, noDeal);
    assertFindsNothing(id -> crm.opportunities().historyCount(BOB, id), deal, noDeal);
    assertSameAsMissing(id -> crm.opportunities().timeInStage(BOB, id), deal, noDeal);
    assertNotFound(id -> crm.forecasts().get(BOB, id), deal, noDeal);
    assertFindsNothing(id -> crm.forecasts().history(BOB, id), deal, noDeal);
    assertNotFound(id -> crm.budgets().get(BOB, id), account, noAccount);
    assertNotFound(id -> crm.accountCards().card(BOB, id, APRIL, APRIL.plusMonths(2)), account, noAccount);
    assertFindsNothing(id -> crm.conversions().records(BOB, id), alices.convertedLead().id(), noLead);
    assertFindsNothing(id -> crm.conversions().countRecords(BOB, id), alices.convertedLead().id(), noLead);
    assertThat(crm.conversions().record(BOB, alices.conversion())).isEmpty();

    // Alice, her manager and the administrator read them
    for (Actor reader : List.of(ALICE, MIA, ADA)) {
      assertThat(crm.leads().find(reader, alices.lead().id())).as("%s", reader).isPresent();
      assertThat(crm.opportunities().history(reader, deal)).as("%s", reader).hasSize(2);
      assertThat(crm.forecasts().get(reader, deal).lines()).as("%s", reader).hasSize(3);
      assertThat(crm.budgets().get(reader, account).months()).as("%s", reader).hasSize(1);
      assertThat(crm.conversions().record(reader, alices.conversion())).as("%s", reader).isPresent();
    }
  }

  @Test
  default void changesOfHiddenRecordsFailAsForMissingOnesAndWriteNothing() {
    CustomerRecords alices = CustomerRecords.of(crm(), ALICE);
    Crm crm = owners();
    Lead lead = alices.lead();
    Account account = alices.account();
    Contact contact = alices.contact();
    Opportunity deal = alices.opportunity();
    LeadId noLead = LeadId.of(UUID.randomUUID());
    AccountId noAccount = AccountId.of(UUID.randomUUID());
    ContactId noContact = ContactId.of(UUID.randomUUID());
    OpportunityId noDeal = OpportunityId.of(UUID.randomUUID());

    assertNotFound(id -> crm.leads().update(BOB, UpdateLead.of(id, lead.version()).lastName("Bolton II")),
        lead.id(), noLead);
    assertNotFound(id -> crm.leads().changeStatus(BOB, ChangeLeadStatus.of(id, lead.version(), "contacted")),
        lead.id(), noLead);
    assertNotFound(id -> run(() -> crm.leads().delete(BOB, id, null)), lead.id(), noLead);
    assertNotFound(id -> crm.accounts().update(BOB, UpdateAccount.of(id, account.version()).name("Initrode")),
        account.id(), noAccount);
    assertNotFound(id -> run(() -> crm.accounts().delete(BOB, id, null)), account.id(), noAccount);
    assertNotFound(id -> crm.contacts().update(BOB, UpdateContact.of(id, contact.version()).title("Boss")),
        contact.id(), noContact);
    assertNotFound(id -> run(() -> crm.contacts().delete(BOB, id, null)), contact.id(), noContact);
    assertNotFound(id -> crm.opportunities().update(BOB, UpdateOpportunity.of(id, deal.version()).name("Mine")),
        deal.id(), noDeal);
    assertNotFound(id -> crm.opportunities().changeStage(BOB, ChangeStage.of(id, deal.version(), "negotiation")),
        deal.id(), noDeal);
    assertNotFound(id -> crm.opportunities().win(BOB, WinOpportunity.of(id, deal.version())), deal.id(), noDeal);
    assertNotFound(id -> run(() -> crm.opportunities().delete(BOB, id, null)), deal.id(), noDeal);
    assertNotFound(id -> crm.forecasts().splitEvenly(BOB, SplitForecast.ofAmount(id, APRIL, 1)), deal.id(), noDeal);
    assertNotFound(id -> crm.forecasts().clear(BOB, id, null), deal.id(), noDeal);
    assertNotFound(id -> crm.budgets().setMonths(BOB,
        SetBudgetMonths.of(id, List.of(BudgetLine.of(APRIL, eur("1.00"))))), account.id(), noAccount);
    assertNotFound(id -> crm.budgets().removeMonths(BOB, id, null, List.of(APRIL)), account.id(), noAccount);
    assertNotFound(id -> crm.conversions().convert(BOB, ConvertLead.of(id)), lead.id(), noLead);
    assertNotFound(id -> crm.conversions().preview(BOB, ConvertLead.of(id)), lead.id(), noLead);
    assertNotFound(id -> crm.conversions().undo(BOB, id), alices.convertedLead().id(), noLead);

    alices.assertUnchanged(crm(), ALICE);
  }

  @Test
  default void linksToHiddenAccountsAndContactsAreMissingLinks() {
    CustomerRecords alices = CustomerRecords.of(crm(), ALICE);
    Crm crm = owners();
    Contact bobsContact = crm.contacts().create(BOB, CreateContact.named("Bo", "Bobson"));
    Opportunity bobsDeal = crm.opportunities().create(BOB, CreateOpportunity.named("Bob's deal"));
    Lead bobsLead = crm.leads().create(BOB, CreateLead.of("Ben", "Bobson", "Bobco", "ben@bobco.example"));
    AccountId noAccount = AccountId.of(UUID.randomUUID());
    ContactId noContact = ContactId.of(UUID.randomUUID());
    AccountId account = alices.account().id();
    ContactId contact = alices.contact().id();

    assertSameAsMissing(id -> crm.contacts().create(BOB, CreateContact.of(id, "Eve", "Spy", null)), account,
        noAccount);
    assertSameAsMissing(id -> crm.contacts().update(BOB,
        UpdateContact.of(bobsContact.id(), bobsContact.version()).accountId(id)), account, noAccount);
    assertSameAsMissing(id -> crm.opportunities().create(BOB, CreateOpportunity.named("Spy").accountId(id)),
        account, noAccount);
    assertSameAsMissing(id -> crm.opportunities().create(BOB, CreateOpportunity.named("Spy").contactId(id)),
        contact, noContact);
    assertSameAsMissing(id -> crm.opportunities().update(BOB,
        UpdateOpportunity.of(bobsDeal.id(), bobsDeal.version()).accountId(id)), account, noAccount);
    Attempt linkAccount = assertSameAsMissing(id -> crm.conversions().convert(BOB,
        ConvertLead.of(bobsLead.id()).account(TargetChoice.link(id))), account, noAccount);
    Attempt linkContact = assertSameAsMissing(id -> crm.conversions().convert(BOB,
        ConvertLead.of(bobsLead.id()).contact(TargetChoice.link(id))), contact, noContact);

    assertThat(linkAccount.outcome()).doesNotContain("Converted[");
    assertThat(linkContact.outcome()).doesNotContain("Converted[");
    assertThat(crm.leads().get(BOB, bobsLead.id()).isConverted()).isFalse();
    assertThat(crm.contacts().list(ADA, ContactQuery.all().withAccount(account), PageRequest.first(10)).items())
        .extracting(Contact::id).containsExactly(contact);
    assertThat(crm.opportunities().list(ADA, OpportunityQuery.all().withAccount(account), PageRequest.first(10))
        .items()).extracting(Opportunity::id).containsExactly(alices.opportunity().id());
    assertThat(crm.contacts().get(BOB, bobsContact.id()).accountId()).isEmpty();
    assertThat(crm.opportunities().get(BOB, bobsDeal.id()).accountId()).isEmpty();
  }

  /**
   * Duplicate candidates are a search: a conversion offers, links and matches only accounts and contacts the actor
   * may see. One the actor may not see is no candidate, and creating the actor's own record of the company is not a
   * conflict with it, even where that hidden account claimed the company's name in its own conversion.
   */
  @Test
  default void duplicateCandidatesComeOnlyFromRecordsTheActorMaySee() {
    CustomerRecords alices = CustomerRecords.of(crm(), ALICE);
    Crm crm = owners();
    AccountId initrode = crm.conversions().record(ALICE, alices.conversion()).orElseThrow().accountId().orElseThrow();
    Lead bobsInitech = crm.leads().create(BOB,
        CreateLead.of("Peter", "Gibbons", "Initech", "peter@initech.example").website("https://initech.example"));
    Lead bobsInitrode = crm.leads().create(BOB,
        CreateLead.of("Samir", "Nagheenanajar", "Initrode", "samir@initrode.example"));
    Lead miasInitech = crm.leads().create(MIA, CreateLead.of("Peter", "Gibbons", "Initech", "peter@initech.example"));

    ConversionPreview bobs = crm.conversions().preview(BOB, ConvertLead.of(bobsInitech.id()));
    ConversionPreview mias = crm.conversions().preview(MIA, ConvertLead.of(miasInitech.id()));

    assertThat(bobs.target(ConversionTarget.ACCOUNT).orElseThrow().candidates()).isEmpty();
    assertThat(bobs.target(ConversionTarget.CONTACT).orElseThrow().candidates()).isEmpty();
    assertThat(bobs.target(ConversionTarget.ACCOUNT).orElseThrow().disposition()).isEqualTo(Disposition.CREATED);
    assertThat(mias.target(ConversionTarget.ACCOUNT).orElseThrow().candidates()).as("her team's account")
        .extracting(DuplicateCandidate::id).containsExactly(alices.account().id());
    assertThat(mias.target(ConversionTarget.ACCOUNT).orElseThrow().disposition()).isEqualTo(Disposition.LINKED);

    ConversionOutcome outcome = crm.conversions().convert(BOB, ConvertLead.of(bobsInitrode.id()));
    assertThat(outcome.isConverted()).as("%s", outcome).isTrue();
    ConversionOutcome.Converted converted = (ConversionOutcome.Converted) outcome;
    assertThat(converted.disposition(ConversionTarget.ACCOUNT)).isEqualTo(Disposition.CREATED);
    assertThat(converted.accountId()).isPresent().get().isNotEqualTo(initrode);
    assertThat(converted.contactId()).isPresent().get().isNotEqualTo(alices.contact().id());
    assertThat(crm.accounts().get(ALICE, initrode).owner()).isEqualTo(ALICE.userId());
    assertThat(crm.accounts().list(ADA, AccountQuery.all().withNameContaining("Initrode"), PageRequest.first(10))
        .total()).isEqualTo(2);
  }

  @Test
  default void changesOfVisibleRecordsThePolicyRefusesAreDeniedAndWriteNothing() {
    CustomerRecords alices = CustomerRecords.of(crm(), ALICE);
    Crm crm = crmWith(OwnerAccessPolicy.over(TEAMS).managersOnlyRead());
    Lead lead = alices.lead();
    Account account = alices.account();
    Contact contact = alices.contact();
    Opportunity deal = alices.opportunity();
    assertThat(crm.leads().get(MIA, lead.id()).id()).as("Mia sees her team's records").isEqualTo(lead.id());
    long accounts = crm.accounts().list(ADA, AccountQuery.all(), PageRequest.first(1)).total();

    assertDenied(() -> crm.leads().update(MIA, UpdateLead.of(lead.id(), lead.version()).lastName("Bolton II")));
    assertDenied(() -> crm.leads().changeStatus(MIA, ChangeLeadStatus.of(lead.id(), lead.version(), "contacted")));
    assertDenied(() -> crm.leads().delete(MIA, lead.id(), null));
    assertDenied(() -> crm.accounts().update(MIA, UpdateAccount.of(account.id(), account.version()).name("Initrode")));
    assertDenied(() -> crm.accounts().delete(MIA, account.id(), null));
    assertDenied(() -> crm.contacts().update(MIA, UpdateContact.of(contact.id(), contact.version()).title("Boss")));
    assertDenied(() -> crm.contacts().delete(MIA, contact.id(), null));
    assertDenied(() -> crm.opportunities().update(MIA, UpdateOpportunity.of(deal.id(), deal.version()).name("Mine")));
    assertDenied(() -> crm.opportunities().changeStage(MIA, ChangeStage.of(deal.id(), deal.version(), "negotiation")));
    assertDenied(() -> crm.opportunities().win(MIA, WinOpportunity.of(deal.id(), deal.version())));
    assertDenied(() -> crm.opportunities().delete(MIA, deal.id(), null));
    assertDenied(() -> crm.forecasts().splitEvenly(MIA, SplitForecast.ofAmount(deal.id(), APRIL, 1)));
    assertDenied(() -> crm.forecasts().clear(MIA, deal.id(), null));
    assertDenied(() -> crm.budgets().setMonths(MIA,
        SetBudgetMonths.of(account.id(), List.of(BudgetLine.of(APRIL, eur("1.00"))))));
    assertDenied(() -> crm.budgets().removeMonths(MIA, account.id(), null, List.of(APRIL)));
    assertDenied(() -> crm.conversions().convert(MIA, ConvertLead.of(lead.id())));
    assertDenied(() -> crm.conversions().undo(MIA, alices.convertedLead().id()));

    alices.assertUnchanged(crm(), ALICE);
    assertThat(crm.accounts().list(ADA, AccountQuery.all(), PageRequest.first(1)).total()).isEqualTo(accounts);
  }

  @Test
  default void creatingOrGivingARecordToSomeoneElseNeedsThePolicysConsent() {
    Crm crm = owners();
    Lead own = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Engines", "ada@engines.example"));

    assertDenied(() -> crm.leads().create(ALICE,
        CreateLead.of("Bo", "Bobson", "Bobco", "bo@bobco.example").owner(BOB.userId())));
    assertDenied(() -> crm.accounts().create(ALICE, CreateAccount.named("Bobco").owner(BOB.userId())));
    assertDenied(() -> crm.leads().update(ALICE, UpdateLead.of(own.id(), own.version()).owner(BOB.userId())));

    assertThat(crm.leads().list(ADA, LeadQuery.all(), PageRequest.first(10)).items()).extracting(Lead::id)
        .containsExactly(own.id());
    assertThat(crm.accounts().list(ADA, AccountQuery.all(), PageRequest.first(10)).total()).isZero();
    assertThat(crm.leads().get(ALICE, own.id()).snapshot()).isEqualTo(own.snapshot());
    // an administrator may; a manager may take over a team member's record
    assertThat(crm.leads().create(ADA, CreateLead.of("Bo", "Bobson", "Bobco", "bo@bobco.example")
        .owner(BOB.userId())).owner()).isEqualTo(BOB.userId());
    assertThat(crm.leads().update(MIA, UpdateLead.of(own.id(), own.version()).owner(MIA.userId())).owner())
        .isEqualTo(MIA.userId());
  }

  @Test
  default void managersSeeAndChangeTheirTeamsRecordsAndAdministratorsEveryRecord() {
    Lead alices = crm().leads().create(ALICE, CreateLead.of("Al", "Ice", "Aco", "al@aco.example"));
    clock().advance(Duration.ofMinutes(1)); // lists are in order of creation
    Lead bobs = crm().leads().create(BOB, CreateLead.of("Bo", "Bob", "Bco", "bo@bco.example"));
    clock().advance(Duration.ofMinutes(1));
    Lead mias = crm().leads().create(MIA, CreateLead.of("Mi", "A", "Mco", "mi@mco.example"));
    Crm crm = owners();

    assertThat(crm.leads().list(MIA, LeadQuery.all(), PageRequest.first(10)).items()).extracting(Lead::id)
        .containsExactly(alices.id(), mias.id());
    assertThat(crm.leads().list(ALICE, LeadQuery.all(), PageRequest.first(10)).items()).extracting(Lead::id)
        .containsExactly(alices.id());
    assertThat(crm.leads().list(ADA, LeadQuery.all(), PageRequest.first(10)).items()).extracting(Lead::id)
        .containsExactly(alices.id(), bobs.id(), mias.id());
    assertThat(crm.leads().find(MIA, bobs.id())).isEmpty();

    assertThat(crm.leads().update(MIA, UpdateLead.of(alices.id(), alices.version()).title("CEO")).version())
        .isEqualTo(2);
    assertThat(crm.leads().update(ADA, UpdateLead.of(bobs.id(), bobs.version()).title("CTO")).version())
        .isEqualTo(2);
    crm.leads().delete(ADA, mias.id(), null);
    assertThat(crm.leads().find(MIA, mias.id())).isEmpty();
  }

  /**
   * An administrator links Bob's opportunity to Alice's account: Bob's list rows show his opportunity but not the
   * name of the account he may not see, while Alice's manager (who sees it) gets the name.
   */
  @Test
  default void listRowsLeaveOutTheNameOfAnAccountTheActorMayNotSee() {
    Crm crm = owners();
    Account alices = crm.accounts().create(ALICE, CreateAccount.named("Alice's secret client"));
    crm.opportunities().create(ADA, CreateOpportunity.named("Bob's deal").accountId(alices.id()).owner(BOB.userId()));

    List<OpportunitySummary> bobs =
        crm.opportunities().listSummaries(BOB, OpportunityQuery.all(), PageRequest.first(10)).items();
    assertThat(bobs).extracting(OpportunitySummary::name).containsExactly("Bob's deal");
    assertThat(bobs.get(0).accountName()).as("the hidden account's name").isNull();
    assertThat(crm.opportunities().listSummaries(ADA, OpportunityQuery.all(), PageRequest.first(10)).items())
        .extracting(OpportunitySummary::accountName).containsExactly("Alice's secret client");
  }

  /**
   * Twelve records of each kind, five of them Alice's, made in mixed order: every list and search Alice runs holds
   * her five, its total is five and its pages are right, which only a storage that applies the visibility in its
   * query (not to a page it already cut) gets right.
   */
  @Test
  default void listsSearchesAndPageCountsHoldOnlyVisibleRecords() {
    Account hub = crm().accounts().create(ALICE, CreateAccount.named("Hub"));
    List<LeadId> leads = new ArrayList<>();
    List<AccountId> accounts = new ArrayList<>();
    List<ContactId> contacts = new ArrayList<>();
    List<OpportunityId> deals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      boolean alices = i % 5 == 1 || i % 5 == 3; // 1, 3, 6, 8, 11
      Actor owner = alices ? ALICE : BOB;
      clock().advance(Duration.ofMinutes(1)); // lists are in order of creation
      Lead lead = crm().leads().create(owner, CreateLead.of("L" + i, "Shared", "Shared Co", "info@shared.example"));
      Account account = crm().accounts().create(owner, CreateAccount.named("Shared Co " + i));
      Contact contact = crm().contacts().create(owner,
          CreateContact.of(hub.id(), "C" + i, "Shared", "info@shared.example"));
      Opportunity deal = crm().opportunities().create(owner, CreateOpportunity.named("Deal " + i)
          .accountId(hub.id()).amount(eur("100.00")));
      if (alices) {
        leads.add(lead.id());
        accounts.add(account.id());
        contacts.add(contact.id());
        deals.add(deal.id());
      }
    }
    assertThat(leads).hasSize(5);
    Crm crm = owners();
    EmailAddress shared = EmailAddress.of("info@shared.example");

    assertPaged(p -> crm.leads().list(ALICE, LeadQuery.all(), p), Lead::id, leads);
    assertPaged(p -> crm.leads().list(ALICE, LeadQuery.all().withEmail(shared), p), Lead::id, leads);
    assertPaged(p -> crm.leads().list(ALICE, LeadQuery.all().withStatus("new"), p), Lead::id, leads);
    assertPaged(p -> crm.accounts().list(ALICE, AccountQuery.all().withNameContaining("Shared"), p), Account::id,
        accounts);
    assertPaged(p -> crm.contacts().list(ALICE, ContactQuery.all(), p), Contact::id, contacts);
    assertPaged(p -> crm.contacts().list(ALICE, ContactQuery.all().withEmail(shared), p), Contact::id, contacts);
    assertPaged(p -> crm.contacts().list(ALICE, ContactQuery.all().withAccount(hub.id()), p), Contact::id,
        contacts);
    assertPaged(p -> crm.opportunities().list(ALICE, OpportunityQuery.all(), p), Opportunity::id, deals);
    assertPaged(p -> crm.opportunities().list(ALICE, OpportunityQuery.all().withAccount(hub.id()), p),
        Opportunity::id, deals);
    assertPaged(p -> crm.opportunities().listSummaries(ALICE, OpportunityQuery.all(), p), OpportunitySummary::id,
        deals);
    assertThat(crm.leads().list(BOB, LeadQuery.all(), PageRequest.first(100)).total()).isEqualTo(7);
    assertThat(crm.leads().list(ADA, LeadQuery.all().withEmail(shared), PageRequest.first(100)).total())
        .isEqualTo(12);
    assertThat(crm.accounts().list(BOB, AccountQuery.all(), PageRequest.first(100)).total()).isEqualTo(7);
  }

  private static <T, I> void assertPaged(Function<PageRequest, Page<T>> list, Function<T, I> id, List<I> expected) {
    List<I> seen = new ArrayList<>();
    for (int page = 0; page < 3; page++) {
      Page<T> p = list.apply(PageRequest.of(page, 2));
      assertThat(p.total()).as("total on page %s", page).isEqualTo(expected.size());
      assertThat(p.items()).as("page %s", page).hasSize(page < 2 ? 2 : 1);
      p.items().forEach(item -> seen.add(id.apply(item)));
    }
    assertThat(list.apply(PageRequest.of(3, 2)).items()).isEmpty();
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  default void theAccountCardCountsOnlyOpportunitiesTheActorMaySee() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Hub"));
    Opportunity alices = crm().opportunities().create(ALICE, CreateOpportunity.named("Alice's")
        .accountId(account.id()).amount(eur("1200.00")).stage("proposal"));
    crm().forecasts().splitEvenly(ALICE, SplitForecast.ofAmount(alices.id(), APRIL, 3));
    Opportunity bobs = crm().opportunities().create(BOB, CreateOpportunity.named("Bob's")
        .accountId(account.id()).amount(eur("3000.00")).stage("proposal"));
    crm().forecasts().splitEvenly(BOB, SplitForecast.ofAmount(bobs.id(), APRIL, 3));
    Crm crm = owners();

    AccountCard alicesCard = crm.accountCards().card(ALICE, account.id(), APRIL, APRIL.plusMonths(2));
    AccountCard adasCard = crm.accountCards().card(ADA, account.id(), APRIL, APRIL.plusMonths(2));

    assertThat(alicesCard.total(AccountCard.Series.FORECAST)).isEqualTo(eur("1200.00"));
    assertThat(adasCard.total(AccountCard.Series.FORECAST)).isEqualTo(eur("4200.00"));
  }

  @Test
  default void theAccountCardCountsOnlyWonDealsTheActorMaySee() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Hub"));
    for (Actor seller : List.of(ALICE, BOB)) {
      Opportunity deal = crm().opportunities().create(seller, CreateOpportunity.named("Deal of " + seller)
          .accountId(account.id()).amount(eur(seller == ALICE ? "100.00" : "900.00")).stage("proposal"));
      crm().forecasts().splitEvenly(seller, SplitForecast.ofAmount(deal.id(), APRIL, 1));
      crm().opportunities().win(seller, WinOpportunity.of(deal.id(), deal.version()).closedOn(APRIL.atDay(10)));
    }
    Crm crm = owners();

    AccountCard alicesCard = crm.accountCards().card(ALICE, account.id(), APRIL, APRIL);
    AccountCard adasCard = crm.accountCards().card(ADA, account.id(), APRIL, APRIL);

    assertThat(alicesCard.month(APRIL).won()).isEqualTo(eur("100.00"));
    assertThat(alicesCard.month(APRIL).committed()).isEqualTo(eur("100.00"));
    assertThat(adasCard.month(APRIL).won()).isEqualTo(eur("1000.00"));
    assertThat(adasCard.month(APRIL).committed()).isEqualTo(eur("1000.00"));
  }
}
