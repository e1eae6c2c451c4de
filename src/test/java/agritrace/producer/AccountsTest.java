package agritrace.producer;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import agritrace.Api;
import agritrace.Config;
import agritrace.Main;
import agritrace.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Changing one's own password; resetting passwords, disabling and enabling the accounts one manages. */
@ExtendWith(VertxExtension.class)
class AccountsTest {

  private Api api;
  private String admin;
  private String producer;
  private Account producerAdmin;

  /** An account a test made: who it is, how it logs in, and a token it got. */
  private record Account(String id, String username, String password, String token) {
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    // A client address of its own, so this class's failed logins slow no other test.
    api = new Api(vertx).with("X-Forwarded-For", Api.newAddress());
    admin = api.adminToken();
    producer = api.newProducer(admin);
    producerAdmin = account(producer, "producer_admin");
  }

  private Account account(String producerId, String role) {
    String username = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "secret-" + username;
    String path = producerId == null ? "/api/v1/users" : "/api/v1/producers/" + producerId + "/users";
    Api.Response made = api.post(path, admin, new JsonObject()
        .put("username", username).put("password", password).put("role", role).put("name", "测试用户"));
    assertStatus(made, 201);
    return new Account(made.json().getString("id"), username, password, api.login(username, password));
  }

  private Api.Response login(String username, String password) {
    return api.post("/api/v1/auth/login", null, new JsonObject().put("username", username).put("password", password));
  }

  private static JsonObject newPassword(String password) {
    return new JsonObject().put("newPassword", password);
  }

  private static JsonObject reason(String reason) {
    return new JsonObject().put("reason", reason);
  }

  private static String path(Account account, String action) {
    return "/api/v1/users/" + account.id() + "/" + action;
  }

  private static long events(Account account) {
    return TestServer.get().count("SELECT count(*) FROM account_events WHERE user_id = $1", UUID.fromString(account.id()));
  }

  private static String passwordHash(Account account) {
    return TestServer.get().sql("SELECT password_hash FROM users WHERE id = $1", UUID.fromString(account.id()))
        .iterator().next().getString(0);
  }

  @Test
  @DisplayName("a user changes their own password: this session goes on, the others end, and only the new password logs in")
  void changeOwnPassword() {
    Account recorder = account(producer, "recorder");
    String otherSession = api.login(recorder.username(), recorder.password());
    JsonObject change = new JsonObject().put("currentPassword", recorder.password()).put("newPassword", " 新的密码 2026 ");
    assertStatus(api.post("/api/v1/auth/password", recorder.token(), change), 204);

    assertStatus(api.get("/api/v1/auth/me", recorder.token()), 200);
    assertProblem(api.get("/api/v1/auth/me", otherSession), 401, "unauthorized", null);
    assertProblem(login(recorder.username(), recorder.password()), 401, "invalid_credentials", null);
    assertProblem(login(recorder.username(), "新的密码 2026"), 401, "invalid_credentials", null);
    assertStatus(login(recorder.username(), " 新的密码 2026 "), 200);
    JsonObject event = TestServer.get().sql("SELECT kind, reason, created_by::text AS created_by FROM account_events WHERE user_id = $1",
        UUID.fromString(recorder.id())).iterator().next().toJson();
    assertEquals(new JsonObject().put("kind", "password_changed").putNull("reason").put("created_by", recorder.id()), event);
  }

  @Test
  @DisplayName("a wrong current password, a short, long or missing new one, or the same one again are refused, and nothing changes")
  void badOwnPasswordChanges() {
    Account tester = account(producer, "tester");
    String otherSession = api.login(tester.username(), tester.password());
    String hash = passwordHash(tester);
    String me = "/api/v1/auth/password";
    JsonObject good = new JsonObject().put("currentPassword", tester.password()).put("newPassword", "a-good-new-one");

    Api.Response wrong = api.post(me, tester.token(), good.copy().put("currentPassword", "not-my-password"));
    assertProblem(wrong, 400, "invalid_field", "currentPassword");
    assertEquals("user.password_wrong", wrong.json().getString("code"));
    assertEquals("currentPassword 不对：请输入您现在用的密码", wrong.json().getString("message"));
    Api.Response shortOne = api.post(me, tester.token(), good.copy().put("newPassword", "1234567"));
    assertProblem(shortOne, 400, "invalid_field", "newPassword");
    assertEquals(new JsonObject().put("field", "newPassword").put("min", 8), shortOne.json().getJsonObject("args"));
    assertProblem(api.post(me, tester.token(), good.copy().put("newPassword", "x".repeat(129))), 400, "invalid_field",
        "newPassword");
    assertProblem(api.post(me, tester.token(), new JsonObject().put("currentPassword", tester.password())), 400,
        "invalid_field", "newPassword");
    assertProblem(api.post(me, tester.token(), new JsonObject().put("newPassword", "a-good-new-one")), 400,
        "invalid_field", "currentPassword");
    assertProblem(api.post(me, tester.token(), good.copy().put("newPassword", 12345678)), 400, "invalid_field", "newPassword");
    Api.Response same = api.post(me, tester.token(), good.copy().put("newPassword", tester.password()));
    assertProblem(same, 400, "invalid_field", "newPassword");
    assertEquals("user.password_same", same.json().getString("code"));
    assertProblem(api.postRaw(me, tester.token(), "application/json", Buffer.buffer("{\"newPassword\":")), 400,
        "malformed_json", null);
    assertProblem(api.post(me, null, good), 401, "unauthorized", null);

    assertEquals(hash, passwordHash(tester));
    assertEquals(0, events(tester));
    assertStatus(api.get("/api/v1/auth/me", otherSession), 200);
    assertStatus(login(tester.username(), tester.password()), 200);
  }

  @Test
  @DisplayName("a producer's admin resets a staff member's password: every session of theirs ends, and the new password logs in")
  void producerAdminResetsPassword() {
    Account recorder = account(producer, "recorder");
    String second = api.login(recorder.username(), recorder.password());
    assertStatus(api.post(path(recorder, "password"), producerAdmin.token(), newPassword("from-the-admin-1")), 204);

    assertProblem(api.get("/api/v1/auth/me", recorder.token()), 401, "unauthorized", null);
    assertProblem(api.get("/api/v1/auth/me", second), 401, "unauthorized", null);
    assertProblem(login(recorder.username(), recorder.password()), 401, "invalid_credentials", null);
    assertStatus(login(recorder.username(), "from-the-admin-1"), 200);
    assertStatus(api.get("/api/v1/auth/me", producerAdmin.token()), 200);
    JsonObject event = TestServer.get().sql("SELECT kind, created_by::text AS created_by FROM account_events WHERE user_id = $1",
        UUID.fromString(recorder.id())).iterator().next().toJson();
    assertEquals(new JsonObject().put("kind", "password_reset").put("created_by", producerAdmin.id()), event);
  }

  @Test
  @DisplayName("the platform admin resets anyone's password, an inspector's and another platform admin's too")
  void platformAdminResetsAnyone() {
    Account inspector = account(null, "inspector");
    Account platformAdmin = account(null, "platform_admin");
    assertStatus(api.post(path(inspector, "password"), admin, newPassword("inspector-new-1")), 204);
    assertStatus(api.post(path(platformAdmin, "password"), admin, newPassword("platform-new-1")), 204);
    assertStatus(api.post(path(producerAdmin, "password"), admin, newPassword("producer-admin-new-1")), 204);
    assertStatus(login(inspector.username(), "inspector-new-1"), 200);
    assertStatus(login(platformAdmin.username(), "platform-new-1"), 200);
    assertStatus(login(producerAdmin.username(), "producer-admin-new-1"), 200);
  }

  @Test
  @DisplayName("only the platform admin and the account's own producer admin may reset, disable or enable it, never their own; nothing changes")
  void whoMayManageAccounts() {
    Account recorder = account(producer, "recorder");
    Account colleague = account(producer, "recorder");
    Account tester = account(producer, "tester");
    Account inspector = account(null, "inspector");
    Account platformAdmin = account(null, "platform_admin");
    Account outsider = account(api.newProducer(admin), "producer_admin");
    String adminId = api.get("/api/v1/auth/me", admin).json().getString("id");
    Account self = new Account(adminId, null, null, admin);

    for (String action : new String[] {"password", "disable", "enable"}) {
      JsonObject body = newPassword("a-good-new-one").put("reason", "离职");
      String code = forbidden(api.post(path(recorder, action), outsider.token(), body));
      assertEquals("access.other_producer", code);
      assertEquals("error.your_role_may_not", forbidden(api.post(path(recorder, action), colleague.token(), body)));
      assertEquals("error.your_role_may_not", forbidden(api.post(path(recorder, action), tester.token(), body)));
      assertEquals("error.your_role_may_not", forbidden(api.post(path(recorder, action), inspector.token(), body)));
      assertEquals("access.own_account", forbidden(api.post(path(producerAdmin, action), producerAdmin.token(), body)));
      assertEquals("access.own_account", forbidden(api.post(path(self, action), admin, body)));
      assertEquals("access.platform_account", forbidden(api.post(path(inspector, action), producerAdmin.token(), body)));
      assertEquals("access.platform_account", forbidden(api.post(path(platformAdmin, action), producerAdmin.token(), body)));
      assertProblem(api.post(path(recorder, action), null, body), 401, "unauthorized", null);
      // Refused before the body is read: a malformed body answers the same.
      assertEquals("access.other_producer", forbidden(api.postRaw(path(recorder, action), outsider.token(),
          "application/json", Buffer.buffer("{\"reason\":"))));
      assertProblem(api.post("/api/v1/users/" + UUID.randomUUID() + "/" + action, admin, body), 404, "not_found", null);
      assertProblem(api.post("/api/v1/users/not-an-id/" + action, admin, body), 404, "not_found", null);
    }
    for (Account untouched : new Account[] {recorder, producerAdmin, inspector, platformAdmin}) {
      assertEquals(0, events(untouched));
      assertStatus(api.get("/api/v1/auth/me", untouched.token()), 200);
      assertStatus(login(untouched.username(), untouched.password()), 200);
    }
    assertStatus(api.get("/api/v1/auth/me", admin), 200);
  }

  private static String forbidden(Api.Response r) {
    assertProblem(r, 403, "forbidden", null);
    return r.json().getString("code");
  }

  @Test
  @DisplayName("a disabled account's tokens stop at once and it cannot log in; enabled again, it logs in with a new token only")
  void disableAndEnable() {
    Account recorder = account(producer, "recorder");
    Api.Response disabled = api.post(path(recorder, "disable"), producerAdmin.token(), reason("  已离开合作社  "));
    assertStatus(disabled, 200);
    JsonObject shown = disabled.json();
    assertEquals(recorder.id(), shown.getString("id"));
    assertEquals(true, shown.getBoolean("disabled"));
    assertEquals("已离开合作社", shown.getString("disabledReason"));
    assertEquals(producerAdmin.id(), shown.getString("disabledBy"));
    assertNotNull(shown.getString("disabledAt"));

    assertProblem(api.get("/api/v1/auth/me", recorder.token()), 401, "unauthorized", null);
    Api.Response right = login(recorder.username(), recorder.password());
    assertProblem(right, 401, "account_disabled", null);
    assertEquals("这个账号已经停用了，不能登录；请找本单位的管理员", right.json().getString("message"));
    assertEquals("Bearer", right.header("WWW-Authenticate"));
    assertProblem(login(recorder.username(), "a-wrong-password"), 401, "invalid_credentials", null);
    JsonObject listed = listed(recorder);
    assertEquals(shown, listed);

    Api.Response again = api.post(path(recorder, "disable"), producerAdmin.token(), reason("再停一次"));
    assertProblem(again, 409, "conflict", null);
    assertEquals("account.already_disabled", again.json().getString("code"));
    assertEquals(shown, listed(recorder));

    Api.Response enabled = api.post(path(recorder, "enable"), admin, reason("重新回来工作"));
    assertStatus(enabled, 200);
    assertEquals(false, enabled.json().getBoolean("disabled"));
    assertNull(enabled.json().getValue("disabledAt"));
    assertNull(enabled.json().getValue("disabledReason"));
    assertNull(enabled.json().getValue("disabledBy"));
    assertProblem(api.get("/api/v1/auth/me", recorder.token()), 401, "unauthorized", null);
    String fresh = api.login(recorder.username(), recorder.password());
    JsonObject me = api.get("/api/v1/auth/me", fresh).json();
    assertEquals(false, me.getBoolean("disabled"));
    assertEquals(enabled.json(), me);

    Api.Response notDisabled = api.post(path(recorder, "enable"), admin, reason("再恢复一次"));
    assertProblem(notDisabled, 409, "conflict", null);
    assertEquals("account.not_disabled", notDisabled.json().getString("code"));

    JsonArray history = new JsonArray();
    TestServer.get().sql("SELECT kind, reason, created_by::text AS created_by FROM account_events WHERE user_id = $1 ORDER BY created_at, id",
        UUID.fromString(recorder.id())).forEach(row -> history.add(row.toJson()));
    String adminId = api.get("/api/v1/auth/me", admin).json().getString("id");
    assertEquals(new JsonArray()
        .add(new JsonObject().put("kind", "disabled").put("reason", "已离开合作社").put("created_by", producerAdmin.id()))
        .add(new JsonObject().put("kind", "enabled").put("reason", "重新回来工作").put("created_by", adminId)), history);
  }

  @Test
  @DisplayName("the platform admin disables an inspector and another platform admin, whose tokens stop at once")
  void platformAdminDisablesPlatformAccounts() {
    Account inspector = account(null, "inspector");
    Account platformAdmin = account(null, "platform_admin");
    assertStatus(api.post(path(inspector, "disable"), admin, reason("调离监管岗位")), 200);
    assertStatus(api.post(path(platformAdmin, "disable"), admin, reason("账号不再使用")), 200);
    assertProblem(api.get("/api/v1/auth/me", inspector.token()), 401, "unauthorized", null);
    assertProblem(api.get("/api/v1/auth/me", platformAdmin.token()), 401, "unauthorized", null);
    assertProblem(api.post(path(recorderOf(producer), "disable"), platformAdmin.token(), reason("x")), 401,
        "unauthorized", null);
    assertStatus(api.post(path(platformAdmin, "enable"), admin, reason("恢复使用")), 200);
    assertStatus(login(platformAdmin.username(), platformAdmin.password()), 200);
  }

  private Account recorderOf(String producerId) {
    return account(producerId, "recorder");
  }

  @Test
  @DisplayName("a reason that is missing, blank, not text or too long, and a short new password, are refused, and nothing changes")
  void badBodies() {
    Account recorder = account(producer, "recorder");
    String hash = passwordHash(recorder);
    for (String action : new String[] {"disable", "enable"}) {
      assertProblem(api.post(path(recorder, action), producerAdmin.token(), new JsonObject()), 400, "invalid_field", "reason");
      assertProblem(api.post(path(recorder, action), producerAdmin.token(), reason("   ")), 400, "invalid_field", "reason");
      assertProblem(api.post(path(recorder, action), producerAdmin.token(), new JsonObject().put("reason", 3)), 400,
          "invalid_field", "reason");
      assertProblem(api.post(path(recorder, action), producerAdmin.token(), reason("长".repeat(501))), 400,
          "invalid_field", "reason");
      assertProblem(api.postRaw(path(recorder, action), producerAdmin.token(), "text/plain", Buffer.buffer("离职")), 415,
          "unsupported_media_type", null);
    }
    assertProblem(api.post(path(recorder, "password"), producerAdmin.token(), newPassword("short")), 400,
        "invalid_field", "newPassword");
    assertProblem(api.post(path(recorder, "password"), producerAdmin.token(), new JsonObject()), 400,
        "invalid_field", "newPassword");
    assertProblem(api.post(path(recorder, "password"), producerAdmin.token(), newPassword("y".repeat(129))), 400,
        "invalid_field", "newPassword");
    assertEquals(hash, passwordHash(recorder));
    assertEquals(0, events(recorder));
    assertFalse(listed(recorder).getBoolean("disabled"));
    assertStatus(api.get("/api/v1/auth/me", recorder.token()), 200);
  }

  @Test
  @DisplayName("two platform admins, the only ones, disabling each other at once: one wins, and one platform admin stays in use")
  void lastPlatformAdminStays(Vertx vertx, @TempDir Path dir) throws Exception {
    assumeTrue(System.getenv("DATABASE_URL") == null, "needs a database of its own, with no other platform admin");
    Config config = Config.fromEnvironment(Map.of("PORT", "0", "AGRITRACE_DATA_DIR", dir.toString(),
        "AGRITRACE_ADMIN_PASSWORD", "first-admin-password", "AGRITRACE_PBKDF2_ITERATIONS", "10000"));
    try (Main.Running alone = Main.start(config)) {
      Api own = new Api(vertx, alone.port());
      String first = own.login("admin", "first-admin-password");
      assertStatus(own.post("/api/v1/users", first, new JsonObject().put("username", "second-admin")
          .put("password", "second-admin-password").put("role", "platform_admin").put("name", "第二管理员")), 201);
      String second = own.login("second-admin", "second-admin-password");
      String firstId = own.get("/api/v1/auth/me", first).json().getString("id");
      String secondId = own.get("/api/v1/auth/me", second).json().getString("id");

      WebClient client = WebClient.create(vertx);
      Future<HttpResponse<Buffer>> firstDisablesSecond = disable(client, alone.port(), first, secondId);
      Future<HttpResponse<Buffer>> secondDisablesFirst = disable(client, alone.port(), second, firstId);
      HttpResponse<Buffer> a = TestServer.await(firstDisablesSecond);
      HttpResponse<Buffer> b = TestServer.await(secondDisablesFirst);

      HttpResponse<Buffer> won = a.statusCode() == 200 ? a : b;
      HttpResponse<Buffer> lost = won == a ? b : a;
      assertEquals(200, won.statusCode(), () -> a.bodyAsString() + " / " + b.bodyAsString());
      // The loser either waited for the winner and found itself the last admin, or came after it and its token was dead.
      assertTrue(lost.statusCode() == 409 || lost.statusCode() == 401, lost::bodyAsString);
      if (lost.statusCode() == 409) {
        assertEquals("account.last_platform_admin", lost.bodyAsJsonObject().getString("code"));
      }
      boolean firstWon = won == a;
      assertStatus(own.post("/api/v1/auth/login", null, new JsonObject().put("username", firstWon ? "admin" : "second-admin")
          .put("password", firstWon ? "first-admin-password" : "second-admin-password")), 200);
      assertProblem(own.post("/api/v1/auth/login", null, new JsonObject().put("username", firstWon ? "second-admin" : "admin")
          .put("password", firstWon ? "second-admin-password" : "first-admin-password")), 401, "account_disabled", null);
    }
  }

  /** Sends a disable request without waiting for its answer. */
  private static Future<HttpResponse<Buffer>> disable(WebClient client, int port, String token, String userId) {
    return client.post(port, "localhost", "/api/v1/users/" + userId + "/disable")
        .putHeader("Authorization", "Bearer " + token).sendJsonObject(reason("互相停用"));
  }

  /** The account as the producer's user list shows it to its admin. */
  private JsonObject listed(Account account) {
    Api.Response list = api.get("/api/v1/producers/" + producer + "/users", producerAdmin.token());
    assertStatus(list, 200);
    for (Object item : list.json().getJsonArray("items")) {
      if (((JsonObject) item).getString("id").equals(account.id())) {
        return (JsonObject) item;
      }
    }
    return fail("the account is listed: " + account.id());
  }
}
