package agritrace.db;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What really prevents the embedded database from starting is said in one line, at once. */
class DatabaseStartTest {

  @BeforeEach
  void embeddedOnly() {
    assumeTrue(System.getenv("DATABASE_URL") == null, "these are about the embedded database");
  }

  @Test
  @DisplayName("a data folder whose pid file names a running process that is not its PostgreSQL is not touched, and"
      + " the message says which file to delete")
  void pidFileOfAnotherProcess(@TempDir Path dir) throws Exception {
    // This JVM: running, of this user, and no postgres.
    Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n1\n5432\n/tmp\n");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.embedded(dir));

    assertTrue(e.getMessage().contains("not its PostgreSQL") && e.getMessage().contains("postmaster.pid"), e.getMessage());
    assertTrue(Files.exists(dir.resolve("postmaster.pid")));
    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
  }

  @Test
  @DisplayName("a data folder of another PostgreSQL version fails the start at once with PostgreSQL's own reason")
  void folderOfAnotherVersion(@TempDir Path parent) throws Exception {
    Path dir = parent.resolve("postgres");
    Database.embedded(dir).close();
    Files.writeString(dir.resolve("PG_VERSION"), "9\n");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.embedded(dir));

    assertTrue(e.getMessage().contains("did not start") && e.getMessage().contains("FATAL"), e.getMessage());
    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
  }
}
