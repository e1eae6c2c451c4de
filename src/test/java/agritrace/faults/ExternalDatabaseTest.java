package agritrace.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.ServerProcess;
import agritrace.bench.Faults;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A server on DATABASE_URL (here a PostgreSQL of the test's own, stopped and started under it). */
@ExtendWith(VertxExtension.class)
class ExternalDatabaseTest {

  @Test
  @DisplayName("with DATABASE_URL, while the database is down every request that needs it gets 503 with Retry-After"
      + " and the error body, and when it is back the server reconnects by itself")
  void ridesOutARestart(Vertx vertx, @TempDir Path dir) throws Exception {
    int port = ServerProcess.freePort();
    EmbeddedPostgres postgres = start(dir, port);
    try (ServerProcess server = ServerProcess.start(Map.of("DATABASE_URL",
        "postgresql://postgres:postgres@localhost:" + port + "/postgres", "AGRITRACE_ADMIN_PASSWORD",
        Faults.ADMIN_PASSWORD, "AGRITRACE_PBKDF2_ITERATIONS", "10000"))) {
      Api api = new Api(vertx, server.port());
      String admin = api.login("admin", Faults.ADMIN_PASSWORD);
      String producer = api.newProducer(admin);

      postgres.close();
      Api.Response health = api.get("/health", null);
      assertEquals(503, health.status());
      assertEquals("5", health.header("Retry-After"));
      assertEquals("down", health.json().getString("database"));
      for (Api.Response down : new Api.Response[] {
          api.get("/api/v1/producers/" + producer, admin),
          api.post("/api/v1/auth/login", null, new JsonObject().put("username", "admin")
              .put("password", Faults.ADMIN_PASSWORD))}) {
        assertEquals(503, down.status(), down.raw().bodyAsString());
        assertEquals("5", down.header("Retry-After"));
        assertEquals("database_unavailable", down.error());
        assertTrue(down.json().getString("message").length() > 0);
      }
      assertEquals("数据库暂时连不上，这次什么也没有保存；请过几秒再试",
          api.with("Accept-Language", "zh-CN").get("/api/v1/producers/" + producer, admin).json().getString("message"));

      postgres = start(dir, port);
      // The pool makes new connections as they are needed: the first request after the restart is served.
      assertEquals(200, api.get("/health", null).status());
      assertEquals(200, api.get("/api/v1/producers/" + producer, admin).status());
    } finally {
      postgres.close();
    }
  }

  private static EmbeddedPostgres start(Path dir, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }
}
