package org.crmkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ExamplesArchitectureTest {

  @Test
  void examplesUseOnlyThePublicApi() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..")
        .because("examples show what users may write: internal packages are outside the API promise")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.crmkit.examples"));
  }
}
