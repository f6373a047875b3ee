package org.crmkit.csv;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CsvArchitectureTest {
  private final JavaClasses csv = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.crmkit.csv");

  @Test
  void theImportGoesThroughThePublicApiOnlySoAccessAndTenantRulesApplyToEveryRow() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..", "org.crmkit.inmemory..",
            "org.crmkit.jpa..", "jakarta.persistence..")
        .because("rows must pass the use cases (validation, access policy, tenant), never a storage directly")
        .check(csv);
  }

  private static final com.tngtech.archunit.lang.ArchRule NO_REPOSITORY_CALLS = noClasses().should()
      .callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a repository method",
          call -> call.getTargetOwner().getSimpleName().endsWith("Repository")));

  @Test
  void rowsAreWrittenThroughUseCasesNotRepositories() {
    NO_REPOSITORY_CALLS.check(csv);
  }

  @Test
  void theRepositoryRuleCatchesCodeThatCallsRepositories() {
    JavaClasses core = new ClassFileImporter().importPackages("org.crmkit.application.internal");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NO_REPOSITORY_CALLS.check(core))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Repository");
  }
}
