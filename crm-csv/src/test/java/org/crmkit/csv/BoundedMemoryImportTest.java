package org.crmkit.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory, measured by limit rather than by time: 200,000 generated rows (about 40 MB of CSV) stream through
 * an importer in a JVM whose heap is capped at 48 MB. Holding the file, every row, or every rejection would not fit.
 */
class BoundedMemoryImportTest {
  // ids 499 and 999 are bad every time they come (every 500th row), so 998 of the 1,000 ids are created
  @Test
  void twoHundredThousandRowsImportInAFortyEightMegabyteHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
        BoundedMemoryImport.class.getName(), "200000").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();

    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("200000 read, 998 imported, 198602 updated, 400 rejected; kept 400 rejections")
        .contains("max heap");
  }
}
