package agritrace.ops;

import agritrace.db.Postmaster;
import agritrace.Config;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code scripts/restore BACKUP [DATA_DIR]}: puts a backup made by {@link Backup} into a fresh
 * agritrace data directory (DATA_DIR, default AGRITRACE_DATA_DIR or ./data), as its
 * {@code postgres} folder, checking every file against the backup's manifest as it is copied; a
 * damaged backup or a data directory that is not empty changes nothing. Then PostgreSQL is
 * started on it once to replay the backup's WAL (it reads {@code backup_label}) up to the backup's
 * end, and stopped cleanly; agritrace started on that directory serves the data as it stood when
 * the backup ended.
 */
public final class Restore {

  private Restore() {
  }

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.size() > 2 || args.stream().anyMatch(a -> a.startsWith("-"))) {
      err.println("usage: scripts/restore BACKUP [DATA_DIR]   (BACKUP: a folder scripts/backup wrote;"
          + " DATA_DIR: a new or empty folder, default AGRITRACE_DATA_DIR or ./data)");
      return 2;
    }
    try {
      Path target = args.size() == 2 ? Path.of(args.get(1)).toAbsolutePath() : Config.fromEnvironment(env).dataDir();
      Manifest manifest = restore(Path.of(args.get(0)).toAbsolutePath(), target);
      out.printf("Restored the %s backup of %s (%d files, %.1f MB, all matching its manifest) into %s%n",
          manifest.fact("kind"), manifest.fact("created"), manifest.files().size(), manifest.bytes() / 1e6, target);
      out.println("Its WAL was replayed and the database stopped cleanly. Start agritrace on it with: AGRITRACE_DATA_DIR="
          + target + " scripts/run");
      return 0;
    } catch (Manifest.Damaged e) {
      err.println("The backup is damaged, nothing was restored: " + e.getMessage());
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("Nothing was restored: " + e.getMessage());
      return 1;
    }
  }

  /** Restores {@code backup} into {@code dataDir} (new or empty), answering the backup's manifest. */
  public static Manifest restore(Path backup, Path dataDir) throws IOException {
    if (Files.exists(dataDir)) {
      if (!Files.isDirectory(dataDir)) {
        throw new IOException(dataDir + " is not a folder");
      }
      try (var inside = Files.list(dataDir)) {
        if (inside.findAny().isPresent()) {
          throw new IOException(dataDir + " is not empty: a backup is restored only into a fresh data directory"
              + " (a new AGRITRACE_DATA_DIR); move the old one away first if you mean to replace it");
        }
      }
    }
    Manifest manifest = Manifest.read(backup.resolve(Manifest.NAME));
    Path data = backup.resolve("data");
    unlisted(data, manifest);
    boolean created = !Files.exists(dataDir);
    Files.createDirectories(dataDir);
    Path restoring = dataDir.resolve(".restoring");
    try {
      Files.createDirectory(restoring);
      for (String dir : manifest.dirs()) {
        Files.createDirectories(restoring.resolve(dir));
      }
      for (Manifest.Entry expected : manifest.files()) {
        Path from = data.resolve(expected.path());
        if (!Files.isRegularFile(from)) {
          throw new Manifest.Damaged(expected.path() + " is missing from " + data);
        }
        if (Files.size(from) != expected.size()) {
          throw new Manifest.Damaged(expected.path() + " holds " + Files.size(from) + " bytes, the manifest says "
              + expected.size());
        }
        Files.createDirectories(restoring.resolve(expected.path()).getParent());
        Manifest.Entry copied = Manifest.copy(from, restoring.resolve(expected.path()), expected.path());
        if (!copied.equals(expected)) {
          throw new Manifest.Damaged(expected.path() + " differs from the manifest (SHA-256 " + copied.sha256()
              + ", " + copied.size() + " bytes; the manifest says " + expected.sha256() + ", " + expected.size() + ")");
        }
      }
      // PostgreSQL starts only on a data directory no one else may read.
      Files.setPosixFilePermissions(restoring, PosixFilePermissions.fromString("rwx------"));
      Files.move(restoring, dataDir.resolve("postgres"), StandardCopyOption.ATOMIC_MOVE);
      recover(dataDir.resolve("postgres"));
      return manifest;
    } catch (IOException | RuntimeException e) {
      Backup.delete(restoring);
      Backup.delete(dataDir.resolve("postgres"));
      if (created) {
        Files.deleteIfExists(dataDir);
      }
      throw e;
    }
  }

  /**
   * Starts PostgreSQL on the restored directory once, with no time limit, so that it replays the
   * backup's WAL now (the server's own start waits only seconds for its database), checks it
   * answers out of recovery, and stops it cleanly: agritrace's next start finds a database at rest.
   */
  private static void recover(Path pgdata) throws IOException {
    CompletableFuture<EmbeddedPostgres> started = new CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        started.complete(EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false)
            .setServerConfig("fsync", "on").setServerConfig("full_page_writes", "on")
            .setPGStartupWait(Duration.ofHours(6)).start());
      } catch (IOException | RuntimeException e) {
        started.completeExceptionally(e);
      }
    }, "restore-recovery");
    starter.setDaemon(true);
    starter.start();
    // The library waits for a connection as long as it is told to, even after the server has died:
    // a server that started (its postmaster.pid appeared) and is gone again failed its recovery.
    long firstSign = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    boolean seen = false;
    while (!started.isDone()) {
      boolean running = Files.exists(pgdata.resolve("postmaster.pid"));
      seen |= running;
      if ((seen && !running && !started.isDone()) || (!seen && System.nanoTime() > firstSign)) {
        starter.interrupt();
        throw new IOException("PostgreSQL stopped while replaying the backup's WAL: the backup is incomplete"
            + " (a WAL segment it needs is missing or damaged), or it was made by another major version of PostgreSQL"
            + " than agritrace's (the backup's is " + Files.readString(pgdata.resolve("PG_VERSION")).strip() + ")");
      }
      pause();
    }
    try (EmbeddedPostgres pg = started.join();
        Connection db = pg.getPostgresDatabase().getConnection();
        Statement sql = db.createStatement();
        ResultSet row = sql.executeQuery("SELECT pg_is_in_recovery()")) {
      if (!row.next() || row.getBoolean(1)) {
        throw new IOException("the restored database is still in recovery");
      }
    } catch (SQLException | RuntimeException e) {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new IOException("the restored database did not start: " + cause.getMessage(), cause);
    }
    // The library's stop waits only seconds for the shutdown checkpoint; wait for the server to be gone.
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (Postmaster.running(pgdata).isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the restored database did not stop");
      }
      pause();
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the restored database started or stopped", e);
    }
  }

  /** Fails on a file in the backup's data that its manifest does not list: put there after the backup. */
  private static void unlisted(Path data, Manifest manifest) throws IOException {
    if (!Files.isDirectory(data)) {
      throw new Manifest.Damaged("no data folder in " + data.getParent());
    }
    Set<String> listed = new HashSet<>();
    manifest.files().forEach(f -> listed.add(f.path()));
    try (var paths = Files.walk(data)) {
      for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        String name = DataCopy.name(data.relativize(p));
        if (!listed.contains(name)) {
          throw new Manifest.Damaged(name + " is in the backup but not in its manifest");
        }
      }
    }
  }
}
