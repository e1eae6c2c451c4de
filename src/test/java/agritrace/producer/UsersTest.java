package agritrace.producer;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UsersTest {

  private Api api;
  private String admin;
  private String producer;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    admin = api.adminToken();
    producer = api.newProducer(admin);
  }

  private static JsonObject user(String role) {
    return new JsonObject().put("username", "u-" + UUID.randomUUID().toString().substring(0, 8))
        .put("password", "long-enough-password").put("role", role).put("name", "王芳").put("phone", "+86 138 0000 0000");
  }

  /** This test's producer's users only, so tests running beside it do not change the count. */
  private long users() {
    return TestServer.get().count("SELECT count(*) FROM users WHERE producer_id = $1", UUID.fromString(producer));
  }

  private static long usersNamed(JsonObject user) {
    return TestServer.get().count("SELECT count(*) FROM users WHERE lower(username) = lower($1)", user.getString("username"));
  }

  @Test
  @DisplayName("a producer's admin adds a recorder and a tester, who then belong to that producer")
  void producerAdminAddsUsers() {
    String producerAdmin = api.newUser(admin, producer, "producer_admin");
    JsonObject recorder = user("recorder");
    assertStatus(api.post("/api/v1/producers/" + producer + "/users", producerAdmin, recorder), 201);
    assertStatus(api.post("/api/v1/producers/" + producer + "/users", producerAdmin, user("tester")), 201);
    String token = api.login(recorder.getString("username"), recorder.getString("password"));
    JsonObject me = api.get("/api/v1/auth/me", token).json();
    assertEquals(producer, me.getString("producerId"));
    JsonArray listed = api.get("/api/v1/producers/" + producer + "/users", producerAdmin).json().getJsonArray("items");
    assertEquals(3, listed.size());
    listed.forEach(u -> assertEquals(producer, ((JsonObject) u).getString("producerId")));
    listed.forEach(u -> assertEquals(null, ((JsonObject) u).getValue("password")));
  }

  @Test
  @DisplayName("recorders, testers, inspectors and other producers' admins may not add users")
  void whoMayAddUsers() {
    long before = users();
    String other = api.newProducer(admin);
    String otherAdmin = api.newUser(admin, other, "producer_admin");
    String recorder = api.newUser(admin, producer, "recorder");
    String tester = api.newUser(admin, producer, "tester");
    String inspector = api.newUser(admin, null, "inspector");
    long made = users();
    assertEquals(before + 2, made);
    String path = "/api/v1/producers/" + producer + "/users";
    assertProblem(api.post(path, otherAdmin, user("recorder")), 403, "forbidden", null);
    assertProblem(api.post(path, recorder, user("recorder")), 403, "forbidden", null);
    assertProblem(api.post(path, tester, user("recorder")), 403, "forbidden", null);
    assertProblem(api.post(path, inspector, user("recorder")), 403, "forbidden", null);
    assertProblem(api.post(path, null, user("recorder")), 401, "unauthorized", null);
    assertProblem(api.get(path, otherAdmin), 403, "forbidden", null);
    JsonObject inspectorBody = user("inspector");
    assertProblem(api.post("/api/v1/users", otherAdmin, inspectorBody), 403, "forbidden", null);
    assertEquals(made, users());
    assertEquals(0, usersNamed(inspectorBody));
  }

  @Test
  @DisplayName("bad user requests name the field; a taken username is a 409; nothing is saved")
  void badUsers() {
    long before = users();
    String path = "/api/v1/producers/" + producer + "/users";
    assertProblem(api.post(path, admin, user("inspector")), 400, "invalid_field", "role");
    assertProblem(api.post(path, admin, user("platform_admin")), 400, "invalid_field", "role");
    assertProblem(api.post(path, admin, user("recorder").put("password", "short")), 400, "invalid_field", "password");
    assertProblem(api.post(path, admin, user("recorder").put("username", "a b")), 400, "invalid_field", "username");
    assertProblem(api.post(path, admin, user("recorder").put("phone", "abc")), 400, "invalid_field", "phone");
    JsonObject noName = user("recorder");
    noName.remove("name");
    assertProblem(api.post(path, admin, noName), 400, "invalid_field", "name");
    JsonObject platformRecorder = user("recorder");
    assertProblem(api.post("/api/v1/users", admin, platformRecorder), 400, "invalid_field", "role");
    assertEquals(0, usersNamed(platformRecorder));
    assertProblem(api.post("/api/v1/producers/" + UUID.randomUUID() + "/users", admin, user("recorder")), 404, "not_found", null);
    assertEquals(before, users());

    JsonObject taken = user("recorder");
    assertStatus(api.post(path, admin, taken), 201);
    assertProblem(api.post(path, admin, taken.copy().put("username", taken.getString("username").toUpperCase())),
        409, "conflict", "username");
    assertEquals(before + 1, users());
  }

  @Test
  @DisplayName("another producer's admin gets 403 whatever the body holds, before it is read, and nothing is created")
  void otherAdminRefusedBeforeTheBody() {
    String otherAdmin = api.newUser(admin, api.newProducer(admin), "producer_admin");
    String path = "/api/v1/producers/" + producer + "/users";
    JsonObject badPhone = user("recorder").put("phone", "abc");
    assertProblem(api.post(path, otherAdmin, badPhone), 403, "forbidden", null);
    assertProblem(api.post(path, otherAdmin, user("recorder").put("password", "short")), 403, "forbidden", null);
    assertProblem(api.postRaw(path, otherAdmin, "application/json", Buffer.buffer("{\"username\":")), 403, "forbidden", null);
    assertEquals(0, usersNamed(badPhone));
    assertEquals(0, users());
  }

  @Test
  @DisplayName("a platform admin creates inspectors, who read any producer but change nothing")
  void inspectors() {
    JsonObject inspector = user("inspector");
    assertStatus(api.post("/api/v1/users", admin, inspector), 201);
    String token = api.login(inspector.getString("username"), inspector.getString("password"));
    assertEquals(null, api.get("/api/v1/auth/me", token).json().getString("producerId"));
    assertStatus(api.get("/api/v1/producers/" + producer + "/users", token), 200);
    assertProblem(api.post("/api/v1/producers/" + producer + "/rules", token, new JsonObject()
        .put("category", "recall").put("title", "召回制度").put("version", "1").put("effectiveDate", "2026-01-01")
        .put("text", "…")), 403, "forbidden", null);
  }

  @Test
  @DisplayName("the platform admin lists every account, by role and by a word of its username or name, to find any account to reset or disable")
  void platformAdminListsEveryAccount() {
    JsonObject inspector = user("inspector").put("name", "监管员" + UUID.randomUUID().toString().substring(0, 6));
    assertStatus(api.post("/api/v1/users", admin, inspector), 201);
    JsonObject recorder = user("recorder");
    assertStatus(api.post("/api/v1/producers/" + producer + "/users", admin, recorder), 201);

    JsonArray inspectors = api.get("/api/v1/users?role=inspector&limit=500&q=" + encode(inspector.getString("name")), admin)
        .json().getJsonArray("items");
    assertEquals(1, inspectors.size());
    assertEquals(inspector.getString("username"), inspectors.getJsonObject(0).getString("username"));
    assertEquals(null, inspectors.getJsonObject(0).getString("producerId"));
    assertEquals(false, inspectors.getJsonObject(0).getBoolean("disabled"));
    JsonArray byUsername = api.get("/api/v1/users?q=" + recorder.getString("username").toUpperCase(), admin).json().getJsonArray("items");
    assertEquals(1, byUsername.size());
    assertEquals(producer, byUsername.getJsonObject(0).getString("producerId"));
    assertEquals(0, api.get("/api/v1/users?role=platform_admin&q=" + recorder.getString("username"), admin)
        .json().getJsonArray("items").size());
    assertEquals(0, api.get("/api/v1/users?q=%25", admin).json().getJsonArray("items").stream()
        .filter(u -> !((JsonObject) u).getString("username").contains("%") && !((JsonObject) u).getString("name").contains("%")).count(),
        "% is taken literally");
  }

  @Test
  @DisplayName("only the platform admin lists every account; a bad role, search or page is a 400 naming it")
  void everyAccountListIsThePlatformAdmins() {
    assertStatus(api.get("/api/v1/users", null), 401);
    for (String role : new String[] {"producer_admin", "recorder", "tester"}) {
      assertProblem(api.get("/api/v1/users?role=nonsense", api.newUser(admin, producer, role)), 403, "forbidden", null);
    }
    assertProblem(api.get("/api/v1/users", api.newUser(admin, null, "inspector")), 403, "forbidden", null);
    assertProblem(api.get("/api/v1/users?role=farmer", admin), 400, "invalid_field", "role");
    assertProblem(api.get("/api/v1/users?q=" + "长".repeat(101), admin), 400, "invalid_field", "q");
    assertProblem(api.get("/api/v1/users?limit=0", admin), 400, "invalid_field", "limit");
    assertProblem(api.get("/api/v1/users?offset=-1", admin), 400, "invalid_field", "offset");
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
