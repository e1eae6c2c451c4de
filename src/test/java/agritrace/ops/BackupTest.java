package agritrace.ops;

import agritrace.db.Postmaster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Backups of the embedded database, on servers in JVMs of their own with data directories of
 * their own (under target/backup-test), never the suite's shared server.
 */
class BackupTest {

  private static final String ADMIN_PASSWORD = "backup-test-admin-password";
  private static final Path ROOT = Path.of("target", "backup-test").toAbsolutePath();
  private static Vertx vertx;

  @BeforeAll
  static void setUp() throws Exception {
    Backup.delete(ROOT);
    Files.createDirectories(ROOT);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  /** One sync request of the load: its operations' ids and whether the server answered it 200. */
  private record Sent(List<String> ids, boolean answered) {
  }

  /** A recorder syncing batches of operations (every fifth a harvest, making a batch) until told to stop. */
  private static final class Load extends Thread {
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final Api api;
    final String token;
    final List<String> plots;

    Load(Api api, String token, List<String> plots) {
      this.api = api;
      this.token = token;
      this.plots = plots;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!stop.get()) {
        JsonArray records = operations(plots, 200);
        List<String> ids = records.stream().map(r -> ((JsonObject) r).getJsonObject("data").getString("id")).toList();
        boolean answered;
        try {
          answered = sync(api, token, records).getInteger("created") == ids.size();
        } catch (RuntimeException e) {
          answered = false;
        }
        sent.add(new Sent(ids, answered));
      }
    }

    long answered() {
      return sent.stream().filter(Sent::answered).count();
    }
  }

  @Test
  @DisplayName("A backup taken while syncs are being written restores into a new data directory whose server finds every"
      + " record, photo and batch committed before the backup began, unchanged, and no sync half-written; without its"
      + " WAL it restores nothing")
  void hotBackupUnderLoad() throws Exception {
    Path original = ROOT.resolve("original");
    Path restored = ROOT.resolve("restored");
    Map<String, Map<String, Integer>> before;
    Map<String, Map<String, Integer>> after;
    Map<String, String> photos = new HashMap<>();
    List<Sent> duringLoad;
    Backup.Made made;
    try (ServerProcess server = ServerProcess.start(settings(original))) {
      Api api = new Api(vertx, server.port());
      String admin = api.login("admin", ADMIN_PASSWORD);
      String producer = api.newProducer(admin);
      String recorder = api.newUser(admin, producer, "recorder");
      JsonArray setup = new JsonArray();
      List<String> plots = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        JsonObject plot = Farm.plot().put("name", "大棚 " + (i + 1));
        plots.add(plot.getString("id"));
        setup.add(Farm.record("plot", plot));
      }
      assertEquals(20, sync(api, recorder, setup).getInteger("created"));
      List<String> operations = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        JsonArray records = operations(plots, 200);
        records.forEach(r -> operations.add(((JsonObject) r).getJsonObject("data").getString("id")));
        assertEquals(200, sync(api, recorder, records).getInteger("created"));
      }
      Random random = new Random(14);
      for (int i = 0; i < 5; i++) {
        byte[] photo = photo(random);
        String photoId = UUID.randomUUID().toString();
        Api.Response put = api.sendRaw(HttpMethod.PUT, "/api/v1/operations/" + operations.get(i * 37) + "/photos/"
            + photoId, recorder, "image/png", Buffer.buffer(photo));
        assertEquals(201, put.status(), put.raw().bodyAsString());
        photos.put(photoId, sha256(photo));
      }

      Load load = new Load(api, recorder, plots);
      load.start();
      waitFor(() -> load.answered() >= 2);
      before = snapshot(original);
      long answeredBefore = load.answered();
      long started = System.nanoTime();
      made = Backup.hot(original.resolve("postgres"), ROOT.resolve("backups"));
      long answeredDuring = load.answered() - answeredBefore;
      System.out.printf("hot backup: %d files, %.1f MB, %d WAL segments in %.1f s, while %d syncs of 200 were answered%n",
          made.files(), made.bytes() / 1e6, made.walSegments(), (System.nanoTime() - started) / 1e9, answeredDuring);
      assertTrue(answeredDuring > 0, "syncs were answered while the backup ran");
      waitFor(() -> load.answered() >= answeredBefore + answeredDuring + 2);
      load.stop.set(true);
      load.join();
      duringLoad = List.copyOf(load.sent);
      after = snapshot(original);
      assertTrue(after.get("operations").size() > before.get("operations").size(), "the load wrote during the backup");
    }

    Manifest manifest = Restore.restore(made.folder(), restored);
    assertEquals("hot", manifest.fact("kind"));
    try (ServerProcess server = ServerProcess.start(settings(restored))) {
      Api api = new Api(vertx, server.port());
      assertEquals(200, api.get("/health", null).status());
      Map<String, Map<String, Integer>> back = snapshot(restored);
      System.out.printf("restored: %d operations and %d batches (%d and %d before the backup, %d and %d at the end)%n",
          back.get("operations").size(), back.get("batches").size(), before.get("operations").size(),
          before.get("batches").size(), after.get("operations").size(), after.get("batches").size());
      for (String table : before.keySet()) {
        assertContains(back.get(table), before.get(table), table + ": every row committed before the backup began");
        assertContains(after.get(table), back.get(table), table + ": only rows the original holds, as it holds them");
      }
      assertTrue(back.get("operations").size() >= before.get("operations").size() + 2 * 200);
      assertTrue(back.get("batches").size() >= before.get("batches").size());
      try (Connection db = connect(restored); Statement sql = db.createStatement()) {
        for (Sent request : duringLoad) {
          long found = count(sql, "SELECT count(*) FROM operations WHERE id IN ('" + String.join("','", request.ids())
              + "')");
          assertTrue(found == 0 || found == request.ids().size(), "a sync is restored whole or not at all: " + found);
        }
        assertEquals(0, count(sql, "SELECT count(*) FROM batches b WHERE NOT EXISTS (SELECT 1 FROM operations o"
            + " WHERE o.id = b.harvest_id AND o.type = 'harvest') OR NOT EXISTS (SELECT 1 FROM batch_events e"
            + " WHERE e.batch_id = b.id)"), "every batch has its harvest and its status");
        assertEquals(count(sql, "SELECT count(*) FROM operations WHERE type = 'harvest'"),
            count(sql, "SELECT count(*) FROM batches"), "one batch per harvest");
        Map<String, String> photosBack = new HashMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT id, encode(sha256(bytes), 'hex') FROM photos")) {
          while (rows.next()) {
            photosBack.put(rows.getString(1), rows.getString(2));
          }
        }
        assertEquals(photos, photosBack, "each photo's bytes, by their SHA-256");
      }
      // It serves and takes new records.
      String admin = api.login("admin", ADMIN_PASSWORD);
      String producer = api.newProducer(admin);
      String recorder = api.newUser(admin, producer, "recorder");
      JsonObject plot = Farm.plot();
      assertEquals(1, sync(api, recorder, new JsonArray().add(Farm.record("plot", plot))).getInteger("created"));
    }

    // Without its WAL (and a manifest to match) the backup cannot be brought to a consistent state.
    Path manifestFile = made.folder().resolve(Manifest.NAME);
    List<String> lines = new ArrayList<>(Files.readAllLines(manifestFile));
    for (String line : List.copyOf(lines)) {
      if (line.matches("file\t.*\tpg_wal/[0-9A-F]{24}")) {
        lines.remove(line);
        Files.delete(made.folder().resolve("data").resolve(line.substring(line.lastIndexOf('\t') + 1)));
      }
    }
    lines.set(lines.size() - 1, "end\t" + (Integer.parseInt(lines.get(lines.size() - 1).substring(4)) - made.walSegments()));
    Files.write(manifestFile, lines);
    Path target = ROOT.resolve("never-recovered");
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
    assertEquals(1, Restore.run(List.of(made.folder().toString(), target.toString()), Map.of(), quiet(),
        new java.io.PrintStream(said, true, "UTF-8")));
    assertTrue(said.toString("UTF-8").contains("the backup is incomplete"), said.toString("UTF-8"));
    assertFalse(Files.exists(target), "nothing restored");
  }

  @Test
  @DisplayName("A stopped server's data directory is backed up cold and restores to a server holding its records; a"
      + " backup damaged, cut or added to afterwards is refused and restores nothing, as is a data directory in use")
  void coldBackupAndDamage() throws Exception {
    Path original = ROOT.resolve("cold-original");
    Path backups = ROOT.resolve("cold-backups");
    String plotId;
    try (ServerProcess server = ServerProcess.start(settings(original))) {
      Api api = new Api(vertx, server.port());
      String admin = api.login("admin", ADMIN_PASSWORD);
      String recorder = api.newUser(admin, api.newProducer(admin), "recorder");
      JsonObject plot = Farm.plot();
      plotId = plot.getString("id");
      assertEquals(1, sync(api, recorder, new JsonArray().add(Farm.record("plot", plot))).getInteger("created"));
      assertEquals(1, Backup.run(List.of("--cold", backups.toString()), env(original), quiet(), quiet()),
          "no cold copy of a running server");
    }
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
    assertEquals(3, Backup.run(List.of(backups.toString()), env(original), quiet(),
        new java.io.PrintStream(said, true, "UTF-8")));
    assertTrue(said.toString("UTF-8").contains("scripts/backup --cold"), "the stopped server's cold copy is offered");
    assertFalse(Files.exists(backups), "nothing written");

    Backup.Made made = Backup.cold(original.resolve("postgres"), backups);
    Path restored = ROOT.resolve("cold-restored");
    assertEquals("cold", Restore.restore(made.folder(), restored).fact("kind"));
    try (ServerProcess server = ServerProcess.start(settings(restored))) {
      try (Connection db = connect(restored); Statement sql = db.createStatement()) {
        assertEquals(1, count(sql, "SELECT count(*) FROM production_units WHERE id = '" + plotId + "'"));
      }
      assertEquals(1, Restore.run(List.of(made.folder().toString(), restored.toString()), Map.of(), quiet(), quiet()),
          "a data directory that is not empty is refused");
    }

    Path target = ROOT.resolve("never-restored");
    Path extra = made.folder().resolve("data").resolve("global").resolve("extra");
    Files.writeString(extra, "not backed up");
    assertDamaged(made.folder(), target, "global/extra is in the backup but not in its manifest");
    Files.delete(extra);
    Manifest.Entry largest = Manifest.read(made.folder().resolve(Manifest.NAME)).files().stream()
        .max(java.util.Comparator.comparingLong(Manifest.Entry::size)).orElseThrow();
    Path file = made.folder().resolve("data").resolve(largest.path());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertDamaged(made.folder(), target, largest.path() + " differs from the manifest");
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    Path manifestFile = made.folder().resolve(Manifest.NAME);
    List<String> lines = Files.readAllLines(manifestFile);
    Files.write(manifestFile, lines.subList(0, lines.size() / 2));
    assertDamaged(made.folder(), target, "cut off");
  }

  @Test
  @DisplayName("With DATABASE_URL set, the backup points to the operator's own PostgreSQL tools, writes nothing and exits"
      + " non-zero")
  void externalDatabase() throws Exception {
    Path dest = ROOT.resolve("external-backups");
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
    assertEquals(2, Backup.run(List.of(dest.toString()), Map.of("DATABASE_URL", "postgresql://u:p@db.example:5432/trace"),
        quiet(), new java.io.PrintStream(said, true, "UTF-8")));
    assertTrue(said.toString("UTF-8").contains("pg_dump"), said.toString("UTF-8"));
    assertFalse(Files.exists(dest));
  }

  @Test
  @DisplayName("The WAL a backup copies runs segment by segment across a log file's boundary")
  void walSegments() throws Exception {
    assertEquals(List.of("0000000200000003000000FE", "0000000200000003000000FF", "000000020000000400000000"),
        Backup.segments("0000000200000003000000FE", "000000020000000400000000", 16L << 20));
    assertEquals(List.of("000000010000000000000002"),
        Backup.segments("000000010000000000000002", "000000010000000000000002", 16L << 20));
  }

  // ---- helpers ----

  private static void assertDamaged(Path backup, Path target, String reason) throws Exception {
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
    assertEquals(1, Restore.run(List.of(backup.toString(), target.toString()), Map.of(), quiet(),
        new java.io.PrintStream(said, true, "UTF-8")));
    String text = said.toString("UTF-8");
    assertTrue(text.startsWith("The backup is damaged, nothing was restored") && text.contains(reason), text);
    assertFalse(Files.exists(target), "nothing restored");
  }

  private static Map<String, String> env(Path dataDir) {
    return Map.of("AGRITRACE_DATA_DIR", dataDir.toString());
  }

  private static java.io.PrintStream quiet() {
    return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }


  private static Map<String, String> settings(Path dataDir) {
    return Map.of("AGRITRACE_DATA_DIR", dataDir.toString(), "AGRITRACE_ADMIN_PASSWORD", ADMIN_PASSWORD,
        "AGRITRACE_PBKDF2_ITERATIONS", "10000", "AGRITRACE_HTTP_INSTANCES", "1");
  }

  private static JsonObject sync(Api api, String token, JsonArray records) {
    Api.Response r = api.post("/api/v1/sync", token, new JsonObject().put("records", records));
    if (r.status() != 200) {
      throw new IllegalStateException("sync answered " + r.status() + ": " + r.raw().bodyAsString());
    }
    return r.json();
  }

  /** Operations on the plots over the past weeks, every fifth a harvest of 青菜. */
  private static JsonArray operations(List<String> plots, int count) {
    JsonArray records = new JsonArray();
    Random random = new Random();
    for (int i = 0; i < count; i++) {
      String plot = plots.get(random.nextInt(plots.size()));
      java.time.LocalDate day = Farm.today().minusDays(1 + random.nextInt(60));
      JsonObject op = i % 5 == 4 ? Farm.harvest(plot, day).put("quantity", 10 + random.nextInt(500))
          : Farm.operation(plot, i % 2 == 0 ? "weeding" : "irrigation", day).put("notes", "第 " + i + " 条");
      records.add(Farm.record("operation", op));
    }
    return records;
  }

  /** A PNG of noise, some tens of KB, as a photo. */
  private static byte[] photo(Random random) throws Exception {
    BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /**
   * The evidence of the database at one instant: for every append-only table (and the batches
   * and photos), each row's MD5 of its text, counted. Read in one repeatable-read transaction.
   */
  private static Map<String, Map<String, Integer>> snapshot(Path dataDir) throws Exception {
    try (Connection db = connect(dataDir)) {
      db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      db.setAutoCommit(false);
      List<String> tables = new ArrayList<>(List.of("batches", "photos"));
      try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SELECT DISTINCT c.relname FROM"
          + " pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
          + " WHERE p.proname = 'forbid_change'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      assertTrue(tables.containsAll(List.of("operations", "production_units", "batch_events")), tables.toString());
      Map<String, Map<String, Integer>> snapshot = new TreeMap<>();
      try (Statement sql = db.createStatement()) {
        for (String table : tables) {
          Map<String, Integer> rows = new HashMap<>();
          try (ResultSet each = sql.executeQuery("SELECT md5(t::text) FROM " + table + " t")) {
            while (each.next()) {
              rows.merge(each.getString(1), 1, Integer::sum);
            }
          }
          snapshot.put(table, rows);
        }
      }
      db.rollback();
      return snapshot;
    }
  }

  private static void assertContains(Map<String, Integer> whole, Map<String, Integer> part, String what) {
    long missing = part.entrySet().stream().filter(e -> whole.getOrDefault(e.getKey(), 0) < e.getValue()).count();
    assertEquals(0, missing, what + " (" + part.size() + " rows to find among " + whole.size() + ")");
  }

  private static Connection connect(Path dataDir) throws Exception {
    Postmaster server = Postmaster.of(dataDir.resolve("postgres")).orElseThrow();
    return DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres");
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for the sync load");
      }
      Thread.sleep(20);
    }
  }
}
