package agritrace;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The server as scripts/run starts it: embedded PostgreSQL in a data folder, restarted on the same data. */
@ExtendWith(VertxExtension.class)
class MainTest {

  @Test
  @DisplayName("the first start creates admin with the configured password; a restart keeps the data and migrates nothing twice")
  void startTwiceOnTheSameData(Vertx vertx, @TempDir Path dir) throws Exception {
    assumeTrue(System.getenv("DATABASE_URL") == null,
        "this test is about the embedded database; the suite's other tests cover DATABASE_URL");
    Config config = Config.fromEnvironment(Map.of("PORT", "0", "AGRITRACE_DATA_DIR", dir.toString(),
        "AGRITRACE_ADMIN_PASSWORD", "first-admin-password", "AGRITRACE_PBKDF2_ITERATIONS", "10000"));
    String producer;
    try (Main.Running first = Main.start(config)) {
      Api api = new Api(vertx, first.port());
      producer = api.newProducer(api.login("admin", "first-admin-password"));
    }
    assertEquals(true, Files.isDirectory(dir.resolve("postgres")));
    Config changed = Config.fromEnvironment(Map.of("PORT", "0", "AGRITRACE_DATA_DIR", dir.toString(),
        "AGRITRACE_ADMIN_PASSWORD", "another-password", "AGRITRACE_PBKDF2_ITERATIONS", "10000"));
    try (Main.Running second = Main.start(changed)) {
      Api api = new Api(vertx, second.port());
      String token = api.login("admin", "first-admin-password");
      assertStatus(api.get("/api/v1/producers/" + producer, token), 200);
      assertEquals(401, api.post("/api/v1/auth/login", null, new io.vertx.core.json.JsonObject()
          .put("username", "admin").put("password", "another-password")).status());
    }
  }
}
