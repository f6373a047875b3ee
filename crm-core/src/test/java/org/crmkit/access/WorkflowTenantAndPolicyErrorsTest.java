package org.crmkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.application.CreateLead;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadChanged;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/** Workflow rules act with the trigger's rights or as an allowed system actor; onlyTenant; a broken policy. */
class WorkflowTenantAndPolicyErrorsTest extends AccessFixture {
  private final OwnerAccessPolicy policy = OwnerAccessPolicy.over(TEAMS).trustingSystemActors("workflow");
  private final List<DomainEvent> events = new ArrayList<>();

  /** On every new lead: give it to bob. */
  private static WorkflowRule giveToBob(String runAs) {
    WorkflowRule.Builder rule = WorkflowRule.builder("give-to-bob")
        .on(Trigger.created(RecordType.LEAD))
        .then(WorkflowAction.setField("owner", "bob"));
    return runAs == null ? rule.build() : rule.runAs(runAs).build();
  }

  private Crm withRule(WorkflowRule rule) {
    return crm(b -> b.accessPolicy(policy).workflows(WorkflowRules.of(rule)).eventPublisher(events::add));
  }

  private static CreateLead newLead() {
    return CreateLead.of("Ada", "Lovelace", "AE", "ada@ae.example");
  }

  @Test
  void aRuleActsWithTheTriggeringAdministratorsOwnRights() {
    Crm crm = withRule(giveToBob(null));

    Lead lead = crm.leads().create(ROOT, newLead());

    assertThat(lead.owner()).as("root may give records to bob, so the rule may").isEqualTo(BOB.userId());
    assertThat(events).filteredOn(LeadChanged.class::isInstance).map(e -> (LeadChanged) e)
        .filteredOn(e -> e.origin() == ChangeOrigin.WORKFLOW).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(ROOT));
  }

  @Test
  void aRuleActingAsTheTriggerCannotDoWhatTheTriggerMayNotAndTheUseCaseWritesNothing() {
    Crm crm = withRule(giveToBob(null));
    long writes = storage.writes();

    AccessDeniedException e = (AccessDeniedException) org.assertj.core.api.Assertions.catchThrowable(
        () -> crm.leads().create(ANN, newLead()));

    assertThat(e).isNotNull();
    assertThat(e.actor()).isEqualTo(ANN);
    assertThat(e.operation()).startsWith("give to another owner Lead");
    assertThat(crm.leads().list(ROOT, LeadQuery.all(), PageRequest.first(10)).total()).isZero();
    assertThat(events).isEmpty();
    assertThat(storage.writes() - writes).as("the rolled-back unit of work's writes only").isPositive();
  }

  @Test
  void aRuleRunsAsANamedSystemActorThePolicyAllows() {
    Crm crm = withRule(giveToBob("workflow"));

    Lead lead = crm.leads().create(ANN, newLead());

    assertThat(lead.owner()).isEqualTo(BOB.userId());
    assertThat(events).filteredOn(LeadChanged.class::isInstance).map(e -> (LeadChanged) e)
        .filteredOn(e -> e.origin() == ChangeOrigin.WORKFLOW).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(Actor.system("workflow")));
  }

  @Test
  void aRuleNamingASystemActorThePolicyDoesNotAllowFailsTheTriggeringUseCaseWithNothingWritten() {
    Crm crm = withRule(giveToBob("robot"));

    assertThatThrownBy(() -> crm.leads().create(ANN, newLead()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("ann may not run workflow rule give-to-bob as system actor robot");
    assertThat(crm.leads().list(ROOT, LeadQuery.all(), PageRequest.first(10)).total()).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void theDefaultPolicyLetsRulesRunAsAnySystemActor() {
    Crm crm = crm(b -> b.workflows(WorkflowRules.of(giveToBob("robot"))));

    assertThat(crm.leads().create(ANN, newLead()).owner()).isEqualTo(BOB.userId());
  }

  @Test
  void aRuleRefusesARunAsThatIsNoValidUserId() {
    assertThatThrownBy(() -> giveToBob(" "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rule give-to-bob: runAs must name a system actor");
  }

  @Test
  void aCrmForOneTenantRefusesActorsOfAnotherBeforeReadingOrWriting() {
    TenantId acme = TenantId.of("acme");
    Crm acmeOnly = crm(b -> b.onlyTenant(acme));
    Actor globex = Actor.user("gus").in("globex");
    long writes = storage.writes();

    assertThatThrownBy(() -> acmeOnly.leads().create(globex, newLead()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("gus@globex")
        .hasMessageNotContaining("acme");
    assertThatThrownBy(() -> acmeOnly.leads().list(globex, LeadQuery.all(), PageRequest.first(10)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> acmeOnly.leads().list(ANN, LeadQuery.all(), PageRequest.first(10)))
        .as("the default tenant is another tenant too").isInstanceOf(AccessDeniedException.class);
    assertThat(storage.writes()).isEqualTo(writes);

    Lead lead = acmeOnly.leads().create(Actor.user("ann").in(acme), newLead());
    assertThat(acmeOnly.leads().get(Actor.user("ann").in(acme), lead.id()).snapshot()).isEqualTo(lead.snapshot());
    Crm all = crm(b -> b);
    assertThat(all.leads().find(ANN, lead.id())).as("another tenant's record is not found").isEmpty();
  }

  @Test
  void whatThePolicyThrowsReachesTheCallerUnchangedAndNothingIsWritten() {
    IllegalStateException broken = new IllegalStateException("directory down");
    Crm crm = crm(new AccessPolicy() {
      @Override
      public Visibility visibility(Actor actor, RecordType type) {
        throw broken;
      }

      @Override
      public boolean permits(Actor actor, Operation operation, RecordType type, UserId owner) {
        throw broken;
      }
    });
    long writes = storage.writes();

    assertThatThrownBy(() -> crm.leads().create(ANN, newLead())).isSameAs(broken);
    assertThatThrownBy(() -> crm.leads().list(ANN, LeadQuery.all(), PageRequest.first(1))).isSameAs(broken);
    assertThat(storage.writes()).isEqualTo(writes);
  }

  @Test
  void aPolicyAnsweringNoVisibilityIsAClearConfigurationError() {
    Crm crm = crm(new AccessPolicy() {
      @Override
      public Visibility visibility(Actor actor, RecordType type) {
        return null;
      }

      @Override
      public boolean permits(Actor actor, Operation operation, RecordType type, UserId owner) {
        return true;
      }

      @Override
      public String toString() {
        return "NullPolicy";
      }
    });

    assertThatThrownBy(() -> crm.leads().list(ANN, LeadQuery.all(), PageRequest.first(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("NullPolicy answered no visibility for ann on Lead records")
        .hasMessageContaining("never null");
  }

  @Test
  void theDefaultPolicyLetsEveryoneSeeAndChangeEverythingAsBefore() {
    Crm crm = crm(b -> b);
    Lead bobs = lead(crm, BOB, "Bob Co");

    assertThat(crm.leads().get(ANN, bobs.id()).snapshot()).isEqualTo(bobs.snapshot());
    assertThat(crm.leads().update(ANN, org.crmkit.application.UpdateLead.of(bobs.id(), bobs.version())
        .owner(UserId.of("carl"))).owner()).isEqualTo(UserId.of("carl"));
    assertThat(crm.leads().list(ANN, LeadQuery.all(), PageRequest.first(10)).total()).isOne();
  }
}
