package org.crmkit.application.internal;

import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A quick check that a command record satisfies its Jakarta constraints, read once per record type from the
 * validator's own metadata ({@link Validator#getConstraintsForClass}), for the few built-in constraints the commands
 * use ({@code @NotNull}, {@code @NotBlank}, {@code @Size}, {@code @Min}, {@code @Max}, and {@code @Email} on a null
 * value). It only ever answers "certainly valid": {@link #passes} is true only when the validator would find no
 * violation, and false whenever it might find one; then {@link Validation} runs the validator, so every refusal keeps
 * the validator's own violations, paths and messages. Commands with any other constraint, a class-level constraint,
 * cascaded or container-element constraints, constraints in another group than {@link Default}, or validators
 * other than the provider's built-in ones get no quick check ({@link #of} is empty) and are always validated by the
 * validator.
 *
 * <p>Why: command validation was about a sixth of the CPU time of creating an opportunity in memory, nearly all of it
 * the validator's general machinery (metadata walk, traversal, path nodes) for a command that is valid. Immutable
 * and thread-safe.
 */
final class KnownConstraints {
  private static final String BUILT_IN_VALIDATORS = "org.hibernate.validator.internal.constraintvalidators.bv.";
  private final List<PropertyCheck> properties;

  private KnownConstraints(List<PropertyCheck> properties) {
    this.properties = List.copyOf(properties);
  }

  /**
   * @return the quick check of {@code type}'s constraints as {@code validator} describes them, or empty when the type
   *     is not a record or has a constraint this class does not know exactly
   */
  static Optional<KnownConstraints> of(Validator validator, Class<?> type) {
    if (!type.isRecord()) {
      return Optional.empty();
    }
    BeanDescriptor bean;
    try {
      bean = validator.getConstraintsForClass(type);
    } catch (RuntimeException e) {
      return Optional.empty(); // a validator without metadata: always ask it
    }
    if (!bean.getConstraintDescriptors().isEmpty()) {
      return Optional.empty(); // class-level constraints
    }
    List<PropertyCheck> checks = new ArrayList<>();
    for (PropertyDescriptor property : bean.getConstrainedProperties()) {
      if (property.isCascaded() || !property.getConstrainedContainerElementTypes().isEmpty()) {
        return Optional.empty();
      }
      Function<Object, Object> accessor = accessor(type, property.getPropertyName());
      if (accessor == null) {
        return Optional.empty();
      }
      List<ValueCheck> valueChecks = new ArrayList<>();
      for (ConstraintDescriptor<?> constraint : property.getConstraintDescriptors()) {
        ValueCheck check = check(constraint, property.getElementClass());
        if (check == null) {
          return Optional.empty();
        }
        valueChecks.add(check);
      }
      checks.add(new PropertyCheck(accessor, valueChecks.toArray(ValueCheck[]::new)));
    }
    return Optional.of(new KnownConstraints(checks));
  }

  /** @return true only when every constraint of the command certainly holds (false: ask the validator) */
  boolean passes(Object command) {
    for (PropertyCheck property : properties) {
      Object value;
      try {
        value = property.accessor().apply(command);
      } catch (RuntimeException e) {
        return false; // an accessor that throws: the validator reports it as it always did
      }
      for (ValueCheck check : property.checks()) {
        if (!check.passes(value)) {
          return false;
        }
      }
    }
    return true;
  }

  /** One constrained record component: its accessor and its checks. */
  private record PropertyCheck(Function<Object, Object> accessor, ValueCheck[] checks) {}

  /** One constraint on one value: true only when it certainly holds. */
  @FunctionalInterface
  private interface ValueCheck {
    boolean passes(Object value);
  }

  /**
   * @return the record component's accessor as a function (a lambda made at run time, so that reading a value costs
   *     an interface call rather than a method handle's), or null when there is no such public component
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> accessor(Class<?> type, String name) {
    for (RecordComponent component : type.getRecordComponents()) {
      if (component.getName().equals(name)) {
        CallSite site;
        try {
          MethodHandles.Lookup lookup = MethodHandles.lookup();
          MethodHandle getter = lookup.unreflect(component.getAccessor());
          site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
              MethodType.methodType(Object.class, Object.class), getter, getter.type().wrap());
        } catch (IllegalAccessException | LambdaConversionException e) {
          return null; // not accessible: no quick check, the validator is asked
        }
        try {
          return (Function<Object, Object>) site.getTarget().invoke();
        } catch (Throwable e) {
          throw new IllegalStateException("could not make the accessor of " + type.getName() + "." + name, e);
        }
      }
    }
    return null;
  }

  /**
   * @return the check of a built-in constraint on a value of {@code valueType}, or null when the constraint is not
   *     one of those known here, belongs to another group, is composed or has validators other than the built-in ones
   */
  private static ValueCheck check(ConstraintDescriptor<?> constraint, Class<?> valueType) {
    if (!constraint.getGroups().equals(Set.of(Default.class))
        || !constraint.getComposingConstraints().isEmpty()
        || !constraint.getConstraintValidatorClasses().stream().allMatch(KnownConstraints::builtIn)) {
      return null;
    }
    Annotation annotation = constraint.getAnnotation();
    if (annotation instanceof NotNull) {
      return value -> value != null;
    }
    if (annotation instanceof NotBlank && CharSequence.class.isAssignableFrom(valueType)) {
      return value -> value != null && certainlyNotBlank((CharSequence) value);
    }
    if (annotation instanceof Size size) {
      int min = size.min();
      int max = size.max();
      if (CharSequence.class.isAssignableFrom(valueType)) {
        return value -> value == null || within(((CharSequence) value).length(), min, max);
      }
      if (Collection.class.isAssignableFrom(valueType)) {
        return value -> value == null || within(((Collection<?>) value).size(), min, max);
      }
      if (Map.class.isAssignableFrom(valueType)) {
        return value -> value == null || within(((Map<?, ?>) value).size(), min, max);
      }
      return null;
    }
    if (annotation instanceof Min min && integral(valueType)) {
      long bound = min.value();
      return value -> value == null || ((Number) value).longValue() >= bound;
    }
    if (annotation instanceof Max max && integral(valueType)) {
      long bound = max.value();
      return value -> value == null || ((Number) value).longValue() <= bound;
    }
    if (annotation instanceof Email) {
      // an address is checked by the validator's own rules; only the absent value is certainly valid
      return value -> value == null;
    }
    return null;
  }

  /**
   * True for the validators Hibernate Validator ships for the standard constraints: their meaning is the
   * specification's, which the checks here follow. A validator registered by the host (XML or service loader) for a
   * standard constraint, or another provider, means no quick check.
   */
  private static boolean builtIn(Class<?> validatorClass) {
    return validatorClass.getName().startsWith(BUILT_IN_VALIDATORS);
  }

  private static boolean within(int size, int min, int max) {
    return size >= min && size <= max;
  }

  /** Types whose {@code longValue()} is exact, so a bound compares as the validator compares it. */
  private static boolean integral(Class<?> type) {
    return type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class || type == Byte.class || type == byte.class;
  }

  /**
   * True when the text is not blank under either reading of {@code @NotBlank} a provider may use (trimmed length, or
   * {@link String#isBlank()}): some character is neither a control or space character nor whitespace.
   */
  private static boolean certainlyNotBlank(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c > ' ' && !Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }
}
