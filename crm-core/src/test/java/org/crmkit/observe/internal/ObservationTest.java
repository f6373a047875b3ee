package org.crmkit.observe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.crmkit.observe.UseCaseCall;
import org.crmkit.observe.UseCaseCall.Outcome;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.OutcomeUnknownException;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.ValidationException;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowDepthExceededException;
import org.junit.jupiter.api.Test;

class ObservationTest {

  @Test
  void classifiesEachKindOfFailureOnce() {
    assertThat(Observation.classify(new ConflictException("stale"))).isEqualTo(Outcome.CONFLICT);
    assertThat(Observation.classify(new RecordNotFoundException(org.crmkit.shared.RecordType.LEAD, "x"))).isEqualTo(Outcome.REFUSED);
    assertThat(Observation.classify(ValidationException.of("name", "is required"))).isEqualTo(Outcome.REFUSED);
    assertThat(Observation.classify(new StorageException("down", null))).isEqualTo(Outcome.FAILED);
    assertThat(Observation.classify(new OutcomeUnknownException("commit", null))).isEqualTo(Outcome.FAILED);
    assertThat(Observation.classify(new IllegalStateException("a bug"))).isEqualTo(Outcome.FAILED);
    assertThat(Observation.classify(new WorkflowDepthExceededException(List.of("a", "b"), 1)))
        .isEqualTo(Outcome.WORKFLOW_DEPTH_EXCEEDED);
  }

  @Test
  void findsADepthRefusalWrappedInAFailedAction() {
    WorkflowActionFailedException wrapped = new WorkflowActionFailedException("rule", org.crmkit.workflow.ActionType.SET_FIELD, "set field",
        new WorkflowDepthExceededException(List.of("a", "b"), 1));

    assertThat(Observation.classify(wrapped)).isEqualTo(Outcome.WORKFLOW_DEPTH_EXCEEDED);
  }

  @Test
  void aCallNamesAFailureExactlyWhenItThrew() {
    assertThatThrownBy(() -> new UseCaseCall("leads.create", Duration.ZERO, Outcome.SUCCEEDED, Optional.of("X")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UseCaseCall("leads.create", Duration.ZERO, Outcome.CONFLICT, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UseCaseCall("x", Duration.ofMillis(-1), Outcome.SUCCEEDED, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
