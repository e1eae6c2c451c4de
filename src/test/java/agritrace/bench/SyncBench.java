package agritrace.bench;

import agritrace.ServerProcess;
import agritrace.db.Database;
import agritrace.producer.CreditCode;
import agritrace.producer.Passwords;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Benchmark of the offline sync endpoint, POST /api/v1/sync. Several cooperatives' recorders (one
 * WebClient each, one request in flight each) sync their farming as it happens, 500 records at a
 * time ({@link Farming}); every 10th request re-sends an earlier one, as a phone does after a lost
 * answer. After a warm-up, two timed phases: flat out (each client sends its next request as soon
 * as the last is answered: the most the server can take) and paced (the clients together send a
 * set number of records/s: the latency at that load). Afterwards the database must hold each
 * record sent exactly once. Prints records/s, the latency of a request, CPU per request and the
 * machine; exits 1 if the check fails. Settings, from the environment: BENCH_CLIENTS (4),
 * BENCH_REQUESTS per client and timed phase (250), BENCH_RECORDS per request (500), BENCH_RATE of
 * the paced phase in records/s (20,000), BENCH_WARMUP requests per client, not timed (400),
 * BENCH_WARMUP_SMALL requests of 20 records per client after those, not timed (1,000),
 * BENCH_RESEND_EVERY (10), BENCH_PLOTS per cooperative (200).
 */
public final class SyncBench {

  private static final double TARGET_RECORDS_PER_SECOND = 20_000;
  private static final long TARGET_P99_MS = 100;
  private static final String ADMIN_PASSWORD = "bench-admin-password";
  private static final JsonFactory JSON = new JsonFactory();
  private static final int SMALL_RECORDS = 20;

  private final int clients = setting("BENCH_CLIENTS", 4);
  private final int requests = setting("BENCH_REQUESTS", 250);
  private final int recordsPerRequest = Math.min(500, setting("BENCH_RECORDS", 500));
  private final int warmup = setting("BENCH_WARMUP", 400);
  private final int smallWarmup = setting("BENCH_WARMUP_SMALL", 1000);
  /** Records/s the clients send together in the paced phase: the target's. */
  private final int rate = setting("BENCH_RATE", 20_000);
  private final int resendEvery = setting("BENCH_RESEND_EVERY", 10);
  private final int plotsPerCooperative = setting("BENCH_PLOTS", 200);
  private final Random random = new Random(20261120);
  /** The phones' Vert.x, with one event loop: the load generator. The server runs in a JVM of its own. */
  private final Vertx phones = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  /** The embedded PostgreSQL, when no DATABASE_URL is given. */
  private Database database;
  private ServerProcess server;
  private Pool pool;
  private int port;

  /** Every distinct record id sent, by table, to check the database against. */
  private final Set<UUID> plots = new HashSet<>();
  private final Set<UUID> inputs = new HashSet<>();
  private final Set<UUID> operations = new HashSet<>();
  private final Set<UUID> harvests = new HashSet<>();

  /** One cooperative's recorder's phone: its login, its cooperative's farming, and the request bodies it has sent. */
  private record Client(WebClient http, String token, UUID producerId, Farming farming, List<Planned> sent) {
  }

  /**
   * A request to send: the body, its number of records, and whether it repeats an earlier one (so
   * every record is a duplicate).
   */
  private record Planned(Buffer body, int records, boolean resend) {
  }

  /**
   * A request's answer, boiled down as it arrives so the load generator keeps little in memory:
   * how long it took, and what is wrong with it (null when it is as expected).
   */
  private record Sent(Planned planned, long nanos, String problem) {
  }

  /**
   * One timed phase: its answers, how long it took, records/s, and the CPU time per request of
   * the server JVM, the load generator JVM and PostgreSQL (ms, -1 when not visible).
   */
  private record Phase(List<Sent> sent, double seconds, double perSecond, double[] cpu) {

    long percentile(int p) {
      long[] millis = sent.stream().mapToLong(s -> TimeUnit.NANOSECONDS.toMillis(s.nanos())).sorted().toArray();
      return millis[Math.max(0, (int) Math.ceil(p / 100.0 * millis.length) - 1)];
    }

    void print() {
      System.out.printf("  %,.0f records/s (%.1f s); latency per request: p50 %d ms, p99 %d ms, max %d ms%n", perSecond,
          seconds, percentile(50), percentile(99), percentile(100));
      System.out.printf("  CPU per request: server JVM %.1f ms (with its JIT compiler and GC), PostgreSQL %s,"
          + " load generator JVM %.1f ms%n", cpu[0], cpu[2] < 0 ? "not visible" : String.format("%.1f ms", cpu[2]),
          cpu[1]);
    }
  }

  public static void main(String[] args) throws Exception {
    SyncBench bench = new SyncBench();
    boolean ok;
    try {
      ok = bench.run();
    } finally {
      await(bench.phones.close());
      if (bench.server != null) {
        bench.server.close();
      }
      if (bench.database != null) {
        bench.database.close();
      }
    }
    System.exit(ok ? 0 : 1);
  }

  private boolean run() throws Exception {
    String url = System.getenv("DATABASE_URL");
    boolean embedded = url == null || url.isBlank();
    String adminName = startServer(url);
    WebClient admin = webClient();
    String adminToken = login(admin, adminName, ADMIN_PASSWORD);
    List<Client> team = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      team.add(newClient(admin, adminToken, c));
    }

    List<String> failures = new ArrayList<>();
    // Every request body is made before the first is sent, in the order they go, and settled in
    // the old generation, so that the load generator neither makes nor copies them while the clock
    // runs, and the server goes from its warm-up to the timed requests without a pause.
    List<List<Planned>> warmupPlans = plan(team, warmup, recordsPerRequest);
    List<List<Planned>> smallPlans = plan(team, smallWarmup, SMALL_RECORDS);
    List<List<Planned>> flatOutPlans = plan(team, requests, recordsPerRequest);
    List<List<Planned>> pacedPlans = plan(team, requests, recordsPerRequest);
    System.gc();
    check(send(team, warmupPlans, 0).sent(), failures);
    check(send(team, smallPlans, 0).sent(), failures);
    Phase flatOut = send(team, flatOutPlans, 0);
    Phase paced = send(team, pacedPlans, rate);
    long resent = check(flatOut.sent(), failures) + check(paced.sent(), failures);
    verify(team.stream().map(Client::producerId).toArray(UUID[]::new), failures);

    System.out.println();
    System.out.println("machine: " + machine(embedded));
    System.out.printf("sent: %d timed requests x %d records (%d clients), %d records resent as duplicates; not timed:"
        + " a warm-up of %d requests x %d records and %d x %d%n", flatOut.sent().size() + paced.sent().size(),
        recordsPerRequest, clients, resent, warmup * clients, recordsPerRequest, smallWarmup * clients, SMALL_RECORDS);
    System.out.printf("farms: %d cooperatives x %d plots, %d days of records each, %.1f%% of operations harvests%n",
        clients, plotsPerCooperative, team.get(0).farming().days(), 100.0 * harvests.size() / operations.size());
    System.out.println("flat out (each client sends its next request as soon as the last is answered):");
    flatOut.print();
    System.out.printf("paced at %,d records/s (each client a request every %d ms; latency counted from when the"
        + " request was due):%n", rate, TimeUnit.NANOSECONDS.toMillis(interval(rate)));
    paced.print();
    failures.stream().collect(Collectors.groupingBy(f -> f, LinkedHashMap::new, Collectors.counting()))
        .forEach((f, times) -> System.out.println("FAILED" + (times > 1 ? " (" + times + " times): " : ": ") + f));
    if (failures.isEmpty()) {
      System.out.printf("verified: %d operations, %d plots, %d inputs, %d batches; nothing lost, nothing doubled%n",
          operations.size(), plots.size(), inputs.size(), harvests.size());
    }
    // Paced, the records/s answered differ from the rate by the last request's latency only; a
    // server that fell behind the rate would show it in the p99, latencies counting from when due.
    boolean met = flatOut.perSecond() >= TARGET_RECORDS_PER_SECOND && rate >= TARGET_RECORDS_PER_SECOND
        && paced.percentile(99) < TARGET_P99_MS;
    System.out.printf("target (>= %,.0f records/s with p99 < %d ms, on 2 cores): %s: %,.0f records/s flat out;"
        + " p99 %d ms paced at %,d records/s%n", TARGET_RECORDS_PER_SECOND, TARGET_P99_MS, met ? "met" : "NOT met",
        flatOut.perSecond(), paced.percentile(99), rate);
    return failures.isEmpty();
  }

  /** Nanoseconds between two requests of one client when the clients together send {@code rate} records/s. */
  private long interval(int rate) {
    return Math.round(1e9 * clients * recordsPerRequest / rate);
  }

  /**
   * The server as scripts/run starts it, in a JVM of its own ({@link ServerProcess}) so that the
   * load generator shares neither its heap nor its compiled code, on DATABASE_URL or
   * on a fresh embedded database in target/bench-data, started here as the server starts it; and
   * a platform admin made in SQL (its name).
   */
  private String startServer(String url) throws Exception {
    if (url == null || url.isBlank()) {
      database = Database.embedded(freshFolder().resolve("postgres"));
      var options = database.connectOptions();
      url = "postgresql://" + options.getUser() + ":" + options.getPassword() + "@" + options.getHost() + ":"
          + options.getPort() + "/" + options.getDatabase();
    }
    server = ServerProcess.start(Map.of("DATABASE_URL", url, "AGRITRACE_PBKDF2_ITERATIONS", "10000",
        "AGRITRACE_ADMIN_PASSWORD", ADMIN_PASSWORD));
    port = server.port();
    pool = Database.pool(phones, Database.external(url).connectOptions(), 2);
    String name = "bench-admin-" + UUID.randomUUID().toString().substring(0, 8);
    String hash = new Passwords(10_000).hash(ADMIN_PASSWORD);
    await(pool.preparedQuery("INSERT INTO users (id, username, password_hash, role, name)"
        + " VALUES ($1, $2, $3, 'platform_admin', '压测管理员')").execute(Tuple.of(UUID.randomUUID(), name, hash)));
    return name;
  }

  /** A cooperative of its own and its recorder, logged in, whose plots and inputs are synced (not timed). */
  private Client newClient(WebClient admin, String adminToken, int number) {
    UUID producerId = UUID.fromString(post(admin, "/api/v1/producers", adminToken, cooperative(), 201).getString("id"));
    String username = "recorder-" + number + "-" + UUID.randomUUID().toString().substring(0, 8);
    post(admin, "/api/v1/producers/" + producerId + "/users", adminToken, new JsonObject().put("username", username)
        .put("password", "secret-" + username).put("role", "recorder").put("name", "记录员" + (number + 1)), 201);
    WebClient http = webClient();
    long records = (long) (warmup + 2 * requests) * recordsPerRequest + (long) smallWarmup * SMALL_RECORDS;
    Farming farming = new Farming(random.nextLong(), plotsPerCooperative, records);
    Client client = new Client(http, login(http, username, "secret-" + username), producerId, farming, new ArrayList<>());
    plots.addAll(farming.plotIds());
    inputs.addAll(farming.inputIds());
    JsonObject answer = post(http, "/api/v1/sync", client.token(),
        new JsonObject().put("records", farming.setupRecords()), 200);
    if (answer.getInteger("created") != answer.getJsonArray("results").size()) {
      throw new IllegalStateException("the plots and inputs were not all created: " + answer.encode());
    }
    return client;
  }

  /** Each client's request bodies, made before the clock starts: new operations, and every Nth a re-send. */
  private List<List<Planned>> plan(List<Client> team, int count, int records) {
    List<List<Planned>> plans = new ArrayList<>();
    for (Client client : team) {
      List<Planned> plan = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        boolean due = resendEvery > 0 && (i + 1) % resendEvery == 0;
        List<Planned> alike = due ? client.sent().stream().filter(p -> p.records() == records).toList() : List.of();
        Planned next;
        if (!alike.isEmpty()) {
          Planned earlier = pick(alike);
          next = new Planned(earlier.body(), records, true);
        } else {
          next = new Planned(operationsBody(client.farming(), records), records, false);
          client.sent().add(next);
        }
        plan.add(next);
      }
      plans.add(plan);
    }
    return plans;
  }

  /**
   * Every client sends its requests one after another, one in flight at a time; the clients run
   * at the same time. With a rate (records/s, all clients together), client c's request k is due
   * at start + (k + c / clients) x {@link #interval}: it goes then, or as soon as the client's
   * previous request is answered if that is later, and its latency counts from when it was due, so
   * a slow answer also counts against the requests it held up. With rate 0 each request goes as
   * soon as the last is answered.
   */
  private Phase send(List<Client> team, List<List<Planned>> plans, int rate) {
    long[] cpuBefore = cpuMillis();
    long start = System.nanoTime();
    List<List<Sent>> done = new ArrayList<>();
    List<Future<Void>> running = new ArrayList<>();
    long every = rate == 0 ? 0 : interval(rate);
    for (int c = 0; c < team.size(); c++) {
      done.add(new ArrayList<>());
      running.add(sendFrom(team.get(c), plans.get(c), 0, start + every * c / team.size(), every, done.get(c)));
    }
    await(Future.all(running));
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] cpuAfter = cpuMillis();
    List<Sent> sent = done.stream().flatMap(List::stream).toList();
    double[] cpu = new double[3];
    for (int i = 0; i < 3; i++) {
      cpu[i] = cpuAfter[i] < 0 ? -1 : (cpuAfter[i] - cpuBefore[i]) / (double) sent.size();
    }
    return new Phase(sent, seconds, sent.stream().mapToInt(s -> s.planned().records()).sum() / seconds, cpu);
  }

  /**
   * Sends request i and those after it. Paced ({@code every} > 0): request i is due at {@code due}
   * (System.nanoTime) and waits until then, the next one {@code every} ns later; otherwise each
   * goes at once.
   */
  private Future<Void> sendFrom(Client client, List<Planned> plan, int i, long due, long every, List<Sent> done) {
    if (i == plan.size()) {
      return Future.succeededFuture();
    }
    long wait = every == 0 ? 0 : due - System.nanoTime();
    if (wait <= 0) {
      return post(client, plan, i, every == 0 ? System.nanoTime() : due, every, done);
    }
    Promise<Void> time = Promise.promise();
    phones.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), id -> time.complete());
    return time.future().compose(v -> sendFrom(client, plan, i, due, every, done));
  }

  /** Posts request i, its latency counted from {@code from}, then goes on with the next. */
  private Future<Void> post(Client client, List<Planned> plan, int i, long from, long every, List<Sent> done) {
    return client.http().post("/api/v1/sync").bearerTokenAuthentication(client.token())
        .putHeader("Content-Type", "application/json").sendBuffer(plan.get(i).body())
        .compose(response -> {
          done.add(new Sent(plan.get(i), System.nanoTime() - from, problem(plan.get(i), response)));
          return sendFrom(client, plan, i + 1, from + every, every, done);
        });
  }

  /** What is wrong with an answer: it must be 200 with every record created, or, for a re-send, every record duplicate. */
  private String problem(Planned planned, HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      return "HTTP " + response.statusCode() + ": " + response.bodyAsString();
    }
    String expected = planned.resend() ? "duplicate" : "created";
    if (count(response.body(), expected) == planned.records()) {
      return null;
    }
    JsonObject answer = response.bodyAsJsonObject();
    if (answer.getInteger(expected) == planned.records()) {
      return null;
    }
    JsonObject odd = answer.getJsonArray("results").stream().map(JsonObject.class::cast)
        .filter(r -> !r.getString("status").equals(expected)).findFirst().orElseThrow();
    return String.format("expected %d %s, got created %d, duplicate %d, rejected %d; e.g. %s", planned.records(),
        expected, answer.getInteger("created"), answer.getInteger("duplicate"), answer.getInteger("rejected"),
        odd.encode());
  }

  /**
   * One of an answer's counts (created, duplicate, rejected), read from the fields before its
   * results without parsing those: the load generator shares the server's cores, so it does as
   * little as it can per answer. -1 when the count is not there.
   */
  private static int count(Buffer answer, String name) {
    try (JsonParser parser = JSON.createParser(answer.getBytes())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME && !parser.currentName().equals("results")) {
        boolean wanted = parser.currentName().equals(name);
        if (parser.nextToken() == JsonToken.VALUE_NUMBER_INT && wanted) {
          return parser.getIntValue();
        }
        parser.skipChildren();
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Adds each answer's problem to the failures; answers how many records were re-sent. */
  private long check(List<Sent> sent, List<String> failures) {
    long resent = 0;
    for (Sent s : sent) {
      resent += s.planned().resend() ? s.planned().records() : 0;
      if (s.problem() != null) {
        failures.add(s.problem());
      }
    }
    return resent;
  }

  /** The cooperatives' rows must be exactly the records sent: as many, and each of them. */
  private void verify(UUID[] producers, List<String> failures) {
    for (var table : List.of(Map.entry("operations", operations), Map.entry("production_units", plots),
        Map.entry("inputs", inputs), Map.entry("batches", harvests))) {
      String id = table.getKey().equals("batches") ? "harvest_id" : "id";
      Set<UUID> sent = table.getValue();
      long stored = count("SELECT count(*) FROM " + table.getKey() + " WHERE producer_id = ANY($1)", (Object) producers);
      long matching = count("SELECT count(*) FROM " + table.getKey() + " WHERE producer_id = ANY($1) AND " + id
          + " = ANY($2)", producers, sent.toArray(UUID[]::new));
      if (stored != sent.size() || matching != sent.size()) {
        failures.add(String.format("%s: sent %d distinct, stored %d rows, of which %d were sent", table.getKey(),
            sent.size(), stored, matching));
      }
    }
  }

  // ---- realistic records ----

  /** The cooperative's next sync, its operations noted to check the database against. */
  private Buffer operationsBody(Farming farming, int count) {
    JsonArray records = farming.nextSync(count);
    for (Object each : records) {
      JsonObject op = ((JsonObject) each).getJsonObject("data");
      UUID id = UUID.fromString(op.getString("id"));
      operations.add(id);
      if (op.getString("type").equals("harvest")) {
        harvests.add(id);
      }
    }
    return new JsonObject().put("records", records).toBuffer();
  }

  private JsonObject cooperative() {
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    StringBuilder code = new StringBuilder("93");
    for (int i = 0; i < 15; i++) {
      code.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return new JsonObject().put("name", "余杭区径山蔬菜专业合作社 " + random.nextInt(100_000)).put("kind", "cooperative")
        .put("creditCode", code.append(CreditCode.checkCharacter(code.toString())).toString())
        .put("address", "浙江省杭州市余杭区径山镇 18 号").put("region", "浙江省杭州市余杭区").put("phone", "0571-88886666");
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  // ---- plumbing ----

  private String machine(boolean embedded) throws IOException {
    return String.format("%s, PostgreSQL %s (%s), synchronous_commit=%s, fsync=%s", Machine.describe(),
        show("server_version").split(" ")[0], embedded ? "embedded" : "DATABASE_URL", show("synchronous_commit"),
        show("fsync"));
  }

  /**
   * CPU time used so far, in ms: by the server's JVM (with its JIT compiler and garbage
   * collector), by this JVM (the load generator), and by the PostgreSQL processes of this machine
   * (-1 when none can be seen; processes that ended in between are not counted).
   */
  private long[] cpuMillis() {
    long jvm = ProcessHandle.of(server.pid()).flatMap(p -> p.info().totalCpuDuration())
        .map(java.time.Duration::toMillis).orElse(-1L);
    long generator = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    long[] postgres = {0, 0};
    ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .forEach(p -> p.info().totalCpuDuration().ifPresent(d -> {
          postgres[0] += d.toMillis();
          postgres[1]++;
        }));
    return new long[] {jvm, generator, postgres[1] == 0 ? -1 : postgres[0]};
  }

  private String show(String setting) {
    return await(pool.query("SHOW " + setting).execute()).iterator().next().getString(0);
  }

  private long count(String sql, Object... params) {
    return await(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator().next().getLong(0);
  }

  private WebClient webClient() {
    return WebClient.create(phones, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  private static String login(WebClient http, String username, String password) {
    return post(http, "/api/v1/auth/login", null, new JsonObject().put("username", username).put("password", password),
        200).getString("token");
  }

  /** POSTs the body, with the bearer token if any; the answer's JSON, or an exception when its status is not {@code expected}. */
  static JsonObject post(WebClient http, String path, String token, JsonObject body, int expected) {
    var request = http.post(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    HttpResponse<Buffer> response = await(request.sendJsonObject(body));
    if (response.statusCode() != expected) {
      throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
          + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private static int setting(String name, int fallback) {
    String raw = System.getenv(name);
    return raw == null || raw.isBlank() ? fallback : Integer.parseInt(raw.trim());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** target/bench-data, emptied: every run starts on a fresh embedded database. */
  private static Path freshFolder() throws IOException {
    Path dir = Path.of("target", "bench-data").toAbsolutePath();
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return dir;
  }
}
