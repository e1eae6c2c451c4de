package agritrace;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two server instances on one database behave as one: nothing a request needs is kept in memory. */
@ExtendWith(VertxExtension.class)
class ScaleOutTest {

  private Api first;
  private Api second;

  @BeforeEach
  void startSecondInstance(Vertx vertx) {
    TestServer ts = TestServer.get();
    Server other = new Server(ts.config, ts.connectOptions());
    TestServer.await(vertx.deployVerticle(other));
    first = new Api(vertx);
    second = new Api(vertx, other.port());
  }

  @Test
  @DisplayName("a token issued by one instance works on the other, and logging out on either ends it on both")
  void sharedTokens() {
    String token = first.adminToken();
    assertStatus(second.get("/api/v1/auth/me", token), 200);
    String producer = second.newProducer(token);
    assertStatus(first.get("/api/v1/producers/" + producer, token), 200);
    assertStatus(second.post("/api/v1/auth/logout", token, null), 204);
    assertProblem(first.get("/api/v1/auth/me", token), 401, "unauthorized", null);
  }

  @Test
  @DisplayName("failed logins from one client spread over both instances count together towards its wait")
  void sharedThrottle() {
    String admin = first.adminToken();
    String producer = first.newProducer(admin);
    String username = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    assertStatus(first.post("/api/v1/producers/" + producer + "/users", admin, new JsonObject()
        .put("username", username).put("password", "right-password").put("role", "recorder").put("name", "x")), 201);
    String guesser = Api.newAddress();
    JsonObject wrong = new JsonObject().put("username", username).put("password", "wrong");
    for (int i = 0; i < TestServer.get().config.loginFreeFailures(); i++) {
      assertEquals(401, (i % 2 == 0 ? first : second).with("X-Forwarded-For", guesser).post("/api/v1/auth/login", null, wrong).status());
    }
    Api.Response waiting = second.with("X-Forwarded-For", guesser).post("/api/v1/auth/login", null, wrong);
    assertProblem(waiting, 429, "too_many_attempts", null);
    assertNotNull(waiting.header("Retry-After"));
    assertProblem(first.with("X-Forwarded-For", guesser).post("/api/v1/auth/login", null,
        wrong.copy().put("password", "right-password")), 429, "too_many_attempts", null);
    assertStatus(second.with("X-Forwarded-For", Api.newAddress()).post("/api/v1/auth/login", null,
        wrong.copy().put("password", "right-password")), 200);
  }
}
