package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Config;
import agritrace.Server;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issuing refuses to print a QR code of an address shoppers cannot reach, unless the development setting allows it. */
@ExtendWith(VertxExtension.class)
class PublicAddressTest {

  @Test
  @DisplayName("without the development setting, a server whose public URL is its own or a private address refuses to issue with 503, and stores nothing")
  void privateAddressRefused(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    for (String url : new String[] {null, "http://192.168.1.20:8080"}) {
      Api.Response r = onServer(vertx, url, api -> api.post("/api/v1/batches/" + batch + "/certificates", c.producerAdmin,
          Certifying.amount(10, "kg")));
      assertProblem(r, 503, "public_url_private", null);
      assertEquals("certificate.public_url_private", r.json().getString("code"));
      assertTrue(r.json().getString("message").contains("AGRITRACE_PUBLIC_URL"), r.json().getString("message"));
    }
    assertEquals(0, Certifying.certificates(batch));
  }

  @Test
  @DisplayName("a public AGRITRACE_PUBLIC_URL is what the certificate's URL names")
  void publicAddressNamed(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    Api.Response r = onServer(vertx, "https://trace.example.cn", api -> api.post("/api/v1/batches/" + batch
        + "/certificates", c.producerAdmin, Certifying.amount(10, "kg")));
    assertStatus(r, 201);
    assertEquals("https://trace.example.cn/c/" + r.json().getString("code"), r.json().getString("url"));
  }

  /** Calls a server of its own on the test database, started without the development setting, then stops it. */
  static Api.Response onServer(Vertx vertx, String publicUrl, java.util.function.Function<Api, Api.Response> call) {
    TestServer ts = TestServer.get();
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "AGRITRACE_PBKDF2_ITERATIONS", "10000"));
    if (publicUrl != null) {
      env.put("AGRITRACE_PUBLIC_URL", publicUrl);
    }
    Server server = new Server(Config.fromEnvironment(env), ts.connectOptions());
    String deployment = TestServer.await(ts.vertx.deployVerticle(server));
    try {
      return call.apply(new Api(vertx, server.port()));
    } finally {
      TestServer.await(ts.vertx.undeploy(deployment));
    }
  }
}
