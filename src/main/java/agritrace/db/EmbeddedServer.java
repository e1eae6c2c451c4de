package agritrace.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL on a data folder: started after one left running there by a crashed
 * agritrace is stopped (PostgreSQL replays its WAL if it was not shut down cleanly), watched
 * while it runs, and started again on the same port when it dies, so that the pools' connect
 * options stay valid.
 */
final class EmbeddedServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
  /** How long a PostgreSQL left running on the folder may take to stop, and crash recovery to finish. */
  private static final long STOP_SECONDS = 60;
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final long WATCH_MILLIS = 250;

  private final Path dir;
  private final int port;
  private volatile EmbeddedPostgres embedded;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;

  private EmbeddedServer(Path dir, EmbeddedPostgres embedded) {
    this.dir = dir;
    this.port = embedded.getPort();
    this.embedded = embedded;
  }

  /** Starts (initialising on first use) the server keeping its files in {@code dir}, and watches it. */
  static EmbeddedServer start(Path dir) throws IOException {
    Files.createDirectories(dir);
    Postmaster.stopLeftover(dir, STOP_SECONDS);
    EmbeddedServer server = new EmbeddedServer(dir, launch(dir, 0));
    server.watch();
    return server;
  }

  /** The port it listens on, the same after each restart. */
  int port() {
    return port;
  }

  /** The embedded server on {@code dir}, on {@code port} (0: a free one); its pid file tells its process. */
  private static EmbeddedPostgres launch(Path dir, int port) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        // Stopped by whoever opened it, after its HTTP server (Main's shutdown), not by the library's own hook.
        .setRegisterShutdownHook(false)
        .setPGStartupWait(STARTUP_WAIT)
        // Durable commits: the embedded server's library defaults to fsync off, fine for tests of
        // others but not for a farm's records.
        .setServerConfig("fsync", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "200")
        // Sized for bulk syncs (scripts/bench/README.md): the hot tables in cache, checkpoints spaced by time.
        .setServerConfig("shared_buffers", "512MB")
        .setServerConfig("max_wal_size", "4GB")
        // Crash recovery replays the WAL since the last checkpoint: at most about 2 minutes of it
        // (README, "Crashes and restarts"), about one checkpoint per sync benchmark run as before.
        .setServerConfig("checkpoint_timeout", "2min");
    if (port != 0) {
      builder.setPort(port);
    }
    // PostgreSQL's own messages (start, recovery, shutdown, errors) go to postgres.log beside its folder,
    // written by PostgreSQL itself, so that they outlive a crash of this JVM.
    Path log = dir.resolveSibling(dir.getFileName() + ".log");
    long logged = Files.exists(log) ? Files.size(log) : 0;
    builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
    EmbeddedPostgres pg;
    try {
      pg = startWatchingLog(builder, log, logged);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the embedded PostgreSQL on " + dir + " did not start: "
          + fatal(log, logged).orElse(reason(e)) + " (see " + log + ")", e);
    }
    // The library waits for a server on the port; it must be the one started on this folder.
    if (!Postmaster.of(dir).map(Postmaster::alive).orElse(false)) {
      pg.close();
      throw new IllegalStateException("the embedded PostgreSQL on " + dir + " did not start: "
          + fatal(log, logged).orElse("it stopped at once") + " (see " + log + ")");
    }
    return pg;
  }

  /**
   * Starts the server, failing as soon as pg_ctl writes in the log that it could not (a folder of
   * another version, a port taken...): the library itself would wait for the whole startup wait.
   */
  private static EmbeddedPostgres startWatchingLog(EmbeddedPostgres.Builder builder, Path log, long logged)
      throws IOException {
    java.util.concurrent.CompletableFuture<EmbeddedPostgres> started = new java.util.concurrent.CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        started.complete(builder.start());
      } catch (IOException | RuntimeException e) {
        started.completeExceptionally(e);
      }
    }, "embedded-postgres-start");
    starter.setDaemon(true);
    starter.start();
    while (true) {
      try {
        return started.get(100, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (logSince(log, logged).contains("could not start server")) {
          throw new IllegalStateException("pg_ctl could not start the server");
        }
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the embedded PostgreSQL started", e);
      }
    }
  }

  private static String logSince(Path log, long from) {
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(from);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** PostgreSQL's last FATAL or PANIC message in its log after {@code from} bytes, and its hint. */
  private static Optional<String> fatal(Path log, long from) {
    try {
      List<String> lines = logSince(log, from).lines().toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        int at = Math.max(line.indexOf("FATAL:"), line.indexOf("PANIC:"));
        if (at >= 0) {
          String hint = i + 1 < lines.size() && lines.get(i + 1).contains("HINT:")
              ? " " + lines.get(i + 1).substring(lines.get(i + 1).indexOf("HINT:")).trim() : "";
          return Optional.of(line.substring(at).trim() + hint);
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("could not read {}", log, e);
    }
    return Optional.empty();
  }

  /** The innermost message of a failure, on one line. */
  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.getClass().getSimpleName());
  }

  /**
   * Checks the embedded server's process every {@link #WATCH_MILLIS} ms; when it is gone, starts
   * it again. Polled from /proc rather than awaited with ProcessHandle.onExit: the postmaster is
   * not this JVM's child (pg_ctl started it), so onExit would poll too, and would take a dead
   * server its parent never reaped (a zombie) for a running one.
   */
  private void watch() {
    watchdog.scheduleWithFixedDelay(() -> {
      if (closed || Postmaster.of(dir).map(Postmaster::alive).orElse(false)) {
        return;
      }
      try {
        restart();
      } catch (RuntimeException | IOException e) {
        LOG.error("The embedded PostgreSQL on {} could not be started again; trying again", dir, e);
      }
    }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the embedded server again on its port, so that the pools' connect options stay valid:
   * once the processes of the dead one are gone (PostgreSQL refuses to start while they hold its
   * shared memory), PostgreSQL's crash recovery replays the WAL since the last checkpoint.
   */
  private synchronized void restart() throws IOException {
    if (closed) {
      return;
    }
    long began = System.nanoTime();
    Optional<Postmaster> dead = Postmaster.of(dir);
    LOG.error("The embedded PostgreSQL on {} (PID {}) has died; starting it again on port {}", dir,
        dead.map(Postmaster::pid).orElse(-1L), port);
    if (!Postmaster.awaitProcessesGone(dir, 10)) {
      LOG.warn("Processes of the dead PostgreSQL still work in {}; starting anyway", dir);
    }
    // A server that died but was never reaped (its parent does not wait for orphans, as a container's
    // first process may not) looks alive to PostgreSQL: its pid file is stale, and removed here.
    if (dead.isPresent() && ProcessHandle.of(dead.get().pid()).isPresent()) {
      dead.get().removeLockFiles();
    }
    // Releases the library's lock on the folder; its "stop" finds no server.
    embedded.close();
    for (int attempt = 1; ; attempt++) {
      try {
        embedded = launch(dir, port);
        LOG.warn("The embedded PostgreSQL on {} serves again on port {} after {} ms", dir, port,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return;
      } catch (IllegalStateException e) {
        if (attempt == 5 || closed) {
          throw e;
        }
        LOG.warn("The embedded PostgreSQL did not start again ({}); trying again", e.getMessage());
        // The library keeps its lock on a failed start's lock file: a new file is a new lock.
        Files.deleteIfExists(dir.resolve("epg-lock"));
        sleep(500);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops watching, then stops the server (a fast shutdown: open transactions are rolled back). */
  @Override
  public void close() throws IOException {
    closed = true;
    watchdog.shutdownNow();
    synchronized (this) {
      embedded.close();
    }
  }
}
