package agritrace.producer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Keeps password guessing slow without letting a stranger lock anyone out. Logins are counted per
 * username and client address, and per client address over every username (a guesser trying many
 * names): after the free failures each further attempt from that client waits, the wait doubling
 * with each failure up to a day. Someone else's failures never slow a user logging in from another
 * address. An attempt is counted before its password is checked, so guesses sent in parallel cannot
 * slip past the count; a correct password takes its attempt back and clears the count for that
 * username and address. Counted in PostgreSQL, so every server instance sees the same counts.
 */
public final class LoginThrottle {

  /** The longest wait, and how long a count is kept once its wait is over. */
  static final Duration LONGEST_WAIT = Duration.ofDays(1);

  /**
   * Counts the attempt in both of its rows unless either makes the client wait; answers how long
   * (0 when counted). $3 and $4 are the free failures per username and per address; $5 the first
   * wait and $6 the longest, in seconds.
   */
  private static final String ATTEMPT = """
      WITH waiting AS (
        SELECT max(blocked_until) AS until FROM login_throttle
        WHERE username IN (lower($1), '') AND client = $2 AND blocked_until > now()
      ), counted AS (
        INSERT INTO login_throttle AS t (username, client, failures, blocked_until)
        SELECT k.username, $2, 1, now() + CASE WHEN k.free > 1 THEN 0 ELSE $5::int END * interval '1 second'
        FROM (VALUES (lower($1), $3::int), ('', $4::int)) AS k (username, free)
        WHERE (SELECT until FROM waiting) IS NULL
        ON CONFLICT (username, client) DO UPDATE SET (failures, blocked_until) = (
          SELECT n, now() + CASE WHEN n < free THEN 0 ELSE least($6::int, $5::int * 2 ^ least(n - free, 30)) END * interval '1 second'
          FROM (SELECT CASE WHEN t.blocked_until < now() - $6::int * interval '1 second' THEN 1 ELSE t.failures + 1 END AS n,
                       CASE WHEN t.username = '' THEN $4 ELSE $3 END AS free) AS next)
        WHERE t.blocked_until <= now()
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM counted) AS counted,
             ceil(extract(epoch FROM (SELECT until FROM waiting) - now()))::int AS wait""";
  /** Takes a correct login's attempt back, and forgets the counts that have been quiet long enough. */
  private static final String SUCCEEDED = """
      WITH cleared AS (
        DELETE FROM login_throttle
        WHERE (username = lower($1) AND client = $2) OR blocked_until < now() - $3::int * interval '1 second'
      )
      UPDATE login_throttle SET failures = failures - 1, blocked_until = now() WHERE username = '' AND client = $2""";

  private final Pool pool;
  private final int freeFailures;
  private final int addressFreeFailures;
  private final Duration firstWait;

  public LoginThrottle(Pool pool, int freeFailures, int addressFreeFailures, Duration firstWait) {
    this.pool = pool;
    this.freeFailures = freeFailures;
    this.addressFreeFailures = addressFreeFailures;
    this.firstWait = firstWait;
  }

  /** Counts a login attempt from {@code client}; succeeds with how long it must wait first (zero: go on). */
  public Future<Duration> attempt(String username, String client) {
    return pool.preparedQuery(ATTEMPT)
        .execute(Tuple.of(username, client, freeFailures, addressFreeFailures, (int) firstWait.toSeconds(),
            (int) LONGEST_WAIT.toSeconds()))
        .map(rows -> {
          Row row = rows.iterator().next();
          if (row.getLong("counted") == 2) {
            return Duration.ZERO;
          }
          // No wait known: another attempt made one after this statement looked; the next answer says how long.
          Integer wait = row.getInteger("wait");
          return Duration.ofSeconds(Math.max(1, wait == null ? firstWait.toSeconds() : wait));
        });
  }

  /** The password was right: the attempt is taken back, and the username's count from the client cleared. */
  public Future<Void> succeeded(String username, String client) {
    return pool.preparedQuery(SUCCEEDED).execute(Tuple.of(username, client, (int) LONGEST_WAIT.toSeconds())).mapEmpty();
  }
}
