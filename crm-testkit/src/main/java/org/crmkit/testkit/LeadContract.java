package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.CreateLead;
import org.crmkit.application.UpdateLead;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Contract: leads, their validation, custom fields, lifecycle and queries. */
public interface LeadContract extends ContractSupport {

  @Test
  default void createsALeadWithOnlyALastNameInTheFirstOpenStatus() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of(null, "Lovelace", null, null));

    Lead stored = crm().leads().get(ALICE, lead.id());
    assertThat(stored.details().lastName()).isEqualTo("Lovelace");
    assertThat(stored.status()).isEqualTo("new");
    assertThat(stored.owner()).isEqualTo(ALICE.userId());
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.createdAt()).isEqualTo(clock().instant());
  }

  @Test
  default void createsALeadWithOnlyACompany() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of(null, null, "Analytical Engines Ltd", null));
    assertThat(crm().leads().get(ALICE, lead.id()).details().displayName()).isEqualTo("Analytical Engines Ltd");
  }

  @Test
  default void rejectsALeadWithNeitherLastNameNorCompany() {
    assertThatThrownBy(() -> crm().leads().create(ALICE, CreateLead.of("Ada", " ", null, null)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors())
            .extracting(FieldError::field)
            .contains("lastName", "company"));
    assertThat(crm().leads().list(ALICE, LeadQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  @Test
  default void rejectsAnInvalidEmailWithAFieldError() {
    assertThatThrownBy(() -> crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, "not-an-email")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field).contains("email"));
  }

  @Test
  default void rejectsTooLongFieldsThroughJakartaValidation() {
    String tooLong = "x".repeat(81);
    assertThatThrownBy(() -> crm().leads().create(ALICE, CreateLead.of(tooLong, "Lovelace", null, null)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactly("firstName"));
  }

  @Test
  default void storesTypedCustomFieldsAndRejectsInvalidOnes() {
    Crm custom = crm(b -> b.customFields(CustomFieldSchema.of(
        CustomFieldDefinition.picklist(RecordType.LEAD, "tier", "Tier", Set.of("gold", "silver")),
        CustomFieldDefinition.of(RecordType.LEAD, "seats", "Seats", FieldType.NUMBER),
        CustomFieldDefinition.of(RecordType.LEAD, "budget", "Budget", FieldType.MONEY),
        CustomFieldDefinition.of(RecordType.LEAD, "trial", "Trial", FieldType.BOOLEAN),
        CustomFieldDefinition.of(RecordType.LEAD, "firstContact", "First contact", FieldType.DATE),
        CustomFieldDefinition.text(RecordType.LEAD, "note", "Note"))));
    Map<String, CustomValue> values = Map.of(
        "tier", CustomValue.picklist("gold"),
        "seats", CustomValue.number("12.5"),
        "budget", CustomValue.money(org.crmkit.shared.Money.of("1200.50", "EUR")),
        "trial", CustomValue.bool(true),
        "firstContact", CustomValue.date(java.time.LocalDate.of(2026, 2, 1)),
        "note", CustomValue.text("met at a fair"));

    Lead lead = custom.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, null).customFields(values));

    assertThat(custom.leads().get(ALICE, lead.id()).customFields().values()).isEqualTo(values);
    assertThatThrownBy(() -> custom.leads().create(ALICE,
            CreateLead.of("Ada", "Lovelace", null, null).customFields(Map.of(
                "tier", CustomValue.picklist("bronze"),
                "seats", CustomValue.text("twelve"),
                "unknown", CustomValue.text("x")))))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
            .containsExactlyInAnyOrder("customFields.tier", "customFields.seats", "customFields.unknown"));
  }

  @Test
  default void requiresARequiredCustomField() {
    Crm custom = crm(b -> b.customFields(CustomFieldSchema.of(
        CustomFieldDefinition.text(RecordType.LEAD, "campaign", "Campaign").asRequired())));
    assertThatThrownBy(() -> custom.leads().create(ALICE, CreateLead.of(null, "Lovelace", null, null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("customFields.campaign");
  }

  @Test
  default void movesThroughStatusesAndNeedsAReasonToDisqualify() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    Lead contacted = crm().leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), 1L, "contacted"));
    assertThat(contacted.status()).isEqualTo("contacted");

    assertThatThrownBy(() -> crm().leads().changeStatus(ALICE,
            ChangeLeadStatus.of(lead.id(), contacted.version(), "unqualified").reason(" ")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("reason");

    Lead unqualified = crm().leads().changeStatus(ALICE,
        ChangeLeadStatus.of(lead.id(), contacted.version(), "unqualified").reason("no budget this year"));
    assertThat(unqualified.status()).isEqualTo("unqualified");
    assertThat(unqualified.unqualifiedReason()).contains("no budget this year");
  }

  @Test
  default void refusesToSetAConvertedStatusByHand() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    assertThatThrownBy(() -> crm().leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), lead.version(), "converted")))
        .isInstanceOf(RuleViolationException.class)
        .hasMessageContaining("convert the lead");
  }

  @Test
  default void rejectsAnUnknownStatus() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    assertThatThrownBy(() -> crm().leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), lead.version(), "hot")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'hot' is not a lead status");
  }

  @Test
  default void keepsAConvertedLeadReadOnly() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    storage().unitOfWork().run(() -> {
      Lead l = storage().leads().findById(lead.id()).orElseThrow();
      l.markConverted(crm().pipeline().convertedLeadStatus(),
          new LeadConversionInfo(null, null, null, clock().instant(), ALICE.userId()));
      storage().leads().save(l);
    });

    Lead converted = crm().leads().get(ALICE, lead.id());
    assertThat(converted.isConverted()).isTrue();
    assertThat(converted.conversion().orElseThrow().convertedBy()).isEqualTo(ALICE.userId());
    assertThatThrownBy(() -> crm().leads().update(ALICE, UpdateLead.of(lead.id(), converted.version()).lastName("Byron")))
        .isInstanceOf(RecordReadOnlyException.class);
    assertThatThrownBy(() -> crm().leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), converted.version(), "contacted")))
        .isInstanceOf(RecordReadOnlyException.class);
    assertThatThrownBy(() -> crm().leads().delete(ALICE, lead.id(), null)).isInstanceOf(RecordReadOnlyException.class);
    assertThat(crm().leads().get(ALICE, lead.id()).details().lastName()).isEqualTo("Lovelace");
  }

  @Test
  default void aLeadUpdateChangesOnlyTheFieldsItNamesAndClearsOnlyWhenTold() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@example.com")
        .title("Countess").phone("+44 1").leadSource("Referral"));

    Lead updated = crm().leads().update(ALICE, UpdateLead.of(lead.id(), lead.version()).phone("+44 2").clearTitle());

    Lead stored = crm().leads().get(ALICE, lead.id());
    assertThat(stored.details().phone()).isEqualTo("+44 2");
    assertThat(stored.details().title()).isNull();
    assertThat(stored.details().firstName()).isEqualTo("Ada");
    assertThat(stored.details().company()).isEqualTo("AE");
    assertThat(stored.details().email().value()).isEqualTo("ada@example.com");
    assertThat(stored.details().leadSource()).isEqualTo("Referral");
    assertThat(stored.owner()).isEqualTo(ALICE.userId());
    assertThat(stored.version()).isEqualTo(updated.version());
  }

  @Test
  default void updatesALeadAndBumpsItsVersion() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", "ada@example.com"));
    clock().advance(Duration.ofHours(1));

    Lead updated = crm().leads().update(ALICE, UpdateLead.of(lead.id(), 1L).owner(BOB.userId())
        .lastName("King").company("Analytical Engines").title("Countess").phone("+44 1").leadSource("Referral"));

    assertThat(updated.version()).isEqualTo(2);
    Lead stored = crm().leads().get(ALICE, lead.id());
    assertThat(stored.details().lastName()).isEqualTo("King");
    assertThat(stored.owner()).isEqualTo(BOB.userId());
    assertThat(stored.updatedAt()).isEqualTo(clock().instant());
    assertThat(stored.createdAt()).isEqualTo(lead.createdAt());
  }

  @Test
  default void rejectsAnUpdateBasedOnAStaleVersion() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    crm().leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), 1L, "contacted"));

    assertThatThrownBy(() -> crm().leads().changeStatus(ALICE, ChangeLeadStatus.of(lead.id(), 1L, "nurturing")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("reload");
    assertThat(crm().leads().get(ALICE, lead.id()).status()).isEqualTo("contacted");
  }

  @Test
  default void listsLeadsByOwnerStatusAndEmailInCreationOrder() {
    Lead first = crm().leads().create(ALICE, CreateLead.of("A", "One", null, "one@example.com"));
    clock().advance(Duration.ofMinutes(1));
    Lead second = crm().leads().create(ALICE, CreateLead.of("B", "Two", null, "Two@Example.com"));
    clock().advance(Duration.ofMinutes(1));
    crm().leads().create(BOB, CreateLead.of("C", "Three", null, null));

    assertThat(crm().leads().list(ALICE, LeadQuery.all().withOwner(UserId.of("alice")), PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactly(first.id(), second.id());
    assertThat(crm().leads().list(ALICE, LeadQuery.all().withEmail(EmailAddress.of("two@example.COM")),
            PageRequest.first(10)).items())
        .extracting(Lead::id).containsExactly(second.id());
    var page = crm().leads().list(ALICE, LeadQuery.all().withStatus("new"), PageRequest.of(1, 2));
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items()).hasSize(1);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  default void reportsAMissingLeadAsNotFound() {
    LeadId missing = LeadId.parse("00000000-0000-0000-0000-00000000abcd");
    assertThat(crm().leads().find(ALICE, missing)).isEmpty();
    assertThatThrownBy(() -> crm().leads().get(ALICE, missing))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("Lead 00000000-0000-0000-0000-00000000abcd does not exist");
  }

  @Test
  default void deletesALead() {
    Lead lead = crm().leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "AE", null));
    crm().leads().delete(ALICE, lead.id(), 1L);
    assertThat(crm().leads().find(ALICE, lead.id())).isEmpty();
    assertThatThrownBy(() -> crm().leads().delete(ALICE, lead.id(), 1L)).isInstanceOf(RecordNotFoundException.class);
  }
}
