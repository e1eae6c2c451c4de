package agritrace.producer;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AuthTest {

  private Api api;
  private String admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    admin = api.adminToken();
  }

  private String newRecorder(String username, String password) {
    String producer = api.newProducer(admin);
    assertStatus(api.post("/api/v1/producers/" + producer + "/users", admin, new JsonObject()
        .put("username", username).put("password", password).put("role", "recorder").put("name", "李明")), 201);
    return producer;
  }

  @Test
  @DisplayName("logging in returns a token and the role; the token opens the API")
  void loginAndUseToken() {
    String username = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    String producer = newRecorder(username, "a-long-password");
    Api.Response login = api.post("/api/v1/auth/login", null,
        new JsonObject().put("username", username.toUpperCase()).put("password", "a-long-password"));
    assertStatus(login, 200);
    assertEquals("recorder", login.json().getString("role"));
    assertEquals(producer, login.json().getString("producerId"));
    assertNotNull(login.json().getString("expiresAt"));
    Api.Response me = api.get("/api/v1/auth/me", login.json().getString("token"));
    assertStatus(me, 200);
    assertEquals(username, me.json().getString("username"));
    assertEquals("recorder", me.json().getString("role"));
  }

  @Test
  @DisplayName("a wrong password or unknown user gets the same 401, and the password is never stored in clear")
  void wrongCredentials() {
    String username = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    newRecorder(username, "the-right-password");
    Api client = api.with("X-Forwarded-For", Api.newAddress());
    assertProblem(client.post("/api/v1/auth/login", null,
        new JsonObject().put("username", username).put("password", "the-wrong-password")), 401, "invalid_credentials", null);
    assertProblem(client.post("/api/v1/auth/login", null,
        new JsonObject().put("username", "nobody-" + username).put("password", "x")), 401, "invalid_credentials", null);
    assertProblem(client.post("/api/v1/auth/login", null,
        new JsonObject().put("username", username).put("password", " the-right-password ")), 401, "invalid_credentials", null);
    String stored = TestServer.get().sql("SELECT password_hash FROM users WHERE username = $1", username)
        .iterator().next().getString(0);
    assertTrue(stored.startsWith("pbkdf2-sha256$"), stored);
    assertTrue(!stored.contains("the-right-password"));
  }

  @Test
  @DisplayName("login with missing fields, malformed JSON or the wrong content type is refused clearly")
  void badLoginRequests() {
    assertProblem(api.post("/api/v1/auth/login", null, new JsonObject().put("password", "x")), 400, "invalid_field", "username");
    assertProblem(api.post("/api/v1/auth/login", null, new JsonObject().put("username", "x")), 400, "invalid_field", "password");
    assertProblem(api.post("/api/v1/auth/login", null, new JsonObject().put("username", 7).put("password", "x")),
        400, "invalid_field", "username");
    assertProblem(api.postRaw("/api/v1/auth/login", null, "application/json", Buffer.buffer("{\"username\":")),
        400, "malformed_json", null);
    assertProblem(api.postRaw("/api/v1/auth/login", null, "text/plain", Buffer.buffer("username=admin")),
        415, "unsupported_media_type", null);
  }

  @Test
  @DisplayName("logging out revokes the token; an expired token is refused")
  void logoutAndExpiry() {
    String token = api.adminToken();
    assertStatus(api.get("/api/v1/auth/me", token), 200);
    assertStatus(api.post("/api/v1/auth/logout", token, null), 204);
    assertProblem(api.get("/api/v1/auth/me", token), 401, "unauthorized", null);
    assertProblem(api.post("/api/v1/auth/logout", token, null), 401, "unauthorized", null);

    String other = api.adminToken();
    TestServer.get().sql("UPDATE sessions SET expires_at = now() - interval '1 second'"
        + " WHERE token_hash = sha256(convert_to($1, 'UTF8'))", other);
    assertProblem(api.get("/api/v1/auth/me", other), 401, "unauthorized", null);
  }

  @Test
  @DisplayName("no token, a malformed header or an unknown token gets 401 with a Bearer challenge")
  void missingOrBadToken() {
    Api.Response none = api.get("/api/v1/producers", null);
    assertProblem(none, 401, "unauthorized", null);
    assertEquals("Bearer", none.header("WWW-Authenticate"));
    assertProblem(api.get("/api/v1/producers", "not-a-real-token"), 401, "unauthorized", null);
    assertProblem(api.get("/api/v1/auth/me", ""), 401, "unauthorized", null);
  }
}
