package org.crmkit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmailAddressShapeTest {

  @Test
  void checksTheShapeExactlyAsTheRegularExpressionDoes() {
    String[] parts = {"a", "Z", "7", "@", ".", " ", "\t", "\n", "\u000B", "\f", "\r", "-", "_", "+", "é", "\u2003",
        "ex", "com", ".."};
    Random random = new Random(16);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(9); n >= 0; n--) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      String s = text.toString();
      assertThat(EmailAddress.hasShape(s)).as("shape of '%s'", s).isEqualTo(EmailAddress.SHAPE.matcher(s).matches());
    }
  }

  @Test
  void acceptsAnAddressAndRefusesTextsWithoutItsShape() {
    assertThat(EmailAddress.of(" Ada@Example.COM ").value()).isEqualTo("Ada@example.com");
    for (String bad : new String[] {"ada", "@example.com", "ada@", "ada@example", "ada@.com", "ada@example.",
        "a@b@example.com", "ada lovelace@example.com"}) {
      assertThatThrownBy(() -> EmailAddress.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an e-mail address");
    }
  }
}
