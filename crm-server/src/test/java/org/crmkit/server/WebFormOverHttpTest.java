package org.crmkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crmkit.server.HttpClientSupport.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many visitors' browsers sending the same person's form at once, over HTTP, on the in-memory storage and on H2
 * through JPA: one lead, created once and updated by the rest, whatever the interleaving.
 */
class WebFormOverHttpTest {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void concurrentSubmissionsOfOneEmailMakeExactlyOneLead(String storage) throws Exception {
    try (CrmServer server = CrmServer.start(0, storage)) {
      HttpClientSupport http = new HttpClientSupport(server.uri());
      int visitors = 8;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(visitors);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < visitors; i++) {
        String body = "last_name=Noether&company=Algebra+" + i + "&email=emmy%40algebra.example";
        answers.add(pool.submit(() -> {
          go.await(10, TimeUnit.SECONDS);
          return http.send("POST", "/api/forms/contact-us", null, body, "application/x-www-form-urlencoded",
              java.util.Map.of());
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> f : answers) {
        statuses.add(f.get(60, TimeUnit.SECONDS).status());
      }
      pool.shutdown();

      assertThat(statuses).as("one CREATED, the rest UPDATED").containsOnlyOnce(201).filteredOn(s -> s != 201)
          .containsOnly(200);
      assertThat(http.send("GET", "/api/leads?email=emmy@algebra.example", "admin-token", null).json()
          .path("total").asLong()).isEqualTo(1);
    }
  }
}
