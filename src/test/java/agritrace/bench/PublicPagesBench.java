package agritrace.bench;

import agritrace.Config;
import agritrace.Main;
import agritrace.labels.UnitCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the public pages' rate limit costs: the resolver's page for a code (a lookup in PostgreSQL,
 * then the template rendered on a worker) requested flat out by BENCH_CONNECTIONS connections for
 * BENCH_SECONDS (after BENCH_WARMUP seconds untimed), on a server as scripts/run starts it (Main, embedded PostgreSQL in
 * target/bench-data-public), with the limit off and on in BENCH_ROUNDS rounds, alternating which goes first.
 * Each request comes from one of BENCH_ADDRESSES client addresses (X-Forwarded-For from a trusted
 * proxy), so with the limit on every request takes a token from a bucket among that many and none
 * is refused. Prints pages/s, p50 and p99 per round, the ratio of on to off, what the limit costs a
 * request by itself (timed apart from the server), and the machine.
 */
public final class PublicPagesBench {

  private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "5"));
  private static final int CONNECTIONS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONNECTIONS", "32"));
  private static final int ADDRESSES = Integer.parseInt(System.getenv().getOrDefault("BENCH_ADDRESSES", "50000"));
  private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "4"));
  private static final int WARMUP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "3"));

  private PublicPagesBench() {
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of("target", "bench-data-public").toAbsolutePath();
    if (Files.exists(data)) {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Vertx load = Vertx.vertx();
    double[][] perSecond = new double[2][ROUNDS];
    try {
      for (int round = 0; round < ROUNDS; round++) {
        // Off first in even rounds, on first in odd ones: the JIT still warming favours neither.
        for (int turn = 0; turn < 2; turn++) {
          int on = (turn + round) % 2;
          Config config = Config.fromEnvironment(Map.of("PORT", "0", "AGRITRACE_DATA_DIR", data.toString(),
              "AGRITRACE_ADMIN_PASSWORD", "bench-admin-pass-1", "AGRITRACE_TRUSTED_PROXIES", "127.0.0.1",
              "AGRITRACE_PUBLIC_RATE_PER_MINUTE", on == 1 ? "600" : "0"));
          try (Main.Running server = Main.start(config)) {
            String label = (on == 1 ? "limit on " : "limit off") + ", round " + (round + 1);
            run(load, server.port(), WARMUP, null);
            perSecond[on][round] = run(load, server.port(), SECONDS, label);
          }
        }
      }
    } finally {
      load.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    double off = Arrays.stream(perSecond[0]).max().orElse(0);
    double on = Arrays.stream(perSecond[1]).max().orElse(0);
    System.out.println();
    System.out.printf("the limit by itself (the address from X-Forwarded-For, then a bucket's take; %d addresses): %,.0f ns"
        + " a request%n", ADDRESSES, agritrace.http.GuardCost.nanosPerRequest(2_000_000, ADDRESSES));
    System.out.println("machine: " + Machine.describe());
    System.out.printf("best of %d rounds each: %,.0f pages/s with the limit off, %,.0f with it on (%d addresses): %.3f×;"
        + " mean of the last half: %,.0f off, %,.0f on%n", ROUNDS, off, on, ADDRESSES, on / off,
        Arrays.stream(perSecond[0], ROUNDS / 2, ROUNDS).average().orElse(0),
        Arrays.stream(perSecond[1], ROUNDS / 2, ROUNDS).average().orElse(0));
  }

  /** Requests the page flat out for {@code seconds}; prints and answers pages/s when {@code label} is given. */
  private static double run(Vertx vertx, int port, int seconds, String label) throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(port).setDefaultHost("localhost"),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    String path = "/t/" + UnitCode.random().value();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[] latencies = new long[2_000_000];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicInteger running = new AtomicInteger(CONNECTIONS);
    long start = System.nanoTime();
    for (int c = 0; c < CONNECTIONS; c++) {
      vertx.runOnContext(v -> next(client, path, end, latencies, done, refused, running, finished));
    }
    finished.get(seconds + 30L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    client.close();
    int n = Math.min(done.get(), latencies.length);
    if (label != null) {
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      System.out.printf("%s: %,d pages in %.1f s: %,.0f pages/s, p50 %.1f ms, p99 %.1f ms, %d refused%n", label, n,
          elapsed, n / elapsed, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, refused.get());
    }
    return n / elapsed;
  }

  private static void next(HttpClient client, String path, long end, long[] latencies, AtomicInteger done,
      AtomicInteger refused, AtomicInteger running, CompletableFuture<Void> finished) {
    long sent = System.nanoTime();
    if (sent >= end) {
      if (running.decrementAndGet() == 0) {
        finished.complete(null);
      }
      return;
    }
    int address = java.util.concurrent.ThreadLocalRandom.current().nextInt(ADDRESSES);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
        .putHeader("X-Forwarded-For", "10." + (address >> 16) + "." + ((address >> 8) & 255) + "." + (address & 255));
    client.request(request)
        .compose(r -> r.send().compose(response -> {
          if (response.statusCode() == 429) {
            refused.incrementAndGet();
          } else if (response.statusCode() != 404) {
            return Future.failedFuture("status " + response.statusCode());
          }
          return response.body();
        }))
        .onComplete(result -> {
          if (result.failed()) {
            finished.completeExceptionally(result.cause());
            return;
          }
          int i = done.getAndIncrement();
          if (i < latencies.length) {
            latencies[i] = System.nanoTime() - sent;
          }
          next(client, path, end, latencies, done, refused, running, finished);
        });
  }
}
