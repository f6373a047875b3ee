package org.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.IdGenerator;
import org.crmkit.testkit.FaultyStorage;
import org.junit.jupiter.api.Test;

/**
 * A new opportunity whose id a globally unique generator just made is inserted without looking for a record with
 * its id ({@code OpportunityRepository.insertNew}), and so are the account, contact and conversion record a lead
 * conversion creates; an id that is not globally unique is still looked for, and a taken one is refused as before.
 */
class UniqueIdInsertTest {
  private static final Actor ALICE = Actor.user("alice");

  @Test
  void onlyRandomIdsAreGloballyUnique() {
    assertThat(IdGenerator.random().globallyUnique()).isTrue();
    assertThat(IdGenerator.sequential().globallyUnique()).isFalse();
    IdGenerator host = () -> java.util.UUID.randomUUID();
    assertThat(host.globallyUnique()).as("a host's generator, unless it says otherwise").isFalse();
  }

  @Test
  void anOpportunityWithARandomIdIsInsertedAsNewAndKeepsItsHistory() {
    FaultyStorage storage = FaultyStorage.wrapping(InMemoryStorage.create());
    List<String> calls = new ArrayList<>();
    storage.beforeEachCall(call -> {
      if (call.isWrite()) {
        calls.add(call.method());
      }
    });
    Crm crm = Crm.builder().storage(storage).build();

    Opportunity created = crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    Opportunity changed = crm.opportunities().changeStage(ALICE,
        ChangeStage.of(created.id(), created.version(), "proposal"));

    assertThat(calls).containsExactly("insertNew", "append", "save", "append");
    assertThat(created.version()).isEqualTo(1);
    assertThat(crm.opportunities().history(ALICE, created.id())).extracting(h -> h.version())
        .containsExactly(1L, 2L);
    assertThat(changed.version()).isEqualTo(2);
  }

  @Test
  void aConversionInsertsTheRecordsItCreatesAsNewAndTheyAreAllThere() {
    FaultyStorage storage = FaultyStorage.wrapping(InMemoryStorage.create());
    List<String> calls = new ArrayList<>();
    Crm crm = Crm.builder().storage(storage).build();
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@engines.example"));
    storage.beforeEachCall(call -> {
      if (call.isWrite()) {
        calls.add(call.port().getSimpleName() + "." + call.method());
      }
    });

    ConversionOutcome.Converted converted =
        (ConversionOutcome.Converted) crm.conversions().convert(ALICE, ConvertLead.of(lead.id()));

    assertThat(calls).containsExactly("AccountRepository.insertNew", "ContactRepository.insertNew",
        "OpportunityRepository.insertNew", "StageHistoryRepository.append", "LeadRepository.save",
        "ConversionRecordRepository.insertNew");
    var record = converted.record();
    assertThat(crm.conversions().records(ALICE, lead.id())).containsExactly(record);
    assertThat(crm.accounts().get(ALICE, record.accountId().orElseThrow()).version()).isEqualTo(1);
    assertThat(crm.contacts().get(ALICE, record.contactId().orElseThrow()).version()).isEqualTo(1);
    assertThat(crm.opportunities().history(ALICE, record.opportunityId().orElseThrow())).hasSize(1);
  }

  @Test
  void anIdThatIsNotGloballyUniqueIsStillLookedForAndATakenOneConflicts() {
    InMemoryStorage storage = InMemoryStorage.create();
    // two Crms counting ids alike over one storage: the second one's first id is taken
    Crm first = Crm.builder().storage(storage).idGenerator(IdGenerator.sequential()).build();
    Crm second = Crm.builder().storage(storage).idGenerator(IdGenerator.sequential()).build();
    Opportunity taken = first.opportunities().create(ALICE, CreateOpportunity.named("Rockets"));

    assertThatThrownBy(() -> second.opportunities().create(ALICE, CreateOpportunity.named("Skates")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(taken.id().toString())
        .hasMessageContaining("already exists");
    assertThat(first.opportunities().get(ALICE, taken.id()).name()).isEqualTo("Rockets");
  }
}
