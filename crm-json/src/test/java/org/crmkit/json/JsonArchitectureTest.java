package org.crmkit.json;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** crm-json is the neutral description of the documents: no JSON library, no use case, no storage. */
class JsonArchitectureTest {

  private final JavaClasses json = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.crmkit.json");

  @Test
  void dependsOnNoJsonLibrary() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml..", "tools.jackson..", "jakarta.json..", "com.google.gson..")
        .because("one description serves Jackson 2 and Jackson 3 alike; each binding is a thin artifact of its own")
        .check(json);
  }

  @Test
  void callsNoUseCaseAndTouchesNoStorageOrInternals() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.crmkit.application.internal..", "org.crmkit.storage..", "org.crmkit.inmemory..",
            "org.crmkit.jpa..")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Service")
        .because("documents are values: reading and writing them never runs a use case")
        .check(json);
  }

  @Test
  void hidesItsInternals() {
    noClasses().that().resideOutsideOfPackage("org.crmkit.json..")
        .should().dependOnClassesThat().resideInAPackage("org.crmkit.json.internal..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.crmkit"));
  }
}
