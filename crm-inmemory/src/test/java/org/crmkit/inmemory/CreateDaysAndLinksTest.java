package org.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.crmkit.Crm;
import org.crmkit.access.AccessPolicy;
import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.shared.Visibility;
import org.junit.jupiter.api.Test;

/**
 * The date a create takes as "today" (a won deal's close date) is the clock's date at every instant, across midnight
 * and on days whose offset changes (the use cases keep the day they answered last); an opportunity made for an
 * account (read once for its segments and its link check) is linked to it.
 */
class CreateDaysAndLinksTest {
  private static final Actor ALICE = Actor.user("alice");
  private static final Actor BOB = Actor.user("bob");

  /** A clock whose instant the test sets. */
  private static final class SetClock extends Clock {
    private final ZoneId zone;
    private Instant now;

    SetClock(ZoneId zone, Instant now) {
      this.zone = zone;
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new SetClock(other, now);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static LocalDate wonOn(Crm crm) {
    return crm.opportunities().create(ALICE, CreateOpportunity.named("Deal").stage("closed_won")).closeDate()
        .orElseThrow();
  }

  @Test
  void aWonDealCreatedAtAnyInstantClosesOnTheClocksDate() {
    ZoneId helsinki = ZoneId.of("Europe/Helsinki");
    // 2026-03-29: clocks go from 03:00 to 04:00; 2026-10-25: from 04:00 back to 03:00
    Instant[] instants = {
        LocalDateTime.parse("2026-03-28T23:59:59").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-29T00:00:00").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-29T02:59:59").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-29T04:00:00").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-29T23:59:59").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-30T00:00:00").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-30T12:00:00").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-30T23:59:59.999").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-31T00:00:00").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-03-30T23:59:59").atZone(helsinki).toInstant(), // back in time
        LocalDateTime.parse("2026-10-25T03:30:00").atZone(helsinki).withEarlierOffsetAtOverlap().toInstant(),
        LocalDateTime.parse("2026-10-25T03:30:00").atZone(helsinki).withLaterOffsetAtOverlap().toInstant(),
        LocalDateTime.parse("2026-10-25T23:59:59").atZone(helsinki).toInstant(),
        LocalDateTime.parse("2026-10-26T00:00:00").atZone(helsinki).toInstant()};
    SetClock clock = new SetClock(helsinki, instants[0]);
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).build();
    for (Instant at : instants) {
      clock.now = at;
      assertThat(wonOn(crm)).as("created at %s", at).isEqualTo(LocalDate.ofInstant(at, helsinki));
    }
  }

  @Test
  void anOpportunityForAnAccountIsLinkedToIt() {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
    Account account = crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
    Opportunity first = crm.opportunities().create(ALICE, CreateOpportunity.named("One").accountId(account.id()));
    Opportunity second = crm.opportunities().create(ALICE, CreateOpportunity.named("Two").accountId(account.id()));
    assertThat(first.accountId()).contains(account.id());
    assertThat(second.accountId()).contains(account.id());
    assertThat(crm.opportunities().get(ALICE, first.id()).version()).isEqualTo(first.version());
    assertThat(first.version()).isEqualTo(1);
  }

  @Test
  void anAccountTheActorMayNotSeeIsAMissingLinkAndGivesNoSegments() {
    AccessPolicy ownRecords = new AccessPolicy() {
      @Override
      public Visibility visibility(Actor actor, RecordType type) {
        return Visibility.ownedBy(actor.userId());
      }

      @Override
      public boolean permits(Actor actor, Operation operation, RecordType type, UserId owner) {
        return true;
      }
    };
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).accessPolicy(ownRecords).build();
    Account bobs = crm.accounts().create(BOB, CreateAccount.named("Bob's Oy"));
    assertThatThrownBy(() -> crm.opportunities().create(ALICE, CreateOpportunity.named("Deal").accountId(bobs.id())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("account " + bobs.id() + " does not exist");
    AccountId missing = AccountId.of(UUID.randomUUID());
    assertThatThrownBy(() -> crm.opportunities().create(ALICE, CreateOpportunity.named("Deal").accountId(missing)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("account " + missing + " does not exist");
    assertThat(crm.opportunities().create(BOB, CreateOpportunity.named("Deal").accountId(bobs.id())).accountId())
        .contains(bobs.id());
  }
}
