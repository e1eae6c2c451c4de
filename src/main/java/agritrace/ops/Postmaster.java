package agritrace.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server running on a data directory, as its {@code postmaster.pid} names it: the
 * process id on line 1, the port on line 4 (PostgreSQL's own layout of that file).
 */
public record Postmaster(long pid, int port) {

  /** The server running on {@code dataDir}; empty when there is no postmaster.pid or its process has ended. */
  public static Optional<Postmaster> of(Path dataDir) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.size() < 4) {
      // Being written by a server that is starting, or left half-written: no port to reach it on.
      throw new IOException(dataDir.resolve("postmaster.pid") + " names no port (is the server starting?)");
    }
    long pid = Long.parseLong(lines.get(0).strip());
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return Optional.of(new Postmaster(pid, Integer.parseInt(lines.get(3).strip())));
    }
    return Optional.empty();
  }

  /** The JDBC URL of the server's {@code postgres} database on this machine. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }
}
