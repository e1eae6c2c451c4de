package agritrace.producer;

import agritrace.db.Ids;
import agritrace.http.Access;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Role;
import agritrace.http.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Looking after accounts once they exist: a user changes their own password; a platform admin (any
 * account) or a producer's admin (its producer's other accounts) resets a password, disables an
 * account or enables it again. Each change ends the account's other sessions in the same
 * transaction and is recorded in {@code account_events}, who made it, when and why.
 */
public final class AccountChanges {

  private static final int MAX_REASON = 500;

  private static final String PASSWORD_HASH = "SELECT password_hash FROM users WHERE id = $1";
  private static final String SET_PASSWORD = "UPDATE users SET password_hash = $2 WHERE id = $1";
  private static final String RECORD = """
      INSERT INTO account_events (id, user_id, kind, reason, created_by) VALUES ($1, $2, $3, $4, $5)""";
  private static final String DISABLE = """
      UPDATE users SET disabled_at = now(), disabled_by = $2, disabled_reason = $3
      WHERE id = $1 AND disabled_at IS NULL""";
  private static final String ENABLE = """
      UPDATE users SET disabled_at = NULL, disabled_by = NULL, disabled_reason = NULL
      WHERE id = $1 AND disabled_at IS NOT NULL""";
  /**
   * Locks the platform admins still in use, so that two admins disabling each other at once
   * cannot both succeed: the second waits for the first, then sees the first one's change.
   */
  private static final String LOCK_PLATFORM_ADMINS =
      "SELECT id FROM users WHERE role = 'platform_admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE";

  private final Vertx vertx;
  private final Pool pool;
  private final Sessions sessions;
  private final Passwords passwords;

  public AccountChanges(Vertx vertx, Pool pool, Sessions sessions, Passwords passwords) {
    this.vertx = vertx;
    this.pool = pool;
    this.sessions = sessions;
    this.passwords = passwords;
  }

  public void mount(Router router) {
    Handler<RoutingContext> admins = Auth.require(Role.PLATFORM_ADMIN, Role.PRODUCER_ADMIN);
    Handler<RoutingContext> account = Access.account("userId", Users.accounts(pool));
    router.post("/api/v1/auth/password").handler(this::changeOwnPassword);
    router.post("/api/v1/users/:userId/password").handler(admins).handler(account).handler(this::resetPassword);
    router.post("/api/v1/users/:userId/disable").handler(admins).handler(account).handler(this::disable);
    router.post("/api/v1/users/:userId/enable").handler(admins).handler(account).handler(this::enable);
  }

  /**
   * Needs the current password as well as the token, so a phone left logged in does not hand over
   * the account. The caller's own token stays valid; every other session of the account ends.
   */
  private void changeOwnPassword(RoutingContext ctx) {
    Fields body = Json.body(ctx);
    String current = body.secret("currentPassword", AccountRoutes.MAX_PASSWORD);
    String wanted = AccountRoutes.newPassword(body, "newPassword");
    if (wanted.equals(current)) {
      throw ApiError.invalid("newPassword", "user.password_same");
    }
    UUID me = Auth.caller(ctx).id();
    pool.preparedQuery(PASSWORD_HASH).execute(Tuple.of(me))
        .compose(rows -> {
          String stored = rows.iterator().next().getString("password_hash");
          return vertx.executeBlocking(() -> passwords.verify(current, stored) ? passwords.hash(wanted) : null, false);
        })
        .compose(hash -> hash == null ? Future.failedFuture(ApiError.invalid("currentPassword", "user.password_wrong"))
            : pool.withTransaction(conn -> setPassword(conn, me, hash, "password_changed", me, Auth.token(ctx))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** Every session of the account ends at once: whoever had it must log in with the new password. */
  private void resetPassword(RoutingContext ctx) {
    String wanted = AccountRoutes.newPassword(Json.body(ctx), "newPassword");
    UUID user = Access.account(ctx).id();
    UUID by = Auth.caller(ctx).id();
    vertx.executeBlocking(() -> passwords.hash(wanted), false)
        .compose(hash -> pool.withTransaction(conn -> setPassword(conn, user, hash, "password_reset", by, null)))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private Future<Void> setPassword(SqlConnection conn, UUID user, String hash, String kind, UUID by, String keep) {
    return conn.preparedQuery(SET_PASSWORD).execute(Tuple.of(user, hash))
        .compose(done -> record(conn, user, kind, null, by))
        .compose(done -> sessions.revokeAll(conn, user, keep));
  }

  /** Its tokens stop working at once; enabling it again does not bring them back. */
  private void disable(RoutingContext ctx) {
    String reason = Json.body(ctx).text("reason", MAX_REASON);
    Access.Account account = Access.account(ctx);
    UUID by = Auth.caller(ctx).id();
    pool.withTransaction(conn -> lastAdminCheck(conn, account)
            .compose(checked -> conn.preparedQuery(DISABLE).execute(Tuple.of(account.id(), by, reason)))
            .compose(rows -> rows.rowCount() == 0
                ? Future.failedFuture(ApiError.conflict(null, "account.already_disabled"))
                : record(conn, account.id(), "disabled", reason, by))
            .compose(done -> sessions.revokeAll(conn, account.id(), null))
            .compose(done -> Users.find(conn, account.id())))
        .onSuccess(user -> Json.ok(ctx, user))
        .onFailure(ctx::fail);
  }

  private void enable(RoutingContext ctx) {
    String reason = Json.body(ctx).text("reason", MAX_REASON);
    UUID user = Access.account(ctx).id();
    UUID by = Auth.caller(ctx).id();
    pool.withTransaction(conn -> conn.preparedQuery(ENABLE).execute(Tuple.of(user))
            .compose(rows -> rows.rowCount() == 0
                ? Future.failedFuture(ApiError.conflict(null, "account.not_disabled"))
                : record(conn, user, "enabled", reason, by))
            .compose(done -> Users.find(conn, user)))
        .onSuccess(found -> Json.ok(ctx, found))
        .onFailure(ctx::fail);
  }

  /** A 409 when the account is the last platform admin still in use. */
  private static Future<Void> lastAdminCheck(SqlConnection conn, Access.Account account) {
    if (account.role() != Role.PLATFORM_ADMIN) {
      return Future.succeededFuture();
    }
    return conn.query(LOCK_PLATFORM_ADMINS).execute().compose(rows -> {
      boolean another = false;
      for (var row : rows) {
        another |= !row.getUUID("id").equals(account.id());
      }
      return another ? Future.succeededFuture() : Future.failedFuture(ApiError.conflict(null, "account.last_platform_admin"));
    });
  }

  private static Future<Void> record(SqlConnection conn, UUID user, String kind, String reason, UUID by) {
    return conn.preparedQuery(RECORD).execute(Tuple.of(Ids.timeOrdered(), user, kind, reason, by)).mapEmpty();
  }
}
