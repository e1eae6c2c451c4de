package agritrace.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * Login tokens, kept in PostgreSQL so that every server instance honours (and revokes) the same
 * tokens. A token is 256 random bits; only its SHA-256 is stored.
 */
public final class Sessions {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String INSERT =
      "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second') RETURNING expires_at";
  private static final String FIND =
      "SELECT u.id, u.username, u.role, u.producer_id FROM sessions s JOIN users u ON u.id = s.user_id"
          + " WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL";
  private static final String REVOKE =
      "UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL";
  private static final String REVOKE_USER = "UPDATE sessions SET revoked_at = now()"
      + " WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND token_hash IS DISTINCT FROM $2";

  private final Pool pool;
  private final Duration ttl;

  public Sessions(Pool pool, Duration ttl) {
    this.pool = pool;
    this.ttl = ttl;
  }

  /** A new token for the user, and when it expires. */
  public record Issued(String token, OffsetDateTime expiresAt) {
  }

  public Future<Issued> issue(UUID userId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(hash(token), userId, ttl.toSeconds()))
        .map(rows -> new Issued(token, rows.iterator().next().getOffsetDateTime("expires_at")));
  }

  /** The caller a live token belongs to, or null (also when the account is disabled). */
  public Future<Caller> find(String token) {
    return pool.preparedQuery(FIND).execute(Tuple.of(hash(token))).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Caller(row.getUUID("id"), row.getString("username"), Role.of(row.getString("role")),
          row.getUUID("producer_id"));
    });
  }

  public Future<Void> revoke(String token) {
    return pool.preparedQuery(REVOKE).execute(Tuple.of(hash(token))).mapEmpty();
  }

  /**
   * Ends every live token of the user except {@code keep} (null: every one), through {@code client}
   * so that it happens in the transaction of the change that calls for it.
   */
  public Future<Void> revokeAll(SqlClient client, UUID userId, String keep) {
    return client.preparedQuery(REVOKE_USER).execute(Tuple.of(userId, keep == null ? null : hash(keep))).mapEmpty();
  }

  private static Buffer hash(String token) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
