package agritrace.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL server agritrace talks to: an external one named by a URL, or an embedded
 * one (real PostgreSQL binaries) whose files live in a folder and survive restarts.
 */
public final class Database implements AutoCloseable {

  private final PgConnectOptions connectOptions;
  private final EmbeddedServer embedded;

  private Database(PgConnectOptions connectOptions, EmbeddedServer embedded) {
    this.connectOptions = connectOptions;
    this.embedded = embedded;
  }

  /** Connects to {@code postgresql://user:pass@host:port/db}; starts nothing. */
  public static Database external(String url) {
    URI uri = URI.create(url);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgresql://");
    }
    return new Database(PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://")), null);
  }

  /**
   * Starts (initialising on first use) an embedded PostgreSQL keeping its files in {@code dir},
   * after stopping one left running there by a crashed agritrace; PostgreSQL replays its WAL if
   * it was not shut down cleanly. While this runs, the server is watched and started again on the
   * same port when it dies.
   */
  public static Database embedded(Path dir) throws IOException {
    EmbeddedServer server = EmbeddedServer.start(dir);
    PgConnectOptions options = new PgConnectOptions()
        .setHost("localhost")
        .setPort(server.port())
        .setDatabase("postgres")
        .setUser("postgres")
        .setPassword("postgres");
    return new Database(options, server);
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  /** Applies the versioned migrations in {@code db/migration}; a no-op when they are applied. */
  public void migrate() {
    String jdbcUrl = "jdbc:postgresql://" + connectOptions.getHost() + ":" + connectOptions.getPort()
        + "/" + connectOptions.getDatabase();
    Flyway.configure()
        .dataSource(jdbcUrl, connectOptions.getUser(), connectOptions.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** A connection pool on the given Vert.x instance. */
  public static Pool pool(Vertx vertx, PgConnectOptions options, int size) {
    PgConnectOptions prepared = new PgConnectOptions(options)
        // Each statement parsed once per connection, the sync's long ones too.
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlLimit(16_384)
        // Planned for each execution's values: a plan made while a table was small may scan it whole later.
        .addProperty("plan_cache_mode", "force_custom_plan");
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(prepared)
        .using(vertx)
        .build();
  }

  /** Stops the embedded server (a fast shutdown: open transactions are rolled back); for an external one, nothing. */
  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
