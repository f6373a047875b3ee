package org.crmkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomValue;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordType;
import org.junit.jupiter.api.Test;

/**
 * {@link CrmServer#start(int, org.crmkit.storage.CrmStorage, CustomFieldSchema)}: a host (the command-line tool's
 * {@code serve}) lends the server its storage and its custom fields, and gets the storage back open.
 */
class ServerOverACallersStorageTest {
  private static final CustomFieldSchema ORIGIN =
      CustomFieldSchema.of(CustomFieldDefinition.text(RecordType.LEAD, "origin", "Lead origin"));

  @Test
  void theServerTakesTheCallersCustomFieldsAndLeavesTheStorageOpenWhenItIsClosed() throws Exception {
    try (JpaStorage storage = JpaStorage.builder()
        .jdbcUrl("jdbc:h2:mem:callers-storage;DB_CLOSE_DELAY=-1", "sa", "").build()) {
      CrmServer server = CrmServer.start(0, storage, ORIGIN);
      String id;
      try {
        HttpClientSupport http = new HttpClientSupport(server.uri());
        HttpClientSupport.Response created = http.send("POST", "/api/leads", "alice-token", HttpClientSupport.json(
            Map.of("lastName", "Hopper", "company", "Navy", "customFields", Map.of("origin", "API", "seats", "3"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode lead = created.json();
        assertThat(lead.path("customFields").path("origin").asText()).isEqualTo("API");
        assertThat(lead.path("customFields").path("seats").asText()).isEqualTo("3");
        id = lead.path("id").asText();
      } finally {
        server.close();
      }

      Crm crm = Crm.builder().storage(storage).customFields(ORIGIN).build();
      assertThat(crm.leads().get(Actor.user("alice"), LeadId.of(java.util.UUID.fromString(id)))
          .customFields().get("origin")).contains(CustomValue.text("API"));
    }
  }

  @Test
  void customFieldsThatClashWithTheExamplesOwnAreRefused() {
    CustomFieldSchema clash = CustomFieldSchema.of(CustomFieldDefinition.text(RecordType.LEAD, "seats", "Seats"));

    assertThatThrownBy(() -> CrmServer.start(0, org.crmkit.inmemory.InMemoryStorage.create(), clash))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seats");
  }
}
