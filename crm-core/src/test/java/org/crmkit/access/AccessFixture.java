package org.crmkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.contact.Contact;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;

/**
 * A small sales team under the {@link OwnerAccessPolicy}, over crm-core's own test storage: ann and bob sell, mia
 * manages ann, root administers the tenant. Each has records of their own.
 */
abstract class AccessFixture {
  static final Actor ANN = Actor.user("ann");
  static final Actor BOB = Actor.user("bob");
  static final Actor MIA = Actor.user("mia");
  static final Actor ROOT = Actor.user("root");

  /** ann reports to mia; root administers the default tenant. */
  static final TeamDirectory TEAMS = new TeamDirectory() {
    @Override
    public Set<UserId> teamOf(TenantId tenant, UserId manager) {
      return manager.equals(MIA.userId()) ? Set.of(ANN.userId()) : Set.of();
    }

    @Override
    public boolean isAdministrator(TenantId tenant, UserId user) {
      return user.equals(ROOT.userId());
    }
  };

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

  final MapStorage storage = new MapStorage();

  Crm crm(AccessPolicy policy) {
    return crm(b -> b.accessPolicy(policy));
  }

  Crm crm(UnaryOperator<Crm.Builder> configure) {
    return configure.apply(Crm.builder().storage(storage).clock(CLOCK)).build();
  }

  static Lead lead(Crm crm, Actor owner, String company) {
    return crm.leads().create(owner, CreateLead.of("Ada", "Lovelace", company, "ada@" + company.toLowerCase()
        .replaceAll("[^a-z]", "") + ".example").status("qualified"));
  }

  static Account account(Crm crm, Actor owner, String name) {
    return crm.accounts().create(owner, CreateAccount.named(name));
  }

  static Contact contact(Crm crm, Actor owner, Account account, String email) {
    return crm.contacts().create(owner, CreateContact.of(account.id(), "Wile", "Coyote", email));
  }

  static Opportunity opportunity(Crm crm, Actor owner, Account account) {
    return crm.opportunities().create(owner, CreateOpportunity.named("Deal of " + owner.userId().value())
        .accountId(account.id()).amount(Money.of("1000.00", "EUR")));
  }

  /**
   * Asserts that {@code hidden} fails exactly as {@code missing} does: a RecordNotFoundException whose message is
   * the same but for the id.
   */
  static void notFoundLikeAMissingId(ThrowingCallable hidden, UUID hiddenId, ThrowingCallable missing, UUID missingId) {
    Throwable forHidden = catchThrowable(hidden);
    Throwable forMissing = catchThrowable(missing);
    assertThat(forMissing).isInstanceOf(RecordNotFoundException.class);
    assertThat(forHidden).isInstanceOf(forMissing.getClass())
        .hasMessage(forMissing.getMessage().replace(missingId.toString(), hiddenId.toString()));
  }

  /** Asserts an AccessDeniedException that names no one's data but the actor's request. */
  static AccessDeniedException denied(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(AccessDeniedException.class);
    return (AccessDeniedException) thrown;
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
