package agritrace.producer;

import agritrace.db.Ids;
import agritrace.db.Sql;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.ClientAddress;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import agritrace.http.Message;
import agritrace.http.Role;
import agritrace.http.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/** Accounts: logging in and out, and creating the users of the platform and of each producer. */
public final class AccountRoutes {

  private static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 128;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,39}");

  private static final String INSERT_USER = """
      INSERT INTO users (id, username, password_hash, role, producer_id, name, phone, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String FIND_FOR_LOGIN =
      "SELECT id, role, producer_id, password_hash, disabled_at FROM users WHERE lower(username) = lower($1)";
  private static final String LIST_PRODUCER_USERS = "SELECT " + Users.COLUMNS + " FROM users WHERE producer_id = $1"
      + " ORDER BY created_at, id LIMIT $2 OFFSET $3";
  private static final String LIST_USERS = "SELECT " + Users.COLUMNS + " FROM users"
      + " WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR username ILIKE $2 OR name ILIKE $2)"
      + " ORDER BY created_at, id LIMIT $3 OFFSET $4";

  private final Vertx vertx;
  private final Pool pool;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final ClientAddress clients;
  private final Passwords passwords;
  private final Producers producers;

  public AccountRoutes(Vertx vertx, Pool pool, Sessions sessions, LoginThrottle throttle, ClientAddress clients,
      Passwords passwords, Producers producers) {
    this.vertx = vertx;
    this.pool = pool;
    this.sessions = sessions;
    this.throttle = throttle;
    this.clients = clients;
    this.passwords = passwords;
    this.producers = producers;
  }

  /** The login route, which needs no token; mount it before the authentication handler. */
  public void mountPublic(Router router) {
    router.post("/api/v1/auth/login").handler(this::login);
  }

  public void mount(Router router) {
    router.post("/api/v1/auth/logout").handler(this::logout);
    router.get("/api/v1/auth/me").handler(this::me);
    router.post("/api/v1/users").handler(Auth.require(Role.PLATFORM_ADMIN)).handler(this::createPlatformUser);
    router.get("/api/v1/users").handler(Auth.require(Role.PLATFORM_ADMIN)).handler(this::listUsers);
    router.post("/api/v1/producers/:producerId/users")
        .handler(Access.producer("producerId", Right.MANAGE, producers::exists)).handler(this::createProducerUser);
    router.get("/api/v1/producers/:producerId/users")
        .handler(Access.producer("producerId", Right.READ, producers::exists)).handler(this::listProducerUsers);
  }

  /**
   * The password is checked only when the throttle lets this client try. An unknown username costs
   * the same password derivation as a wrong password, so timing tells no one which names exist. A
   * disabled account says so only to whoever gives its right password (the person, who then knows
   * to ask an admin); the attempt stays counted, so this tells a guesser no more than a working
   * account's token would.
   */
  private void login(RoutingContext ctx) {
    Fields body = Json.body(ctx);
    String username = body.text("username", 40);
    String password = body.secret("password", MAX_PASSWORD);
    String client = clients.of(ctx);
    throttle.attempt(username, client)
        .compose(wait -> wait.isZero() ? passwordHolder(username, password) : Future.failedFuture(tooManyAttempts(ctx, wait)))
        .compose(user -> user == null
            ? Future.failedFuture(new ApiError(401, "invalid_credentials", Message.of("login.wrong"), null))
            : user.getValue("disabled_at") != null
            ? Future.failedFuture(new ApiError(401, "account_disabled", Message.of("login.disabled"), null))
            : throttle.succeeded(username, client)
                .compose(done -> sessions.issue(user.getUUID("id")))
                .map(issued -> new JsonObject()
                    .put("token", issued.token())
                    .put("role", user.getString("role"))
                    .put("userId", user.getUUID("id").toString())
                    .put("producerId", user.getUUID("producer_id") == null ? null : user.getUUID("producer_id").toString())
                    .put("expiresAt", Json.time(issued.expiresAt()))))
        .onSuccess(json -> Json.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  /** The user with this username and password, or null when there is none. */
  private Future<Row> passwordHolder(String username, String password) {
    return pool.preparedQuery(FIND_FOR_LOGIN).execute(Tuple.of(username)).compose(rows -> {
      Row user = rows.size() == 1 ? rows.iterator().next() : null;
      String stored = user == null ? null : user.getString("password_hash");
      return vertx.executeBlocking(() -> passwords.verify(password, stored), false).map(matches -> matches ? user : null);
    });
  }

  private static ApiError tooManyAttempts(RoutingContext ctx, Duration wait) {
    ctx.response().putHeader("Retry-After", Long.toString(wait.toSeconds()));
    return new ApiError(429, "too_many_attempts",
        Message.of("login.too_many", "minutes", (wait.toSeconds() + 59) / 60), null);
  }

  private void logout(RoutingContext ctx) {
    sessions.revoke(Auth.token(ctx))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Users.find(pool, Auth.caller(ctx).id())
        .onSuccess(user -> Json.ok(ctx, user))
        .onFailure(ctx::fail);
  }

  /** Platform admins and inspectors, who belong to no producer. */
  private void createPlatformUser(RoutingContext ctx) {
    Fields body = Json.body(ctx);
    insert(ctx, NewUser.read(body, body.oneOf("role", Role.PLATFORM_ROLES)), null);
  }

  private void createProducerUser(RoutingContext ctx) {
    Fields body = Json.body(ctx);
    insert(ctx, NewUser.read(body, body.oneOf("role", Role.PRODUCER_ROLES)), Access.producerId(ctx));
  }

  /** A validated request to create an account. */
  private record NewUser(String username, String password, String role, String name, String phone) {

    static NewUser read(Fields body, String role) {
      String username = body.text("username", 40);
      if (!USERNAME.matcher(username).matches()) {
        throw ApiError.invalid("username", "user.username_form");
      }
      return new NewUser(username, newPassword(body, "password"), role, body.text("name", 100),
          body.phone("phone", false));
    }
  }

  /** A password being set, new account or not: 8 to 128 characters, taken exactly as sent. */
  static String newPassword(Fields body, String field) {
    String password = body.secret(field, MAX_PASSWORD);
    if (password.length() < MIN_PASSWORD) {
      throw ApiError.invalid(field, "user.password_short", "min", MIN_PASSWORD);
    }
    return password;
  }

  private void insert(RoutingContext ctx, NewUser user, UUID producerId) {
    UUID id = Ids.timeOrdered();
    UUID creator = Auth.caller(ctx).id();
    vertx.executeBlocking(() -> passwords.hash(user.password()), false)
        .compose(hash -> pool.preparedQuery(INSERT_USER).execute(Tuple.from(new Object[] {
            id, user.username(), hash, user.role(), producerId, user.name(), user.phone(), creator})))
        .onSuccess(done -> Json.created(ctx, id.toString()))
        .onFailure(err -> ctx.fail(Sql.uniqueViolation(err, "users_username")
            ? ApiError.conflict("username", "user.username_taken") : err));
  }

  private void listProducerUsers(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    answerUsers(ctx, page, pool.preparedQuery(LIST_PRODUCER_USERS).execute(
        Tuple.of(Access.producerId(ctx), page.limit(), page.offset())));
  }

  /** Every account, for the platform admin: by role, and by a term in the username or name. */
  private void listUsers(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    String role = Fields.queryOneOf(ctx, "role", Role.NAMES.stream().sorted().toList());
    String q = Fields.querySearch(ctx, "q", 100);
    answerUsers(ctx, page, pool.preparedQuery(LIST_USERS).execute(Tuple.of(role, q, page.limit(), page.offset())));
  }

  private static void answerUsers(RoutingContext ctx, Page page, Future<RowSet<Row>> rows) {
    rows.onSuccess(found -> {
      JsonArray items = new JsonArray();
      found.forEach(row -> items.add(Users.toJson(row)));
      Json.ok(ctx, page.answer(items));
    }).onFailure(ctx::fail);
  }

  /**
   * Creates the platform administrator {@code admin} if the database has no user at all. Safe to
   * run from several instances at once: only one insert wins. Succeeds with true if it created it.
   */
  public static Future<Boolean> bootstrapAdmin(Vertx vertx, Pool pool, Passwords passwords, String password) {
    return pool.query("SELECT EXISTS (SELECT 1 FROM users) AS any").execute()
        .compose(rows -> rows.iterator().next().getBoolean("any") ? Future.succeededFuture(false)
            : insertAdmin(vertx, pool, passwords, password));
  }

  private static Future<Boolean> insertAdmin(Vertx vertx, Pool pool, Passwords passwords, String password) {
    return vertx.executeBlocking(() -> passwords.hash(password), false)
        .compose(hash -> pool.preparedQuery("""
            INSERT INTO users (id, username, password_hash, role, name)
            SELECT $1, 'admin', $2, 'platform_admin', 'Platform administrator'
            WHERE NOT EXISTS (SELECT 1 FROM users)
            ON CONFLICT DO NOTHING""").execute(Tuple.of(Ids.timeOrdered(), hash)))
        .map(rows -> rows.rowCount() == 1);
  }
}
