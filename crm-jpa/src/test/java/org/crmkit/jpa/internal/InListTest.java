package org.crmkit.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InListTest {
  @Test
  void rendersOneParameterPerValuePaddedToAPowerOfTwoByRepeatingTheLast() {
    InList three = InList.of("stage", List.of("a", "b", "c"));

    assertThat(three.in("o.stage")).isEqualTo("o.stage in (:stage0, :stage1, :stage2, :stage3)");
    assertThat(three.values()).containsExactly("a", "b", "c", "c");
    assertThat(InList.of("s", List.of("a", "b")).in("x")).isEqualTo("x in (:s0, :s1)");
    assertThat(InList.of("s", List.of(1, 2, 3, 4, 5)).values()).hasSize(8);
  }

  @Test
  void rendersASingleValueAsAnEqualityNotAsAListParameter() {
    assertThat(InList.of("won", List.of("won")).in("o.stage")).isEqualTo("o.stage = :won0");
  }

  @Test
  void refusesAnEmptyList() {
    assertThatThrownBy(() -> InList.of("s", List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one value");
  }

  @Test
  void quotesLiteralsSoThatNoTextCanEndTheString() {
    assertThat(InList.literals("o.stage", List.of("won"))).isEqualTo("o.stage = 'won'");
    assertThat(InList.literals("o.stage", List.of("won", "it's"))).isEqualTo("o.stage in ('won', 'it''s')");
  }
}
