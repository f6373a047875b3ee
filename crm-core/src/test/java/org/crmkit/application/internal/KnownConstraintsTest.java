package org.crmkit.application.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The quick check of a command's constraints never lets through a command the validator would refuse: every command
 * type, fed with values at and around its bounds (blank and Unicode-space text, lengths at and past each
 * {@code @Size}, numbers at and past each {@code @Min}/{@code @Max}, nulls), passes the quick check only when the
 * validator finds no violation; and a refused command is refused with the validator's own words.
 */
class KnownConstraintsTest {
  private static final List<Class<?>> COMMANDS = List.of(
      ChangeLeadStatus.class, ChangeStage.class, ConvertLead.class, CreateAccount.class, CreateContact.class,
      CreateLead.class, CreateOpportunity.class, EditForecastLine.class, EnterForecast.class, LoseOpportunity.class,
      ReopenOpportunity.class, RepeatForecast.class, SetBudgetMonths.class, SplitForecast.class,
      UpdateAccount.class, UpdateContact.class, UpdateLead.class, UpdateOpportunity.class, WinOpportunity.class);
  private static final String[] TEXTS = {
      null, "", " ", "\t\n", "\u2003", "\u00a0", "\u2003x", " x ", "x", "qualification", "a@b.example", "not an email"};

  private final Validator validator = DefaultCrm.defaultValidator();

  @Test
  void theCommandsWithSimpleConstraintsHaveAQuickCheck() {
    for (Class<?> type : List.of(CreateOpportunity.class, CreateLead.class, ChangeStage.class, SplitForecast.class,
        UpdateOpportunity.class)) {
      assertThat(KnownConstraints.of(validator, type)).as(type.getSimpleName()).isPresent();
    }
    assertThat(KnownConstraints.of(validator, String.class)).as("not a record").isEmpty();
    assertThat(COMMANDS.stream().filter(type -> KnownConstraints.of(validator, type).isPresent()))
        .as("every command: their constraints are all simple built-in ones").hasSameSizeAs(COMMANDS);
  }

  @Test
  void aCommandPassesTheQuickCheckOnlyWhenTheValidatorFindsNoViolation() {
    Random random = new Random(16);
    for (Class<?> type : COMMANDS) {
      KnownConstraints quick = KnownConstraints.of(validator, type).orElse(null);
      if (quick == null) {
        continue;
      }
      Constructor<?> constructor = canonical(type);
      RecordComponent[] components = type.getRecordComponents();
      int passed = 0;
      int refused = 0;
      for (int i = 0; i < 3_000; i++) {
        Object[] args = new Object[components.length];
        for (int c = 0; c < components.length; c++) {
          args[c] = value(components[c], random);
        }
        Object command;
        try {
          command = constructor.newInstance(args);
        } catch (InvocationTargetException e) {
          continue; // a compact constructor refused the combination
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
        boolean valid = validator.validate(command).isEmpty();
        if (quick.passes(command)) {
          assertThat(valid).as("the quick check let through %s, which the validator refuses: %s", command,
              validator.validate(command)).isTrue();
          passed++;
        } else if (!valid) {
          refused++;
        }
      }
      assertThat(passed).as("%s: some commands pass", type.getSimpleName()).isPositive();
      assertThat(refused).as("%s: some commands are refused", type.getSimpleName()).isPositive();
    }
  }

  @Test
  void aRefusedCommandIsRefusedWithTheValidatorsOwnViolations() {
    Validation validation = new Validation(validator);
    CreateOpportunity bad = CreateOpportunity.named("\u2003 ").probability(101).stage("s".repeat(500));

    assertThatThrownBy(() -> validation.check(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(f -> f.field())
            .containsExactly("name", "probability", "stage"));
    assertThat(validation.check(CreateOpportunity.named("Rocket skates").probability(100)))
        .as("a valid command is returned as it is").isNotNull();
  }

  @Test
  void aValidatorTheHostConfiguredIsAlwaysAsked() {
    int[] asked = {0};
    Validator counting = new DefaultValidatorDelegate(validator, asked);
    new Validation(counting).check(CreateOpportunity.named("Rocket skates"));

    assertThat(asked[0]).isEqualTo(1);
  }

  private static Constructor<?> canonical(Class<?> type) {
    Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class[]::new);
    try {
      return type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /** A value for a component: at or around its bounds when it has some, else a plain one or null. */
  private static Object value(RecordComponent component, Random random) {
    Class<?> type = component.getType();
    List<Object> choices = new ArrayList<>();
    Size size = annotation(component, Size.class);
    Min min = annotation(component, Min.class);
    Max max = annotation(component, Max.class);
    if (type == String.class) {
      choices.addAll(Arrays.asList(TEXTS));
      if (size != null) {
        for (int length : new int[] {size.min() - 1, size.min(), size.max(), size.max() + 1}) {
          if (length >= 0 && length < 100_000) {
            choices.add("a".repeat(length));
          }
        }
      }
    } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      List<Long> numbers = new ArrayList<>(List.of(0L, 1L, 50L, -1L));
      if (min != null) {
        numbers.addAll(List.of(min.value() - 1, min.value()));
      }
      if (max != null) {
        numbers.addAll(List.of(max.value(), max.value() + 1));
      }
      for (long n : numbers) {
        choices.add(type == Integer.class || type == int.class ? (Object) (int) n : (Object) n);
      }
      if (!type.isPrimitive()) {
        choices.add(null);
      }
    } else if (type == boolean.class) {
      choices.addAll(List.of(true, false));
    } else {
      choices.add(null);
      Object sample = sample(type);
      if (sample != null) {
        choices.add(sample);
        choices.add(sample);
      }
    }
    return choices.get(random.nextInt(choices.size()));
  }

  /** The constraint on a component: on its field, where the record's annotations that target fields end up. */
  private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
    try {
      return component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static Object sample(Class<?> type) {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000016");
    if (type == AccountId.class) {
      return AccountId.of(id);
    }
    if (type == ContactId.class) {
      return ContactId.of(id);
    }
    if (type == LeadId.class) {
      return LeadId.of(id);
    }
    if (type == OpportunityId.class) {
      return OpportunityId.of(id);
    }
    if (type == UserId.class) {
      return UserId.of("rep-1");
    }
    if (type == Money.class) {
      return Money.of(new BigDecimal("10.00"), "EUR");
    }
    if (type == LocalDate.class) {
      return LocalDate.of(2026, 6, 30);
    }
    if (type == YearMonth.class) {
      return YearMonth.of(2026, 6);
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == List.class) {
      return List.of();
    }
    if (type == Long.class) {
      return 1L;
    }
    return null;
  }

  /** A host's own validator (the provider behind another wrapper), counting how often it is asked. */
  private static final class DefaultValidatorDelegate implements Validator {
    private final Validator provider;
    private final int[] asked;

    DefaultValidatorDelegate(Validator provider, int[] asked) {
      this.provider = provider;
      this.asked = asked;
    }

    @Override
    public <T> java.util.Set<jakarta.validation.ConstraintViolation<T>> validate(T object, Class<?>... groups) {
      asked[0]++;
      return provider.validate(object, groups);
    }

    @Override
    public <T> java.util.Set<jakarta.validation.ConstraintViolation<T>> validateProperty(
        T object, String propertyName, Class<?>... groups) {
      return provider.validateProperty(object, propertyName, groups);
    }

    @Override
    public <T> java.util.Set<jakarta.validation.ConstraintViolation<T>> validateValue(
        Class<T> beanType, String propertyName, Object value, Class<?>... groups) {
      return provider.validateValue(beanType, propertyName, value, groups);
    }

    @Override
    public jakarta.validation.metadata.BeanDescriptor getConstraintsForClass(Class<?> clazz) {
      return provider.getConstraintsForClass(clazz);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return provider.unwrap(type);
    }

    @Override
    public jakarta.validation.executable.ExecutableValidator forExecutables() {
      return provider.forExecutables();
    }
  }
}
