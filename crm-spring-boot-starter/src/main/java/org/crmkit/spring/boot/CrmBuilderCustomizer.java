package org.crmkit.spring.boot;

import org.crmkit.Crm;

/**
 * Adjusts the {@link Crm.Builder} before the starter builds the {@code Crm} bean, for what no bean or property
 * covers (a clock, an id generator, a validator). Define one or more as beans; they run in their
 * {@link org.springframework.core.Ordered order}, after the starter has applied the beans it found.
 */
@FunctionalInterface
public interface CrmBuilderCustomizer {

  /** @param builder never null */
  void customize(Crm.Builder builder);
}
