package org.crmkit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a mapping or report definition: a file path, or the name of one shipped with the tool. */
final class Resources {
  static final List<String> MAPPINGS = List.of("maven-accounts", "maven-pipeline", "x-education-leads");
  static final List<String> REPORTS = List.of("pipeline-by-stage", "won-by-sector", "win-rate-by-product",
      "leads-by-source", "leads-by-origin");

  private Resources() {}

  static InputStream open(String kind, String nameOrPath, List<String> shipped) {
    Path path = Path.of(nameOrPath);
    if (Files.isRegularFile(path)) {
      try {
        return Files.newInputStream(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
      }
    }
    InputStream in = Resources.class.getResourceAsStream(kind + "/" + nameOrPath + ".json");
    if (in == null) {
      throw new CrmCli.CliException("no " + kind.replaceAll("s$", "") + " file '" + nameOrPath + "' (" + path.toAbsolutePath()
          + " does not exist) and no shipped " + kind.replaceAll("s$", "") + " of that name; shipped: " + String.join(", ", shipped));
    }
    return in;
  }
}
