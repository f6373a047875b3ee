package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Contract: accounts and contacts. */
public interface AccountContactContract extends ContractSupport {

  @Test
  default void createsAnAccountWithOnlyAName() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("  Acme Oy  "));
    Account stored = crm().accounts().get(ALICE, account.id());
    assertThat(stored.name()).isEqualTo("Acme Oy");
    assertThat(stored.owner()).isEqualTo(ALICE.userId());
    assertThat(stored.version()).isEqualTo(1);
  }

  @Test
  default void rejectsAnAccountWithoutAName() {
    assertThatThrownBy(() -> crm().accounts().create(ALICE, CreateAccount.named(" ")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field).contains("name"));
  }

  @Test
  default void updatesAnAccountAndDetectsAStaleVersion() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Acme").industry("Retail"));
    Account updated = crm().accounts().update(ALICE, UpdateAccount.of(account.id(), 1L).owner(BOB.userId())
        .name("Acme Oy").website("https://acme.example").industry("Wholesale").email("info@acme.example")
        .city("Helsinki").country("FI").segments(Map.of("region", "nordics")));

    assertThat(updated.version()).isEqualTo(2);
    Account stored = crm().accounts().get(ALICE, account.id());
    assertThat(stored.details().industry()).isEqualTo("Wholesale");
    assertThat(stored.details().email()).isEqualTo(EmailAddress.of("info@acme.example"));
    assertThat(stored.segments().values()).containsEntry("region", "nordics");
    assertThat(stored.owner()).isEqualTo(BOB.userId());
    assertThatThrownBy(() -> crm().accounts().update(ALICE, UpdateAccount.of(account.id(), 1L).name("Stale")))
        .isInstanceOf(ConflictException.class);
    assertThat(crm().accounts().get(ALICE, account.id()).name()).isEqualTo("Acme Oy");
  }

  @Test
  default void findsAccountsByNameIgnoringCase() {
    crm().accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    clock().advance(Duration.ofSeconds(1));
    crm().accounts().create(BOB, CreateAccount.named("Globex"));

    assertThat(crm().accounts().list(ALICE, AccountQuery.all().withNameContaining("ACME"), PageRequest.first(10))
            .items())
        .extracting(Account::name).containsExactly("Acme Oy");
    assertThat(crm().accounts().list(ALICE, AccountQuery.all().withOwner(BOB.userId()), PageRequest.first(10))
            .items())
        .extracting(Account::name).containsExactly("Globex");
  }

  @Test
  default void refusesToDeleteAnAccountThatStillHasContactsOrOpportunities() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Contact contact = crm().contacts().create(ALICE, CreateContact.of(account.id(), "Wile", "Coyote", null));

    assertThatThrownBy(() -> crm().accounts().delete(ALICE, account.id(), null))
        .isInstanceOf(RuleViolationException.class)
        .hasMessageContaining("1 contact(s)");
    assertThat(crm().accounts().find(ALICE, account.id())).isPresent();

    crm().contacts().delete(ALICE, contact.id(), null);
    crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets").accountId(account.id()));
    assertThatThrownBy(() -> crm().accounts().delete(ALICE, account.id(), null))
        .isInstanceOf(RuleViolationException.class)
        .hasMessageContaining("1 opportunity(ies)");
  }

  @Test
  default void deletesAnUnreferencedAccount() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    crm().accounts().delete(ALICE, account.id(), 1L);
    assertThat(crm().accounts().find(ALICE, account.id())).isEmpty();
  }

  @Test
  default void createsAContactAtAnAccount() {
    Account account = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Contact contact = crm().contacts().create(ALICE,
        CreateContact.of(account.id(), "Wile E.", "Coyote", "Wile@Acme.Example").title("Genius"));

    Contact stored = crm().contacts().get(ALICE, contact.id());
    assertThat(stored.accountId()).contains(account.id());
    assertThat(stored.details().displayName()).isEqualTo("Wile E. Coyote");
    assertThat(stored.details().email().value()).isEqualTo("Wile@acme.example");
    assertThat(stored.details().title()).isEqualTo("Genius");
    assertThat(crm().contacts().list(ALICE, ContactQuery.all().withAccount(account.id()), PageRequest.first(5)).items())
        .extracting(Contact::id).containsExactly(contact.id());
    assertThat(crm().contacts().list(ALICE, ContactQuery.all().withEmail(EmailAddress.of("wile@ACME.example")),
            PageRequest.first(5)).items())
        .extracting(Contact::id).containsExactly(contact.id());
  }

  @Test
  default void rejectsAContactWithoutALastNameOrWithAnUnknownAccount() {
    assertThatThrownBy(() -> crm().contacts().create(ALICE, CreateContact.of(null, "Wile", "", null)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .contains("lastName"));
    AccountId unknown = AccountId.parse("00000000-0000-0000-0000-0000000000aa");
    assertThatThrownBy(() -> crm().contacts().create(ALICE, CreateContact.of(unknown, "Wile", "Coyote", null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("accountId");
    assertThat(crm().contacts().list(ALICE, ContactQuery.all(), PageRequest.first(5)).total()).isZero();
  }

  @Test
  default void contactAndAccountUpdatesChangeOnlyTheFieldsTheyName() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme").industry("Retail").city("Oulu"));
    Contact wile = crm().contacts().create(ALICE, CreateContact.of(acme.id(), "Wile", "Coyote", "wile@acme.example")
        .title("Genius").phone("+358 1"));

    crm().accounts().update(ALICE, UpdateAccount.of(acme.id(), acme.version()).clearCity());
    Contact retitled = crm().contacts().update(ALICE, UpdateContact.of(wile.id(), wile.version()).title("CEO"));

    Account storedAccount = crm().accounts().get(ALICE, acme.id());
    assertThat(storedAccount.details().city()).isNull();
    assertThat(storedAccount.details().industry()).isEqualTo("Retail");
    assertThat(storedAccount.name()).isEqualTo("Acme");
    assertThat(retitled.details().title()).isEqualTo("CEO");
    assertThat(retitled.details().phone()).isEqualTo("+358 1");
    assertThat(retitled.accountId()).as("the link stays unless named").contains(acme.id());

    Contact unlinked = crm().contacts().update(ALICE, UpdateContact.of(wile.id(), retitled.version()).clearAccountId());
    assertThat(unlinked.accountId()).isEmpty();
    assertThat(crm().contacts().get(ALICE, wile.id()).details().title()).isEqualTo("CEO");
  }

  @Test
  default void movesAContactToAnotherAccount() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Account globex = crm().accounts().create(ALICE, CreateAccount.named("Globex"));
    Contact contact = crm().contacts().create(ALICE, CreateContact.of(acme.id(), "Wile", "Coyote", null));

    crm().contacts().update(ALICE, UpdateContact.of(contact.id(), 1L).accountId(globex.id()));

    assertThat(crm().contacts().get(ALICE, contact.id()).accountId()).contains(globex.id());
    assertThat(storage().unitOfWork().execute(() -> storage().contacts().countByAccount(acme.id()))).isZero();
  }

  @Test
  default void refusesToDeleteAContactLinkedToAnOpportunity() {
    Account acme = crm().accounts().create(ALICE, CreateAccount.named("Acme"));
    Contact contact = crm().contacts().create(ALICE, CreateContact.of(acme.id(), "Wile", "Coyote", null));
    crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets").accountId(acme.id()).contactId(contact.id()));

    assertThatThrownBy(() -> crm().contacts().delete(ALICE, contact.id(), null))
        .isInstanceOf(RuleViolationException.class);
    assertThat(crm().contacts().find(ALICE, contact.id())).isPresent();
  }

  @Test
  default void reportsMissingAccountsAndContacts() {
    assertThatThrownBy(() -> crm().accounts().get(ALICE, AccountId.parse("00000000-0000-0000-0000-000000000001")))
        .isInstanceOf(RecordNotFoundException.class);
    assertThatThrownBy(() -> crm().contacts().delete(ALICE,
            org.crmkit.shared.ContactId.parse("00000000-0000-0000-0000-000000000001"), null))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  default void findsAccountsByIdsInOneCall() {
    Account a = crm().accounts().create(ALICE, CreateAccount.named("A"));
    Account b = crm().accounts().create(ALICE, CreateAccount.named("B"));
    crm().accounts().create(ALICE, CreateAccount.named("C"));

    var found = storage().unitOfWork().execute(() -> storage().accounts().findAllById(java.util.List.of(a.id(), b.id(),
        AccountId.parse("00000000-0000-0000-0000-000000000009"))));
    assertThat(found).extracting(Account::name).containsExactlyInAnyOrder("A", "B");
  }
}
