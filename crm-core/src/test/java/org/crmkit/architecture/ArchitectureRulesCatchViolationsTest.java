package org.crmkit.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.crmkit.lead.ArchitectureViolationFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the rules are not vacuous: each one fails on {@link ArchitectureViolationFixture}, a test-only class in
 * a domain package that breaks them on purpose.
 */
class ArchitectureRulesCatchViolationsTest {
  private static JavaClasses bad;

  @BeforeAll
  static void importFixture() {
    bad = new ClassFileImporter().importClasses(
        ArchitectureViolationFixture.class,
        ArchitectureViolationFixture.RawFailure.class,
        ArchitectureViolationFixture.LeakyRepository.class,
        org.crmkit.RootPackageFixture.class);
  }

  @Test
  void catchesADependencyOnSql() {
    assertThatThrownBy(() -> CoreArchitectureRules.CORE_USES_ONLY_PLAIN_JAVA_AND_VALIDATION_API.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("java.sql");
  }

  @Test
  void catchesTheDomainReachingIntoUseCases() {
    assertThatThrownBy(() -> CoreArchitectureRules.DOMAIN_DOES_NOT_DEPEND_ON_USE_CASES_OR_STORAGE.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("org.crmkit.application");
  }

  @Test
  void catchesAnAggregateHoldingAnotherAggregate() {
    assertThatThrownBy(() -> CoreArchitectureRules.aggregateIsolated("org.crmkit.lead..").check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("org.crmkit.account.Account");
  }

  @Test
  void catchesAPublicSetter() {
    assertThatThrownBy(() -> CoreArchitectureRules.NO_PUBLIC_SETTERS_IN_THE_DOMAIN.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("setStatus");
  }

  @Test
  void catchesARepositoryThatIsAClass() {
    assertThatThrownBy(() -> CoreArchitectureRules.REPOSITORIES_ARE_INTERFACES.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyRepository");
  }

  @Test
  void catchesAmbientTime() {
    assertThatThrownBy(() -> CoreArchitectureRules.NO_AMBIENT_TIME_OR_RANDOMNESS.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Instant.now()");
  }

  @Test
  void catchesAnExceptionOutsideTheHierarchy() {
    assertThatThrownBy(() -> CoreArchitectureRules.EXCEPTIONS_EXTEND_CRM_EXCEPTION.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("RawFailure");
  }

  @Test
  void catchesACycleThroughTheRootPackage() {
    assertThatThrownBy(() -> CoreArchitectureRules.NO_PACKAGE_CYCLES.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("org.crmkit (root)")
        .hasMessageContaining("org.crmkit.lead");
  }

  @Test
  void catchesUseOfInternals() {
    assertThatThrownBy(() -> CoreArchitectureRules.INTERNAL_USED_ONLY_BY_THE_ENTRY_POINT.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("DefaultCrm");
  }
}
