package org.crmkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crmkit.server.CrmServer;
import org.crmkit.shared.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code crmkit serve --port 8080}: the example server of the Web Service API (crm-server) on the tool's store, until
 * the process is stopped (Ctrl+C) or the thread running it is interrupted. Either way the server and then the store
 * are closed: a shutdown hook does it when the JVM stops, the command itself when it is interrupted.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Starts the example server of the Web Service API (JSON over HTTP, its OpenAPI document with "
        + "Swagger UI, the web form and dashboard pages) on the store, on 127.0.0.1, until Ctrl+C. Calls carry a "
        + "bearer token of the example's team: admin-token sees every record of tenant default.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  CrmCli cli;

  @Option(names = "--port", defaultValue = "" + CrmServer.DEFAULT_PORT, paramLabel = "PORT",
      description = "the port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new CrmCli.CliException("--port must be between 0 and 65535 (0 picks a free port), was " + port);
    }
    Session session = cli.open();
    CrmServer server;
    try {
      server = CrmServer.start(port, session.storage, Session.FIELDS);
    } catch (BindException e) {
      session.close();
      throw new CrmCli.CliException("cannot listen on port " + port + " (" + e.getMessage()
          + "): another program uses it; pick another with --port, or --port 0 for a free one");
    } catch (IOException e) {
      session.close();
      throw new UncheckedIOException("cannot start the server on port " + port + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    PrintWriter out = cli.spec.commandLine().getOut();
    Stopper stopper = new Stopper(server, session, out);
    Thread hook = new Thread(stopper::stop, "crmkit-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    String base = server.uri().toString();
    out.println("crmkit server on " + base + "/");
    out.println("  API docs (Swagger UI): " + base + "/docs   OpenAPI: " + base + "/openapi.json");
    out.println("  dashboard: " + base + "/dashboard   web form: " + base + "/forms/contact-us");
    out.println("  tokens: " + String.join(", ", new TreeSet<>(server.tokens().keySet()))
        + "   e.g. curl -H 'Authorization: Bearer admin-token' " + base + "/api/accounts");
    if (server.tokens().values().stream().map(Actor::tenant).noneMatch(cli.actor().tenant()::equals)) {
      out.println("  note: no token acts in tenant '" + cli.tenant + "': the API shows none of its records");
    }
    out.println("Press Ctrl+C to stop.");
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) already
      }
      stopper.stop();
    }
    return 0;
  }

  /** Closes the server, then the store, once, whoever asks first (the shutdown hook or the command). */
  private static final class Stopper {
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CrmServer server;
    private final Session session;
    private final PrintWriter out;

    Stopper(CrmServer server, Session session, PrintWriter out) {
      this.server = server;
      this.session = session;
      this.out = out;
    }

    void stop() {
      if (stopped.compareAndSet(false, true)) {
        try {
          server.close();
        } finally {
          session.close();
        }
        out.println("crmkit server stopped; the store is closed");
        out.flush();
      }
    }
  }
}
