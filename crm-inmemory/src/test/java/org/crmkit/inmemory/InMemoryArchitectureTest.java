package org.crmkit.inmemory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The in-memory adapter builds on the core's public ports only. */
class InMemoryArchitectureTest {
  private final JavaClasses adapter = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.crmkit.inmemory");

  @Test
  void usesOnlyThePublicPortsOfTheCore() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.crmkit.application..")
        .because("an adapter implements the storage ports; it neither calls use cases nor reaches into internals")
        .check(adapter);
  }

  @Test
  void dependsOnNoPersistenceOrOtherAdapter() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "org.crmkit.jpa..", "java.sql..")
        .because("the in-memory adapter is plain Java and adapters do not depend on each other")
        .check(adapter);
  }

  @Test
  void hidesItsInternals() {
    noClasses().that().resideOutsideOfPackage("org.crmkit.inmemory..")
        .should().dependOnClassesThat().resideInAPackage("org.crmkit.inmemory.internal..")
        .check(new ClassFileImporter().importPackages("org.crmkit"));
  }
}
