package org.crmkit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmkit.application.UpdateOpportunity.Field;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Commands read like sentences: required values in a factory, optional ones by name, "clear" its own word. */
class CommandsTest {
  private static final OpportunityId DEAL = OpportunityId.of(UUID.fromString("00000000-0000-0000-0000-000000000001"));
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anUpdateChangesOnlyTheFieldsItNames() {
    UpdateOpportunity update = UpdateOpportunity.of(DEAL, 3).description("Bigger scope").amount(Money.of("10.00", "EUR"));

    assertThat(update.changed()).containsExactlyInAnyOrder(Field.DESCRIPTION, Field.AMOUNT);
    assertThat(update.changes(Field.CLOSE_DATE)).isFalse();
    assertThat(update.expectedVersion()).isEqualTo(3);
    assertThat(update.description()).isEqualTo("Bigger scope");
  }

  @Test
  void clearingAFieldIsADifferentWordFromLeavingItAsIs() {
    UpdateOpportunity leave = UpdateOpportunity.of(DEAL, 1);
    UpdateOpportunity clear = UpdateOpportunity.of(DEAL, 1).clearCloseDate();

    assertThat(leave.changes(Field.CLOSE_DATE)).isFalse();
    assertThat(clear.changes(Field.CLOSE_DATE)).isTrue();
    assertThat(clear.closeDate()).isNull();
    assertThat(UpdateOpportunity.of(DEAL, 1).closeDate(null)).as("a null value clears too").isEqualTo(clear);
    assertThat(UpdateOpportunity.of(DEAL, 1).probabilityFromStage().changes(Field.PROBABILITY)).isTrue();
  }

  @Test
  void theLastValueNamedForAFieldWins() {
    UpdateOpportunity update = UpdateOpportunity.of(DEAL, 1).closeDate(LocalDate.of(2026, 5, 1)).clearCloseDate()
        .closeDate(LocalDate.of(2026, 6, 1));

    assertThat(update.closeDate()).isEqualTo(LocalDate.of(2026, 6, 1));
    assertThat(update.changed()).containsExactly(Field.CLOSE_DATE);
  }

  @Test
  void aFieldThatCannotBeEmptyCannotBeClearedWithNull() {
    assertThatThrownBy(() -> UpdateOpportunity.of(DEAL, 1).name(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("cannot be cleared");
    assertThatThrownBy(() -> UpdateAccount.of(AccountId.of(UUID.randomUUID()), 1).owner(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("leave it out");
  }

  @Test
  void commandsAreImmutableCopiesOfWhatTheyWereGiven() {
    Map<String, String> segments = new HashMap<>(Map.of("region", "nordics"));
    CreateOpportunity create = CreateOpportunity.named("Deal").segments(segments);
    UpdateOpportunity update = UpdateOpportunity.of(DEAL, 1).segments(segments);
    segments.put("region", "dach");

    assertThat(create.segments()).containsEntry("region", "nordics");
    assertThat(update.segments()).containsEntry("region", "nordics");
    assertThatThrownBy(() -> update.changed().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> create.segments().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void optionalValuesAreNamedAndRequiredOnesAreInTheFactory() {
    LeadId lead = LeadId.of(UUID.randomUUID());

    assertThat(ChangeLeadStatus.of(lead, 2, "unqualified").reason("no budget"))
        .isEqualTo(new ChangeLeadStatus(lead, 2, "unqualified", "no budget"));
    assertThat(WinOpportunity.of(DEAL, 4).closedOn(LocalDate.of(2026, 4, 2)))
        .isEqualTo(new WinOpportunity(DEAL, 4, LocalDate.of(2026, 4, 2)));
    assertThat(LoseOpportunity.of(DEAL, 4).reason("price").closedOn(null))
        .isEqualTo(new LoseOpportunity(DEAL, 4, "price", null));
    assertThat(CreateOpportunity.named("Deal").amount(Money.of("5.00", "EUR")).stage("proposal").stage())
        .isEqualTo("proposal");
    assertThat(CreateLead.ofCompany("Acme").company()).isEqualTo("Acme");
    assertThat(CreateLead.ofPerson("Ada", "Lovelace").lastName()).isEqualTo("Lovelace");
  }

  @Test
  void aStockObjectMapperWritesAndReadsCommands() throws Exception {
    UpdateOpportunity update = UpdateOpportunity.of(DEAL, 7).description("Bigger scope").clearAmount()
        .segments(Map.of("region", "nordics"));
    CreateOpportunity create = CreateOpportunity.named("Deal").amount(Money.of("48000.00", "EUR")).probability(35);
    ChangeStage stage = ChangeStage.of(DEAL, 2, "proposal");

    String text = json.writeValueAsString(update);

    assertThat(text).contains("\"changed\":[\"AMOUNT\",\"DESCRIPTION\",\"SEGMENTS\"]").contains("\"expectedVersion\":7");
    assertThat(json.readValue(text, UpdateOpportunity.class)).isEqualTo(update);
    // Money also writes its isZero()/isNegative() as properties, so reading it back needs a lenient mapper.
    assertThat(json.writeValueAsString(create)).contains("\"name\":\"Deal\"").contains("\"probability\":35")
        .contains("\"amount\":{\"amount\":48000.00");
    assertThat(json.readValue(json.writeValueAsString(stage), ChangeStage.class)).isEqualTo(stage);
  }

  @Test
  void everyCommandStartsFromANamedFactoryRatherThanItsConstructor() {
    List<Class<?>> commands = List.of(CreateLead.class, UpdateLead.class, ChangeLeadStatus.class, CreateAccount.class,
        UpdateAccount.class, CreateContact.class, UpdateContact.class, CreateOpportunity.class,
        UpdateOpportunity.class, ChangeStage.class, WinOpportunity.class, LoseOpportunity.class,
        ReopenOpportunity.class, EditForecastLine.class, EnterForecast.class, RepeatForecast.class,
        SplitForecast.class, SetBudgetMonths.class, ConvertLead.class);

    for (Class<?> command : commands) {
      assertThat(Arrays.stream(command.getDeclaredMethods())
              .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
              .filter(m -> m.getReturnType() == command))
          .as("%s has a public static factory", command.getSimpleName())
          .isNotEmpty();
      assertThat(command.isRecord()).as("%s is an immutable record", command.getSimpleName()).isTrue();
    }
  }

  @Test
  void convertLeadRefusesNullOverridesOnOverridesNamingTheTarget() {
    LeadId lead = LeadId.of(UUID.fromString("00000000-0000-0000-0000-000000000002"));
    Map<ConversionTarget, Map<String, CustomValue>> nullMap = new HashMap<>();
    nullMap.put(ConversionTarget.ACCOUNT, null);
    assertThatThrownBy(() -> new ConvertLead(lead, null, null, null, null, null, nullMap, false))
        .isInstanceOf(ValidationException.class).hasMessageContaining("overrides").hasMessageContaining("ACCOUNT");

    Map<String, CustomValue> nullValue = new HashMap<>();
    nullValue.put("name", null);
    assertThatThrownBy(() -> new ConvertLead(lead, null, null, null, null, null,
            Map.of(ConversionTarget.CONTACT, nullValue), false))
        .isInstanceOf(ValidationException.class).hasMessageContaining("overrides").hasMessageContaining("CONTACT");

    Map<String, CustomValue> nullKey = new HashMap<>();
    nullKey.put(null, CustomValue.text("x"));
    assertThatThrownBy(() -> new ConvertLead(lead, null, null, null, null, null,
            Map.of(ConversionTarget.OPPORTUNITY, nullKey), false))
        .isInstanceOf(ValidationException.class).hasMessageContaining("overrides")
        .hasMessageContaining("OPPORTUNITY");

    Map<String, CustomValue> ok = Map.of("name", CustomValue.text("Acme"));
    assertThat(new ConvertLead(lead, null, null, null, null, null, Map.of(ConversionTarget.ACCOUNT, ok), false)
        .overridesOf(ConversionTarget.ACCOUNT)).isEqualTo(ok);
  }
}
