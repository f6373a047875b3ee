package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crmkit.testkit.Attempt.assertFindsNothing;
import static org.crmkit.testkit.Attempt.assertNotFound;
import static org.crmkit.testkit.Attempt.assertSameAsMissing;
import static org.crmkit.testkit.Attempt.run;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
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
import org.crmkit.budget.BudgetLine;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.IdGenerator;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.shared.Visibility;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/**
 * Contract: tenant isolation. One Crm over one storage serves several tenants; an actor of one tenant reads, lists,
 * searches, changes, deletes, converts, links to and finds duplicates among its own tenant's records only. Another
 * tenant's record is "not found" exactly as a missing one is (same exception, same message but for the id), by id
 * or by guessing (searching its e-mail address or company name). Uniqueness (the account match claim) holds per
 * tenant. Runs with the default access policy: isolation is the storage's job, not the policy's.
 */
public interface TenancyContract extends ContractSupport {
  TenantId NORTH = TenantId.of("north");
  TenantId SOUTH = TenantId.of("south");
  /** Alice in the north tenant. */
  Actor NORTH_ALICE = ALICE.in(NORTH);
  /** A user with the same id in the south tenant: the same user id does not open another tenant's records. */
  Actor SOUTH_ALICE = ALICE.in(SOUTH);
  YearMonth APRIL = CustomerRecords.APRIL;

  private static Money eur(String amount) {
    return CustomerRecords.eur(amount);
  }

  /** Creates {@code actor}'s tenant's records (every kind a use case can read). */
  private CustomerRecords recordsOf(Actor actor) {
    return CustomerRecords.of(crm(), actor);
  }

  @Test
  default void anotherTenantsRecordsAreNotFoundByIdExactlyAsMissingOnes() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Crm crm = crm();

    assertThat(crm.leads().find(NORTH_ALICE, south.lead().id())).isEmpty();
    assertThat(crm.accounts().find(NORTH_ALICE, south.account().id())).isEmpty();
    assertThat(crm.contacts().find(NORTH_ALICE, south.contact().id())).isEmpty();
    assertThat(crm.opportunities().find(NORTH_ALICE, south.opportunity().id())).isEmpty();
    assertNotFound(id -> crm.leads().get(NORTH_ALICE, id), south.lead().id(), LeadId.of(UUID.randomUUID()));
    assertNotFound(id -> crm.accounts().get(NORTH_ALICE, id), south.account().id(), AccountId.of(UUID.randomUUID()));
    assertNotFound(id -> crm.contacts().get(NORTH_ALICE, id), south.contact().id(), ContactId.of(UUID.randomUUID()));
    assertNotFound(id -> crm.opportunities().get(NORTH_ALICE, id), south.opportunity().id(),
        OpportunityId.of(UUID.randomUUID()));
    assertNotFound(id -> crm.opportunities().prefillFromAccount(NORTH_ALICE, id), south.account().id(),
        AccountId.of(UUID.randomUUID()));
    assertNotFound(id -> crm.opportunities().prefillFromContact(NORTH_ALICE, id), south.contact().id(),
        ContactId.of(UUID.randomUUID()));

    assertThat(crm.leads().get(SOUTH_ALICE, south.lead().id()).snapshot()).isEqualTo(south.lead().snapshot());
    assertThat(crm.accounts().get(SOUTH_ALICE, south.account().id()).details().name()).isEqualTo("Initech");
  }

  @Test
  default void listsAndSearchesShowOnlyTheActingTenantsRecords() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Lead nora =
        crm().leads().create(NORTH_ALICE, CreateLead.of("Nora", "North", "Northwind", "nora@northwind.example"));
    Crm crm = crm();
    PageRequest page = PageRequest.first(50);

    assertThat(crm.leads().list(NORTH_ALICE, LeadQuery.all(), page).items()).extracting(Lead::id)
        .containsExactly(nora.id());
    assertThat(crm.leads().list(NORTH_ALICE, LeadQuery.all(), page).total()).isOne();
    assertThat(crm.leads().list(NORTH_ALICE,
        LeadQuery.all().withEmail(EmailAddress.of("michael@initech.example")), page).total()).isZero();
    assertThat(crm.leads().list(NORTH_ALICE, LeadQuery.all().withOwner(ALICE.userId()), page).total()).isOne();
    assertThat(crm.leads().list(NORTH_ALICE, LeadQuery.all().withConverted(true), page).total()).isZero();
    assertThat(crm.accounts().list(NORTH_ALICE, AccountQuery.all(), page).total()).isZero();
    assertThat(crm.accounts().list(NORTH_ALICE, AccountQuery.all().withNameContaining("Initech"), page).total())
        .isZero();
    assertThat(crm.contacts().list(NORTH_ALICE, ContactQuery.all(), page).total()).isZero();
    assertThat(crm.contacts().list(NORTH_ALICE,
        ContactQuery.all().withEmail(EmailAddress.of("peter@initech.example")), page).total()).isZero();
    assertThat(crm.contacts().list(NORTH_ALICE, ContactQuery.all().withAccount(south.account().id()), page).total())
        .isZero();
    assertThat(crm.opportunities().list(NORTH_ALICE, OpportunityQuery.all(), page).total()).isZero();
    assertThat(crm.opportunities().list(NORTH_ALICE, OpportunityQuery.all().withAccount(south.account().id()), page)
        .total()).isZero();
    assertThat(crm.opportunities().list(NORTH_ALICE, OpportunityQuery.all().withContact(south.contact().id()), page)
        .total()).isZero();
    assertThat(crm.opportunities().listSummaries(NORTH_ALICE, OpportunityQuery.all(), page).total()).isZero();

    // the south tenant sees its own records, and none of the north's
    assertThat(crm.leads().list(SOUTH_ALICE, LeadQuery.all(), page).items()).extracting(Lead::id)
        .containsExactlyInAnyOrder(south.lead().id(), south.convertedLead().id());
    assertThat(crm.accounts().list(SOUTH_ALICE, AccountQuery.all().withNameContaining("Initech"), page).total())
        .isOne();
    assertThat(crm.contacts().list(SOUTH_ALICE,
        ContactQuery.all().withEmail(EmailAddress.of("peter@initech.example")), page).total()).isOne();
    assertThat(crm.opportunities().list(SOUTH_ALICE, OpportunityQuery.all().withAccount(south.account().id()), page)
        .total()).isOne();
    assertThat(crm.leads().list(SOUTH_ALICE,
        LeadQuery.all().withEmail(EmailAddress.of("nora@northwind.example")), page).total()).isZero();
    // and so does the default tenant: nothing of either
    assertThat(crm.leads().list(ALICE, LeadQuery.all(), page).total()).isZero();
    assertThat(crm.accounts().list(ALICE, AccountQuery.all(), page).total()).isZero();
  }

  @Test
  default void changesAndDeletesOfAnotherTenantsRecordsFailAsForMissingOnesAndWriteNothing() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Crm crm = crm();
    Lead lead = south.lead();
    Account account = south.account();
    Contact contact = south.contact();
    Opportunity deal = south.opportunity();
    LeadId noLead = LeadId.of(UUID.randomUUID());
    AccountId noAccount = AccountId.of(UUID.randomUUID());
    ContactId noContact = ContactId.of(UUID.randomUUID());
    OpportunityId noDeal = OpportunityId.of(UUID.randomUUID());

    assertNotFound(id -> crm.leads().update(NORTH_ALICE, UpdateLead.of(id, lead.version()).lastName("Bolton II")),
        lead.id(), noLead);
    assertNotFound(id -> crm.leads().changeStatus(NORTH_ALICE, ChangeLeadStatus.of(id, lead.version(), "contacted")),
        lead.id(), noLead);
    assertNotFound(id -> run(() -> crm.leads().delete(NORTH_ALICE, id, null)), lead.id(), noLead);
    assertNotFound(id -> crm.accounts().update(NORTH_ALICE, UpdateAccount.of(id, account.version()).name("Initrode")),
        account.id(), noAccount);
    assertNotFound(id -> run(() -> crm.accounts().delete(NORTH_ALICE, id, null)), account.id(), noAccount);
    assertNotFound(id -> crm.contacts().update(NORTH_ALICE, UpdateContact.of(id, contact.version()).title("Boss")),
        contact.id(), noContact);
    assertNotFound(id -> run(() -> crm.contacts().delete(NORTH_ALICE, id, null)), contact.id(), noContact);
    assertNotFound(id -> crm.opportunities().update(NORTH_ALICE,
        UpdateOpportunity.of(id, deal.version()).name("Stolen")), deal.id(), noDeal);
    assertNotFound(id -> crm.opportunities().changeStage(NORTH_ALICE,
        ChangeStage.of(id, deal.version(), "negotiation")), deal.id(), noDeal);
    assertNotFound(id -> crm.opportunities().win(NORTH_ALICE, WinOpportunity.of(id, deal.version())), deal.id(),
        noDeal);
    assertNotFound(id -> run(() -> crm.opportunities().delete(NORTH_ALICE, id, null)), deal.id(), noDeal);
    assertNotFound(id -> crm.forecasts().splitEvenly(NORTH_ALICE, SplitForecast.ofAmount(id, APRIL, 1)), deal.id(),
        noDeal);
    assertNotFound(id -> crm.forecasts().clear(NORTH_ALICE, id, null), deal.id(), noDeal);
    assertNotFound(id -> crm.budgets().setMonths(NORTH_ALICE,
        SetBudgetMonths.of(id, List.of(BudgetLine.of(APRIL, eur("1.00"))))), account.id(), noAccount);
    assertNotFound(id -> crm.budgets().removeMonths(NORTH_ALICE, id, null, List.of(APRIL)), account.id(), noAccount);

    south.assertUnchanged(crm, SOUTH_ALICE);
  }

  @Test
  default void linksToAnotherTenantsAccountOrContactAreMissingLinks() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Crm crm = crm();
    Contact northContact = crm.contacts().create(NORTH_ALICE, CreateContact.named("Nora", "North"));
    Opportunity northDeal = crm.opportunities().create(NORTH_ALICE, CreateOpportunity.named("North deal"));
    Lead northLead = crm.leads().create(NORTH_ALICE, CreateLead.of("Ned", "North", "Northwind", "ned@nw.example"));
    AccountId noAccount = AccountId.of(UUID.randomUUID());
    ContactId noContact = ContactId.of(UUID.randomUUID());
    AccountId southAccount = south.account().id();
    ContactId southContact = south.contact().id();

    assertSameAsMissing(id -> crm.contacts().create(NORTH_ALICE, CreateContact.of(id, "Eve", "Spy", null)),
        southAccount, noAccount);
    assertSameAsMissing(id -> crm.contacts().update(NORTH_ALICE,
        UpdateContact.of(northContact.id(), northContact.version()).accountId(id)), southAccount, noAccount);
    assertSameAsMissing(id -> crm.opportunities().create(NORTH_ALICE, CreateOpportunity.named("Spy").accountId(id)),
        southAccount, noAccount);
    assertSameAsMissing(id -> crm.opportunities().create(NORTH_ALICE, CreateOpportunity.named("Spy").contactId(id)),
        southContact, noContact);
    assertSameAsMissing(id -> crm.opportunities().update(NORTH_ALICE,
        UpdateOpportunity.of(northDeal.id(), northDeal.version()).accountId(id)), southAccount, noAccount);
    Attempt linkAccount = assertSameAsMissing(id -> crm.conversions().convert(NORTH_ALICE,
        ConvertLead.of(northLead.id()).account(TargetChoice.link(id))), southAccount, noAccount);
    Attempt linkContact = assertSameAsMissing(id -> crm.conversions().convert(NORTH_ALICE,
        ConvertLead.of(northLead.id()).contact(TargetChoice.link(id))), southContact, noContact);
    assertSameAsMissing(id -> crm.conversions().preview(NORTH_ALICE,
        ConvertLead.of(northLead.id()).account(TargetChoice.link(id))), southAccount, noAccount);

    assertThat(linkAccount.outcome()).as("not converted").doesNotContain("Converted[");
    assertThat(linkContact.outcome()).as("not converted").doesNotContain("Converted[");
    assertThat(crm.leads().get(NORTH_ALICE, northLead.id()).isConverted()).isFalse();
    assertThat(crm.contacts().list(NORTH_ALICE, ContactQuery.all(), PageRequest.first(10)).items())
        .extracting(Contact::id).containsExactly(northContact.id());
    assertThat(crm.contacts().get(NORTH_ALICE, northContact.id()).accountId()).isEmpty();
    assertThat(crm.opportunities().list(NORTH_ALICE, OpportunityQuery.all(), PageRequest.first(10)).items())
        .extracting(Opportunity::id).containsExactly(northDeal.id());
    assertThat(crm.opportunities().get(NORTH_ALICE, northDeal.id()).accountId()).isEmpty();
    assertThat(crm.contacts().list(SOUTH_ALICE, ContactQuery.all().withAccount(southAccount), PageRequest.first(10))
        .total()).as("the south account gained no contact").isOne();
  }

  @Test
  default void aLeadOfAnotherTenantCannotBeConvertedPreviewedOrUndone() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Crm crm = crm();
    LeadId noLead = LeadId.of(UUID.randomUUID());

    assertNotFound(id -> crm.conversions().convert(NORTH_ALICE, ConvertLead.of(id)), south.lead().id(), noLead);
    assertNotFound(id -> crm.conversions().preview(NORTH_ALICE, ConvertLead.of(id)), south.lead().id(), noLead);
    assertNotFound(id -> crm.conversions().undo(NORTH_ALICE, id), south.convertedLead().id(), noLead);
    assertSameAsMissing(id -> crm.conversions().convertAll(NORTH_ALICE, List.of(id), "default").toString(),
        south.lead().id(), noLead);

    assertThat(crm.leads().get(SOUTH_ALICE, south.lead().id()).isConverted()).isFalse();
    assertThat(crm.leads().get(SOUTH_ALICE, south.convertedLead().id()).isConverted()).isTrue();
    assertThat(crm.accounts().list(NORTH_ALICE, AccountQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  @Test
  default void historyForecastsBudgetsCardsAndConversionRecordsOfAnotherTenantAreNotFound() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Crm crm = crm();
    OpportunityId deal = south.opportunity().id();
    AccountId account = south.account().id();
    LeadId converted = south.convertedLead().id();
    OpportunityId noDeal = OpportunityId.of(UUID.randomUUID());
    AccountId noAccount = AccountId.of(UUID.randomUUID());
    LeadId noLead = LeadId.of(UUID.randomUUID());

    assertFindsNothing(id -> crm.opportunities().history(NORTH_ALICE, id), deal, noDeal);
    assertFindsNothing(id -> crm.opportunities().historyCount(NORTH_ALICE, id), deal, noDeal);
    assertSameAsMissing(id -> crm.opportunities().timeInStage(NORTH_ALICE, id), deal, noDeal);
    assertNotFound(id -> crm.forecasts().get(NORTH_ALICE, id), deal, noDeal);
    assertFindsNothing(id -> crm.forecasts().history(NORTH_ALICE, id), deal, noDeal);
    assertNotFound(id -> crm.budgets().get(NORTH_ALICE, id), account, noAccount);
    assertNotFound(id -> crm.accountCards().card(NORTH_ALICE, id, APRIL, APRIL.plusMonths(2)), account, noAccount);
    assertFindsNothing(id -> crm.conversions().records(NORTH_ALICE, id), converted, noLead);
    assertFindsNothing(id -> crm.conversions().countRecords(NORTH_ALICE, id), converted, noLead);
    assertThat(crm.conversions().record(NORTH_ALICE, south.conversion())).isEmpty();

    // the south tenant reads them all
    assertThat(crm.opportunities().history(SOUTH_ALICE, deal)).hasSize(2);
    assertThat(crm.forecasts().get(SOUTH_ALICE, deal).lines()).hasSize(3);
    assertThat(crm.forecasts().history(SOUTH_ALICE, deal)).isNotEmpty();
    assertThat(crm.budgets().get(SOUTH_ALICE, account).months()).hasSize(1);
    assertThat(crm.accountCards().card(SOUTH_ALICE, account, APRIL, APRIL.plusMonths(2)).months()).hasSize(3);
    assertThat(crm.conversions().records(SOUTH_ALICE, converted)).hasSize(1);
    assertThat(crm.conversions().record(SOUTH_ALICE, south.conversion())).isPresent();
  }

  @Test
  default void duplicateCandidatesNeverComeFromAnotherTenant() {
    CustomerRecords south = recordsOf(SOUTH_ALICE);
    Crm crm = crm();
    // the same company and the same person as the south tenant's customer
    Lead lead = crm.leads().create(NORTH_ALICE,
        CreateLead.of("Peter", "Gibbons", "Initech", "peter@initech.example").website("https://initech.example"));

    ConversionPreview preview = crm.conversions().preview(NORTH_ALICE, ConvertLead.of(lead.id()));

    assertThat(preview.wouldConvert()).as("%s", preview).isTrue();
    assertThat(preview.target(ConversionTarget.ACCOUNT).orElseThrow().candidates()).isEmpty();
    assertThat(preview.target(ConversionTarget.ACCOUNT).orElseThrow().disposition()).isEqualTo(Disposition.CREATED);
    assertThat(preview.target(ConversionTarget.CONTACT).orElseThrow().candidates()).isEmpty();
    ConversionOutcome outcome = crm.conversions().convert(NORTH_ALICE,
        ConvertLead.of(lead.id()).account(TargetChoice.create()).contact(TargetChoice.create()));
    assertThat(outcome.isConverted()).as("%s", outcome).isTrue();
    ConversionOutcome.Converted converted = (ConversionOutcome.Converted) outcome;
    assertThat(converted.disposition(ConversionTarget.ACCOUNT)).isEqualTo(Disposition.CREATED);
    assertThat(converted.accountId()).isPresent().get().isNotEqualTo(south.account().id());
    assertThat(converted.contactId()).isPresent().get().isNotEqualTo(south.contact().id());
    assertThat(crm.accounts().list(SOUTH_ALICE, AccountQuery.all(), PageRequest.first(10)).total())
        .as("the south tenant's accounts: its customer and the one its own conversion created").isEqualTo(2);
  }

  /**
   * The account match claim (one account per normalised company name found free by a duplicate check) holds per
   * tenant: the same company converts with match-or-create in both tenants, each creating its own account, and a
   * second lead of the company then links its own tenant's account.
   */
  @Test
  default void theSameCompanyConvertsIndependentlyInEachTenant() {
    Crm crm = crm();
    Lead south = crm.leads().create(SOUTH_ALICE, CreateLead.of("Bill", "Lumbergh", "Initech", "bill@initech.example"));
    Lead north = crm.leads().create(NORTH_ALICE, CreateLead.of("Bill", "Lumbergh", "Initech", "bill@initech.example"));

    ConversionOutcome inSouth = crm.conversions().convert(SOUTH_ALICE, ConvertLead.of(south.id()));
    ConversionOutcome inNorth = crm.conversions().convert(NORTH_ALICE, ConvertLead.of(north.id()));

    assertThat(inSouth.isConverted()).as("%s", inSouth).isTrue();
    assertThat(inNorth.isConverted()).as("%s", inNorth).isTrue();
    AccountId southAccount = ((ConversionOutcome.Converted) inSouth).accountId().orElseThrow();
    AccountId northAccount = ((ConversionOutcome.Converted) inNorth).accountId().orElseThrow();
    assertThat(northAccount).isNotEqualTo(southAccount);
    assertThat(((ConversionOutcome.Converted) inNorth).disposition(ConversionTarget.ACCOUNT))
        .isEqualTo(Disposition.CREATED);

    for (Actor actor : List.of(NORTH_ALICE, SOUTH_ALICE)) {
      Lead second =
          crm.leads().create(actor, CreateLead.of("Milton", "Waddams", "INITECH Inc.", "milton@initech.example"));
      ConversionOutcome linked = crm.conversions().convert(actor, ConvertLead.of(second.id()));
      assertThat(linked.isConverted()).as("%s", linked).isTrue();
      assertThat(((ConversionOutcome.Converted) linked).accountId())
          .contains(actor == NORTH_ALICE ? northAccount : southAccount);
      assertThat(crm.accounts().list(actor, AccountQuery.all(), PageRequest.first(10)).total()).isOne();
    }
  }

  /**
   * Four match-or-create conversions of one company, two in each tenant, all planned before any commits: each tenant
   * ends with one account of the company (its second conversion conflicts on the tenant's match claim and its retry
   * links the first's account), and the tenants' accounts are two, one each.
   */
  @Test
  default void concurrentConversionsOfOneCompanyGiveEachTenantItsOneAccount() throws Exception {
    List<Actor> actors = List.of(NORTH_ALICE, NORTH_ALICE, SOUTH_ALICE, SOUTH_ALICE);
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < actors.size(); i++) {
      leads.add(crm().leads().create(actors.get(i), i % 2 == 0
          ? CreateLead.of("Peter", "Gibbons", "Initech", "peter@initech.example")
          : CreateLead.of("Michael", "Bolton", "INITECH Inc.", "michael@initech.example")));
    }
    CyclicBarrier allPlanned = new CyclicBarrier(actors.size());
    AtomicInteger accountSaves = new AtomicInteger();
    storage().beforeEach(op -> {
      if (op == FaultyStorage.Operation.SAVE_ACCOUNT && accountSaves.getAndIncrement() < actors.size()) {
        try {
          allPlanned.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("another conversion never reached its account save", e);
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(actors.size());
    List<ConversionOutcome> outcomes = new ArrayList<>();
    try {
      List<Future<ConversionOutcome>> runs = new ArrayList<>();
      for (int i = 0; i < actors.size(); i++) {
        Actor actor = actors.get(i);
        LeadId lead = leads.get(i).id();
        runs.add(pool.submit(() -> crm().conversions().convert(actor, ConvertLead.of(lead))));
      }
      for (Future<ConversionOutcome> run : runs) {
        outcomes.add(run.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      storage().reset();
    }

    assertThat(outcomes).allSatisfy(o -> assertThat(o.isConverted()).as("%s", o).isTrue());
    List<AccountId> accounts = outcomes.stream()
        .map(o -> ((ConversionOutcome.Converted) o).accountId().orElseThrow()).toList();
    assertThat(accounts.get(0)).as("north").isEqualTo(accounts.get(1));
    assertThat(accounts.get(2)).as("south").isEqualTo(accounts.get(3));
    assertThat(accounts.get(0)).isNotEqualTo(accounts.get(2));
    for (Actor actor : List.of(NORTH_ALICE, SOUTH_ALICE)) {
      assertThat(crm().accounts().list(actor, AccountQuery.all(), PageRequest.first(10)).total()).isOne();
    }
  }

  /**
   * Configuration per tenant: a host builds one Crm per tenant over the same storage, each serving its tenant only
   * ({@code onlyTenant}). Each tenant's pipeline and custom fields apply to its records only, and a Crm refuses an
   * actor of another tenant before reading or writing anything.
   */
  @Test
  default void oneCrmPerTenantOverOneStorageKeepsConfigurationsApart() {
    Crm north = crm(b -> b.onlyTenant(NORTH).pipeline(Pipeline.wholePipelineDefaults())
        .customFields(CustomFieldSchema.of(CustomFieldDefinition.text(RecordType.LEAD, "region", "Region")
            .asRequired())));
    Crm south = crm(b -> b.onlyTenant(SOUTH));

    Opportunity prospect = north.opportunities().create(NORTH_ALICE,
        CreateOpportunity.named("Early").stage("prospecting"));
    Lead northLead = north.leads().create(NORTH_ALICE, CreateLead.ofCompany("Northwind")
        .customFields(Map.of("region", CustomValue.text("EMEA"))));
    Lead southLead = south.leads().create(SOUTH_ALICE, CreateLead.ofCompany("Southwind"));

    assertThat(prospect.stage()).isEqualTo("prospecting");
    assertThatThrownBy(() -> south.opportunities().create(SOUTH_ALICE,
        CreateOpportunity.named("Early").stage("prospecting"))).isInstanceOf(CrmException.class)
        .hasMessageContaining("prospecting");
    assertThatThrownBy(() -> north.leads().create(NORTH_ALICE, CreateLead.ofCompany("No region")))
        .isInstanceOf(CrmException.class).hasMessageContaining("region");
    assertThatThrownBy(() -> south.leads().create(SOUTH_ALICE, CreateLead.ofCompany("Somewhere")
        .customFields(Map.of("region", CustomValue.text("EMEA"))))).isInstanceOf(CrmException.class)
        .hasMessageContaining("region");
    assertThatThrownBy(() -> north.leads().create(SOUTH_ALICE, CreateLead.ofCompany("Intruder")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> north.leads().list(SOUTH_ALICE, LeadQuery.all(), PageRequest.first(10)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> south.leads().get(NORTH_ALICE, northLead.id()))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(north.leads().list(NORTH_ALICE, LeadQuery.all(), PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactly(northLead.id());
    assertThat(south.leads().list(SOUTH_ALICE, LeadQuery.all(), PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactly(southLead.id());
    assertThat(north.opportunities().list(NORTH_ALICE, OpportunityQuery.all(), PageRequest.first(10)).total())
        .isOne();
    assertThat(south.opportunities().list(SOUTH_ALICE, OpportunityQuery.all(), PageRequest.first(10)).total())
        .isZero();
  }

  /** A workflow rule acts in the tenant of the change that triggered it: its conversion matches only that tenant. */
  @Test
  default void aWorkflowRuleActsInTheTenantOfItsTrigger() {
    Crm crm = crm(b -> b.conversionPolicies(WorkflowContract.AUTO).workflows(WorkflowRules.of(
        WorkflowContract.AUTO_CONVERT)));
    CustomerRecords south = CustomerRecords.of(crm, SOUTH_ALICE);
    Lead lead = crm.leads().create(NORTH_ALICE,
        CreateLead.of("Peter", "Gibbons", "Initech", "peter@initech.example").website("https://initech.example"));

    Lead qualified = crm.leads().changeStatus(NORTH_ALICE,
        ChangeLeadStatus.of(lead.id(), lead.version(), "qualified"));

    assertThat(qualified.isConverted()).isTrue();
    AccountId account = qualified.conversion().orElseThrow().accountId();
    assertThat(account).isNotEqualTo(south.account().id());
    assertThat(crm.accounts().get(NORTH_ALICE, account).details().name()).isEqualTo("Initech");
    assertThat(crm.conversions().records(NORTH_ALICE, lead.id())).singleElement()
        .satisfies(r -> assertThat(r.automatic()).isTrue());
    assertThat(crm.accounts().find(SOUTH_ALICE, account)).isEmpty();
    assertThat(crm.accounts().list(SOUTH_ALICE, AccountQuery.all(), PageRequest.first(10)).total())
        .as("the south tenant's customer and the account of its own conversion").isEqualTo(2);
    assertThat(crm.leads().find(SOUTH_ALICE, lead.id())).isEmpty();
  }

  /**
   * Two tenants whose hosts hand out the same ids (here: each Crm numbers its records from 1) never see or change
   * each other's records through them. A storage may keep ids unique per tenant (both records exist) or across
   * tenants (the second creation fails); either way the first tenant's record stays as it was and hidden.
   */
  @Test
  default void theSameIdInTwoTenantsNeverReachesTheOtherTenantsRecord() {
    Crm northCrm = crm(b -> b.idGenerator(IdGenerator.sequential()));
    Crm southCrm = crm(b -> b.idGenerator(IdGenerator.sequential()));
    Lead nora = northCrm.leads().create(NORTH_ALICE, CreateLead.of("Nora", "North", "Northwind", "nora@nw.example"));

    Attempt second = Attempt.of(() -> southCrm.leads().create(SOUTH_ALICE,
        CreateLead.of("Sam", "South", "Southwind", "sam@sw.example")));

    if (second.failed()) {
      assertThat(second.exception()).as("a refusal is a CrmException").isInstanceOf(CrmException.class);
      assertThat(southCrm.leads().find(SOUTH_ALICE, nora.id())).isEmpty();
    } else {
      Lead sam = southCrm.leads().get(SOUTH_ALICE, nora.id());
      assertThat(sam.details().lastName()).isEqualTo("South");
      assertThat(sam.version()).isOne();
    }
    assertThat(northCrm.leads().get(NORTH_ALICE, nora.id()).snapshot()).isEqualTo(nora.snapshot());
    assertThat(crm().leads().list(NORTH_ALICE, LeadQuery.all(), PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactly(nora.id());
  }

  /**
   * The unit of work port: a unit of work belongs to one tenant; a nested one of the same tenant joins it, one of
   * another tenant is refused, and one that names no tenant joins the current one (or, on its own, runs in the
   * default tenant).
   */
  @Test
  default void aUnitOfWorkSeesOneTenantAndRefusesToNestAnother() {
    crm().leads().create(NORTH_ALICE, CreateLead.of("Nora", "North", "Northwind", "nora@nw.example"));
    crm().leads().create(ALICE, CreateLead.of("Dee", "Default", "Defaultco", "dee@default.example"));
    UnitOfWork uow = storage().unitOfWork();
    Supplier<Long> leads = () -> storage().leads().find(LeadQuery.all(), Visibility.all(), PageRequest.first(10))
        .total();

    assertThat(uow.execute(NORTH, () -> uow.execute(NORTH, leads))).isOne();
    assertThat(uow.execute(NORTH, () -> uow.execute(leads))).as("joins the north unit of work").isOne();
    assertThat(uow.execute(SOUTH, leads)).isZero();
    assertThat(uow.execute(leads)).as("the default tenant").isOne();
    assertThat(uow.execute(TenantId.DEFAULT, leads)).isOne();
    assertThatThrownBy(() -> uow.execute(NORTH, () -> uow.execute(SOUTH, leads)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("north").hasMessageContaining("south");
  }
}
