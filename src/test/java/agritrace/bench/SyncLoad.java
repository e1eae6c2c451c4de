package agritrace.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Phones syncing through faults: each client (a cooperative's recorder) sends 500-record syncs of
 * its farming ({@link Farming}) one after another; a request that gets no answer or a 503 is sent
 * again, as the app does, until it is answered. Before a request is sent again, the database is
 * asked how many of its records it holds: all or none, never some (a sync is one transaction).
 * Afterwards the database must hold every record sent exactly once. The database is reached
 * through {@code database}, asked anew each time (an embedded one may be on another port after
 * its server restarted).
 */
public final class SyncLoad implements AutoCloseable {

  private static final int RECORDS = 500;

  private final Vertx vertx = Vertx.vertx();
  private final WebClient http;
  private final Supplier<PgConnectOptions> database;
  private final List<Phone> phones = new ArrayList<>();
  private final Set<UUID> operations = ConcurrentHashMap.newKeySet();
  private final List<UUID> producers = new ArrayList<>();
  private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong halfWritten = new AtomicLong();
  private volatile boolean stopping;
  private final List<Thread> threads = new ArrayList<>();

  /** What the load saw: requests sent (resends included), answered 200, 503s, sent without answer, resent, half-written. */
  public record Counts(long sent, long answered, long unavailable, long unanswered, long resent, long halfWritten) {
  }

  /** What the database holds of what was sent: records sent, not stored, stored more than once. */
  public record Check(long records, long lost, long doubled) {
  }

  /** A request: its body and its operations' ids. */
  private record Sync(Buffer body, List<UUID> ids) {
  }

  private final class Phone implements Runnable {
    private final Farming farming;
    private final String token;
    private Sync pending;

    Phone(Farming farming, String token) {
      this.farming = farming;
      this.token = token;
    }

    @Override
    public void run() {
      while (!stopping || pending != null) {
        boolean again = pending != null;
        if (again && !halfWrittenCheck(pending)) {
          pause(200);
          continue;
        }
        Sync sync = again ? pending : next();
        pending = sync;
        sent.incrementAndGet();
        if (again) {
          resent.incrementAndGet();
        }
        HttpResponse<Buffer> response;
        try {
          response = await(http.post("/api/v1/sync").bearerTokenAuthentication(token)
              .putHeader("Content-Type", "application/json").timeout(30_000).sendBuffer(sync.body()));
        } catch (RuntimeException e) {
          unanswered.incrementAndGet();
          pause(100);
          continue;
        }
        if (response.statusCode() == 503) {
          unavailable.incrementAndGet();
          JsonObject body = response.bodyAsJsonObject();
          if (response.getHeader("Retry-After") == null || !"database_unavailable".equals(body.getString("error"))) {
            problems.add("a 503 without Retry-After or error body: " + response.headers() + " " + body.encode());
          }
          pause(200);
          continue;
        }
        pending = null;
        if (response.statusCode() != 200) {
          problems.add("HTTP " + response.statusCode() + ": " + response.bodyAsString());
          continue;
        }
        JsonObject answer = response.bodyAsJsonObject();
        if (answer.getInteger("created") + answer.getInteger("duplicate") != sync.ids().size()
            || answer.getInteger("rejected") != 0) {
          Object odd = answer.getJsonArray("results").stream().map(JsonObject.class::cast)
              .filter(r -> !"created".equals(r.getString("status")) && !"duplicate".equals(r.getString("status")))
              .findFirst().map(JsonObject::encode).orElse("");
          problems.add("expected " + sync.ids().size() + " created or duplicate, got " + answer.copy()
              .put("results", "(left out)").encode() + "; e.g. " + odd);
        }
        answered.incrementAndGet();
      }
    }

    private Sync next() {
      JsonArray records = farming.nextSync(RECORDS);
      List<UUID> ids = records.stream().map(r -> UUID.fromString(((JsonObject) r).getJsonObject("data").getString("id")))
          .toList();
      operations.addAll(ids);
      return new Sync(new JsonObject().put("records", records).toBuffer(), ids);
    }

    /** Whether the database could be asked; counts a request of which it holds some records but not all. */
    private boolean halfWrittenCheck(Sync sync) {
      try {
        long stored = count("SELECT count(*) FROM operations WHERE id = ANY($1)", (Object) sync.ids().toArray(UUID[]::new));
        if (stored != 0 && stored != sync.ids().size()) {
          halfWritten.incrementAndGet();
          problems.add("a request was half written: " + stored + " of its " + sync.ids().size() + " records stored");
        }
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * Registers {@code clients} cooperatives, each with a recorder whose phone syncs its plots and
   * inputs, as the platform admin {@code admin} of the server on {@code port}.
   */
  public SyncLoad(int port, String adminPassword, int clients, Supplier<PgConnectOptions> database) {
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
    this.database = database;
    Random random = new Random(20261201);
    String admin = login("admin", adminPassword);
    for (int c = 0; c < clients; c++) {
      JsonObject producer = post("/api/v1/producers", admin, agritrace.Api.cooperative(), 201);
      UUID producerId = UUID.fromString(producer.getString("id"));
      producers.add(producerId);
      String username = "recorder-" + UUID.randomUUID().toString().substring(0, 8);
      post("/api/v1/producers/" + producerId + "/users", admin, new JsonObject().put("username", username)
          .put("password", "secret-" + username).put("role", "recorder").put("name", "记录员" + (c + 1)), 201);
      String token = login(username, "secret-" + username);
      Farming farming = new Farming(random.nextLong(), 200, 200_000);
      post("/api/v1/sync", token, new JsonObject().put("records", farming.setupRecords()), 200);
      phones.add(new Phone(farming, token));
    }
  }

  /** The phones start syncing, each on a thread of its own. */
  public void start() {
    for (Phone phone : phones) {
      Thread thread = new Thread(phone, "phone");
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** Waits until {@code more} requests more have been answered (at most {@code seconds}); answers whether they were. */
  public boolean awaitAnswered(long more, long seconds) {
    long target = answered.get() + more;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (answered.get() < target && System.nanoTime() < deadline) {
      pause(20);
    }
    return answered.get() >= target;
  }

  /** The phones send what they have not had answered, then stop (at most {@code seconds}). */
  public void finish(long seconds) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (Thread thread : threads) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (thread.isAlive()) {
        problems.add("a phone still had an unanswered request after " + seconds + " s");
      }
    }
  }

  public Counts counts() {
    return new Counts(sent.get(), answered.get(), unavailable.get(), unanswered.get(), resent.get(), halfWritten.get());
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The cooperatives' operations against those sent: each sent one stored once, nothing else stored. */
  public Check check() {
    UUID[] ids = operations.toArray(UUID[]::new);
    UUID[] owners = producers.toArray(UUID[]::new);
    long stored = count("SELECT count(*) FROM operations WHERE producer_id = ANY($1)", (Object) owners);
    long matching = count("SELECT count(*) FROM operations WHERE producer_id = ANY($1) AND id = ANY($2)", owners, ids);
    return new Check(ids.length, ids.length - matching, stored - matching);
  }

  /** Bytes of WAL the database has written since it was made: its current WAL position. */
  public long walPosition() {
    return count("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
  }

  @Override
  public void close() {
    stopping = true;
    await(vertx.close());
  }

  private long count(String sql, Object... params) {
    return await(PgConnection.connect(vertx, database.get()).compose(connection -> connection.preparedQuery(sql)
        .execute(Tuple.from(params)).eventually(connection::close)))
        .iterator().next().getLong(0);
  }

  private String login(String username, String password) {
    return post("/api/v1/auth/login", null, new JsonObject().put("username", username).put("password", password), 200)
        .getString("token");
  }

  private JsonObject post(String path, String token, JsonObject body, int expected) {
    return SyncBench.post(http, path, token, body, expected);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
