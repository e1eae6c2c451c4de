package agritrace;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SystemTest {

  @Test
  @DisplayName("health is 200 with the database up")
  void healthy(Vertx vertx) {
    Api.Response health = new Api(vertx).get("/health", null);
    assertStatus(health, 200);
    assertEquals("up", health.json().getString("database"));
    java.time.Duration off = java.time.Duration.between(java.time.OffsetDateTime.parse(health.json().getString("time")),
        java.time.OffsetDateTime.now());
    org.junit.jupiter.api.Assertions.assertTrue(off.abs().toSeconds() < 60, "the server's clock, as it answered: " + off);
  }

  @Test
  @DisplayName("health is 503 when the database cannot be reached")
  void databaseDown(Vertx vertx) throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    TestServer ts = TestServer.get();
    PgConnectOptions nowhere = ts.connectOptions().setPort(deadPort);
    Server server = new Server(ts.config, nowhere);
    TestServer.await(vertx.deployVerticle(server));
    Api.Response health = new Api(vertx, server.port()).get("/health", null);
    assertStatus(health, 503);
    assertEquals("down", health.json().getString("database"));
    assertEquals("down", health.json().getString("status"));
  }

  @Test
  @DisplayName("unknown paths and methods answer with the JSON problem body")
  void unknownRoutes(Vertx vertx) {
    Api api = new Api(vertx);
    String admin = api.adminToken();
    assertProblem(api.get("/nothing-here", null), 404, "not_found", null);
    assertProblem(api.get("/api/v1/nothing-here", admin), 404, "not_found", null);
    assertProblem(api.request(HttpMethod.DELETE, "/api/v1/producers/" + api.newProducer(admin), admin),
        405, "method_not_allowed", null);
    assertProblem(api.request(HttpMethod.PUT, "/api/v1/producers", admin), 405, "method_not_allowed", null);
  }
}
