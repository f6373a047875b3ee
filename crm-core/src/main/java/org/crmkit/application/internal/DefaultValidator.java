package org.crmkit.application.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.util.Objects;
import java.util.Set;

/**
 * The validator crmkit builds when the host configures none ({@link DefaultCrm#defaultValidator()}): the provider's
 * own, unchanged, marked as crmkit's so that {@link Validation} knows which constraints it checks (exactly those its
 * metadata describes, with the built-in meanings) and may skip it for commands that certainly pass.
 */
final class DefaultValidator implements Validator {
  private final Validator provider;

  DefaultValidator(Validator provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
    return provider.validate(object, groups);
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
    return provider.validateProperty(object, propertyName, groups);
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateValue(
      Class<T> beanType, String propertyName, Object value, Class<?>... groups) {
    return provider.validateValue(beanType, propertyName, value, groups);
  }

  @Override
  public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
    return provider.getConstraintsForClass(clazz);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : provider.unwrap(type);
  }

  @Override
  public ExecutableValidator forExecutables() {
    return provider.forExecutables();
  }
}
