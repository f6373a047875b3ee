package org.crmkit.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class DuplicateCandidateTest {

  @Test
  void anOpportunityIsNoDuplicateCandidateBecauseItCouldNotBeLinked() {
    OpportunityId id = OpportunityId.of(UUID.randomUUID());

    assertThatThrownBy(() -> new DuplicateCandidate(ConversionTarget.OPPORTUNITY, id, "Deal", List.of("NAME"), 1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not an opportunity");
  }

  @Test
  void aContactCandidateLinksThatContact() {
    ContactId id = ContactId.of(UUID.randomUUID());

    DuplicateCandidate c = new DuplicateCandidate(ConversionTarget.CONTACT, id, "Ada", List.of("EMAIL"), 0.5);

    assertThat(c.link()).isEqualTo(TargetChoice.link(id));
  }
}
