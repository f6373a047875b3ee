package org.crmkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.Probability;
import org.junit.jupiter.api.Test;

class PipelineTest {

  @Test
  void theDefaultPipelineSplitsMarketingIntoLeadStatuses() {
    Pipeline p = Pipeline.defaults();
    assertThat(p.mode()).isEqualTo(PipelineMode.SPLIT_LEADS_AND_OPPORTUNITIES);
    assertThat(p.firstOpenStage().key()).isEqualTo("qualification");
    assertThat(p.wonStage().defaultProbability()).isEqualTo(Probability.CERTAIN);
    assertThat(p.lostStage().defaultProbability()).isEqualTo(Probability.ZERO);
    assertThat(p.convertedLeadStatus().isConverted()).isTrue();
    assertThat(p.initialLeadStatus().key()).isEqualTo("new");
    assertThat(p.order("proposal")).isGreaterThan(p.order("qualification"));
  }

  @Test
  void theConvertedFlagIsTheStatusKindNotItsLabel() {
    Pipeline p = Pipeline.builder()
        .leadStatus(LeadStatus.of("open", "Open", LeadStatusKind.OPEN))
        .leadStatus(LeadStatus.of("no", "Not interested", LeadStatusKind.UNQUALIFIED))
        .leadStatus(LeadStatus.of("became_customer", "Asiakkaaksi", LeadStatusKind.CONVERTED))
        .stage(SalesStage.open("talk", "Talk", 30, ForecastCategory.PIPELINE))
        .stage(SalesStage.won("yes", "Yes"))
        .stage(SalesStage.lost("no", "No"))
        .build();
    assertThat(p.convertedLeadStatus().key()).isEqualTo("became_customer");
  }

  @Test
  void rejectsAPipelineWithoutWonOrLostStagesOrWithDuplicates() {
    assertThatThrownBy(() -> Pipeline.builder()
            .leadStatus(LeadStatus.of("new", "New", LeadStatusKind.OPEN))
            .stage(SalesStage.open("a", "A", 10, ForecastCategory.PIPELINE))
            .stage(SalesStage.open("a", "Again", 20, ForecastCategory.PIPELINE))
            .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stage key a appears twice")
        .hasMessageContaining("no WON sales stage")
        .hasMessageContaining("no LOST sales stage")
        .hasMessageContaining("no CONVERTED lead status");
  }

  @Test
  void refusesMarketingStagesInSplitMode() {
    assertThatThrownBy(() -> Pipeline.builder()
            .mode(PipelineMode.SPLIT_LEADS_AND_OPPORTUNITIES)
            .leadStatus(LeadStatus.of("new", "New", LeadStatusKind.OPEN))
            .leadStatus(LeadStatus.of("un", "Un", LeadStatusKind.UNQUALIFIED))
            .leadStatus(LeadStatus.of("conv", "Conv", LeadStatusKind.CONVERTED))
            .stage(SalesStage.marketing("mql", "MQL", 5))
            .stage(SalesStage.won("won", "Won"))
            .stage(SalesStage.lost("lost", "Lost"))
            .build())
        .hasMessageContaining("marketing stage");
  }

  @Test
  void wonAndLostStagesHaveFixedProbabilities() {
    assertThatThrownBy(() -> new SalesStage("w", "W", Probability.of(90), StageKind.WON, ForecastCategory.CLOSED, false))
        .hasMessageContaining("must have probability 100");
  }

  @Test
  void unknownStageKeysAreFieldErrors() {
    assertThatThrownBy(() -> Pipeline.defaults().stage("nope"))
        .isInstanceOf(UnknownStageException.class)
        .hasMessageContaining("stage: 'nope' is not a sales stage of the pipeline; use one of [qualification");
  }
}
