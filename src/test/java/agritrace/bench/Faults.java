package agritrace.bench;

import agritrace.ServerProcess;
import agritrace.db.Postmaster;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The crash cases of issue 14, under sync load ({@link SyncLoad}), on a server in a JVM of its own
 * and a data directory of its own: the server killed with SIGKILL and started again on the same
 * data, or its embedded PostgreSQL killed with SIGKILL under it. Each case measures how long until
 * the server serves again and checks the database afterwards. Used by the fault tests (one fault)
 * and by scripts/bench/faults (several).
 */
public final class Faults {

  public static final String ADMIN_PASSWORD = "faults-admin-password";
  private static final long SERVE_AGAIN_SECONDS = 90;

  /** One case's figures: the load's counts, faults injected, seconds until serving again after each, the check. */
  public record Result(String fault, SyncLoad.Counts counts, int injected, List<Double> secondsToServe,
      SyncLoad.Check check, List<String> problems, Wal wal) {
  }

  /**
   * WAL figures of a case: bytes written per record synced, and each crash recovery as
   * PostgreSQL's log tells it (bytes replayed, seconds of replay; none when nothing was to replay).
   */
  public record Wal(double bytesPerRecord, List<Long> replayedBytes, List<Double> replaySeconds) {
  }

  private Faults() {
  }

  /**
   * SIGKILL to the server {@code rounds} times, each after {@code between} more answered syncs,
   * each time started again at once on the same data directory and port: the first start must
   * succeed (the embedded PostgreSQL it left running is stopped first).
   */
  public static Result killServer(Path dataDir, int rounds, int clients, int between) throws Exception {
    Map<String, String> env = environment(dataDir);
    ServerProcess server = ServerProcess.start(env);
    List<Double> seconds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int injected = 0;
    try (SyncLoad load = new SyncLoad(server.port(), ADMIN_PASSWORD, clients, () -> database(dataDir))) {
      long walBefore = load.walPosition();
      long logged = logSize(dataDir);
      load.start();
      for (int round = 0; round < rounds; round++) {
        if (!load.awaitAnswered(between, 60)) {
          problems.add("the load did not get " + between + " answers within 60 s");
          break;
        }
        server.kill();
        long killed = System.nanoTime();
        injected++;
        try {
          server = ServerProcess.start(env);
        } catch (IllegalStateException e) {
          problems.add("the first start after kill -9 failed: " + e.getMessage());
          break;
        }
        seconds.add(servesAgain(server.port(), killed, () -> true));
      }
      load.finish(60);
      problems.addAll(load.problems());
      SyncLoad.Check check = load.check();
      return new Result("kill -9 of the server, started again on the same data", load.counts(), injected, seconds,
          check, problems, wal(dataDir, logged, load.walPosition() - walBefore, check.records()));
    } finally {
      server.close();
    }
  }

  /**
   * SIGKILL to the embedded PostgreSQL's postmaster {@code rounds} times under the running
   * server, each after {@code between} more answered syncs; the server must start it again and
   * serve.
   */
  public static Result killPostgres(Path dataDir, int rounds, int clients, int between) throws Exception {
    List<Double> seconds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int injected = 0;
    try (ServerProcess server = ServerProcess.start(environment(dataDir));
        SyncLoad load = new SyncLoad(server.port(), ADMIN_PASSWORD, clients, () -> database(dataDir))) {
      long walBefore = load.walPosition();
      long logged = logSize(dataDir);
      load.start();
      for (int round = 0; round < rounds; round++) {
        if (!load.awaitAnswered(between, 60)) {
          problems.add("the load did not get " + between + " answers within 60 s");
          break;
        }
        Postmaster postmaster = Postmaster.of(dataDir.resolve("postgres")).orElseThrow();
        postmaster.signal("KILL");
        long killed = System.nanoTime();
        injected++;
        // Served again by a PostgreSQL started anew, not by a backend of the dead one that has not yet noticed.
        seconds.add(servesAgain(server.port(), killed, () -> Postmaster.of(dataDir.resolve("postgres"))
            .filter(p -> p.pid() != postmaster.pid() && p.alive()).isPresent()));
      }
      load.finish(60);
      problems.addAll(load.problems());
      SyncLoad.Check check = load.check();
      return new Result("kill -9 of the embedded PostgreSQL under the server", load.counts(), injected, seconds,
          check, problems, wal(dataDir, logged, load.walPosition() - walBefore, check.records()));
    }
  }

  private static long logSize(Path dataDir) throws IOException {
    Path log = dataDir.resolve("postgres.log");
    return java.nio.file.Files.exists(log) ? java.nio.file.Files.size(log) : 0;
  }

  /**
   * The WAL figures: {@code written} bytes over {@code records}, and the recoveries PostgreSQL
   * logged after {@code from} bytes of its log ("redo starts at A", then "redo done at B ...
   * elapsed: S s").
   */
  private static Wal wal(Path dataDir, long from, long written, long records) throws IOException {
    List<Long> replayed = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    String log;
    try (var in = java.nio.file.Files.newInputStream(dataDir.resolve("postgres.log"))) {
      in.skipNBytes(from);
      log = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    long start = -1;
    for (String line : log.lines().toList()) {
      var starts = REDO_STARTS.matcher(line);
      var done = REDO_DONE.matcher(line);
      if (starts.find()) {
        start = lsn(starts.group(1));
      } else if (done.find() && start >= 0) {
        replayed.add(lsn(done.group(1)) - start);
        seconds.add(Double.parseDouble(done.group(2)));
        start = -1;
      }
    }
    return new Wal(records == 0 ? 0 : (double) written / records, replayed, seconds);
  }

  private static final java.util.regex.Pattern REDO_STARTS = java.util.regex.Pattern.compile("redo starts at ([0-9A-F]+/[0-9A-F]+)");
  private static final java.util.regex.Pattern REDO_DONE =
      java.util.regex.Pattern.compile("redo done at ([0-9A-F]+/[0-9A-F]+).*elapsed: ([0-9.]+) s");

  private static long lsn(String text) {
    String[] parts = text.split("/");
    return (Long.parseLong(parts[0], 16) << 32) + Long.parseLong(parts[1], 16);
  }

  /** The server's environment: its data directory, a fixed port, a known admin password, a cheap password hash. */
  private static Map<String, String> environment(Path dataDir) throws IOException {
    return Map.of("AGRITRACE_DATA_DIR", dataDir.toString(), "PORT", Integer.toString(ServerProcess.freePort()),
        "AGRITRACE_ADMIN_PASSWORD", ADMIN_PASSWORD, "AGRITRACE_PBKDF2_ITERATIONS", "10000");
  }

  /** The embedded PostgreSQL on the data directory, as its pid file names it now. */
  public static PgConnectOptions database(Path dataDir) {
    Postmaster postmaster = Postmaster.of(dataDir.resolve("postgres"))
        .orElseThrow(() -> new IllegalStateException("no PostgreSQL runs on " + dataDir));
    return new PgConnectOptions().setHost("localhost").setPort(postmaster.port()).setDatabase("postgres")
        .setUser("postgres").setPassword("postgres");
  }

  /**
   * Seconds from {@code since} (System.nanoTime) until /health answers 200 and {@code ready} holds;
   * fails after {@link #SERVE_AGAIN_SECONDS}.
   */
  private static double servesAgain(int port, long since, BooleanSupplier ready) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
        .timeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() - since < Duration.ofSeconds(SERVE_AGAIN_SECONDS).toNanos()) {
      try {
        if (ready.getAsBoolean() && client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return (System.nanoTime() - since) / 1e9;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the server did not serve again within " + SERVE_AGAIN_SECONDS + " s");
  }
}
