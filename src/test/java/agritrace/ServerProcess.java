package agritrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * agritrace as scripts/run starts it (Main, one server verticle per core) in a JVM of its own, so
 * that the caller shares neither its heap, its compiled code nor its embedded database: for
 * benchmarks and for tests that need a server and data directory of their own. Its settings are
 * the caller's environment and those given, on a free port; the caller's choice of database
 * (DATABASE_URL, AGRITRACE_DATA_DIR) is never inherited. Whatever it prints goes to the caller's
 * error output.
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server with these settings (PORT is chosen here) and waits until it listens. */
  public static ServerProcess start(Map<String, String> settings) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String javaOpts = System.getenv("JAVA_OPTS");
    if (javaOpts != null && !javaOpts.isBlank()) {
      command.addAll(List.of(javaOpts.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeAll(List.of("DATABASE_URL", "AGRITRACE_DATA_DIR", "PORT"));
    env.putAll(settings);
    env.put("PORT", String.valueOf(port));
    Process process = builder.start();
    var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line == null || !line.startsWith("agritrace is listening"); line = output.readLine()) {
      if (line == null) {
        process.destroyForcibly();
        throw new IllegalStateException("the server stopped before it was listening");
      }
      System.err.println("server: " + line);
    }
    Thread echo = new Thread(() -> output.lines().forEach(line -> System.err.println("server: " + line)));
    echo.setDaemon(true);
    echo.start();
    return new ServerProcess(process, port);
  }

  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  /** Stops the server as an operator does (SIGTERM), forcibly when it has not stopped within 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
