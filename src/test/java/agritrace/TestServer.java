package agritrace;

import agritrace.db.Database;
import agritrace.producer.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real server on a real PostgreSQL, started once for the whole test run: embedded (a fresh
 * data folder under target/) unless DATABASE_URL names a server. Tests make their own data.
 */
public final class TestServer {

  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private static TestServer instance;

  public final Database database;
  public final Config config;
  public final Vertx vertx;
  public final Server server;
  public final Pool pool;
  public final String adminUsername;

  private TestServer() throws Exception {
    String url = System.getenv("DATABASE_URL");
    database = url == null || url.isBlank()
        ? Database.embedded(freshFolder())
        : Database.external(url);
    database.migrate();
    // A lower PBKDF2 cost than production keeps the suite quick; the code path is the same.
    // Trusting the local proxy lets a test act as many clients through X-Forwarded-For.
    // Certificates name this server's own (loopback) address: the development setting allows it.
    // Every test comes from this machine: the public pages' rate limits are set out of their reach (AbuseLimitsTest
    // runs a server of its own with low ones).
    config = Config.fromEnvironment(Map.of("PORT", "0", "AGRITRACE_PBKDF2_ITERATIONS", "10000",
        "AGRITRACE_TRUSTED_PROXIES", "127.0.0.1, ::1", "AGRITRACE_ALLOW_PRIVATE_PUBLIC_URL", "true",
        "AGRITRACE_PUBLIC_RATE_PER_MINUTE", "1000000", "AGRITRACE_SCAN_RATE_PER_MINUTE", "1000000"));
    vertx = Vertx.vertx();
    server = new Server(config, database.connectOptions());
    await(vertx.deployVerticle(server));
    pool = Database.pool(vertx, database.connectOptions(), 4);
    adminUsername = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    String hash = new Passwords(10_000).hash(ADMIN_PASSWORD);
    sql("INSERT INTO users (id, username, password_hash, role, name) VALUES ($1, $2, $3, 'platform_admin', 'Test admin')",
        UUID.randomUUID(), adminUsername, hash);
  }

  public static synchronized TestServer get() {
    if (instance == null) {
      try {
        instance = new TestServer();
      } catch (Exception e) {
        throw new IllegalStateException("the test server could not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          instance.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
          instance.database.close();
        } catch (Exception ignored) {
          // the JVM is ending anyway
        }
      }));
    }
    return instance;
  }

  public int port() {
    return server.port();
  }

  public PgConnectOptions connectOptions() {
    return database.connectOptions();
  }

  /** Runs SQL directly against the test database, for setting up or checking what the API cannot. */
  public RowSet<Row> sql(String sql, Object... params) {
    return await(pool.preparedQuery(sql).execute(Tuple.from(params)));
  }

  public long count(String sql, Object... params) {
    return sql(sql, params).iterator().next().getLong(0);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path freshFolder() throws java.io.IOException {
    Path dir = Path.of("target", "test-postgres").toAbsolutePath();
    if (java.nio.file.Files.exists(dir)) {
      try (var paths = java.nio.file.Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return dir;
  }
}
