package agritrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * agritrace as scripts/run starts it (Main), in a JVM of its own: for benchmarks (the load
 * generator shares neither its heap nor its compiled code) and for tests that need a server and
 * data directory of their own, or kill it. Its settings are those given, over this process's
 * environment without its DATABASE_URL, AGRITRACE_DATA_DIR and PORT. Its output is echoed to this
 * process's error output, prefixed, and kept to be read.
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final List<String> output = new ArrayList<>();
  private Thread echo;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Main with this JVM's class path, JAVA_OPTS and the given environment (PORT: a free
   * port unless given), and waits until it is listening; fails with its last words if it stops first.
   */
  public static ServerProcess start(Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String javaOpts = System.getenv("JAVA_OPTS");
    if (javaOpts != null && !javaOpts.isBlank()) {
      command.addAll(List.of(javaOpts.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    Map<String, String> settings = new HashMap<>(env);
    settings.putIfAbsent("PORT", Integer.toString(freePort()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The caller's own choice of database and port is never inherited: only what is given here.
    builder.environment().keySet().removeAll(List.of("DATABASE_URL", "AGRITRACE_DATA_DIR", "PORT"));
    builder.environment().putAll(settings);
    ServerProcess server = new ServerProcess(builder.start(), Integer.parseInt(settings.get("PORT")));
    var lines = new BufferedReader(new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line == null || !line.startsWith("agritrace is listening"); line = lines.readLine()) {
      if (line == null) {
        throw new IllegalStateException("the server stopped before it was listening: " + server.lastWords());
      }
      server.keep(line);
    }
    server.echo = new Thread(() -> lines.lines().forEach(server::keep), "server-output");
    server.echo.setDaemon(true);
    server.echo.start();
    return server;
  }

  public static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** What the server has printed so far, line by line. */
  public synchronized List<String> output() {
    return List.copyOf(output);
  }

  /** SIGKILL, as the kernel's out-of-memory killer sends it: the JVM ends at once, nothing runs. */
  public void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as systemd or Docker send it; answers the exit code, or -1 if it did not end within {@code seconds}. */
  public int terminate(long seconds) throws InterruptedException {
    signalTerminate();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      return -1;
    }
    echo.join(5000);
    return process.exitValue();
  }

  /** Sends SIGTERM and does not wait. (Through its handle: Process.destroy would also close its output, unread.) */
  public void signalTerminate() {
    process.toHandle().destroy();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && terminate(30) == -1) {
      kill();
    }
  }

  private synchronized void keep(String line) {
    output.add(line);
    System.err.println("server: " + line);
  }

  private synchronized String lastWords() {
    return output.isEmpty() ? "(nothing)" : output.get(output.size() - 1);
  }
}
