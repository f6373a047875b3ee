package org.crmkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.SetBudgetMonths;
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
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;
import org.junit.jupiter.api.Test;

/** Every use case asks the {@link OwnerAccessPolicy}: hidden records are not found, refused operations write nothing. */
class OwnerAccessPolicyUseCasesTest extends AccessFixture {
  private final Crm crm = crm(OwnerAccessPolicy.over(TEAMS));
  private final UUID missing = UUID.fromString("00000000-0000-4000-8000-000000000042");

  @Test
  void theOwnerPolicyLetsUsersSeeTheirOwnManagersTheirTeamsAndAdministratorsEverything() {
    OwnerAccessPolicy policy = OwnerAccessPolicy.over(TEAMS);

    assertThat(policy.visibility(ANN, RecordType.LEAD)).isEqualTo(Visibility.ownedBy(ANN.userId()));
    assertThat(policy.visibility(MIA, RecordType.LEAD))
        .isEqualTo(Visibility.ownedBy(List.of(MIA.userId(), ANN.userId())));
    assertThat(policy.visibility(ROOT, RecordType.LEAD)).isEqualTo(Visibility.all());
    assertThat(policy.permits(ANN, Operation.CHANGE, RecordType.LEAD, ANN.userId())).isTrue();
    assertThat(policy.permits(ANN, Operation.CHANGE, RecordType.LEAD, BOB.userId())).isFalse();
    assertThat(policy.permits(MIA, Operation.DELETE, RecordType.LEAD, ANN.userId())).isTrue();
    assertThat(policy.managersOnlyRead().permits(MIA, Operation.DELETE, RecordType.LEAD, ANN.userId())).isFalse();
    assertThat(policy.permits(ROOT, Operation.ASSIGN, RecordType.LEAD, BOB.userId())).isTrue();
  }

  @Test
  void listsShowOwnRecordsToUsersTeamRecordsToManagersAndEverythingToAdministrators() {
    lead(crm, ANN, "Ann Co");
    lead(crm, BOB, "Bob Co");
    lead(crm, MIA, "Mia Co");

    assertThat(companies(ANN)).containsExactly("Ann Co");
    assertThat(companies(BOB)).containsExactly("Bob Co");
    assertThat(companies(MIA)).containsExactlyInAnyOrder("Ann Co", "Mia Co");
    assertThat(companies(ROOT)).containsExactlyInAnyOrder("Ann Co", "Bob Co", "Mia Co");
    assertThat(crm.leads().list(MIA, LeadQuery.all(), PageRequest.first(10)).total()).isEqualTo(2);
  }

  private List<String> companies(org.crmkit.shared.Actor actor) {
    return crm.leads().list(actor, LeadQuery.all(), PageRequest.first(10)).items().stream()
        .map(l -> l.details().company()).toList();
  }

  @Test
  void aLeadTheActorMayNotSeeIsNotFoundByEveryLeadUseCaseExactlyLikeAMissingId() {
    Lead hidden = lead(crm, BOB, "Bob Co");
    UUID id = hidden.id().value();
    LeadId none = LeadId.of(missing);
    long writes = storage.writes();

    assertThat(crm.leads().find(ANN, hidden.id())).isEmpty();
    notFoundLikeAMissingId(() -> crm.leads().get(ANN, hidden.id()), id, () -> crm.leads().get(ANN, none), missing);
    notFoundLikeAMissingId(() -> crm.leads().update(ANN, UpdateLead.of(hidden.id(), 1).company("x")), id,
        () -> crm.leads().update(ANN, UpdateLead.of(none, 1).company("x")), missing);
    notFoundLikeAMissingId(() -> crm.leads().changeStatus(ANN, ChangeLeadStatus.of(hidden.id(), 1, "contacted")), id,
        () -> crm.leads().changeStatus(ANN, ChangeLeadStatus.of(none, 1, "contacted")), missing);
    notFoundLikeAMissingId(() -> crm.leads().delete(ANN, hidden.id(), 1L), id,
        () -> crm.leads().delete(ANN, none, 1L), missing);
    notFoundLikeAMissingId(() -> crm.conversions().convert(ANN, ConvertLead.of(hidden.id())), id,
        () -> crm.conversions().convert(ANN, ConvertLead.of(none)), missing);
    notFoundLikeAMissingId(() -> crm.conversions().preview(ANN, ConvertLead.of(hidden.id())), id,
        () -> crm.conversions().preview(ANN, ConvertLead.of(none)), missing);
    notFoundLikeAMissingId(() -> crm.conversions().undo(ANN, hidden.id()), id,
        () -> crm.conversions().undo(ANN, none), missing);
    assertThat(storage.writes()).isEqualTo(writes);
    assertThat(crm.leads().get(BOB, hidden.id()).snapshot()).isEqualTo(hidden.snapshot());
  }

  @Test
  void accountsContactsAndTheirChildrenTheActorMayNotSeeAreNotFoundExactlyLikeMissingIds() {
    Account hidden = account(crm, BOB, "Bob Oy");
    Contact hiddenContact = contact(crm, BOB, hidden, "wile@bob.example");
    UUID id = hidden.id().value();
    UUID contactId = hiddenContact.id().value();
    AccountId none = AccountId.of(missing);
    ContactId noContact = ContactId.of(missing);
    YearMonth april = YearMonth.of(2026, 4);
    long writes = storage.writes();

    assertThat(crm.accounts().find(ANN, hidden.id())).isEmpty();
    assertThat(crm.contacts().find(ANN, hiddenContact.id())).isEmpty();
    notFoundLikeAMissingId(() -> crm.accounts().update(ANN, UpdateAccount.of(hidden.id(), 1).city("Oulu")), id,
        () -> crm.accounts().update(ANN, UpdateAccount.of(none, 1).city("Oulu")), missing);
    notFoundLikeAMissingId(() -> crm.accounts().delete(ANN, hidden.id(), null), id,
        () -> crm.accounts().delete(ANN, none, null), missing);
    notFoundLikeAMissingId(() -> crm.contacts().update(ANN, UpdateContact.of(hiddenContact.id(), 1).title("CEO")),
        contactId, () -> crm.contacts().update(ANN, UpdateContact.of(noContact, 1).title("CEO")), missing);
    notFoundLikeAMissingId(() -> crm.contacts().delete(ANN, hiddenContact.id(), null), contactId,
        () -> crm.contacts().delete(ANN, noContact, null), missing);
    notFoundLikeAMissingId(() -> crm.budgets().get(ANN, hidden.id()), id, () -> crm.budgets().get(ANN, none), missing);
    notFoundLikeAMissingId(() -> crm.budgets().setMonths(ANN, SetBudgetMonths.of(hidden.id(),
        List.of(BudgetLine.of(april, Money.of("10.00", "EUR"))))), id,
        () -> crm.budgets().setMonths(ANN, SetBudgetMonths.of(none,
            List.of(BudgetLine.of(april, Money.of("10.00", "EUR"))))), missing);
    notFoundLikeAMissingId(() -> crm.accountCards().card(ANN, hidden.id(), april, april), id,
        () -> crm.accountCards().card(ANN, none, april, april), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().prefillFromAccount(ANN, hidden.id()), id,
        () -> crm.opportunities().prefillFromAccount(ANN, none), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().prefillFromContact(ANN, hiddenContact.id()), contactId,
        () -> crm.opportunities().prefillFromContact(ANN, noContact), missing);
    assertThat(storage.writes()).isEqualTo(writes);
  }

  @Test
  void anOpportunityTheActorMayNotSeeIsNotFoundWithItsForecastAndItsHistoryIsEmpty() {
    Opportunity hidden = opportunity(crm, BOB, account(crm, BOB, "Bob Oy"));
    UUID id = hidden.id().value();
    OpportunityId none = OpportunityId.of(missing);
    YearMonth april = YearMonth.of(2026, 4);
    long writes = storage.writes();

    assertThat(crm.opportunities().find(ANN, hidden.id())).isEmpty();
    notFoundLikeAMissingId(() -> crm.opportunities().update(ANN, UpdateOpportunity.of(hidden.id(), 1).name("x")), id,
        () -> crm.opportunities().update(ANN, UpdateOpportunity.of(none, 1).name("x")), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().changeStage(ANN, ChangeStage.of(hidden.id(), 1, "proposal")),
        id, () -> crm.opportunities().changeStage(ANN, ChangeStage.of(none, 1, "proposal")), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().win(ANN, WinOpportunity.of(hidden.id(), 1)), id,
        () -> crm.opportunities().win(ANN, WinOpportunity.of(none, 1)), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().lose(ANN, LoseOpportunity.of(hidden.id(), 1)), id,
        () -> crm.opportunities().lose(ANN, LoseOpportunity.of(none, 1)), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().reopen(ANN, ReopenOpportunity.of(hidden.id(), 1, "proposal")),
        id, () -> crm.opportunities().reopen(ANN, ReopenOpportunity.of(none, 1, "proposal")), missing);
    notFoundLikeAMissingId(() -> crm.opportunities().delete(ANN, hidden.id(), null), id,
        () -> crm.opportunities().delete(ANN, none, null), missing);
    notFoundLikeAMissingId(() -> crm.forecasts().get(ANN, hidden.id()), id,
        () -> crm.forecasts().get(ANN, none), missing);
    notFoundLikeAMissingId(() -> crm.forecasts().editLine(ANN, EditForecastLine.of(hidden.id(), april,
        Money.of("10.00", "EUR"))), id,
        () -> crm.forecasts().editLine(ANN, EditForecastLine.of(none, april, Money.of("10.00", "EUR"))), missing);
    notFoundLikeAMissingId(() -> crm.forecasts().clear(ANN, hidden.id(), null), id,
        () -> crm.forecasts().clear(ANN, none, null), missing);
    assertThat(crm.opportunities().history(ANN, hidden.id())).isEqualTo(crm.opportunities().history(ANN, none))
        .isEmpty();
    assertThat(crm.opportunities().historyCount(ANN, hidden.id())).isZero();
    assertThat(crm.opportunities().timeInStage(ANN, hidden.id())).isEmpty();
    assertThat(crm.forecasts().history(ANN, hidden.id())).isEmpty();
    assertThat(crm.opportunities().history(BOB, hidden.id())).hasSize(1);
    assertThat(storage.writes()).isEqualTo(writes);
  }

  @Test
  void aRecordTheActorSeesButMayNotChangeIsAccessDeniedAndNothingIsWritten() {
    Crm readOnlyManagers = crm(OwnerAccessPolicy.over(TEAMS).managersOnlyRead());
    Lead lead = lead(readOnlyManagers, ANN, "Ann Co");
    Account account = account(readOnlyManagers, ANN, "Ann Oy");
    Contact contact = contact(readOnlyManagers, ANN, account, "wile@ann.example");
    Opportunity deal = opportunity(readOnlyManagers, ANN, account);
    YearMonth april = YearMonth.of(2026, 4);
    long writes = storage.writes();

    assertThat(readOnlyManagers.leads().get(MIA, lead.id()).snapshot()).isEqualTo(lead.snapshot());
    AccessDeniedException e = denied(() -> readOnlyManagers.leads().update(MIA,
        UpdateLead.of(lead.id(), lead.version()).company("Mia's now")));
    assertThat(e.actor()).isEqualTo(MIA);
    assertThat(e.getMessage()).contains("mia may not change Lead " + lead.id()).doesNotContain("Ann Co");
    denied(() -> readOnlyManagers.leads().changeStatus(MIA, ChangeLeadStatus.of(lead.id(), 1, "contacted")));
    denied(() -> readOnlyManagers.leads().delete(MIA, lead.id(), null));
    denied(() -> readOnlyManagers.accounts().update(MIA, UpdateAccount.of(account.id(), 1).city("Oulu")));
    denied(() -> readOnlyManagers.accounts().delete(MIA, account.id(), null));
    denied(() -> readOnlyManagers.contacts().update(MIA, UpdateContact.of(contact.id(), 1).title("CEO")));
    denied(() -> readOnlyManagers.contacts().delete(MIA, contact.id(), null));
    denied(() -> readOnlyManagers.opportunities().update(MIA, UpdateOpportunity.of(deal.id(), 1).name("x")));
    assertThat(denied(() -> readOnlyManagers.opportunities().changeStage(MIA,
        ChangeStage.of(deal.id(), 1, "proposal"))).operation()).startsWith("change the stage of Opportunity");
    denied(() -> readOnlyManagers.opportunities().win(MIA, WinOpportunity.of(deal.id(), 1)));
    denied(() -> readOnlyManagers.opportunities().lose(MIA, LoseOpportunity.of(deal.id(), 1)));
    denied(() -> readOnlyManagers.opportunities().delete(MIA, deal.id(), null));
    assertThat(denied(() -> readOnlyManagers.forecasts().editLine(MIA,
        EditForecastLine.of(deal.id(), april, Money.of("10.00", "EUR")))).operation())
        .startsWith("edit the billing forecast of Opportunity");
    denied(() -> readOnlyManagers.forecasts().clear(MIA, deal.id(), null));
    assertThat(denied(() -> readOnlyManagers.budgets().setMonths(MIA, SetBudgetMonths.of(account.id(),
        List.of(BudgetLine.of(april, Money.of("10.00", "EUR")))))).operation())
        .startsWith("edit the budget of Account");
    denied(() -> readOnlyManagers.budgets().removeMonths(MIA, account.id(), null, List.of(april)));
    assertThat(denied(() -> readOnlyManagers.conversions().convert(MIA, ConvertLead.of(lead.id()))).operation())
        .startsWith("convert Lead");
    denied(() -> readOnlyManagers.conversions().preview(MIA, ConvertLead.of(lead.id())));
    assertThat(readOnlyManagers.conversions().convertAll(MIA, List.of(lead.id()), null).items()).singleElement()
        .satisfies(item -> assertThat(item.error()).containsInstanceOf(AccessDeniedException.class));

    assertThat(storage.writes()).isEqualTo(writes);
    assertThat(readOnlyManagers.leads().get(ANN, lead.id()).version()).isEqualTo(lead.version());
    assertThat(readOnlyManagers.forecasts().get(ANN, deal.id()).version()).isZero();
  }

  @Test
  void aManagerWhoMayChangeTeamRecordsChangesThemAndAnAdministratorChangesAnything() {
    Lead lead = lead(crm, ANN, "Ann Co");

    Lead changed = crm.leads().update(MIA, UpdateLead.of(lead.id(), lead.version()).company("Ann & Mia Co"));
    Lead again = crm.leads().update(ROOT, UpdateLead.of(changed.id(), changed.version()).company("Root Co"));

    assertThat(again.details().company()).isEqualTo("Root Co");
    assertThatThrownBy(() -> crm.leads().update(BOB, UpdateLead.of(lead.id(), again.version()).company("x")))
        .as("bob does not even see it").isInstanceOf(org.crmkit.shared.RecordNotFoundException.class);
  }

  @Test
  void givingARecordToAnotherOwnerNeedsAssignForTheNewOwner() {
    Lead lead = lead(crm, ANN, "Ann Co");
    long writes = storage.writes();

    AccessDeniedException e = denied(() -> crm.leads().update(ANN,
        UpdateLead.of(lead.id(), lead.version()).owner(BOB.userId())));
    assertThat(e.operation()).isEqualTo("give to another owner Lead " + lead.id() + " to bob");
    assertThat(storage.writes()).isEqualTo(writes);

    Lead toMia = crm.leads().update(MIA, UpdateLead.of(lead.id(), lead.version()).owner(MIA.userId()));
    assertThat(toMia.owner()).isEqualTo(MIA.userId());
    Lead toBob = crm.leads().update(ROOT, UpdateLead.of(lead.id(), toMia.version()).owner(BOB.userId()));
    assertThat(toBob.owner()).isEqualTo(BOB.userId());
    assertThat(crm.leads().find(ANN, lead.id())).as("ann no longer sees the lead she gave away").isEmpty();
  }

  @Test
  void theRecordingPolicyIsAskedCreateForTheNewOwnerAndAssignForTheNextOne() {
    RecordingPolicy policy = new RecordingPolicy();
    Crm recorded = crm(policy);

    Account account = recorded.accounts().create(ANN, org.crmkit.application.CreateAccount.named("Acme")
        .owner(BOB.userId()));
    recorded.accounts().update(ANN, UpdateAccount.of(account.id(), account.version()).owner(MIA.userId()));

    assertThat(policy.asked).containsExactly(
        "CREATE ACCOUNT bob", "CHANGE ACCOUNT bob", "ASSIGN ACCOUNT mia");
  }

  @Test
  void creatingARecordForAnOwnerTheActorMayNotServeIsAccessDenied() {
    long writes = storage.writes();

    AccessDeniedException e = denied(() -> crm.leads().create(ANN,
        CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example").owner(BOB.userId())));

    assertThat(e.operation()).isEqualTo("create a Lead owned by bob");
    assertThat(storage.writes()).isEqualTo(writes);
    assertThat(crm.leads().create(MIA, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example")
        .owner(ANN.userId())).owner()).isEqualTo(ANN.userId());
  }

  @Test
  void aLinkToARecordTheActorMayNotSeeIsRefusedLikeAMissingLink() {
    Account hidden = account(crm, BOB, "Bob Oy");
    Contact hiddenContact = contact(crm, BOB, hidden, "wile@bob.example");
    Account own = account(crm, ANN, "Ann Oy");
    Contact ownContact = contact(crm, ANN, own, "road@ann.example");
    long writes = storage.writes();

    linkRefusedLikeMissing(() -> crm.contacts().create(ANN, CreateContact.of(hidden.id(), "A", "B", null)),
        () -> crm.contacts().create(ANN, CreateContact.of(AccountId.of(missing), "A", "B", null)), hidden.id());
    linkRefusedLikeMissing(() -> crm.contacts().update(ANN, UpdateContact.of(ownContact.id(), 1).accountId(hidden.id())),
        () -> crm.contacts().update(ANN, UpdateContact.of(ownContact.id(), 1).accountId(AccountId.of(missing))),
        hidden.id());
    linkRefusedLikeMissing(() -> crm.opportunities().create(ANN, CreateOpportunity.named("x").accountId(hidden.id())),
        () -> crm.opportunities().create(ANN, CreateOpportunity.named("x").accountId(AccountId.of(missing))),
        hidden.id());
    linkRefusedLikeMissing(() -> crm.opportunities().create(ANN,
            CreateOpportunity.named("x").contactId(hiddenContact.id())),
        () -> crm.opportunities().create(ANN, CreateOpportunity.named("x").contactId(ContactId.of(missing))),
        hiddenContact.id());
    assertThat(storage.writes()).isEqualTo(writes);
  }

  private void linkRefusedLikeMissing(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable hidden,
      org.assertj.core.api.ThrowableAssert.ThrowingCallable absent, Object hiddenId) {
    Throwable forMissing = org.assertj.core.api.Assertions.catchThrowable(absent);
    assertThat(forMissing).isInstanceOf(ValidationException.class);
    assertThatThrownBy(hidden).isInstanceOf(ValidationException.class)
        .hasMessage(forMissing.getMessage().replace(missing.toString(), hiddenId.toString()));
  }

  @Test
  void conversionOffersNoDuplicateCandidateTheActorMayNotSeeAndCannotLinkOneById() {
    Account bobs = account(crm, BOB, "Acme Oy");
    contact(crm, BOB, bobs, "ada@acme.example");
    Lead lead = lead(crm, ANN, "Acme");

    ConversionPreview asRoot = crm.conversions().preview(ROOT, ConvertLead.of(lead.id()));
    ConversionPreview asAnn = crm.conversions().preview(ANN, ConvertLead.of(lead.id()));

    assertThat(asRoot.target(ConversionTarget.ACCOUNT).orElseThrow().candidates()).extracting(DuplicateCandidate::id)
        .containsExactly(bobs.id());
    assertThat(asRoot.target(ConversionTarget.CONTACT).orElseThrow().candidates()).isNotEmpty();
    assertThat(asAnn.target(ConversionTarget.ACCOUNT).orElseThrow().candidates()).isEmpty();
    assertThat(asAnn.target(ConversionTarget.CONTACT).orElseThrow().candidates()).isEmpty();
    assertThat(asAnn.problems()).isEmpty();
    long writes = storage.writes();
    notFoundLikeAMissingId(
        () -> crm.conversions().convert(ANN, ConvertLead.of(lead.id()).account(TargetChoice.link(bobs.id()))),
        bobs.id().value(),
        () -> crm.conversions().convert(ANN, ConvertLead.of(lead.id())
            .account(TargetChoice.link(AccountId.of(missing)))), missing);
    assertThat(storage.writes()).isEqualTo(writes);

    ConversionOutcome converted = crm.conversions().convert(ANN, ConvertLead.of(lead.id()).allowingDuplicates());
    assertThat(converted).isInstanceOf(ConversionOutcome.Converted.class);
    assertThat(crm.accounts().list(ANN, AccountQuery.all(), PageRequest.first(10)).items())
        .extracting(Account::owner).containsOnly(ANN.userId());
    assertThat(crm.conversions().records(ANN, lead.id())).hasSize(1);
    assertThat(crm.conversions().records(BOB, lead.id())).isEmpty();
    assertThat(crm.conversions().countRecords(BOB, lead.id())).isZero();
    var record = crm.conversions().records(ANN, lead.id()).get(0);
    assertThat(crm.conversions().record(ANN, record.id())).contains(record);
    assertThat(crm.conversions().record(BOB, record.id())).isEmpty();
  }

  @Test
  void undoAsksConvertOnTheLead() {
    Crm readOnlyManagers = crm(OwnerAccessPolicy.over(TEAMS).managersOnlyRead());
    Lead lead = lead(readOnlyManagers, ANN, "Ann Co");
    readOnlyManagers.conversions().convert(ANN, ConvertLead.of(lead.id()));
    long writes = storage.writes();

    denied(() -> readOnlyManagers.conversions().undo(MIA, lead.id()));
    assertThat(storage.writes()).isEqualTo(writes);
    assertThat(readOnlyManagers.conversions().undo(ANN, lead.id()))
        .isInstanceOf(org.crmkit.conversion.UndoOutcome.Undone.class);
  }

  @Test
  void theAccountCardCountsOnlyOpportunitiesTheActorMaySee() {
    Account account = account(crm, ANN, "Ann Oy");
    Opportunity annsDeal = opportunity(crm, ANN, account);
    Opportunity bobsDeal = crm.opportunities().create(ROOT, CreateOpportunity.named("Bob's deal")
        .owner(BOB.userId()).accountId(account.id()).amount(Money.of("5000.00", "EUR")));
    crm.opportunities().win(ANN, WinOpportunity.of(annsDeal.id(), annsDeal.version()));
    crm.opportunities().win(ROOT, WinOpportunity.of(bobsDeal.id(), bobsDeal.version()));
    YearMonth march = YearMonth.of(2026, 3);

    assertThat(crm.accountCards().card(ANN, account.id(), march, march).months().get(0).won())
        .isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(crm.accountCards().card(ROOT, account.id(), march, march).months().get(0).won())
        .isEqualTo(Money.of("6000.00", "EUR"));
  }

  @Test
  void prefillFromAContactLeavesOutAnAccountTheActorMayNotSee() {
    Account bobs = account(crm, BOB, "Bob Oy");
    Contact annsContact = crm.contacts().create(ROOT, CreateContact.of(bobs.id(), "Wile", "Coyote", null)
        .owner(ANN.userId()));

    CreateOpportunity prefilled = crm.opportunities().prefillFromContact(ANN, annsContact.id());

    assertThat(prefilled.accountId()).isNull();
    assertThat(prefilled.name()).doesNotContain("Bob Oy");
    assertThat(crm.contacts().list(ANN, ContactQuery.all(), PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void opportunityListsAndSummariesApplyTheVisibility() {
    Account account = account(crm, ROOT, "Shared Oy");
    crm.opportunities().create(ROOT, CreateOpportunity.named("a").owner(ANN.userId()).accountId(account.id()));
    crm.opportunities().create(ROOT, CreateOpportunity.named("b").owner(BOB.userId()).accountId(account.id()));

    assertThat(crm.opportunities().list(ANN, OpportunityQuery.all(), PageRequest.first(10)).items())
        .extracting(Opportunity::name).containsExactly("a");
    assertThat(crm.opportunities().listSummaries(MIA, OpportunityQuery.all(), PageRequest.first(10)).total())
        .isEqualTo(1);
    assertThat(crm.opportunities().listSummaries(ROOT, OpportunityQuery.all(), PageRequest.first(10)).total())
        .isEqualTo(2);
  }

  /** Permits everything and writes down what it was asked, as "OPERATION TYPE owner". */
  static final class RecordingPolicy implements AccessPolicy {
    final List<String> asked = new java.util.ArrayList<>();

    @Override
    public Visibility visibility(org.crmkit.shared.Actor actor, RecordType type) {
      return Visibility.all();
    }

    @Override
    public boolean permits(org.crmkit.shared.Actor actor, Operation operation, RecordType type, UserId owner) {
      asked.add(operation + " " + type + " " + owner.value());
      return true;
    }
  }
}
