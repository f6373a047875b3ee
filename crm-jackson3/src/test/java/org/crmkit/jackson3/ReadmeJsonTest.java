package org.crmkit.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.Crm;
import org.crmkit.application.CreateLead;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.json.JsonFixtures;
import org.crmkit.lead.Lead;
import org.crmkit.shared.Actor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The README's JSON example is this code, word for word, and it runs. */
class ReadmeJsonTest {

  @Test
  void theReadmesJsonExampleIsWordForWordCodeThatRuns() throws IOException {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).customFields(JsonFixtures.SCHEMA).build();
    Actor alice = Actor.user("alice");
    String body = "{\"lastName\":\"Lovelace\",\"company\":\"Analytical Engines\",\"customFields\":{\"tier\":\"gold\"}}";

    // README: begin
    JsonMapper mapper = JsonMapper.builder().addModule(CrmJackson3Module.of(crm.customFields())).build();
    // Jackson 2: JsonMapper.builder().addModule(CrmJackson2Module.of(crm.customFields())).build()

    Lead lead = crm.leads().create(alice, mapper.readValue(body, CreateLead.class));
    String json = mapper.writeValueAsString(lead);     // {"id":"0f8e2a4c-...","version":1,"owner":"alice",...}
    // README: end

    assertThat(json).contains("\"version\":1,\"owner\":\"alice\"", "\"customFields\":{\"tier\":\"gold\"}");
    assertThat(mapper.readValue(json, Lead.class).snapshot()).isEqualTo(lead.snapshot());
    assertThat(readmeBlock()).isEqualTo(ownBlock());
  }

  private static String readmeBlock() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Reading and writing JSON"));
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(m.find()).as("the README's JSON section has a java block").isTrue();
    return m.group(1).stripTrailing();
  }

  private static String ownBlock() throws IOException {
    String self = Files.readString(Path.of("src/test/java/org/crmkit/jackson3/ReadmeJsonTest.java"));
    String block = self.substring(self.indexOf("// README: begin\n") + "// README: begin\n".length(),
        self.indexOf("    // README: end"));
    return block.lines().map(l -> l.length() >= 4 ? l.substring(4) : l.strip()).reduce((a, b) -> a + "\n" + b)
        .orElse("").stripTrailing();
  }
}
