package org.crmkit.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ServerArchitectureTest {
  static final JavaClasses SERVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.crmkit.server");

  @Test
  void theServerUsesOnlyThePublicApi() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..")
        .because("the example server shows what a host may write: internal packages are outside the API promise")
        .check(SERVER);
  }

  @Test
  void theServerUsesNoWebFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.eclipse.jetty..",
            "io.javalin..", "org.springframework..")
        .because("the example runs on the JDK's own HTTP server, with no framework to choose or update")
        .check(SERVER);
  }
}
