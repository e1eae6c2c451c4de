package agritrace.db;

import static agritrace.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** On the real test database; rows go to login_throttle, under usernames no account has. */
class PipelinedTransactionTest {

  private static final String INSERT =
      "INSERT INTO login_throttle (username, client, failures, blocked_until) VALUES ($1, 'test', 0, now())";

  private Pool pool;
  private final String prefix = "pipelined-" + UUID.randomUUID() + "-";

  @BeforeEach
  void setUp() {
    pool = Database.pool(TestServer.get().vertx, TestServer.get().connectOptions(), 2);
  }

  @AfterEach
  void tearDown() {
    await(pool.close());
  }

  private Future<Void> insert(SqlClient client, String name) {
    return client.preparedQuery(INSERT).execute(Tuple.of(prefix + name)).mapEmpty();
  }

  private long stored() {
    return TestServer.get().count("SELECT count(*) FROM login_throttle WHERE username LIKE $1", prefix + "%");
  }

  private Throwable failure(Future<?> run) {
    IllegalStateException awaited = assertThrows(IllegalStateException.class, () -> await(run));
    return awaited.getCause();
  }

  @Test
  @DisplayName("the rows written are visible after the run, whose value is the work's")
  void commits() {
    String answer = await(PipelinedTransaction.run(pool, "BEGIN", tx -> insert(tx.client(), "a")
        .compose(v -> Future.all(insert(tx.client(), "b"), tx.commit()))
        .map("done")));
    assertEquals("done", answer);
    assertEquals(2, stored());
  }

  @Test
  @DisplayName("work that never calls commit() is committed when it succeeds")
  void commitsWithoutCommit() {
    await(PipelinedTransaction.run(pool, "BEGIN",
        tx -> insert(tx.client(), "a").compose(v -> insert(tx.client(), "b"))));
    assertEquals(2, stored());
  }

  @Test
  @DisplayName("a statement failing in the middle rolls back the ones before it, and the run fails with its cause")
  void failingStatementRollsBack() {
    Throwable cause = failure(PipelinedTransaction.run(pool, "BEGIN", tx -> insert(tx.client(), "a")
        .compose(v -> insert(tx.client(), "a"))
        .compose(v -> Future.all(insert(tx.client(), "b"), tx.commit()))));
    assertTrue(Sql.uniqueViolation(cause, "login_throttle_pkey"), cause.toString());
    assertEquals(0, stored());
  }

  @Test
  @DisplayName("an exception thrown by the work rolls back what it sent")
  void thrownExceptionRollsBack() {
    Throwable cause = failure(PipelinedTransaction.run(pool, "BEGIN", tx -> {
      insert(tx.client(), "a");
      throw new ArithmeticException("a mistake");
    }));
    assertInstanceOf(ArithmeticException.class, cause);
    assertEquals(0, stored());
  }

  @Test
  @DisplayName("a failing BEGIN fails the run with its own cause, and nothing is stored")
  void failingBeginRollsBack() {
    Throwable cause = failure(PipelinedTransaction.run(pool, "BEGIN; SET LOCAL no_such_setting = 1",
        tx -> insert(tx.client(), "a")));
    assertTrue(cause.getMessage().contains("no_such_setting"), cause.getMessage());
    assertEquals(0, stored());
  }

  @Test
  @DisplayName("a statement after commit() is refused, as it would run outside the transaction, and the run fails")
  void statementAfterCommitIsRefused() {
    Throwable cause = failure(PipelinedTransaction.run(pool, "BEGIN", tx -> insert(tx.client(), "a")
        .compose(v -> tx.commit())
        .compose(v -> insert(tx.client(), "late"))));
    assertInstanceOf(IllegalStateException.class, cause);
    assertTrue(cause.getMessage().contains("outside the transaction"), cause.getMessage());
    assertEquals(1, stored(), "the row sent before COMMIT is committed, the late one never sent");
  }

  @Test
  @DisplayName("a SET LOCAL sent with BEGIN applies inside the transaction and not after it")
  void setLocalStaysInside() {
    Pool one = Database.pool(TestServer.get().vertx, TestServer.get().connectOptions(), 1);
    String seqscan = "SELECT current_setting('enable_seqscan')";
    String inside = await(PipelinedTransaction.run(one, "BEGIN; SET LOCAL enable_seqscan = off",
        tx -> tx.client().query(seqscan).execute().map(rows -> rows.iterator().next().getString(0))));
    String after = await(one.query(seqscan).execute().map(rows -> rows.iterator().next().getString(0)));
    await(one.close());
    assertEquals("off", inside);
    assertEquals("on", after);
  }

  @Test
  @DisplayName("many runs at once on a pool of two all succeed, and give their connections back")
  void parallelRunsOnASmallPool() {
    List<Future<Void>> runs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String name = Integer.toString(i);
      runs.add(PipelinedTransaction.run(pool, "BEGIN",
          tx -> Future.all(insert(tx.client(), name), tx.commit()).mapEmpty()));
    }
    await(Future.all(runs));
    assertEquals(40, stored());
    await(Future.all(pool.query("SELECT 1").execute(), pool.query("SELECT 1").execute()));
  }
}
