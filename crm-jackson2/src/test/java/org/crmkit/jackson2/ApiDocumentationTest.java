package org.crmkit.jackson2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.json.JsonFixtures;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md shows every document as the module writes it: each example block there is the JSON of the fixture of
 * the same name. Run with {@code -Dcrmkit.api.write=true} to rewrite the blocks after a document changed.
 */
class ApiDocumentationTest {

  private static final Path API = Path.of("..", "docs", "API.md");
  private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (.+?) -->\\n```json\\n(.*?)```\\n",
      Pattern.DOTALL);

  private final ObjectMapper mapper = JsonMapper.builder().addModule(CrmJackson2Module.of(JsonFixtures.SCHEMA))
      .build();

  @Test
  void everyExampleInTheApiDocumentIsWhatTheModuleWritesAndEveryDocumentHasOne() throws Exception {
    String text = Files.readString(API, StandardCharsets.UTF_8);
    Map<String, String> expected = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : JsonFixtures.documents().entrySet()) {
      expected.put(e.getKey(), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(e.getValue()) + "\n");
    }
    List<String> problems = new ArrayList<>();
    StringBuilder rewritten = new StringBuilder();
    Matcher m = EXAMPLE.matcher(text);
    int end = 0;
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      seen.add(name);
      String json = expected.get(name);
      rewritten.append(text, end, m.start());
      if (json == null) {
        problems.add("docs/API.md shows an example '" + name + "' that JsonFixtures does not have");
        rewritten.append(m.group());
      } else {
        if (!json.equals(m.group(2))) {
          problems.add("the example '" + name + "' in docs/API.md is not what the module writes");
        }
        rewritten.append("<!-- example: ").append(name).append(" -->\n```json\n").append(json).append("```\n");
      }
      end = m.end();
    }
    rewritten.append(text.substring(end));
    for (String name : expected.keySet()) {
      if (!seen.contains(name)) {
        problems.add("docs/API.md has no example of '" + name + "' (add <!-- example: " + name + " --> and a json "
            + "block)");
      }
    }
    if (Boolean.getBoolean("crmkit.api.write")) {
      Files.writeString(API, rewritten.toString(), StandardCharsets.UTF_8);
      problems.removeIf(p -> p.contains("is not what the module writes"));
    }
    assertThat(problems).as("run with -Dcrmkit.api.write=true to rewrite the examples").isEmpty();
  }
}
