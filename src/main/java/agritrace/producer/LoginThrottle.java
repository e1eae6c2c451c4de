package agritrace.producer;

import agritrace.http.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one username within the
 * lock window, that username is locked for the window's length. Counted in PostgreSQL, so every
 * server instance sees the same count.
 */
public final class LoginThrottle {

  private static final String LOCKED =
      "SELECT 1 FROM login_failures WHERE username = lower($1) AND locked_until > now()";
  private static final String RECORD_FAILURE = """
      INSERT INTO login_failures AS f (username, failures, window_started_at)
      VALUES (lower($1), 1, now())
      ON CONFLICT (username) DO UPDATE SET
        failures = CASE WHEN f.window_started_at < now() - $2 * interval '1 second' THEN 1 ELSE f.failures + 1 END,
        window_started_at = CASE WHEN f.window_started_at < now() - $2 * interval '1 second' THEN now() ELSE f.window_started_at END
      RETURNING failures""";
  private static final String LOCK =
      "UPDATE login_failures SET locked_until = now() + $2 * interval '1 second', failures = 0, window_started_at = now()"
          + " WHERE username = lower($1)";
  private static final String CLEAR = "DELETE FROM login_failures WHERE username = lower($1)";

  private final Pool pool;
  private final int maxFailures;
  private final Duration lock;

  public LoginThrottle(Pool pool, int maxFailures, Duration lock) {
    this.pool = pool;
    this.maxFailures = maxFailures;
    this.lock = lock;
  }

  /** Fails with 429 while the username is locked. */
  public Future<Void> checkNotLocked(String username) {
    return pool.preparedQuery(LOCKED).execute(Tuple.of(username))
        .compose(rows -> rows.size() == 0 ? Future.<Void>succeededFuture()
            : Future.failedFuture(lockedError(lockMinutes())));
  }

  /** Counts a failed login; succeeds with true when this failure locked the username. */
  public Future<Boolean> recordFailure(String username) {
    return pool.preparedQuery(RECORD_FAILURE).execute(Tuple.of(username, lock.toSeconds()))
        .compose(rows -> rows.iterator().next().getInteger("failures") < maxFailures
            ? Future.succeededFuture(false)
            : pool.preparedQuery(LOCK).execute(Tuple.of(username, lock.toSeconds())).map(true));
  }

  public Future<Void> clear(String username) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(username)).mapEmpty();
  }

  long lockMinutes() {
    return Math.max(1, lock.toMinutes());
  }

  static ApiError lockedError(long minutes) {
    return new ApiError(429, "too_many_attempts",
        "too many failed logins for this username; try again in " + minutes + " minutes", "username");
  }
}
