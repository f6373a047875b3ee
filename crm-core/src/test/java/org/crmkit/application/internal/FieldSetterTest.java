package org.crmkit.application.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.crmkit.shared.Probability;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class FieldSetterTest {

  @Test
  void readsAProbabilityAsAWholeNumberFromZeroToHundred() {
    assertThat(FieldSetter.probability("50")).isEqualTo(Probability.of(50));
    assertThat(FieldSetter.probability(" 50.00 ")).isEqualTo(Probability.of(50));
    assertThat(FieldSetter.probability("1e1")).isEqualTo(Probability.of(10));
    assertThat(FieldSetter.probability("0")).isEqualTo(Probability.ZERO);
    assertThat(FieldSetter.probability("100")).isEqualTo(Probability.CERTAIN);
  }

  @Test
  void refusesFractionsOutOfRangeValuesAndHugeExponentsAsAValidationErrorOnProbability() {
    for (String bad : new String[] {"50.5", "1e10", "500", "-1", "abc", "", "1e100000000", "1e-100000000"}) {
      assertThatThrownBy(() -> FieldSetter.probability(bad)).as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("probability").hasMessageContaining("whole number from 0 to 100");
    }
  }
}
