package org.crmkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** crm-core's classes keep the architecture rules. */
class CoreArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.crmkit");
  }

  @Test
  void coreUsesOnlyPlainJavaAndTheValidationApi() {
    CoreArchitectureRules.CORE_USES_ONLY_PLAIN_JAVA_AND_VALIDATION_API.check(core);
  }

  @Test
  void domainDoesNotDependOnUseCasesOrStorage() {
    CoreArchitectureRules.DOMAIN_DOES_NOT_DEPEND_ON_USE_CASES_OR_STORAGE.check(core);
  }

  @Test
  void packagesHaveNoCycles() {
    CoreArchitectureRules.NO_PACKAGE_CYCLES.check(core);
  }

  @ParameterizedTest
  @ValueSource(strings = {"org.crmkit.lead..", "org.crmkit.account..", "org.crmkit.contact..", "org.crmkit.opportunity.."})
  void aggregatesReferToEachOtherByIdOnly(String aggregatePackage) {
    CoreArchitectureRules.aggregateIsolated(aggregatePackage).check(core);
  }

  @Test
  void domainHasNoPublicSetters() {
    CoreArchitectureRules.NO_PUBLIC_SETTERS_IN_THE_DOMAIN.check(core);
  }

  @Test
  void repositoriesAreInterfaces() {
    CoreArchitectureRules.REPOSITORIES_ARE_INTERFACES.check(core);
  }

  @Test
  void nothingReadsTheSystemClockOrRandomIds() {
    CoreArchitectureRules.NO_AMBIENT_TIME_OR_RANDOMNESS.check(core);
  }

  @Test
  void runtimeExceptionsExtendCrmException() {
    CoreArchitectureRules.EXCEPTIONS_EXTEND_CRM_EXCEPTION.check(core);
  }

  @Test
  void internalPackagesAreReachedOnlyThroughTheEntryPoint() {
    CoreArchitectureRules.INTERNAL_USED_ONLY_BY_THE_ENTRY_POINT.check(core);
  }
}
