package org.crmkit.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.crmkit.shared.ConfigurationException;
import org.junit.jupiter.api.Test;

class ConversionPolicyTest {

  @Test
  void theDefaultPolicyCopiesTheCompanyToTheAccountAndMatchesBeforeCreating() {
    ConversionPolicy p = ConversionPolicy.defaults();
    assertThat(p.id()).isEqualTo("default");
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.rules(ConversionTarget.ACCOUNT).fieldMap()).containsEntry("company", "name");
    assertThat(p.rules(ConversionTarget.ACCOUNT).unmapped()).contains("email");
    assertThat(p.defaultAction(ConversionTarget.ACCOUNT)).isEqualTo(ConversionAction.MATCH_OR_CREATE);
    assertThat(p.defaultAction(ConversionTarget.OPPORTUNITY)).isEqualTo(ConversionAction.CREATE);
    assertThat(p.automaticConversionAllowed()).isFalse();
    assertThat(p.contactMustBelongToAccount()).isTrue();
  }

  @Test
  void isPlainDataThatAHostCanStoreAsJson() {
    // Every component is a JSON-friendly type: strings, numbers, booleans, enums, maps, sets of those, or records
    // made of them. Jackson reads and writes such records without annotations.
    for (RecordComponent c : ConversionPolicy.class.getRecordComponents()) {
      Class<?> t = c.getType();
      assertThat(t == String.class || t.isPrimitive() || t.isEnum() || Map.class.isAssignableFrom(t)
          || Collection.class.isAssignableFrom(t)).as(c.getName() + " is " + t).isTrue();
    }
    assertThat(Arrays.stream(TargetRules.class.getRecordComponents()).map(RecordComponent::getType))
        .allMatch(t -> t == boolean.class || Map.class.isAssignableFrom(t) || Set.class.isAssignableFrom(t));
    ConversionPolicy p = ConversionPolicy.defaults();
    ConversionPolicy copy = new ConversionPolicy(p.id(), p.version(), p.targets(), p.defaultActions(),
        p.opportunityRequired(), p.opportunityRequiresAccount(), p.opportunityRequiresContact(),
        p.opportunityNameTemplate(), p.initialStage(), p.contactMustBelongToAccount(), p.convertibleStatuses(),
        p.convertedStatus(), p.automaticConversionAllowed());
    assertThat(copy).isEqualTo(p);
  }

  @Test
  void buildsAChangedCopyWithToBuilder() {
    ConversionPolicy p = ConversionPolicy.defaults().toBuilder().version(2).automaticConversionAllowed(true)
        .lock(ConversionTarget.OPPORTUNITY, "name").build();
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.rules(ConversionTarget.OPPORTUNITY).isLocked("name")).isTrue();
    assertThat(p.rules(ConversionTarget.OPPORTUNITY).isLocked("amount")).isFalse();
    assertThat(ConversionPolicy.builder("x").lock(ConversionTarget.CONTACT, ConversionPolicy.ALL_FIELDS).build()
        .rules(ConversionTarget.CONTACT).isLocked("email")).isTrue();
  }

  @Test
  void rejectsUnknownFieldsBadTemplatesAndAnOpportunityLinkNamingEveryProblem() {
    assertThatThrownBy(() -> ConversionPolicy.builder("bad id!")
            .map(ConversionTarget.ACCOUNT, "shoeSize", "name")
            .map(ConversionTarget.CONTACT, "email", "fax")
            .opportunityNameTemplate("{company} for {budget}")
            .defaultAction(ConversionTarget.OPPORTUNITY, ConversionAction.LINK)
            .version(0)
            .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("id 'bad id!'")
        .hasMessageContaining("'shoeSize' is not a lead field")
        .hasMessageContaining("'fax' is not a field of CONTACT")
        .hasMessageContaining("uses 'budget'")
        .hasMessageContaining("OPPORTUNITY must be CREATE or NONE")
        .hasMessageContaining("version must be 1 or more");
  }

  @Test
  void acceptsCustomFieldNamesOnBothSides() {
    ConversionPolicy p = ConversionPolicy.builder("custom")
        .map(ConversionTarget.OPPORTUNITY, "customFields.budget", "amount")
        .map(ConversionTarget.ACCOUNT, "leadSource", "customFields.origin")
        .opportunityNameTemplate("{customFields.campaign|company}")
        .build();
    assertThat(p.rules(ConversionTarget.OPPORTUNITY).fieldMap()).containsEntry("customFields.budget", "amount");
  }

  @Test
  void refusesNullCollectionsAndNullEntriesAsAJsonDocumentMayHoldThemWithAConfigurationException() {
    java.util.Set<String> withNull = new java.util.HashSet<>(Arrays.asList("description", null));
    java.util.Map<String, String> nullValue = new java.util.HashMap<>();
    nullValue.put("company", null);
    assertThatThrownBy(() -> new TargetRules(null, true, withNull, Set.of(), null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("fieldMap must not be null")
        .hasMessageContaining("unmapped must not hold a null field name")
        .hasMessageContaining("overwriteOnLink must not be null");
    assertThatThrownBy(() -> new TargetRules(nullValue, true, Set.of(), withNull, Set.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("fieldMap must not hold a null field name")
        .hasMessageContaining("lockedFields must not hold a null field name");

    ConversionPolicy valid = ConversionPolicy.defaults();
    java.util.Map<ConversionTarget, TargetRules> targets = new java.util.EnumMap<>(valid.targets());
    targets.put(ConversionTarget.ACCOUNT, null);
    assertThatThrownBy(() -> new ConversionPolicy(valid.id(), 1, targets, valid.defaultActions(), false, false,
            false, valid.opportunityNameTemplate(), null, true, withNull, null, false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("targets must not hold null for ACCOUNT")
        .hasMessageContaining("convertibleStatuses must not hold null");
  }
}
