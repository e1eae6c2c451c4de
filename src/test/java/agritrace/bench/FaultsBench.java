package agritrace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The crash and restart cases of issue 14 under sync load ({@link Faults}), each on a fresh data
 * directory under target/bench-faults: the server killed with SIGKILL and started again on the
 * same data, and the embedded PostgreSQL killed with SIGKILL under the running server. Prints per
 * case the requests sent, faults injected, seconds until the server served again, records lost,
 * records doubled, requests half written, the WAL written per record and replayed by each crash
 * recovery, and the machine; exits 1 unless nothing was lost, doubled or half written. Settings,
 * from the environment: BENCH_FAULTS per case (3), BENCH_CLIENTS (2), BENCH_BETWEEN answered
 * requests before each fault (10).
 */
public final class FaultsBench {

  private static final double TARGET_SECONDS = 10;

  private FaultsBench() {
  }

  public static void main(String[] args) throws Exception {
    int faults = setting("BENCH_FAULTS", 3);
    int clients = setting("BENCH_CLIENTS", 2);
    int between = setting("BENCH_BETWEEN", 10);
    Path root = freshFolder();
    List<Faults.Result> results = List.of(
        Faults.killServer(root.resolve("server-killed"), faults, clients, between),
        Faults.killPostgres(root.resolve("postgres-killed"), faults, clients, between));
    System.out.println();
    System.out.println("machine: " + Machine.describe() + ", load average " + Machine.load()
        + "; PostgreSQL 17 embedded, fsync=on, synchronous_commit=on");
    System.out.printf("load: %d phones, each sending 500-record syncs one after another, resending what got no answer"
        + " or a 503; %d answered syncs before each fault%n", clients, between);
    boolean ok = true;
    for (Faults.Result r : results) {
      double worst = r.secondsToServe().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      boolean met = r.check().lost() == 0 && r.check().doubled() == 0 && r.counts().halfWritten() == 0
          && r.problems().isEmpty() && r.secondsToServe().size() == r.injected() && worst <= TARGET_SECONDS;
      ok &= r.check().lost() == 0 && r.check().doubled() == 0 && r.counts().halfWritten() == 0 && r.problems().isEmpty();
      System.out.println(r.fault() + ":");
      System.out.printf("  requests sent: %d (%d answered 200, %d answered 503, %d without an answer, %d resent)%n",
          r.counts().sent(), r.counts().answered(), r.counts().unavailable(), r.counts().unanswered(), r.counts().resent());
      System.out.printf("  faults injected: %d; seconds to serve again: %s (worst %.1f)%n", r.injected(),
          r.secondsToServe().stream().map(s -> String.format("%.1f", s)).collect(Collectors.joining(", ")), worst);
      System.out.printf("  records sent: %d; lost: %d; doubled: %d; requests half written: %d%n", r.check().records(),
          r.check().lost(), r.check().doubled(), r.counts().halfWritten());
      System.out.printf("  WAL: %.0f bytes per record synced; crash recoveries replayed %s%n", r.wal().bytesPerRecord(),
          r.wal().replayedBytes().isEmpty() ? "nothing (no recovery logged)" : replays(r.wal()));
      r.problems().stream().distinct().forEach(p -> System.out.println("  FAILED: " + p));
      System.out.printf("  target (0 lost, 0 doubled, serving again within %.0f s): %s%n", TARGET_SECONDS,
          met ? "met" : "NOT met");
    }
    System.exit(ok ? 0 : 1);
  }

  private static String replays(Faults.Wal wal) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < wal.replayedBytes().size(); i++) {
      text.append(i == 0 ? "" : ", ").append(String.format("%.1f MB in %.2f s", wal.replayedBytes().get(i) / 1e6,
          wal.replaySeconds().get(i)));
    }
    return text.toString();
  }

  private static int setting(String name, int fallback) {
    String raw = System.getenv(name);
    return raw == null || raw.isBlank() ? fallback : Integer.parseInt(raw.trim());
  }

  /** target/bench-faults, emptied: every run starts on fresh data directories. */
  private static Path freshFolder() throws IOException {
    Path dir = Path.of("target", "bench-faults").toAbsolutePath();
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }
}
