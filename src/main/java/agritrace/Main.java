package agritrace;

import agritrace.db.Database;
import agritrace.producer.AccountRoutes;
import agritrace.producer.Passwords;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts agritrace: configuration, database, migrations, the first administrator, HTTP. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    Running app;
    try {
      app = start(Config.fromEnvironment(System.getenv()));
    } catch (Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      LOG.debug("start-up failure", e);
      if (cause instanceof java.net.BindException) {
        System.err.println("agritrace could not start: port " + System.getenv().getOrDefault("PORT", "8080")
            + " is in use by another program; stop it, or set PORT to another port");
      } else {
        System.err.println("agritrace could not start: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
            + (cause != e ? " (" + cause.getMessage() + ")" : ""));
      }
      System.exit(1);
      return;
    }
    // SIGTERM (as systemd, Docker and kill send it) and Ctrl-C stop the server gracefully and exit 0;
    // any other end of the JVM still closes it.
    for (String signal : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> new Thread(() -> {
        System.out.println("agritrace is stopping (SIG" + signal + "): no new requests; those in flight may take up to "
            + Server.SHUTDOWN_GRACE_SECONDS + " s");
        app.close();
        System.out.println("agritrace stopped");
        System.exit(0);
      }, "agritrace-stop").start());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("agritrace is listening on " + (app.tls() ? "https" : "http") + "://localhost:" + app.port());
  }

  /** A started agritrace: its database, the Vert.x instance, the port it serves on and whether with HTTPS. */
  public record Running(Database database, Vertx vertx, int port, boolean tls) implements AutoCloseable {
    /**
     * Stops the HTTP servers (requests in flight may finish within their grace), then the
     * database (for the embedded one, a fast shutdown). Closing twice does nothing more.
     */
    @Override
    public void close() {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(Server.SHUTDOWN_GRACE_SECONDS + 10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("agritrace did not stop its HTTP server cleanly", e);
      }
      try {
        database.close();
      } catch (Exception e) {
        LOG.warn("agritrace did not stop its database cleanly", e);
      }
    }
  }

  /** Checks the certificate if any, starts the database (embedded unless a URL is configured), migrates it and serves HTTP(S). */
  public static Running start(Config config) throws Exception {
    Tls.check(config);
    Database database = config.databaseUrl() == null
        ? Database.embedded(config.dataDir().resolve("postgres"))
        : Database.external(config.databaseUrl());
    Vertx vertx = Vertx.vertx();
    try {
      database.migrate();
      String password = config.adminPassword() != null ? config.adminPassword() : randomPassword();
      Pool bootstrap = Database.pool(vertx, database.connectOptions(), 1);
      // Every instance listens on the same port, each on its own event loop; port 0 means any free one.
      Config served = config.withPort(config.port() != 0 ? config.port() : freePort());
      AccountRoutes.bootstrapAdmin(vertx, bootstrap, new Passwords(config.passwordIterations()), password)
          .onSuccess(created -> {
            if (created && config.adminPassword() == null) {
              System.out.println("Created the platform administrator 'admin' with password: " + password);
              System.out.println("(shown this once; set AGRITRACE_ADMIN_PASSWORD to choose it yourself)");
            }
          })
          .eventually(bootstrap::close)
          .compose(done -> vertx.deployVerticle(() -> new Server(served, database.connectOptions()),
              new DeploymentOptions().setInstances(config.httpInstances())))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new Running(database, vertx, served.port(), config.tls());
    } catch (Exception e) {
      new Running(database, vertx, 0, false).close();
      throw e;
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] raw = new byte[15];
    new SecureRandom().nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
