package org.crmkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.crmkit.shared.CrmException;

/**
 * The architecture of crm-core as general rules, each with its reason. {@code CoreArchitectureTest} checks them
 * against the real classes; {@code ArchitectureRulesCatchViolationsTest} proves each rule fails on a class built
 * to break it.
 */
final class CoreArchitectureRules {
  private CoreArchitectureRules() {}

  static final String[] DOMAIN_PACKAGES = {
    "org.crmkit.shared..", "org.crmkit.customfield..", "org.crmkit.pipeline..", "org.crmkit.lead..",
    "org.crmkit.account..", "org.crmkit.contact..", "org.crmkit.opportunity..", "org.crmkit.history..",
    "org.crmkit.conversion..", "org.crmkit.workflow..", "org.crmkit.forecast..", "org.crmkit.segment..",
    "org.crmkit.budget..", "org.crmkit.report..", "org.crmkit.bi.."
  };

  static final String[] AGGREGATE_PACKAGES = {
    "org.crmkit.lead..", "org.crmkit.account..", "org.crmkit.contact..", "org.crmkit.opportunity.."
  };

  static final ArchRule CORE_USES_ONLY_PLAIN_JAVA_AND_VALIDATION_API =
      classes().that().resideInAPackage("org.crmkit..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "java.lang..", "java.util..", "java.time..", "java.math..", "java.io..", "java.text..",
              // SecureRandom, for the default ids (RandomUuids); nothing of java.security's sub-packages
              "java.security",
              "jakarta.validation..", "org.crmkit..")
          .because("crm-core must stay free of persistence, Hibernate, Jackson, logging and framework code");

  static final ArchRule DOMAIN_DOES_NOT_DEPEND_ON_USE_CASES_OR_STORAGE =
      noClasses().that().resideInAnyPackage(DOMAIN_PACKAGES)
          .should().dependOnClassesThat().resideInAnyPackage("org.crmkit.application..", "org.crmkit.storage..")
          .because("the domain is the centre of the hexagon; use cases and the storage SPI build on it, never the reverse");

  /** One slice per top-level package of org.crmkit, and one for the root package itself (the entry point). */
  static final SliceAssignment TOP_LEVEL_PACKAGES_AND_ROOT = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      if (pkg.equals("org.crmkit")) {
        return SliceIdentifier.of("org.crmkit (root)");
      }
      if (pkg.startsWith("org.crmkit.")) {
        return SliceIdentifier.of("org.crmkit." + pkg.substring("org.crmkit.".length()).split("\\.")[0]);
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the top-level packages of org.crmkit and the root package";
    }
  };

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().assignedFrom(TOP_LEVEL_PACKAGES_AND_ROOT).should().beFreeOfCycles()
          .because("packages are layered by aggregate and capability, with the entry point on top");

  static ArchRule aggregateIsolated(String aggregatePackage) {
    String[] others = java.util.Arrays.stream(AGGREGATE_PACKAGES)
        .filter(p -> !p.equals(aggregatePackage)).toArray(String[]::new);
    return noClasses().that().resideInAPackage(aggregatePackage)
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("aggregates refer to each other only through ids in org.crmkit.shared");
  }

  static final ArchRule NO_PUBLIC_SETTERS_IN_THE_DOMAIN =
      noMethods().that().areDeclaredInClassesThat().resideInAnyPackage(DOMAIN_PACKAGES)
          .and(beanSetters())
          .should().bePublic()
          .allowEmptyShould(true)
          .because("aggregates change through domain verbs that guard their invariants, never through setters");

  static final ArchRule REPOSITORIES_ARE_INTERFACES =
      classes().that().resideInAPackage("org.crmkit..").and().haveSimpleNameEndingWith("Repository")
          .should().beInterfaces()
          .because("repositories are ports that adapters implement");

  static final ArchRule NO_AMBIENT_TIME_OR_RANDOMNESS =
      noClasses().that().resideInAPackage("org.crmkit..")
          .and().doNotHaveFullyQualifiedName("org.crmkit.shared.IdGenerator")
          .and().doNotHaveFullyQualifiedName("org.crmkit.Crm$Builder")
          .and().doNotHaveFullyQualifiedName("org.crmkit.shared.RandomUuids")
          .should().callCodeUnitWhere(ambientTimeOrRandomness())
          .because("time comes from the injected Clock and ids from the IdGenerator, so tests are deterministic");

  static final ArchRule EXCEPTIONS_EXTEND_CRM_EXCEPTION =
      classes().that().resideInAPackage("org.crmkit..").and().areAssignableTo(RuntimeException.class)
          .should().beAssignableTo(CrmException.class)
          .because("callers catch one exception root, with subclasses named for what failed");

  static final ArchRule INTERNAL_USED_ONLY_BY_THE_ENTRY_POINT =
      noClasses().that().resideOutsideOfPackage("org.crmkit.application.internal..")
          .and().doNotHaveFullyQualifiedName("org.crmkit.Crm$Builder")
          .and().doNotHaveFullyQualifiedName("org.crmkit.BuiltCrm")
          .should().dependOnClassesThat().resideInAPackage("org.crmkit.application.internal..")
          .because("internal packages are outside the compatibility promise; Crm.builder() (and the Crm it builds) is the way in");

  /** {@code void setX(oneValue)} on an instance: the JavaBean setter shape, whatever the field. */
  private static DescribedPredicate<JavaMethod> beanSetters() {
    return new DescribedPredicate<>("are setters (void setX(value))") {
      @Override
      public boolean test(JavaMethod method) {
        return method.getName().matches("set[A-Z].*")
            && method.getRawParameterTypes().size() == 1
            && method.getRawReturnType().isEquivalentTo(void.class)
            && !method.getModifiers().contains(JavaModifier.STATIC);
      }
    };
  }

  private static DescribedPredicate<JavaCall<?>> ambientTimeOrRandomness() {
    return new DescribedPredicate<>("reads the system clock, makes random ids or a source of random numbers") {
      @Override
      public boolean test(JavaCall<?> call) {
        var target = call.getTarget();
        String name = target.getName();
        boolean noArgNow = name.equals("now") && target.getRawParameterTypes().isEmpty();
        return (noArgNow && (target.getOwner().isEquivalentTo(Instant.class)
                || target.getOwner().isEquivalentTo(LocalDate.class)
                || target.getOwner().isEquivalentTo(LocalDateTime.class)
                || target.getOwner().isEquivalentTo(OffsetDateTime.class)
                || target.getOwner().isEquivalentTo(ZonedDateTime.class)))
            || (target.getOwner().isEquivalentTo(UUID.class) && name.equals("randomUUID"))
            // a source of random numbers made or fetched: only the default ids' own generators (RandomUuids) may
            || (target.getOwner().isAssignableTo(Random.class)
                && (name.equals(JavaConstructor.CONSTRUCTOR_NAME) || name.startsWith("getInstance")))
            || (target.getOwner().isEquivalentTo(ThreadLocalRandom.class) && name.equals("current"))
            || (target.getOwner().isEquivalentTo(System.class) && name.equals("currentTimeMillis"))
            || (target.getOwner().isEquivalentTo(Clock.class) && name.startsWith("system"));
      }
    };
  }
}
