package agritrace.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import agritrace.Api;
import agritrace.ServerProcess;
import agritrace.TestServer;
import agritrace.bench.Faults;
import agritrace.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM, as systemd or Docker send it, to a server in a JVM of its own. */
@ExtendWith(VertxExtension.class)
class ShutdownTest {

  @Test
  @DisplayName("SIGTERM stops taking connections, lets a sync in flight finish and be stored, says the server stopped,"
      + " stops the embedded PostgreSQL cleanly and exits 0")
  void sigterm(Vertx vertx, @TempDir Path dir) throws Exception {
    assumeTrue(System.getenv("DATABASE_URL") == null, "this test is about the embedded database");
    ServerProcess server = ServerProcess.start(Map.of("AGRITRACE_DATA_DIR", dir.toString(),
        "AGRITRACE_ADMIN_PASSWORD", Faults.ADMIN_PASSWORD, "AGRITRACE_PBKDF2_ITERATIONS", "10000"));
    Api api = new Api(vertx, server.port());
    String admin = api.login("admin", Faults.ADMIN_PASSWORD);
    String producer = api.newProducer(admin);
    String recorder = api.newUser(admin, producer, "recorder");
    UUID plot = UUID.randomUUID();
    byte[] body = new JsonObject().put("records", new JsonArray().add(new JsonObject().put("type", "plot")
        .put("data", new JsonObject().put("id", plot.toString()).put("name", "3号大棚").put("kind", "greenhouse")
            .put("size", 1.5).put("sizeUnit", "mu").put("lat", 30.25).put("lon", 120.12).put("crop", "番茄")))).encode().getBytes(StandardCharsets.UTF_8);
    Path pidFile = dir.resolve("postgres").resolve("postmaster.pid");
    assertTrue(Files.exists(pidFile));

    String answer;
    int exit;
    // A slow phone: the headers and half the body are sent, then SIGTERM, then the rest of the body.
    try (Socket socket = new Socket("localhost", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/sync HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + recorder
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      server.signalTerminate();
      // It stops taking connections while the request in flight is still open...
      assertTrue(refusesConnections(server.port()), "a new connection was still taken after SIGTERM");
      // ...and that request is answered when the rest of its body arrives.
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      answer = read(socket.getInputStream());
      exit = server.terminate(30);
    }

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertEquals(0, exit, "exit code");
    assertTrue(server.output().contains("agritrace stopped"), String.join("\n", server.output()));
    assertFalse(Files.exists(pidFile), "PostgreSQL removed its pid file: it shut down cleanly");
    // The sync in flight was stored: start the embedded database on the folder and look.
    try (Database database = Database.embedded(dir.resolve("postgres"))) {
      Pool pool = Database.pool(vertx, database.connectOptions(), 1);
      long plots = TestServer.await(pool.preparedQuery("SELECT count(*) FROM production_units WHERE id = $1")
          .execute(Tuple.of(plot))).iterator().next().getLong(0);
      TestServer.await(pool.close());
      assertEquals(1, plots);
    }
  }

  /** Whether a new connection to the port is refused within a few seconds of asking. */
  private static boolean refusesConnections(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (Socket probe = new Socket("localhost", port)) {
        Thread.sleep(50);
      } catch (java.io.IOException refused) {
        return true;
      }
    }
    return false;
  }

  private static String read(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
