package agritrace.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import agritrace.bench.Faults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes under sync load, each on a server (a JVM of its own, as scripts/run starts it) and a
 * data directory of its own: phones keep syncing 500 records at a time and send again what got
 * no answer; afterwards every record sent is in the database exactly once.
 */
class CrashTest {

  @BeforeEach
  void embeddedOnly() {
    assumeTrue(System.getenv("DATABASE_URL") == null, "these crashes are of the embedded database's server");
  }

  @Test
  @DisplayName("a server killed with kill -9 in the middle of 500-record syncs starts again on the same data at the"
      + " first attempt, and after the phones resend, every record is stored exactly once")
  void killTheServer(@TempDir Path dir) throws Exception {
    Faults.Result result = Faults.killServer(dir, 1, 2, 4);

    assertEquals(List.of(), result.problems());
    assertEquals(1, result.injected());
    assertEquals(1, result.secondsToServe().size(), "the server served again");
    assertTrue(result.counts().unanswered() >= 1, "a sync was in flight when the server was killed: " + result.counts());
    assertTrue(result.counts().resent() >= 1, "what got no answer was sent again: " + result.counts());
    assertEquals(0, result.counts().halfWritten(), "no request was stored in part");
    assertTrue(result.check().records() >= 500 * 5, "records sent: " + result.check());
    assertEquals(0, result.check().lost(), "records lost");
    assertEquals(0, result.check().doubled(), "records stored twice");
  }

  @Test
  @DisplayName("when the embedded PostgreSQL is killed under load, syncs get 503 with Retry-After, the server starts it"
      + " again and serves, and no sync is half written")
  void killThePostgres(@TempDir Path dir) throws Exception {
    Faults.Result result = Faults.killPostgres(dir, 1, 2, 4);

    assertEquals(List.of(), result.problems(), "every 503 had Retry-After and the error body; nothing else failed");
    assertEquals(1, result.injected());
    assertEquals(1, result.secondsToServe().size(), "the server served again");
    assertTrue(result.counts().unavailable() >= 1,
        "syncs were refused while the database was down: " + result.counts());
    assertTrue(result.counts().resent() >= 1, "what was refused was sent again: " + result.counts());
    assertEquals(0, result.counts().halfWritten(), "no request was stored in part");
    assertEquals(0, result.check().lost(), "records lost");
    assertEquals(0, result.check().doubled(), "records stored twice");
  }
}
