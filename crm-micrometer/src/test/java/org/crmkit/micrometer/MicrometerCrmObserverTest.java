package org.crmkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.application.UpdateLead;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.observe.CrmObserver;
import org.crmkit.observe.UseCaseCall;
import org.crmkit.observe.UseCaseCall.Outcome;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowDepthExceededException;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

class MicrometerCrmObserverTest {
  private static final Actor ALICE = Actor.user("alice");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<UseCaseCall> calls = new ArrayList<>();
  private final List<CrmObserver.ConversionResult> conversions = new ArrayList<>();
  private final CrmObserver recorder = new CrmObserver() {
    @Override
    public void useCaseFinished(UseCaseCall call) {
      calls.add(call);
    }

    @Override
    public void leadConversionFinished(ConversionResult result) {
      conversions.add(result);
    }
  };

  private Crm crm(WorkflowRules rules) {
    return Crm.builder().storage(InMemoryStorage.create()).workflows(rules)
        .observer(CrmObserver.all(recorder, new MicrometerCrmObserver(registry))).build();
  }

  private Crm crm() {
    return crm(WorkflowRules.none());
  }

  @Test
  void timesEveryUseCaseByNameAndOutcome() {
    Crm crm = crm();
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));
    crm.leads().get(ALICE, lead.id());
    assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("", "", "", "not-an-email")))
        .isInstanceOf(ValidationException.class);

    assertThat(calls).extracting(UseCaseCall::name, UseCaseCall::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("leads.create", Outcome.SUCCEEDED),
        org.assertj.core.groups.Tuple.tuple("leads.get", Outcome.SUCCEEDED),
        org.assertj.core.groups.Tuple.tuple("leads.create", Outcome.REFUSED));
    assertThat(calls.get(2).failure()).contains("ValidationException");
    assertThat(registry.get(MicrometerCrmObserver.USE_CASES)
        .tags("use_case", "leads.create", "outcome", "succeeded").timer().count()).isOne();
    assertThat(registry.get(MicrometerCrmObserver.USE_CASES)
        .tags("use_case", "leads.create", "outcome", "refused").timer().count()).isOne();
  }

  @Test
  void countsConflictsApart() {
    Crm crm = crm();
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));
    crm.leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).description("first"));

    assertThatThrownBy(() -> crm.leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).description("stale")))
        .isInstanceOf(ConflictException.class);

    assertThat(calls.get(calls.size() - 1).outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(registry.get(MicrometerCrmObserver.CONFLICTS).tags("use_case", "leads.update").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void countsWorkflowDepthRefusalsApart() {
    Crm crm = crm(WorkflowRules.of(
        WorkflowRule.builder("ping").on(Trigger.fieldChangedTo(RecordType.LEAD, "description", "ping"))
            .then(WorkflowAction.setField("description", "pong")).build(),
        WorkflowRule.builder("pong").on(Trigger.fieldChangedTo(RecordType.LEAD, "description", "pong"))
            .then(WorkflowAction.setField("description", "ping")).build()).withMaxDepth(3));
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));

    assertThatThrownBy(() -> crm.leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).description("ping")))
        .isInstanceOf(WorkflowDepthExceededException.class);

    assertThat(calls.get(calls.size() - 1).outcome()).isEqualTo(Outcome.WORKFLOW_DEPTH_EXCEEDED);
    assertThat(registry.get(MicrometerCrmObserver.WORKFLOW_DEPTH_REFUSALS).tags("use_case", "leads.update")
        .counter().count()).isEqualTo(1.0);
  }

  @Test
  void countsConversionsByOutcomeSingleAndBulk() {
    Crm crm = crm();
    Lead ada = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));
    Lead alan = crm.leads().create(ALICE, CreateLead.of("Alan", "Turing", "Bletchley", "alan@b.example"));
    Lead grace = crm.leads().create(ALICE, CreateLead.of("Grace", "Hopper", "Navy", "grace@navy.example"));

    assertThat(crm.conversions().convert(ALICE, ConvertLead.of(ada.id())).isConverted()).isTrue();
    assertThat(crm.conversions().convert(ALICE, ConvertLead.of(ada.id())).isConverted())
        .as("a second conversion is a business no").isFalse();
    crm.conversions().convertAll(ALICE, List.of(alan.id(), grace.id()), null);

    assertThat(conversions).containsExactly(CrmObserver.ConversionResult.CONVERTED,
        CrmObserver.ConversionResult.REJECTED, CrmObserver.ConversionResult.CONVERTED,
        CrmObserver.ConversionResult.CONVERTED);
    assertThat(calls).extracting(UseCaseCall::name, UseCaseCall::outcome).contains(
        org.assertj.core.groups.Tuple.tuple("conversions.convert", Outcome.REJECTED),
        org.assertj.core.groups.Tuple.tuple("conversions.convertAll", Outcome.SUCCEEDED));
    assertThat(registry.get(MicrometerCrmObserver.CONVERSIONS).tags("outcome", "converted").counter().count())
        .isEqualTo(3.0);
    assertThat(registry.get(MicrometerCrmObserver.CONVERSIONS).tags("outcome", "rejected").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void anObserverThatThrowsChangesNothingTheUseCaseDid() {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).observer(new CrmObserver() {
      @Override
      public void useCaseFinished(UseCaseCall call) {
        throw new IllegalStateException("broken observer");
      }
    }).build();

    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example"));

    assertThat(crm.leads().get(ALICE, lead.id()).version()).isEqualTo(lead.version());
  }
}
