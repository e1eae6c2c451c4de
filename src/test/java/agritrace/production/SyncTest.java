package agritrace.production;

import agritrace.Farm;
import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SyncTest {

  private Farm farm;

  @BeforeEach
  void setUp(Vertx vertx) {
    farm = new Farm(new Api(vertx));
  }

  /** A day's work: a new plot, its inputs and operations on it, in the order a phone queued them. */
  private JsonArray daysWork(int operations) {
    JsonObject plot = Farm.plot();
    JsonObject fertilizer = Farm.fertilizer();
    JsonArray records = new JsonArray().add(Farm.record("plot", plot)).add(Farm.record("input", fertilizer));
    LocalDate day = Farm.today().minusDays(5);
    for (int i = 0; i < operations; i++) {
      JsonObject op = i % 2 == 0
          ? Farm.operation(plot.getString("id"), "irrigation", day).put("notes", "滴灌 " + i)
          : Farm.operation(plot.getString("id"), "fertilizing", day).put("inputId", fertilizer.getString("id"))
              .put("inputLot", "F-" + i).put("quantity", 25).put("quantityUnit", "kg");
      records.add(Farm.record("operation", op));
    }
    return records;
  }

  @Test
  @DisplayName("a sync stores every good record once and reports each one")
  void syncCreates() {
    JsonArray records = daysWork(48);
    Api.Response r = farm.sync(records);
    assertStatus(r, 200);
    assertEquals(50, r.json().getInteger("created"));
    assertEquals(0, r.json().getInteger("rejected"));
    JsonArray results = r.json().getJsonArray("results");
    for (int i = 0; i < records.size(); i++) {
      assertEquals(records.getJsonObject(i).getJsonObject("data").getString("id"), results.getJsonObject(i).getString("id"));
      assertEquals("created", results.getJsonObject(i).getString("status"));
    }
    assertEquals(48, farm.count("operations"));
  }

  @Test
  @DisplayName("sending the same request again stores nothing twice and answers duplicate")
  void resendIsDuplicate() {
    JsonArray records = daysWork(10);
    assertEquals(12, farm.sync(records).json().getInteger("created"));
    Api.Response again = farm.sync(records);
    assertEquals(0, again.json().getInteger("created"));
    assertEquals(12, again.json().getInteger("duplicate"));
    assertEquals(10, farm.count("operations"));
    assertEquals(1, farm.count("production_units"));
  }

  @Test
  @DisplayName("one bad record is rejected with its reason; the good ones around it are stored")
  void mixedValidAndInvalid() {
    JsonArray records = daysWork(4);
    String plotId = records.getJsonObject(0).getJsonObject("data").getString("id");
    records.add(Farm.record("operation", Farm.operation(plotId, "irrigation", Farm.today()).put("quantity", -3).put("quantityUnit", "l")));
    records.add(Farm.record("operation", Farm.operation(UUID.randomUUID().toString(), "irrigation", Farm.today())));
    records.add(Farm.record("fertiliser", Farm.fertilizer()));
    records.add(Farm.record("operation", Farm.operation(plotId, "weeding", Farm.today()).put("id", "not-a-uuid")));
    records.add("just a string");
    records.add(Farm.record("operation", Farm.operation(plotId, "weeding", Farm.today())
        .put("occurredAt", java.time.OffsetDateTime.now(Farm.CHINA).plusHours(3).toString())));
    records.add(Farm.record("operation", Farm.operation(plotId, "weeding", Farm.today())));
    Api.Response r = farm.sync(records);
    assertStatus(r, 200);
    assertEquals(7, r.json().getInteger("created"));
    assertEquals(6, r.json().getInteger("rejected"));
    JsonArray results = r.json().getJsonArray("results");
    String[][] expected = {{"rejected", "quantity"}, {"rejected", "plotId"}, {"rejected", "type"}, {"rejected", "id"}, {"rejected", "type"},
        {"rejected", "occurredAt"}, {"created", null}};
    for (int i = 0; i < expected.length; i++) {
      JsonObject result = results.getJsonObject(6 + i);
      assertEquals(expected[i][0], result.getString("status"), result.encode());
      assertEquals(expected[i][1], result.getString("field"), result.encode());
    }
    assertEquals(5, farm.count("operations"));
  }

  @Test
  @DisplayName("a resend with new records added stores only the new ones; the stored ones are duplicates, and no lot number is skipped")
  void resendWithNewRecords() {
    JsonArray records = daysWork(4);
    String plotId = records.getJsonObject(0).getJsonObject("data").getString("id");
    LocalDate day = Farm.today().minusDays(1);
    records.add(Farm.record("operation", Farm.harvest(plotId, day)));
    JsonObject first = farm.sync(records).json();
    assertEquals(7, first.getInteger("created"));

    JsonArray more = records.copy()
        .add(Farm.record("operation", Farm.operation(plotId, "weeding", day)))
        .add(Farm.record("operation", Farm.harvest(plotId, day)));
    JsonObject again = farm.sync(more).json();
    assertEquals(2, again.getInteger("created"));
    assertEquals(7, again.getInteger("duplicate"));
    assertEquals(0, again.getInteger("rejected"));
    JsonArray results = again.getJsonArray("results");
    String lot = first.getJsonArray("results").getJsonObject(6).getJsonObject("batch").getString("lotCode");
    assertEquals(lot, results.getJsonObject(6).getJsonObject("batch").getString("lotCode"), "the resent harvest keeps its batch");
    assertEquals(lot.substring(0, lot.length() - 3) + "002", results.getJsonObject(8).getJsonObject("batch").getString("lotCode"),
        "the new harvest takes the day's next number: the first try, which found stored ids, left nothing behind");
    assertEquals(7, farm.count("operations"));
    assertEquals(2, farm.count("batches"));
    for (int i = 0; i < 5; i++) {
      JsonArray next = new JsonArray().add(Farm.record("operation", Farm.operation(plotId, "irrigation", day)));
      assertEquals(1, farm.sync(next).json().getInteger("created"),
          "the connection of the failed first try was rolled back and serves the next syncs");
    }
  }

  @Test
  @DisplayName("harvests of several days in one sync get each day's next lot numbers, in the order they were sent")
  void lotNumbersInOneSync() {
    String plotId = farm.create("plot", Farm.plot());
    LocalDate first = Farm.today().minusDays(3);
    LocalDate second = Farm.today().minusDays(2);
    String earlier = farm.sync(new JsonArray().add(Farm.record("operation", Farm.harvest(plotId, second))))
        .json().getJsonArray("results").getJsonObject(0).getJsonObject("batch").getString("lotCode");
    JsonArray records = new JsonArray().add(Farm.record("operation", Farm.harvest(plotId, second)))
        .add(Farm.record("operation", Farm.harvest(plotId, first)))
        .add(Farm.record("operation", Farm.harvest(plotId, second)));
    JsonArray results = farm.sync(records).json().getJsonArray("results");
    String prefix = earlier.substring(0, earlier.indexOf('-') + 1);
    String day1 = prefix + first.toString().replace("-", "") + "-";
    String day2 = prefix + second.toString().replace("-", "") + "-";
    assertEquals(day2 + "001", earlier);
    assertEquals(List.of(day2 + "002", day1 + "001", day2 + "003"), results.stream()
        .map(r -> ((JsonObject) r).getJsonObject("batch").getString("lotCode")).toList());
  }

  @Test
  @DisplayName("a resent correction is a duplicate; an id another producer used is rejected, and theirs is untouched")
  void resentCorrectionAndForeignIds() {
    JsonArray records = daysWork(1);
    JsonObject original = records.getJsonObject(2).getJsonObject("data");
    records.add(Farm.record("operation", Farm.correcting(original, "补记").put("notes", "改")));
    assertEquals(4, farm.sync(records).json().getInteger("created"));
    Api.Response again = farm.sync(records);
    assertEquals(4, again.json().getInteger("duplicate"));
    assertEquals(2, farm.api.get("/api/v1/operations/" + original.getString("id"), farm.recorder).json()
        .getJsonArray("history").size());

    Farm other = new Farm(farm.api);
    String theirPlot = other.create("plot", Farm.plot());
    JsonArray copied = new JsonArray().add(records.getJsonObject(0))
        .add(Farm.record("operation", original.copy().put("plotId", theirPlot)));
    JsonArray results = other.sync(copied).json().getJsonArray("results");
    for (int i = 0; i < 2; i++) {
      assertEquals("rejected", results.getJsonObject(i).getString("status"));
      assertEquals("id", results.getJsonObject(i).getString("field"));
    }
    assertEquals(0, other.count("operations"));
    assertEquals(2, farm.count("operations"));
  }

  @Test
  @DisplayName("the same record twice in one request is stored once")
  void duplicateWithinRequest() {
    JsonArray records = daysWork(1);
    records.add(records.getJsonObject(2).copy());
    JsonObject harvest = Farm.harvest(records.getJsonObject(0).getJsonObject("data").getString("id"), Farm.today());
    records.add(Farm.record("operation", harvest)).add(Farm.record("operation", harvest));
    Api.Response r = farm.sync(records);
    assertEquals(4, r.json().getInteger("created"));
    assertEquals(2, r.json().getInteger("duplicate"));
    assertEquals(2, farm.count("operations"));
    JsonArray results = r.json().getJsonArray("results");
    assertEquals(results.getJsonObject(4).getJsonObject("batch"), results.getJsonObject(5).getJsonObject("batch"),
        "both answers for the harvest carry its batch");
    assertEquals(1, farm.count("batches"));
  }

  @Test
  @DisplayName("identical syncs sent at once, to two server instances, store each record once")
  void concurrentIdenticalSyncs(Vertx vertx) {
    TestServer ts = TestServer.get();
    agritrace.Server second = new agritrace.Server(ts.config, ts.connectOptions());
    TestServer.await(vertx.deployVerticle(second));
    JsonArray records = daysWork(200);
    JsonObject body = new JsonObject().put("records", records);
    WebClient client = WebClient.create(vertx);
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int port = i % 2 == 0 ? ts.port() : second.port();
      sends.add(client.post(port, "localhost", "/api/v1/sync").putHeader("Authorization", "Bearer " + farm.recorder)
          .sendJsonObject(body));
    }
    assertEquals(202, createdByAll(sends), "each record created by exactly one of the requests");
    assertEquals(200, farm.count("operations"));
    assertEquals(1, farm.count("production_units"));
    assertEquals(1, farm.count("inputs"));
  }

  /** Waits for syncs sent at once; each must answer 200 with nothing rejected. Answers how many records they created in all. */
  private static int createdByAll(List<Future<HttpResponse<Buffer>>> sends) {
    TestServer.await(Future.join(sends));
    int created = 0;
    for (Future<HttpResponse<Buffer>> send : sends) {
      assertTrue(send.succeeded(), String.valueOf(send.cause()));
      HttpResponse<Buffer> response = send.result();
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertEquals(0, response.bodyAsJsonObject().getInteger("rejected"));
      created += response.bodyAsJsonObject().getInteger("created");
    }
    return created;
  }

  @Test
  @DisplayName("syncs sharing some records, sent at once in opposite orders, each store what is new and none fails")
  void concurrentOverlappingSyncs(Vertx vertx) {
    JsonArray records = daysWork(200);
    assertEquals(2, farm.sync(new JsonArray().add(records.getValue(0)).add(records.getValue(1))).json()
        .getInteger("created"));
    List<Object> operations = records.getList().subList(2, records.size());
    List<Object> early = new ArrayList<>(operations.subList(0, 150));
    List<Object> late = new ArrayList<>(operations.subList(50, 200));
    Collections.reverse(late);
    WebClient client = WebClient.create(vertx);
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      JsonObject body = new JsonObject().put("records", new JsonArray(i % 2 == 0 ? early : late));
      sends.add(client.post(TestServer.get().port(), "localhost", "/api/v1/sync")
          .putHeader("Authorization", "Bearer " + farm.recorder).sendJsonObject(body));
    }
    assertEquals(200, createdByAll(sends), "each operation created by exactly one of the requests");
    assertEquals(200, farm.count("operations"));
  }

  @Test
  @DisplayName("a correction queued offline after its original is stored in the same sync")
  void correctionInSameSync() {
    JsonArray records = daysWork(1);
    JsonObject original = records.getJsonObject(2).getJsonObject("data");
    records.add(Farm.record("operation", Farm.correcting(original, "补记时长").put("notes", "滴灌 3 小时")));
    JsonObject firstFix = records.getJsonObject(3).getJsonObject("data");
    // A fix of the fix, queued before it in the request: it waits for the fix it corrects.
    records.add(2, Farm.record("operation", Farm.correcting(firstFix, "再次更正").put("notes", "滴灌 2.5 小时")));
    assertEquals(5, farm.sync(records).json().getInteger("created"));
    JsonObject read = farm.api.get("/api/v1/operations/" + original.getString("id"), farm.recorder).json();
    assertEquals("滴灌 2.5 小时", read.getString("notes"));
    assertEquals(3, read.getJsonArray("history").size());
  }

  @Test
  @DisplayName("malformed sync requests are refused whole: no list, an empty list, over 500 records")
  void badSyncRequests() {
    assertProblem(farm.api.post("/api/v1/sync", farm.recorder, new JsonObject()), 400, "invalid_field", "records");
    assertProblem(farm.api.post("/api/v1/sync", farm.recorder, new JsonObject().put("records", "all of them")),
        400, "invalid_field", "records");
    assertProblem(farm.sync(new JsonArray()), 400, "invalid_field", "records");
    assertProblem(farm.sync(daysWork(499)), 400, "invalid_field", "records");
    assertProblem(farm.api.postRaw("/api/v1/sync", farm.recorder, "application/json", Buffer.buffer("{\"records\": [")),
        400, "malformed_json", null);
    assertProblem(farm.api.post("/api/v1/sync", null, new JsonObject().put("records", daysWork(1))), 401, "unauthorized", null);
    assertEquals(0, farm.count("operations"));
    assertEquals(0, farm.count("production_units"));
  }
}
