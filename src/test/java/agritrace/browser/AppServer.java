package agritrace.browser;

import agritrace.Server;
import agritrace.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The server the browser talks to: a second agritrace {@link Server} on the test server's Vert.x and
 * database, on a port chosen once for the run. {@link #stop()} takes it off the network (the phone
 * goes offline) and {@link #start()} brings it back on the same port (the network returns), so the
 * app's origin, and with it everything the browser stored for it, stays the same.
 */
public final class AppServer {

  private static AppServer instance;

  private final int port;
  private String deployment;

  private AppServer(int port) {
    this.port = port;
  }

  /** The one app server of the run, started on first use. */
  public static synchronized AppServer get() {
    if (instance == null) {
      instance = new AppServer(freePort());
      instance.start();
    }
    return instance;
  }

  /** Deploys the server on the fixed port; does nothing when it is already running. */
  public synchronized void start() {
    if (deployment != null) {
      return;
    }
    TestServer ts = TestServer.get();
    Server server = new Server(ts.config.withPort(port), ts.database.connectOptions());
    deployment = TestServer.await(ts.vertx.deployVerticle(server));
  }

  /** Undeploys the server: its listening socket and open connections are closed when this returns. */
  public synchronized void stop() {
    if (deployment == null) {
      return;
    }
    TestServer.await(TestServer.get().vertx.undeploy(deployment));
    deployment = null;
  }

  public synchronized boolean running() {
    return deployment != null;
  }

  public int port() {
    return port;
  }

  /** {@code http://localhost:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /**
   * A free port below the ephemeral range (Linux hands out 32768-60999 to outgoing connections).
   * While the server is stopped, a connection to a port inside that range can connect to itself
   * (TCP simultaneous open), so a stopped server would seem to answer.
   */
  private static int freePort() {
    int start = 20000 + new java.util.Random().nextInt(10000);
    for (int port = start; port < start + 2000; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        return port;
      } catch (IOException taken) {
        // try the next one
      }
    }
    throw new UncheckedIOException(new IOException("no free port for the app server from " + start));
  }
}
