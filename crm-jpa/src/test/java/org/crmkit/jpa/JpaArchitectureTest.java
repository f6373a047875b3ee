package org.crmkit.jpa;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/** The adapter's architecture rules. */
class JpaArchitectureTest {
  private static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.crmkit.jpa");

  @Test
  void entitiesLiveInTheInternalPackage() {
    classes().that().areAnnotatedWith(Entity.class)
        .should().resideInAPackage("org.crmkit.jpa.internal")
        .because("entities are an implementation detail; hosts see only the core's aggregates")
        .check(ADAPTER);
  }

  @Test
  void thePublicApiNeverReturnsOrTakesInternalTypes() {
    methods().that().areDeclaredInClassesThat().resideInAPackage("org.crmkit.jpa").and().arePublic()
        .should().notHaveRawReturnType(resideInAPackage("org.crmkit.jpa.internal.."))
        .andShould().notHaveRawParameterTypes(anyElementThat(resideInAPackage("org.crmkit.jpa.internal..")))
        .because("JPA entities and the adapter's internals must never leak into the public API")
        .check(ADAPTER);
  }

  @Test
  void theAdapterUsesOnlyTheJakartaPersistenceApi() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "org.eclipse.persistence..")
        .because("any Jakarta Persistence 3.2 provider must be able to run the adapter; Hibernate is only the"
            + " default")
        .check(ADAPTER);
  }

  @Test
  void internalsDoNotDependOnThePublicApi() {
    noClasses().that().resideInAPackage("org.crmkit.jpa.internal..")
        .should().dependOnClassesThat().resideInAPackage("org.crmkit.jpa")
        .because("the public API is built on the internals, not the other way round")
        .check(ADAPTER);
  }
}
