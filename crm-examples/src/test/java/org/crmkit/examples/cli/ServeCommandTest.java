package org.crmkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crmkit serve}: the example server started by the tool on the tool's store, called over real HTTP, and
 * stopped the way a terminal stops it from the test's side (the thread running the command is interrupted).
 */
class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("crmkit server on (http://127\\.0\\.0\\.1:\\d+)/");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();

  private int run(String... args) {
    return CrmCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** A {@code serve} command running in its own thread, and the address it printed. */
  private final class Running {
    final Thread thread;
    final CompletableFuture<Integer> status = new CompletableFuture<>();
    final URI base;

    Running(String... args) throws InterruptedException {
      thread = new Thread(() -> status.complete(run(args)), "serve-under-test");
      thread.start();
      base = awaitAddress();
    }

    private URI awaitAddress() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Matcher m = URL.matcher(out.toString());
        if (m.find()) {
          return URI.create(m.group(1));
        }
        if (status.isDone()) {
          throw new AssertionError("serve ended with " + status.join() + " before listening: " + err);
        }
        Thread.sleep(20);
      }
      throw new AssertionError("serve printed no address: " + out + err);
    }

    int stop() throws Exception {
      thread.interrupt();
      return status.get(30, TimeUnit.SECONDS);
    }
  }

  private JsonNode get(URI base, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer admin-token").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private JsonNode post(URI base, String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer admin-token").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path accounts() throws IOException {
    return file("accounts.csv", """
        account,sector,year_established,revenue,employees,office_location,subsidiary_of
        Acme Corporation,technolgy,1996,1100.04,2822,United States,
        Betasoloin,medical,1999,251.41,495,United States,
        """);
  }

  private Path pipeline() throws IOException {
    return file("pipeline.csv", """
        opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
        1C1I7A6R,Moses Frase,GTX Plus Basic,Acme Corporation,Won,2016-10-20,2017-03-01,1054
        Z063OYW0,Darcel Schlecht,GTXPro,Betasoloin,Lost,2016-10-25,2017-03-11,0
        """);
  }

  @Test
  void servesWhatWasImportedIntoTheInMemoryStoreAndStopsCleanlyWhenInterrupted() throws Exception {
    Running serve = new Running("--load", "maven-accounts=" + accounts(), "serve", "--port", "0");

    assertThat(out.toString()).contains(serve.base + "/docs").contains("admin-token");
    JsonNode page = get(serve.base, "/api/accounts?name=Acme%20Corporation");
    assertThat(page.path("total").asLong()).isEqualTo(1);
    JsonNode acme = page.path("items").get(0);
    assertThat(acme.path("name").asText()).isEqualTo("Acme Corporation");
    assertThat(acme.path("segments").path("sector").asText()).isEqualTo("technology");
    assertThat(get(serve.base, "/api/accounts").path("total").asLong()).isEqualTo(2);

    assertThat(serve.stop()).isZero();
    assertThat(out.toString()).contains("crmkit server stopped");
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(serve.base.resolve("/api/accounts")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
  }

  @Test
  void servesAnH2FileFilledByEarlierImportsWithTheirCustomFieldsAndReleasesItWhenStopped() throws Exception {
    String store = "file:" + dir.resolve("crm");
    assertThat(run("--store", store, "import", "-m", "maven-accounts", accounts().toString())).isZero();
    assertThat(run("--store", store, "import", "-m", "maven-pipeline", pipeline().toString())).isZero();

    Running serve = new Running("--store", store, "serve", "--port", "0");
    JsonNode won = get(serve.base, "/api/opportunities?stage=closed_won").path("items");
    assertThat(won).hasSize(1);
    assertThat(won.get(0).path("name").asText()).isEqualTo("1C1I7A6R");
    assertThat(won.get(0).path("amount").toString()).contains("1054");
    assertThat(won.get(0).path("customFields").path("engageDate").toString()).contains("2016-10-20");
    JsonNode bySector = post(serve.base, "/api/reports", new String(ServeCommandTest.class.getResourceAsStream(
        "/org/crmkit/examples/cli/reports/won-by-sector.json").readAllBytes(), StandardCharsets.UTF_8));
    assertThat(bySector.toString()).contains("\"technology\"").contains("1054");
    assertThat(serve.stop()).isZero();

    // the H2 file is closed (and unlocked): another run of the tool opens it
    assertThat(run("--store", store, "import", "-m", "maven-accounts", accounts().toString())).isZero();
    assertThat(out.toString()).contains("2 read, 0 imported, 2 updated, 0 rejected");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void stoppingTheProcessRunsTheShutdownHookWhichClosesTheServerAndThenTheStore() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        CrmCli.class.getName(), "--store", "file:" + dir.resolve("crm"), "--load", "maven-accounts=" + accounts(),
        "serve", "--port", "0").redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      URI base = null;
      for (String line = lines.readLine(); base == null && line != null; line = lines.readLine()) {
        Matcher m = URL.matcher(line);
        base = m.find() ? URI.create(m.group(1)) : null;
      }
      assertThat(base).as("the address serve printed").isNotNull();
      assertThat(get(base, "/api/accounts").path("total").asLong()).isEqualTo(2);

      // SIGTERM (the handle, unlike Process.destroy, leaves the output readable): the JVM runs its shutdown hooks,
      // as it does on Ctrl+C (SIGINT)
      assertThat(process.toHandle().destroy()).isTrue();

      String rest = lines.lines().collect(Collectors.joining("\n"));
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(rest).contains("crmkit server stopped; the store is closed");
    } finally {
      process.destroyForcibly();
    }
    // the H2 file was closed, not just abandoned: it opens again with what was imported
    assertThat(run("--store", "file:" + dir.resolve("crm"), "export", "accounts")).isZero();
    assertThat(out.toString()).contains("Acme Corporation", "Betasoloin");
  }

  @Test
  void aPortInUseGivesAClearMessageAndExitStatusTwo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThat(run("serve", "--port", String.valueOf(port))).isEqualTo(2);

      assertThat(err.toString()).contains("crmkit: cannot listen on port " + port)
          .contains("pick another with --port");
    }
    assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port must be between 0 and 65535");
  }

  @Test
  void aBadJdbcUrlGivesAClearMessageAndANonZeroExitStatus() {
    assertThat(run("--jdbc-url", "jdbc:nonsense://somewhere/crm", "serve", "--port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("no JDBC driver takes the URL 'jdbc:nonsense://somewhere/crm'");

    // port 1 on the loopback interface: nothing listens there, the connection is refused at once
    assertThat(run("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/crm?password=secret", "serve", "--port", "0"))
        .isEqualTo(3);
    assertThat(err.toString()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/crm:")
        .contains("CRM_DB_PASSWORD").doesNotContain("secret");
    assertThat(out.toString()).doesNotContain("crmkit server on");
  }

  @Test
  void theServerIsNotStartedWhenALoadFails() {
    assertThat(run("--load", "maven-accounts=" + dir.resolve("missing.csv"), "serve", "--port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("no CSV file");
    assertThat(out.toString()).doesNotContain("crmkit server on");
  }
}
