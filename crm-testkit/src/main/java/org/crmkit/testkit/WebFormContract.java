package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crmkit.Crm;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.SubmitWebForm;
import org.crmkit.application.WebFormOutcome;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.crmkit.webform.LeadField;
import org.crmkit.webform.OwnerAssignment;
import org.crmkit.webform.WebForm;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;
import org.junit.jupiter.api.Test;

/**
 * Contract: web forms never drop or duplicate a lead. A resubmission (same e-mail, or same idempotency key)
 * updates the open lead, also when two submissions race: the storage decides (the loser's insert collides on the
 * primary key and is retried as an update). A rejected submission or a honeypot hit writes nothing and says why.
 */
public interface WebFormContract extends ContractSupport {

  /** The form of these tests: standard and custom fields, a required e-mail, hidden defaults, a honeypot. */
  static WebForm contactUs() {
    return WebForm.named("contact-us")
        .field("first_name", LeadField.FIRST_NAME).field("last_name", LeadField.LAST_NAME)
        .field("company", LeadField.COMPANY).field("email", LeadField.EMAIL).field("message", LeadField.DESCRIPTION)
        .customField("seats", "seats")
        .required("last_name", "email")
        .defaultValue(LeadField.LEAD_SOURCE, "Web form").customDefaultValue("campaign", "spring-2026")
        .owners(OwnerAssignment.fixed(UserId.of("alice")))
        .honeypot("url");
  }

  private Crm formCrm(WebForm... forms) {
    return crm(b -> b.customFields(CustomFieldSchema.of(
            CustomFieldDefinition.of(RecordType.LEAD, "seats", "Seats", FieldType.NUMBER),
            CustomFieldDefinition.text(RecordType.LEAD, "campaign", "Campaign")))
        .webForms(forms));
  }

  private static Map<String, String> ada(String email) {
    return Map.of("first_name", "Ada", "last_name", "Lovelace", "company", "Analytical Engines", "email", email,
        "seats", "12");
  }

  private long leads(Crm crm) {
    return crm.leads().list(ALICE, LeadQuery.all(), PageRequest.first(50)).total();
  }

  @Test
  default void aSubmissionCreatesALeadWithTheMappedFieldsHiddenDefaultsAndOwner() {
    Crm crm = formCrm(contactUs());

    WebFormOutcome outcome = crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example")));

    assertThat(outcome).isInstanceOf(WebFormOutcome.Created.class);
    Lead lead = crm.leads().get(ALICE, ((WebFormOutcome.Created) outcome).lead().id());
    assertThat(lead.details().lastName()).isEqualTo("Lovelace");
    assertThat(lead.details().email().value()).isEqualTo("ada@ae.example");
    assertThat(lead.details().leadSource()).isEqualTo("Web form");
    assertThat(lead.customFields().get("seats")).contains(CustomValue.number("12"));
    assertThat(lead.customFields().get("campaign")).contains(CustomValue.text("spring-2026"));
    assertThat(lead.owner()).isEqualTo(UserId.of("alice"));
    assertThat(lead.status()).isEqualTo(crm.pipeline().initialLeadStatus().key());
  }

  @Test
  default void aResubmissionWithTheSameEmailUpdatesTheOpenLeadInsteadOfCreatingAnother() {
    Crm crm = formCrm(contactUs());
    Lead first = ((WebFormOutcome.Created) crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example"))))
        .lead();

    WebFormOutcome again = crm.webForms().submit(SubmitWebForm.to("contact-us",
        Map.of("last_name", "Lovelace", "email", " ADA@ae.example ", "message", "Please call me", "seats", "20")));

    assertThat(again).isInstanceOf(WebFormOutcome.Updated.class);
    Lead updated = ((WebFormOutcome.Updated) again).lead();
    assertThat(updated.id()).isEqualTo(first.id());
    assertThat(updated.details().description()).isEqualTo("Please call me");
    assertThat(updated.details().company()).as("a field not resubmitted keeps its value").isEqualTo("Analytical Engines");
    assertThat(updated.customFields().get("seats")).contains(CustomValue.number("20"));
    assertThat(leads(crm)).isEqualTo(1);
  }

  @Test
  default void aResubmissionWithTheSameIdempotencyKeyUpdatesTheLeadEvenWithAnotherEmail() {
    Crm crm = formCrm(contactUs());
    Lead first = ((WebFormOutcome.Created) crm.webForms().submit(
        SubmitWebForm.to("contact-us", ada("ada@ae.example")).idempotencyKey("req-1"))).lead();

    WebFormOutcome again = crm.webForms().submit(
        SubmitWebForm.to("contact-us", ada("ada.lovelace@ae.example")).idempotencyKey("req-1"));
    WebFormOutcome other = crm.webForms().submit(
        SubmitWebForm.to("contact-us", ada("ada@ae.example")).idempotencyKey("req-2"));

    assertThat(again).isInstanceOf(WebFormOutcome.Updated.class);
    assertThat(((WebFormOutcome.Updated) again).lead().id()).isEqualTo(first.id());
    assertThat(other).as("another key is another submission").isInstanceOf(WebFormOutcome.Created.class);
    assertThat(leads(crm)).isEqualTo(2);
  }

  @Test
  default void twoRacingSubmissionsOfTheSameEmailMakeOneLeadAndTheStorageDecidesWhichCreatesIt() throws Exception {
    Crm crm = formCrm(contactUs());
    // Both submissions have looked for the lead and found none before either inserts it.
    CyclicBarrier barrier = new CyclicBarrier(2);
    AtomicInteger saves = new AtomicInteger();
    storage().beforeEach(op -> {
      if (op == Operation.SAVE_LEAD && saves.incrementAndGet() <= 2) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other submission never reached its insert", e);
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<WebFormOutcome>> futures = new ArrayList<>();
    try {
      futures.add(pool.submit(() -> crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example")))));
      futures.add(pool.submit(() -> crm.webForms().submit(SubmitWebForm.to("contact-us", ada("Ada@AE.example")))));
      List<WebFormOutcome> outcomes = new ArrayList<>();
      for (Future<WebFormOutcome> f : futures) {
        outcomes.add(f.get(30, TimeUnit.SECONDS));
      }
      storage().reset();

      assertThat(outcomes).filteredOn(o -> o instanceof WebFormOutcome.Created).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o instanceof WebFormOutcome.Updated).hasSize(1);
      assertThat(leads(crm)).isEqualTo(1);
    } finally {
      storage().reset();
      pool.shutdownNow();
    }
  }

  @Test
  default void aRejectedSubmissionWritesNothingAndSaysWhyPerField() {
    Crm crm = formCrm(contactUs());

    WebFormOutcome outcome = crm.webForms().submit(SubmitWebForm.to("contact-us",
        Map.of("first_name", "Ada", "email", "not-an-address", "seats", "many", "colour", "blue")));

    assertThat(outcome).isInstanceOf(WebFormOutcome.Rejected.class);
    assertThat(((WebFormOutcome.Rejected) outcome).errors()).extracting(FieldError::field)
        .containsExactlyInAnyOrder("last_name", "email", "seats", "colour");
    assertThat(leads(crm)).isZero();
  }

  @Test
  default void aValueBeyondTheCoresLimitsIsNamedByItsParameter() {
    Crm crm = formCrm(contactUs());

    WebFormOutcome outcome = crm.webForms().submit(SubmitWebForm.to("contact-us",
        Map.of("last_name", "L".repeat(5000), "email", "long@ae.example")));

    assertThat(outcome).isInstanceOf(WebFormOutcome.Rejected.class);
    assertThat(((WebFormOutcome.Rejected) outcome).errors()).extracting(FieldError::field).containsExactly("last_name");
    assertThat(leads(crm)).isZero();
  }

  @Test
  default void aHoneypotHitIsReportedAsSpamAndWritesNothing() {
    Crm crm = formCrm(contactUs());
    Map<String, String> params = new java.util.HashMap<>(ada("bot@spam.example"));
    params.put("url", "http://spam.example");

    WebFormOutcome outcome = crm.webForms().submit(SubmitWebForm.to("contact-us", params));

    assertThat(outcome).isEqualTo(new WebFormOutcome.Spam("url"));
    assertThat(leads(crm)).isZero();
  }

  @Test
  default void aSubmissionAfterTheLeadWasConvertedCreatesANewLead() {
    Crm crm = formCrm(contactUs());
    Lead first = ((WebFormOutcome.Created) crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example"))))
        .lead();
    first = crm.leads().changeStatus(ALICE, ChangeLeadStatus.of(first.id(), first.version(), "qualified"));
    assertThat(crm.conversions().convert(ALICE, ConvertLead.of(first.id())).isConverted()).isTrue();

    WebFormOutcome again = crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example")));
    WebFormOutcome third = crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example")));

    assertThat(again).isInstanceOf(WebFormOutcome.Created.class);
    assertThat(((WebFormOutcome.Created) again).lead().id()).isNotEqualTo(first.id());
    assertThat(third).isInstanceOf(WebFormOutcome.Updated.class);
    assertThat(crm.leads().get(ALICE, first.id()).isConverted()).isTrue();
    assertThat(leads(crm)).isEqualTo(2);
  }

  @Test
  default void roundRobinGivesNewLeadsToTheOwnersInTurnAndAResubmissionKeepsTheOwner() {
    Crm crm = formCrm(contactUs().owners(OwnerAssignment.roundRobin(UserId.of("alice"), UserId.of("bob"))));

    Lead a = ((WebFormOutcome.Created) crm.webForms().submit(SubmitWebForm.to("contact-us", ada("a@ae.example")))).lead();
    Lead b = ((WebFormOutcome.Created) crm.webForms().submit(SubmitWebForm.to("contact-us", ada("b@ae.example")))).lead();
    Lead again = ((WebFormOutcome.Updated) crm.webForms().submit(SubmitWebForm.to("contact-us", ada("a@ae.example"))))
        .lead();

    assertThat(List.of(a.owner(), b.owner())).containsExactly(UserId.of("alice"), UserId.of("bob"));
    assertThat(again.owner()).isEqualTo(UserId.of("alice"));
  }

  @Test
  default void theSameEmailInAnotherTenantIsAnotherLead() {
    Crm crm = formCrm(contactUs());

    WebFormOutcome here = crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example")));
    WebFormOutcome there = crm.webForms().submit(
        SubmitWebForm.to("contact-us", ada("ada@ae.example")).in(TenantId.of("other")));

    assertThat(here).isInstanceOf(WebFormOutcome.Created.class);
    assertThat(there).isInstanceOf(WebFormOutcome.Created.class);
    assertThat(((WebFormOutcome.Created) there).lead().id()).isNotEqualTo(((WebFormOutcome.Created) here).lead().id());
  }

  @Test
  default void onlyTheWorkflowRulesTheFormAllowsRunOnItsLeads() {
    WorkflowRule tag = WorkflowRule.builder("tag-web-leads").on(Trigger.created(RecordType.LEAD))
        .then(WorkflowAction.setField("industry", "Tagged")).build();
    WorkflowRule other = WorkflowRule.builder("describe-leads").on(Trigger.created(RecordType.LEAD))
        .then(WorkflowAction.setField("title", "Described")).build();
    Crm crm = crm(b -> b.customFields(CustomFieldSchema.of(
            CustomFieldDefinition.of(RecordType.LEAD, "seats", "Seats", FieldType.NUMBER),
            CustomFieldDefinition.text(RecordType.LEAD, "campaign", "Campaign")))
        .workflows(WorkflowRules.of(tag, other))
        .webForms(contactUs().allowRules("tag-web-leads")));

    Lead lead = ((WebFormOutcome.Created) crm.webForms().submit(SubmitWebForm.to("contact-us", ada("ada@ae.example"))))
        .lead();

    Lead stored = crm.leads().get(ALICE, lead.id());
    assertThat(stored.details().industry()).isEqualTo("Tagged");
    assertThat(stored.details().title()).as("a rule the form does not allow").isNull();
  }

  @Test
  default void aFormThatNamesAnUndefinedCustomFieldOrRuleIsRefusedWhenTheCrmIsBuilt() {
    assertThatThrownBy(() -> crm(b -> b.webForms(contactUs())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("which is not defined");
    assertThatThrownBy(() -> formCrm(contactUs().allowRules("no-such-rule")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'no-such-rule'");
    assertThatThrownBy(() -> formCrm(contactUs(), contactUs()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("two web forms");
  }

  @Test
  default void anUnknownFormIsAFieldErrorOnTheFormName() {
    Crm crm = formCrm(contactUs());

    assertThatThrownBy(() -> crm.webForms().submit(SubmitWebForm.to("nope", Map.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("contact-us");
  }
}
