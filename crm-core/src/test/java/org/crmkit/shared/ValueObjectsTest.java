package org.crmkit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

  @Test
  void probabilityIsAWholePercentFromZeroToHundred() {
    assertThat(Probability.of(0)).isEqualTo(Probability.ZERO);
    assertThat(Probability.of(100)).isEqualTo(Probability.CERTAIN);
    assertThatThrownBy(() -> Probability.of(101)).hasMessageContaining("between 0 and 100");
    assertThatThrownBy(() -> Probability.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emailAddressesAreTrimmedAndTheirDomainLowerCased() {
    EmailAddress email = EmailAddress.of("  Ada.Lovelace@Example.COM ");
    assertThat(email.value()).isEqualTo("Ada.Lovelace@example.com");
    assertThat(email.domain()).isEqualTo("example.com");
    assertThat(email.normalized()).isEqualTo("ada.lovelace@example.com");
    assertThatThrownBy(() -> EmailAddress.of("ada@localhost")).hasMessageContaining("not an e-mail address");
    assertThatThrownBy(() -> EmailAddress.of("a b@example.com")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void userIdsAreNotBlank() {
    assertThatThrownBy(() -> UserId.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Actor.system("workflow").toString()).isEqualTo("system:workflow");
  }

  @Test
  void sequentialIdsArePredictable() {
    IdGenerator ids = IdGenerator.sequential();
    assertThat(ids.nextId().toString()).isEqualTo("00000000-0000-0000-0000-000000000001");
    assertThat(ids.nextId().toString()).isEqualTo("00000000-0000-0000-0000-000000000002");
  }

  @Test
  void pagesKnowWhetherMoreFollow() {
    Page<String> page = new Page<>(List.of("a", "b"), PageRequest.of(0, 2), 3);
    assertThat(page.hasNext()).isTrue();
    assertThat(page.map(String::toUpperCase).items()).containsExactly("A", "B");
    assertThatThrownBy(() -> PageRequest.of(0, 1001)).hasMessageContaining("1..1000");
  }

  @Test
  void validationExceptionsListEveryFieldError() {
    ValidationException e = new ValidationException(List.of(new FieldError("a", "is required"), new FieldError("b", "too long")));
    assertThat(e).hasMessage("Invalid input: a: is required; b: too long");
    assertThat(e).isInstanceOf(CrmException.class);
  }

  @Test
  void segmentsRejectBlankValues() {
    assertThatThrownBy(() -> Segments.of(java.util.Map.of("region", " "))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Segments.of(java.util.Map.of("b", "2", "a", "1")).values().keySet()).containsExactly("a", "b");
  }
}
