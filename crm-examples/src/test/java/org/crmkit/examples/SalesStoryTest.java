package org.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SalesStoryTest {

  @Test
  void tellsTheWholeStory() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SalesStory(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("rejected a form submission")
        .contains("open leads: 3")
        .contains("(spam)")
        .contains("won:  Acme rocket skates on 2026-03-22 at 100%")
        .contains("lost: Globex doomsday device (customer went with a competitor)")
        .contains("Bob's stale edit was refused")
        .contains("(created)")
        .contains("time in proposal        9 days")
        .containsPattern("Acme rocket skates\\s+Acme Oy\\s+closed_won");
  }
}
