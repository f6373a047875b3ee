package org.crmkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crmkit.server.HttpClientSupport.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example server given a PostgreSQL JDBC URL (an embedded PostgreSQL of its own, so that no shared database is
 * touched): the same API, and racing web form submissions of one e-mail decided by PostgreSQL's primary key.
 */
class ServerOnPostgresIT {
  static EmbeddedPostgres postgres;
  static CrmServer server;
  static HttpClientSupport http;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    server = CrmServer.start(0, postgres.getJdbcUrl("postgres", "postgres"));
    http = new HttpClientSupport(server.uri());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void racingSubmissionsOfOneEmailMakeOneLeadThatIsConvertedThroughTheApi() throws Exception {
    int visitors = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(visitors);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < visitors; i++) {
      String body = "last_name=Franklin&company=King%27s+College+" + i + "&email=rosalind%40kings.example";
      answers.add(pool.submit(() -> {
        go.await(10, TimeUnit.SECONDS);
        return http.send("POST", "/api/forms/contact-us", null, body, "application/x-www-form-urlencoded", Map.of());
      }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Response> f : answers) {
      statuses.add(f.get(60, TimeUnit.SECONDS).status());
    }
    pool.shutdown();
    assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(200);

    JsonNode page = http.send("GET", "/api/leads?email=rosalind@kings.example", "alice-token", null).json();
    assertThat(page.path("total").asLong()).isEqualTo(1);
    JsonNode lead = page.path("items").get(0);
    String id = lead.path("id").asText();
    Response qualified = http.send("POST", "/api/leads/" + id + "/status", "alice-token", HttpClientSupport.json(
        Map.of("id", id, "expectedVersion", lead.path("version").asLong(), "status", "qualified")));
    assertThat(qualified.status()).as(qualified.body()).isEqualTo(200);
    Response converted = http.send("POST", "/api/leads/" + id + "/conversion", "alice-token", null);
    assertThat(converted.status()).as(converted.body()).isEqualTo(200);
    assertThat(converted.json().path("outcome").asText()).isEqualTo("CONVERTED");
    Response stale = http.send("PATCH", "/api/leads/" + id, "alice-token", HttpClientSupport.json(
        Map.of("id", id, "expectedVersion", 1, "title", "Dr")));
    assertThat(stale.status()).as(stale.body()).isEqualTo(409);
    assertThat(stale.body()).doesNotContain("SQL", "Exception", "insert", "update ");
  }
}
