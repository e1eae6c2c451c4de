package agritrace.producer;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Guessing passwords is slow, counted per username and client and per client; nobody else is locked out. */
@ExtendWith(VertxExtension.class)
class LoginThrottleTest {

  private static final String LOGIN = "/api/v1/auth/login";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Api api;
  private String username;
  private JsonObject right;
  private JsonObject wrong;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    String admin = api.adminToken();
    username = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    assertStatus(api.post("/api/v1/producers/" + api.newProducer(admin) + "/users", admin, new JsonObject()
        .put("username", username).put("password", "the-right-password").put("role", "recorder").put("name", "李明")), 201);
    right = new JsonObject().put("username", username).put("password", "the-right-password");
    wrong = right.copy().put("password", "a-guess");
  }

  private Api from(String address) {
    return api.with("X-Forwarded-For", address);
  }

  private static int free() {
    return TestServer.get().config.loginFreeFailures();
  }

  /** As if the client had waited as long as it was told to. */
  private static void waitOver(String client) {
    TestServer.get().sql("UPDATE login_throttle SET blocked_until = now() WHERE client = $1", client);
  }

  private static long waitOf(Api.Response refused) {
    assertProblem(refused, 429, "too_many_attempts", null);
    return Long.parseLong(refused.header("Retry-After"));
  }

  /** Retry-After counts from the failure that set the wait, a moment before the refusal. */
  private static void assertAbout(long expected, long retryAfter) {
    assertTrue(retryAfter <= expected && retryAfter > expected - 3, () -> "Retry-After " + retryAfter + ", expected " + expected);
  }

  @Test
  @DisplayName("a guesser waits longer after each failure, while the user logs in from another address")
  void guesserWaitsUserDoesNot() {
    String guesser = Api.newAddress();
    for (int i = 0; i < free(); i++) {
      assertProblem(from(guesser).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    }
    Api.Response refused = from(guesser).post(LOGIN, null, right);
    long firstWait = TestServer.get().config.loginFirstWait().toSeconds();
    assertAbout(firstWait, waitOf(refused));
    assertTrue(refused.json().getString("message").contains("分钟"), refused.json().encode());
    assertStatus(from(Api.newAddress()).post(LOGIN, null, right), 200);

    waitOver(guesser);
    assertProblem(from(guesser).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    assertAbout(2 * firstWait, waitOf(from(guesser).post(LOGIN, null, wrong)));
    waitOver(guesser);
    assertProblem(from(guesser).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    assertAbout(4 * firstWait, waitOf(from(guesser).post(LOGIN, null, wrong)));
    assertStatus(from(Api.newAddress()).post(LOGIN, null, right), 200);
  }

  @Test
  @DisplayName("a correct login from an address clears that address's count for the username")
  void correctLoginClears() {
    String client = Api.newAddress();
    for (int i = 0; i < free() - 1; i++) {
      assertProblem(from(client).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    }
    assertStatus(from(client).post(LOGIN, null, right), 200);
    assertEquals(0, TestServer.get().count(
        "SELECT count(*) FROM login_throttle WHERE username = lower($1) AND client = $2", username, client));
    for (int i = 0; i < free(); i++) {
      assertProblem(from(client).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    }
    waitOf(from(client).post(LOGIN, null, wrong));
  }

  @Test
  @DisplayName("guesses sent all at once get no more passwords checked than the free failures")
  void parallelGuesses() throws Exception {
    Api guesser = from(Api.newAddress());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 4 * free(); i++) {
        answers.add(pool.submit(() -> guesser.post(LOGIN, null, wrong).status()));
      }
      int checked = 0;
      for (Future<Integer> answer : answers) {
        checked += answer.get() == 401 ? 1 : 0;
      }
      assertEquals(free(), checked);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("one address guessing many usernames waits too, and only that address")
  void perAddress() {
    String sprayer = Api.newAddress();
    for (int i = 0; i < TestServer.get().config.loginAddressFreeFailures(); i++) {
      JsonObject guess = new JsonObject().put("username", "nobody-" + UUID.randomUUID().toString().substring(0, 13)).put("password", "123456");
      assertProblem(from(sprayer).post(LOGIN, null, guess), 401, "invalid_credentials", null);
    }
    waitOf(from(sprayer).post(LOGIN, null, wrong));
    waitOf(from(sprayer).post(LOGIN, null, right));
    assertProblem(from(Api.newAddress()).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    assertStatus(from(Api.newAddress()).post(LOGIN, null, right), 200);
  }

  @Test
  @DisplayName("IPv6 addresses in one /64 count as one client; the next /64 is another")
  void ipv6Networks() {
    String network = "2001:db8:" + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":" + Integer.toHexString(RANDOM.nextInt(0xfffe));
    for (int i = 1; i <= free(); i++) {
      assertProblem(from(network + "::" + i).post(LOGIN, null, wrong), 401, "invalid_credentials", null);
    }
    waitOf(from(network + ":ffff:ffff:ffff:ffff").post(LOGIN, null, wrong));
    waitOf(from("[" + network + "::99]:50000").post(LOGIN, null, right));
    String next = network.substring(0, network.lastIndexOf(':') + 1)
        + Integer.toHexString(Integer.parseInt(network.substring(network.lastIndexOf(':') + 1), 16) + 1);
    assertProblem(from(next + "::1").post(LOGIN, null, wrong), 401, "invalid_credentials", null);
  }
}
