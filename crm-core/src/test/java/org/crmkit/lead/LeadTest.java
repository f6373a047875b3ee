package org.crmkit.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.crmkit.customfield.CustomFields;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class LeadTest {
  private static final Pipeline PIPELINE = Pipeline.defaults();
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  private static Lead newLead() {
    return Lead.capture(LeadId.parse("00000000-0000-0000-0000-000000000001"), UserId.of("alice"),
        LeadDetails.of("Ada", "Lovelace", "AE"), CustomFields.empty(), PIPELINE.initialLeadStatus(), NOW);
  }

  @Test
  void cannotStartConvertedOrUnqualified() {
    assertThatThrownBy(() -> Lead.capture(LeadId.parse("00000000-0000-0000-0000-000000000001"), UserId.of("a"),
            LeadDetails.of(null, "X", null), CustomFields.empty(), PIPELINE.convertedLeadStatus(), NOW))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aConvertedLeadRefusesEveryChangeUntilTheConversionIsUndone() {
    Lead lead = newLead();
    lead.markConverted(PIPELINE.convertedLeadStatus(), new LeadConversionInfo(null, null, null, NOW, UserId.of("alice")));

    assertThatThrownBy(() -> lead.edit(LeadDetails.of("A", "B", null), CustomFields.empty(), NOW))
        .isInstanceOf(RecordReadOnlyException.class);
    assertThatThrownBy(() -> lead.assignTo(UserId.of("bob"), NOW)).isInstanceOf(RecordReadOnlyException.class);
    assertThatThrownBy(() -> lead.markConverted(PIPELINE.convertedLeadStatus(),
            new LeadConversionInfo(null, null, null, NOW, UserId.of("alice"))))
        .isInstanceOf(RecordReadOnlyException.class);

    lead.revertConversion(PIPELINE.leadStatus("qualified"), NOW);
    assertThat(lead.isConverted()).isFalse();
    lead.assignTo(UserId.of("bob"), NOW);
    assertThat(lead.owner()).isEqualTo(UserId.of("bob"));
  }

  @Test
  void disqualifyingClearsWhenRequalified() {
    Lead lead = newLead();
    lead.changeStatus(PIPELINE.unqualifiedLeadStatus(), "no budget", NOW);
    lead.changeStatus(PIPELINE.leadStatus("qualified"), null, NOW);
    assertThat(lead.unqualifiedReason()).isEmpty();
  }
}
