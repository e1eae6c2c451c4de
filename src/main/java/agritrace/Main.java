package agritrace;

import agritrace.db.Database;
import agritrace.producer.AccountRoutes;
import agritrace.producer.Passwords;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts agritrace: configuration, database, migrations, the first administrator, HTTP. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Config config = Config.fromEnvironment(System.getenv());
    Database database = config.databaseUrl() == null
        ? Database.embedded(config.dataDir().resolve("postgres"))
        : Database.external(config.databaseUrl());
    database.migrate();

    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      try {
        database.close();
      } catch (Exception e) {
        LOG.warn("the embedded database did not stop cleanly", e);
      }
    }));

    String password = config.adminPassword() != null ? config.adminPassword() : randomPassword();
    Pool bootstrap = Database.pool(vertx, database.connectOptions(), 1);
    Server server = new Server(config, database.connectOptions());
    AccountRoutes.bootstrapAdmin(vertx, bootstrap, new Passwords(config.passwordIterations()), password)
        .onSuccess(created -> {
          if (created && config.adminPassword() == null) {
            System.out.println("Created the platform administrator 'admin' with password: " + password);
            System.out.println("(shown once; set AGRITRACE_ADMIN_PASSWORD to choose it yourself)");
          }
        })
        .eventually(bootstrap::close)
        .compose(done -> vertx.deployVerticle(server))
        .onSuccess(id -> System.out.println("agritrace is listening on http://localhost:" + server.port()))
        .onFailure(err -> {
          LOG.error("agritrace could not start", err);
          vertx.close();
        })
        .toCompletionStage().toCompletableFuture().join();
  }

  private static String randomPassword() {
    byte[] raw = new byte[15];
    new SecureRandom().nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

}
