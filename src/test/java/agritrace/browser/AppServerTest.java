package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The app server goes off the network and comes back on the same port, as the browser tests need. */
class AppServerTest {

  // One client for the whole test: it keeps its connection open between requests, as a browser does.
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void leaveItRunning() {
    AppServer.get().start();
  }

  @Test
  @DisplayName("a stopped app server refuses connections at once, even on a kept-alive one, and answers again on the same port when started")
  void stopAndStart() throws Exception {
    AppServer app = AppServer.get();
    int port = app.port();
    assertEquals(200, health(app));

    app.stop();
    assertFalse(app.running());
    assertThrows(ConnectException.class, () -> new Socket("localhost", port).close(),
        "nothing listens on the port any more");
    long before = System.nanoTime();
    assertThrows(ConnectException.class, () -> health(app),
        "the kept-alive connection was closed too, so the request needs a new one and is refused");
    assertTrue(Duration.ofNanos(System.nanoTime() - before).toSeconds() < 5, "refused, not left hanging");

    app.start();
    assertEquals(port, app.port());
    assertEquals(200, health(app));
  }

  private int health(AppServer app) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/health"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
