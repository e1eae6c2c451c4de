package agritrace.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * A transaction that waits for no answer it does not need: BEGIN is sent ahead of the first
 * statements and COMMIT may go together with the last ones, as a connection runs what it is sent
 * in order. Under load each wait for an answer costs more than a short statement (see
 * scripts/bench/README.md). Once COMMIT is sent the client refuses further statements, which
 * would run outside the transaction; a failure before it rolls everything back.
 */
public final class PipelinedTransaction {

  /** What the work gets: the transaction's client, and the means to send COMMIT early. */
  public interface Tx {
    /** Sends statements inside the transaction; refuses them once COMMIT was sent. */
    SqlClient client();

    /**
     * Sends COMMIT now, without waiting for the statements sent before it; the same future on
     * every call. After it a failure of the work no longer undoes the statements that succeeded.
     */
    Future<Void> commit();
  }

  private PipelinedTransaction() {
  }

  /**
   * Runs {@code work} in a transaction opened by {@code begin} (BEGIN, possibly followed by
   * {@code ; SET LOCAL ...}): committed when the work succeeds, rolled back when it fails or
   * throws, or when BEGIN fails. The connection goes back to the pool once everything sent on it
   * was answered.
   */
  public static <T> Future<T> run(Pool pool, String begin, Function<Tx, Future<T>> work) {
    if (!begin.stripLeading().regionMatches(true, 0, "BEGIN", 0, 5)) {
      throw new IllegalArgumentException("a pipelined transaction starts with BEGIN: " + begin);
    }
    return pool.getConnection().compose(conn -> {
      Pipeline tx = new Pipeline(conn);
      Future<RowSet<Row>> begun = conn.query(begin).execute();
      Future<T> done = Future.<Void>succeededFuture().compose(v -> work.apply(tx));
      return Future.join(begun, done)
          .compose(all -> tx.commit().map(done.result()))
          .recover(failure -> tx.end()
              .transform(ended -> Future.<T>failedFuture(begun.failed() ? begun.cause() : failure)))
          .onComplete(result -> conn.close());
    });
  }

  /** The connection behind a gate that closes when COMMIT or ROLLBACK is sent. */
  private static final class Pipeline implements Tx, SqlClient {
    private final SqlConnection conn;
    private Future<Void> commit;
    private boolean open = true;

    Pipeline(SqlConnection conn) {
      this.conn = conn;
    }

    @Override
    public SqlClient client() {
      return this;
    }

    @Override
    public Future<Void> commit() {
      if (commit == null) {
        commit = open ? send("COMMIT")
            : Future.failedFuture(new IllegalStateException("the transaction was rolled back, COMMIT comes too late"));
      }
      return commit;
    }

    /** After a failure: ROLLBACK unless COMMIT was sent; either way, its answer. */
    Future<Void> end() {
      return (open ? send("ROLLBACK") : commit).otherwiseEmpty();
    }

    private Future<Void> send(String sql) {
      open = false;
      return conn.query(sql).execute().mapEmpty();
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
      return gate().query(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
      return gate().preparedQuery(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
      return gate().preparedQuery(sql, options);
    }

    /** The pooled connection is closed by {@link #run}, once everything on it was answered. */
    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }

    private SqlConnection gate() {
      if (!open) {
        throw new IllegalStateException(
            "COMMIT or ROLLBACK was sent: a statement sent after it would run outside the transaction");
      }
      return conn;
    }
  }
}
