package agritrace.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server as its data directory's {@code postmaster.pid} names it: its PID (line 1),
 * data directory (line 2) and port (line 4). Used to find a server left running by a crashed
 * agritrace, and to watch the one agritrace started.
 */
public record Postmaster(long pid, Path dataDir, int port, Path socketDir) {

  private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
  private static final String PID_FILE = "postmaster.pid";

  /** The server the data directory's pid file names; empty when there is no (readable) pid file. */
  public static Optional<Postmaster> of(Path dataDir) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDir.resolve(PID_FILE));
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()),
          lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : 0,
          lines.size() > 4 && !lines.get(4).isBlank() ? Path.of(lines.get(4).trim()) : null));
    } catch (RuntimeException e) {
      // PostgreSQL writes the file line by line: one being written, or broken, names nothing yet.
      return Optional.empty();
    }
  }

  /** The server running on the data directory and listening on a port; empty when none (or one not yet started). */
  public static Optional<Postmaster> running(Path dataDir) {
    return of(dataDir).filter(p -> p.port() > 0 && p.alive());
  }

  /** The JDBC URL of the server's {@code postgres} database on this machine. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /**
   * Stops a PostgreSQL left running on {@code dataDir} (by an agritrace that was killed) with a
   * fast shutdown, and waits for it to exit. A pid file of a process that is gone is left for
   * PostgreSQL to judge. Fails with a one-line message when the server cannot be stopped.
   */
  public static void stopLeftover(Path dataDir, long timeoutSeconds) {
    Optional<Postmaster> found = of(dataDir);
    if (found.isEmpty() || !found.get().alive()) {
      return;
    }
    Postmaster leftover = found.get();
    Optional<ProcessHandle> process = ProcessHandle.of(leftover.pid());
    String command = process.flatMap(p -> p.info().command()).orElse(null);
    if (command == null) {
      throw new IllegalStateException("the database folder " + dataDir + " is in use by process " + leftover.pid()
          + " of another user; stop it, or choose another AGRITRACE_DATA_DIR");
    }
    if (!command.endsWith("/postgres") || !sameDir(leftover.dataDir(), dataDir)) {
      throw new IllegalStateException("the database folder " + dataDir + " names process " + leftover.pid() + " ("
          + command + "), which is not its PostgreSQL; if no PostgreSQL runs on that folder, delete "
          + dataDir.resolve(PID_FILE));
    }
    LOG.warn("A PostgreSQL (PID {}) was left running on {}, by an agritrace that did not stop cleanly; stopping it",
        leftover.pid(), dataDir);
    leftover.signal("INT");
    if (!leftover.awaitExit(timeoutSeconds)) {
      throw new IllegalStateException("the PostgreSQL left running on " + dataDir + " (PID " + leftover.pid()
          + ") did not stop within " + timeoutSeconds + " s; stop it, then start agritrace again");
    }
  }

  /** Whether the process is running (a process that ended but was not yet reaped by its parent is not). */
  public boolean alive() {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc", "self"))) {
      try {
        String line = Files.readString(stat);
        // pid (command) state ...: the command may hold spaces and parentheses, the state follows the last ')'.
        char state = line.charAt(line.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Waits up to {@code seconds} for the server to end: its process gone, or its pid file removed
   * (as PostgreSQL does when it has shut down cleanly).
   */
  public boolean awaitExit(long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!alive() || of(dataDir).map(p -> p.pid() != pid).orElse(true)) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /**
   * Waits up to {@code seconds} until no running process works in {@code dataDir} (PostgreSQL's
   * processes do): after its postmaster died, its backends end by themselves within moments, and
   * a new server refuses to start while they hold the old one's shared memory. Answers whether
   * they are gone; without /proc (not Linux), true.
   */
  public static boolean awaitProcessesGone(Path dataDir, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (workingIn(dataDir) > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static long workingIn(Path dataDir) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self"))) {
      return 0;
    }
    Path dir = dataDir.toAbsolutePath().normalize();
    try (var entries = Files.list(proc)) {
      return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            try {
              return Files.readSymbolicLink(p.resolve("cwd")).equals(dir)
                  && new Postmaster(Long.parseLong(p.getFileName().toString()), dir, 0, null).alive();
            } catch (IOException | RuntimeException e) {
              return false;
            }
          })
          .count();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Removes the lock files of this server, which has died: its data directory's pid file and its
   * Unix socket's lock file, when they still name it. For a server that died but was not reaped
   * (it looks alive to PostgreSQL, which would refuse to start); call only when it is not alive.
   */
  public void removeLockFiles() throws IOException {
    if (alive()) {
      throw new IllegalStateException("PostgreSQL " + pid + " is running");
    }
    if (of(dataDir).map(p -> p.pid() == pid).orElse(false)) {
      Files.deleteIfExists(dataDir.resolve(PID_FILE));
    }
    if (socketDir != null && port > 0) {
      Path socketLock = socketDir.resolve(".s.PGSQL." + port + ".lock");
      try {
        if (Files.readAllLines(socketLock).get(0).trim().equals(Long.toString(pid))) {
          Files.deleteIfExists(socketLock);
        }
      } catch (IOException | RuntimeException e) {
        // no such lock file, or another server's
      }
    }
  }

  /** Sends a signal (INT: fast shutdown, TERM: smart shutdown, KILL) to the server's process. */
  public void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      if (kill.waitFor() == 0) {
        return;
      }
    } catch (IOException e) {
      LOG.debug("kill -{} {} could not run", name, pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Without a kill command: SIGTERM (a smart shutdown) or SIGKILL.
    ProcessHandle.of(pid).ifPresent(p -> {
      if ("KILL".equals(name)) {
        p.destroyForcibly();
      } else {
        p.destroy();
      }
    });
  }

  private static boolean sameDir(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }
}
