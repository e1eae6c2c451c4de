package agritrace.production;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;

/** A phone catching up with {@code ?since=}: what other members stored since its last visit, none missed, none twice. */
@ExtendWith(VertxExtension.class)
class CatchUpTest {

  private Farm farm;

  @BeforeEach
  void setUp(Vertx vertx) {
    farm = new Farm(new Api(vertx));
  }

  @Test
  @DisplayName("a record committed while an earlier transaction is still open is listed only once that one ends, then both, once each")
  void noDrift() {
    String plotId = farm.create("plot", Farm.plot());
    String cursor = list("operations", null, null).getString("next");
    String recorderId = farm.api.get("/api/v1/auth/me", farm.recorder).json().getString("id");

    TestServer server = TestServer.get();
    SqlConnection conn = TestServer.await(server.pool.getConnection());
    UUID slow = UUID.randomUUID();
    try {
      Transaction open = TestServer.await(conn.begin());
      TestServer.await(conn.preparedQuery("""
          INSERT INTO operations (id, root_id, revision, producer_id, unit_id, type, occurred_at, occurred_offset,
                                  local_date, recorded_by)
          VALUES ($1, $1, 0, $2, $3, 'irrigation', now(), '+08:00', current_date, $4)""")
          .execute(Tuple.of(slow, UUID.fromString(farm.producerId), UUID.fromString(plotId), UUID.fromString(recorderId))));

      JsonObject fast = Farm.operation(plotId, "weeding", Farm.today());
      assertStatus(farm.sync(new JsonArray().add(Farm.record("operation", fast))), 200);
      assertEquals(1, farm.api.get("/api/v1/operations", farm.recorder).json().getJsonArray("items").size(),
          "the synced record is stored and listed");
      JsonObject meanwhile = list("operations", cursor, null);
      assertEquals(List.of(), ids(meanwhile), "not after the cursor while a transaction before it is open");
      String nextMeanwhile = meanwhile.getString("next");

      TestServer.await(open.commit());
      List<String> both = List.of(slow.toString(), fast.getString("id"));
      assertEquals(both, ids(list("operations", cursor, null)), "both, in the order they were written, from the same cursor");
      assertEquals(both, ids(list("operations", nextMeanwhile, null)), "and from the cursor given meanwhile");
      JsonObject after = list("operations", cursor, null);
      assertEquals(List.of(), ids(list("operations", after.getString("next"), null)), "none twice");
    } finally {
      conn.close();
    }
  }

  @Test
  @DisplayName("a catch-up longer than a page comes page by page, each record once, in the order written")
  void pages() {
    String plotId = farm.create("plot", Farm.plot());
    String other = farm.create("plot", Farm.plot().put("name", "二号大棚"));
    String cursor = list("operations", null, null).getString("next");
    JsonArray records = new JsonArray();
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JsonObject op = Farm.operation(i == 2 ? other : plotId, "irrigation", Farm.today().minusDays(i));
      written.add(op.getString("id"));
      records.add(Farm.record("operation", op));
    }
    assertStatus(farm.sync(records), 200);
    JsonObject later = Farm.operation(plotId, "weeding", Farm.today());
    farm.create("operation", later);

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (String at = cursor; ; ) {
      JsonObject page = list("operations", at, 2);
      sizes.add(page.getJsonArray("items").size());
      seen.addAll(ids(page));
      if (page.getJsonArray("items").size() < 2) {
        assertFalse(page.getString("next").contains("."), "the last page's next is the horizon itself");
        break;
      }
      at = page.getString("next");
    }
    assertEquals(List.of(2, 2, 2, 0), sizes);
    assertEquals(6, seen.size());
    List<String> sync = seen.subList(0, 5).stream().sorted().toList();
    assertEquals(written.stream().sorted().toList(), sync, "one sync's records together, by id");
    assertEquals(later.getString("id"), seen.get(5), "then the later record");

    JsonObject onePlot = farm.api.get("/api/v1/operations?plotId=" + other + "&since=" + cursor, farm.recorder).json();
    assertEquals(List.of(written.get(2)), ids(onePlot), "one plot's stream");
  }

  @Test
  @DisplayName("a correction comes after the cursor as a new version, the original before it does not")
  void corrections() {
    JsonObject plot = Farm.plot();
    farm.create("plot", plot);
    JsonObject input = Farm.fertilizer();
    farm.create("input", input);
    JsonObject firstDownload = list("plots", null, null);
    assertEquals(1, firstDownload.getJsonArray("items").size());
    String plotCursor = firstDownload.getString("next");
    String inputCursor = list("inputs", null, null).getString("next");

    JsonObject fixed = Farm.correcting(plot, "重新丈量").put("size", 1.5);
    farm.create("plot", fixed);
    farm.create("input", Farm.correcting(input, "改名").put("name", "腐熟有机肥"));

    JsonArray plots = list("plots", plotCursor, null).getJsonArray("items");
    assertEquals(1, plots.size());
    assertEquals(fixed.getString("id"), plots.getJsonObject(0).getString("id"));
    assertEquals(plot.getString("id"), plots.getJsonObject(0).getString("recordId"));
    assertEquals(1, plots.getJsonObject(0).getInteger("revision"));
    assertEquals(1.5, plots.getJsonObject(0).getDouble("size"));
    assertEquals("重新丈量", plots.getJsonObject(0).getString("correctionReason"));
    JsonArray inputs = list("inputs", inputCursor, null).getJsonArray("items");
    assertEquals(1, inputs.size());
    assertEquals("腐熟有机肥", inputs.getJsonObject(0).getString("name"));
  }

  @Test
  @DisplayName("another producer's records never appear in the stream")
  void otherProducers() {
    Farm neighbour = new Farm(farm.api);
    String cursor = list("plots", null, null).getString("next");
    String ours = farm.create("plot", Farm.plot());
    neighbour.create("plot", Farm.plot());
    String theirPlot = neighbour.create("plot", Farm.plot());
    neighbour.create("operation", Farm.operation(theirPlot, "irrigation", Farm.today()));
    assertEquals(List.of(ours), ids(list("plots", cursor, null)));
    assertEquals(List.of(), ids(list("operations", cursor, null)));
    assertEquals(List.of(), ids(list("operations", "0", null)), "not even from the very start");
  }

  @Test
  @DisplayName("a malformed cursor is a 400 on since, and offset cannot go with it")
  void badCursors() {
    String cursor = list("plots", null, null).getString("next");
    for (String list : new String[] {"plots", "inputs", "operations"}) {
      for (String bad : new String[] {"", "abc", "-5", "12.", "12.nope", ".", "12.3.4", "1234567890123456789",
          cursor + "." + UUID.randomUUID() + "x"}) {
        assertProblem(farm.api.get("/api/v1/" + list + "?since=" + URLEncoder.encode(bad, StandardCharsets.UTF_8),
            farm.recorder), 400, "invalid_field", "since");
      }
      assertProblem(farm.api.get("/api/v1/" + list + "?since=" + cursor + "&offset=0", farm.recorder),
          400, "invalid_field", "offset");
      assertProblem(farm.api.get("/api/v1/" + list + "?since=" + cursor + "&limit=0", farm.recorder),
          400, "invalid_field", "limit");
    }
    Api.Response english = farm.api.with("Accept-Language", "en").get("/api/v1/plots?since=abc", farm.recorder);
    assertEquals("field.cursor", english.json().getString("code"));
    assertTrue(english.json().getString("message").startsWith("since is not a cursor"), english.json().getString("message"));
    String ahead = (Long.parseLong(cursor) + 1_000_000) + "." + UUID.randomUUID();
    JsonObject fromAhead = list("plots", ahead, null);
    assertEquals(List.of(), ids(fromAhead), "a well-formed cursor ahead of the horizon lists nothing yet");
    assertEquals(ahead, fromAhead.getString("next"), "and its next never goes back");
  }

  @Test
  @DisplayName("only those who may read the producer catch up on it: another producer's recorder is refused before the cursor is read")
  void permissions() {
    Farm neighbour = new Farm(farm.api);
    String cursor = list("plots", null, null).getString("next");
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    for (String list : new String[] {"plots", "inputs", "operations"}) {
      String path = "/api/v1/" + list + "?producerId=" + farm.producerId + "&since=";
      assertProblem(farm.api.get(path + cursor, neighbour.recorder), 403, "forbidden", null);
      assertProblem(farm.api.get(path + "malformed", neighbour.recorder), 403, "forbidden", null);
      assertProblem(farm.api.get(path + cursor, null), 401, "unauthorized", null);
      assertStatus(farm.api.get(path + cursor, inspector), 200);
      assertProblem(farm.api.get("/api/v1/" + list + "?since=" + cursor, inspector), 400, "invalid_field", "producerId");
    }
  }

  private JsonObject list(String list, String since, Integer limit) {
    String query = (since == null ? "" : "?since=" + since) + (limit == null ? "" : (since == null ? "?" : "&") + "limit=" + limit);
    Api.Response r = farm.api.get("/api/v1/" + list + query, farm.recorder);
    assertStatus(r, 200);
    assertTrue(r.json().containsKey("next"), "every list answer gives the cursor to catch up from");
    return r.json();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
