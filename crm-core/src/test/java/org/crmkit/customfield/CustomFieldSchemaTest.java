package org.crmkit.customfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.crmkit.shared.Money;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class CustomFieldSchemaTest {

  @Test
  void parsesWhatItPrintsForEveryType() {
    for (CustomValue v : new CustomValue[] {
        CustomValue.text("héllo world"), CustomValue.number(new BigDecimal("12.500")),
        CustomValue.money(Money.of("10.125", "BHD")), CustomValue.date(LocalDate.of(2026, 2, 28)),
        CustomValue.bool(false), CustomValue.picklist("gold")}) {
      assertThat(CustomValue.parse(v.type(), v.asText())).isEqualTo(v);
    }
  }

  @Test
  void checksEveryRuleAndReportsAllProblemsAtOnce() {
    CustomFieldSchema schema = CustomFieldSchema.of(
        CustomFieldDefinition.picklist(RecordType.ACCOUNT, "tier", "Tier", Set.of("gold")),
        new CustomFieldDefinition(RecordType.ACCOUNT, "code", "Code", FieldType.TEXT, true, Set.of(), 3));

    assertThatThrownBy(() -> schema.validate(RecordType.ACCOUNT, CustomFields.of(Map.of(
            "tier", CustomValue.picklist("bronze"), "extra", CustomValue.bool(true)))))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).hasSize(3))
        .hasMessageContaining("customFields.tier: 'bronze' is not one of [gold]")
        .hasMessageContaining("customFields.extra: is not a custom field of Account")
        .hasMessageContaining("customFields.code: is required");
    assertThatThrownBy(() -> schema.validate(RecordType.ACCOUNT, CustomFields.of(Map.of("code", CustomValue.text("ABCD")))))
        .hasMessageContaining("at most 3 characters");
    schema.validate(RecordType.ACCOUNT, CustomFields.of(Map.of("code", CustomValue.text("ABC"))));
  }

  @Test
  void fieldsOfOneRecordTypeDoNotApplyToAnother() {
    CustomFieldSchema schema = CustomFieldSchema.of(CustomFieldDefinition.text(RecordType.LEAD, "note", "Note"));
    assertThatThrownBy(() -> schema.validate(RecordType.CONTACT, CustomFields.of(Map.of("note", CustomValue.text("x")))))
        .hasMessageContaining("is not a custom field of Contact");
  }

  @Test
  void rejectsBadDefinitions() {
    assertThatThrownBy(() -> CustomFieldDefinition.text(RecordType.LEAD, "1bad", "Bad")).hasMessageContaining("must start with a letter");
    assertThatThrownBy(() -> CustomFieldDefinition.picklist(RecordType.LEAD, "p", "P", Set.of())).hasMessageContaining("at least one");
    assertThatThrownBy(() -> CustomFieldSchema.of(
            CustomFieldDefinition.text(RecordType.LEAD, "a", "A"), CustomFieldDefinition.text(RecordType.LEAD, "a", "A2")))
        .hasMessageContaining("defined twice");
  }
}
