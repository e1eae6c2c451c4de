package agritrace.http;

import static agritrace.ApiAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Config;
import agritrace.Server;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Public pages and the photo decoder are rate limited per client address; every answer carries the security headers. */
@ExtendWith(VertxExtension.class)
class AbuseLimitsTest {

  private static final String NO_SUCH_CODE = "/t/0000000000000000";

  @Test
  @DisplayName("a client address past its allowance of public pages gets a 429 page with Retry-After in both languages, and other addresses are served")
  void publicPagesLimited(Vertx vertx) {
    onServer(vertx, Map.of("AGRITRACE_PUBLIC_RATE_PER_MINUTE", "5"), api -> {
      Api one = api.with("X-Forwarded-For", "203.0.113.7");
      String[] paths = {NO_SUCH_CODE, "/c/NOSUCHCERT", "/01/09506000134352", "/.well-known/gs1resolver", NO_SUCH_CODE};
      for (String path : paths) {
        assertFalse(one.get(path, null).status() == 429, path);
      }
      Api.Response refused = one.get(NO_SUCH_CODE, null);
      assertEquals(429, refused.status());
      long wait = Long.parseLong(refused.header("Retry-After"));
      assertTrue(wait >= 1 && wait <= 12, "Retry-After " + wait);
      assertEquals("text/html; charset=utf-8", refused.header("Content-Type"));
      assertTrue(refused.header("Content-Security-Policy").contains("default-src 'none'"));
      String page = refused.raw().bodyAsString();
      assertTrue(page.contains("请求太频繁") && page.contains("Too many requests"), page);
      assertTrue(page.contains(wait + " 秒后再试") && page.contains("in " + wait + " seconds"), page);
      assertEquals(429, one.get("/c/NOSUCHCERT", null).status(), "the allowance covers every public page");

      assertEquals(404, api.with("X-Forwarded-For", "203.0.113.8").get(NO_SUCH_CODE, null).status(),
          "another address has its own allowance");
      assertEquals(200, one.get("/pages/public.css", null).status(), "the stylesheet is not counted");
    });
  }

  @Test
  @DisplayName("photos to the scan decoder are limited per address before login or body are looked at, with a JSON 429 and Retry-After")
  void photoScansLimited(Vertx vertx) {
    onServer(vertx, Map.of("AGRITRACE_SCAN_RATE_PER_MINUTE", "2"), api -> {
      Api one = api.with("X-Forwarded-For", "198.51.100.20");
      Buffer notAnImage = Buffer.buffer("not a png");
      for (int i = 0; i < 2; i++) {
        assertEquals(401, one.postRaw("/api/v1/scan", null, "image/png", notAnImage).status());
      }
      Api.Response refused = one.postRaw("/api/v1/scan", null, "image/png", notAnImage);
      assertProblem(refused, 429, "too_many_requests", null);
      assertEquals("rate.try_again", refused.json().getString("code"));
      long wait = Long.parseLong(refused.header("Retry-After"));
      assertTrue(wait >= 1 && wait <= 30, "Retry-After " + wait);
      assertEquals(wait, refused.json().getJsonObject("args").getLong("seconds"));
      assertEquals(401, api.with("X-Forwarded-For", "198.51.100.21").postRaw("/api/v1/scan", null, "image/png", notAnImage)
          .status(), "another address has its own allowance");
    });
  }

  @Test
  @DisplayName("every answer says nosniff and a referrer policy, HTML always has a policy forbidding framing, and HSTS only with an HTTPS public URL")
  void securityHeaders(Vertx vertx) {
    String[] paths = {NO_SUCH_CODE, "/c/NOSUCHCERT", "/app/", "/health", "/api/v1/producers", "/no/such/page"};
    Consumer<Api> common = api -> {
      for (String path : paths) {
        Api.Response r = api.get(path, null);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
        assertNotNull(r.header("Referrer-Policy"), path);
        String type = r.header("Content-Type");
        if (type != null && type.startsWith("text/html")) {
          String policy = r.header("Content-Security-Policy");
          assertTrue(policy.contains("frame-ancestors 'none'"), path + ": " + policy);
          assertFalse(policy.contains("script-src 'unsafe-inline'") || policy.contains("'unsafe-eval'"), path + ": " + policy);
        }
      }
    };
    onServer(vertx, Map.of(), api -> {
      common.accept(api);
      assertNull(api.get(NO_SUCH_CODE, null).header("Strict-Transport-Security"), "no HSTS without an HTTPS public URL");
    });
    onServer(vertx, Map.of("AGRITRACE_PUBLIC_URL", "https://trace.example.cn"), api -> {
      common.accept(api);
      for (String path : paths) {
        assertEquals(SecurityHeaders.HSTS, api.get(path, null).header("Strict-Transport-Security"), path);
      }
    });
  }

  @Test
  @DisplayName("a bucket allows a minute's worth at once, then one every 60/n seconds, and a bucket full again is forgotten")
  void buckets() {
    RateLimit limit = new RateLimit(6);
    long start = 1_000_000_000L;
    for (int i = 0; i < 6; i++) {
      assertEquals(0, limit.take("a", start));
    }
    assertEquals(10, limit.take("a", start));
    assertEquals(1, limit.take("a", start + 9_500_000_000L));
    assertEquals(0, limit.take("a", start + 10_500_000_000L));
    assertEquals(0, limit.take("b", start + 10_000_000_000L));
    limit.forgetFull(start + 30_000_000_000L);
    assertEquals(1, limit.size(), "b is full again, a is not");
    limit.forgetFull(start + 70_000_000_000L);
    assertEquals(0, limit.size());
  }

  /** Runs {@code calls} against a server of its own on the test database with {@code settings}, then stops it. */
  private static void onServer(Vertx vertx, Map<String, String> settings, Consumer<Api> calls) {
    TestServer ts = TestServer.get();
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "AGRITRACE_PBKDF2_ITERATIONS", "10000",
        "AGRITRACE_TRUSTED_PROXIES", "127.0.0.1, ::1"));
    env.putAll(settings);
    Server server = new Server(Config.fromEnvironment(env), ts.connectOptions());
    String deployment = TestServer.await(ts.vertx.deployVerticle(server));
    try {
      calls.accept(new Api(vertx, server.port()));
    } finally {
      TestServer.await(ts.vertx.undeploy(deployment));
    }
  }
}
