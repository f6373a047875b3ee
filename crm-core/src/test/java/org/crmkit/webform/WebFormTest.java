package org.crmkit.webform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.crmkit.shared.UserId;
import org.junit.jupiter.api.Test;

class WebFormTest {

  @Test
  void aFormKeepsItsFieldsInTheOrderGivenAndNamesItsEmailParameter() {
    WebForm form = WebForm.named("contact-us").field("last", LeadField.LAST_NAME).field("mail", LeadField.EMAIL)
        .field("first", LeadField.FIRST_NAME).customField("seats", "seats");

    assertThat(List.copyOf(form.fields().keySet())).containsExactly("last", "mail", "first");
    assertThat(form.emailParameter()).contains("mail");
    assertThat(form.actingAs()).isEqualTo("webform");
    assertThat(form.allowedRules()).as("a public form runs no rule unless allowed").isEmpty();
  }

  @Test
  void aFormNameMustFitInAUrl() {
    assertThatThrownBy(() -> WebForm.named("contact us/../x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits");
  }

  @Test
  void aRequiredParameterMustBeMapped() {
    assertThatThrownBy(() -> WebForm.named("f").required("email")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'email' is not mapped");
  }

  @Test
  void theHoneypotCannotAlsoBeAField() {
    assertThatThrownBy(() -> WebForm.named("f").field("url", LeadField.WEBSITE).honeypot("url"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("honeypot");
  }

  @Test
  void twoParametersCannotFillOneField() {
    assertThatThrownBy(() -> WebForm.named("f").field("a", LeadField.EMAIL).field("b", LeadField.EMAIL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same lead field");
  }

  @Test
  void roundRobinNeedsAtLeastOneOwner() {
    assertThatThrownBy(() -> OwnerAssignment.roundRobin()).isInstanceOf(IllegalArgumentException.class);
    assertThat(OwnerAssignment.roundRobin(UserId.of("a"), UserId.of("b")).inTurn()).isTrue();
  }
}
