package agritrace.production;

import agritrace.Farm;
import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RecordsTest {

  private Farm farm;

  @BeforeEach
  void setUp(Vertx vertx) {
    farm = new Farm(new Api(vertx));
  }

  @Test
  @DisplayName("a plot, an input and an operation are recorded and read back with both times kept")
  void recordEachKind() {
    JsonObject plot = Farm.plot();
    String plotId = farm.create("plot", plot);
    String inputId = farm.create("input", Farm.pesticide(7).put("intervalsByCrop", new JsonObject().put(" 青菜 ", 10.0)));
    JsonObject spraying = Farm.spraying(plotId, inputId, Farm.today().minusDays(3)).put("notes", "防治蚜虫");
    farm.create("operation", spraying);

    JsonObject readPlot = farm.api.get("/api/v1/plots/" + plotId, farm.recorder).json();
    assertEquals("一号大棚", readPlot.getString("name"));
    assertEquals("青菜", readPlot.getString("crop"));
    assertEquals(2.5, readPlot.getDouble("size"));
    assertEquals(30.25, readPlot.getDouble("lat"));
    JsonObject input = farm.api.get("/api/v1/inputs/" + inputId, farm.recorder).json();
    assertEquals(10, input.getJsonObject("intervalsByCrop").getInteger("青菜"));
    assertEquals("吡虫啉", input.getJsonArray("activeIngredients").getString(0));
    JsonObject op = farm.api.get("/api/v1/operations/" + spraying.getString("id"), farm.recorder).json();
    assertEquals(spraying.getString("occurredAt"), op.getString("occurredAt"), "the phone's time, with its offset");
    assertTrue(op.getString("receivedAt").endsWith("Z"), "and the server's time of receipt");
    assertEquals(20, op.getValue("dose"), "whole numbers stay whole");
    assertEquals("防治蚜虫", op.getString("notes"));
    String recorderId = farm.api.get("/api/v1/auth/me", farm.recorder).json().getString("id");
    assertEquals(recorderId, op.getString("recordedBy"), "who recorded it");
    assertEquals(1, op.getJsonArray("history").size());

    JsonArray ops = farm.api.get("/api/v1/operations?plotId=" + plotId, farm.recorder).json().getJsonArray("items");
    assertEquals(1, ops.size());
    assertEquals(1, farm.api.get("/api/v1/plots", farm.recorder).json().getJsonArray("items").size());
  }

  @Test
  @DisplayName("every kind of production unit and of operation can be recorded, livestock included")
  void allKinds() {
    for (String kind : Records.UNIT_KINDS) {
      farm.create("plot", Farm.plot().put("kind", kind).put("sizeUnit", kind.equals("barn") ? "head" : "mu"));
    }
    for (String unit : new String[] {"hectare", "m2"}) {
      String id = farm.create("plot", Farm.plot().put("kind", "orchard").put("size", 1.2).put("sizeUnit", unit));
      assertEquals(unit, farm.api.get("/api/v1/plots/" + id, farm.recorder).json().getString("sizeUnit"));
    }
    String barn = farm.create("plot", Farm.plot().put("kind", "pen").put("name", "三号猪舍").put("size", 120).put("sizeUnit", "head").put("crop", "生猪"));
    String feed = farm.create("input", Farm.fertilizer().put("kind", "feed").put("name", "育肥猪饲料"));
    String drug = farm.create("input", Farm.pesticide(7).put("kind", "vet_drug").put("name", "恩诺沙星注射液").put("registrationNo", "兽药字(2020)110012345"));
    farm.create("operation", Farm.operation(barn, "feeding", Farm.today()).put("inputId", feed).put("inputLot", "F-11").put("quantity", 200).put("quantityUnit", "kg"));
    farm.create("operation", Farm.operation(barn, "vet_treatment", Farm.today()).put("inputId", drug).put("inputLot", "V-3")
        .put("dose", 0.1).put("doseUnit", "ml_per_head").put("quantity", 12).put("quantityUnit", "ml"));
    for (String type : new String[] {"seeding", "transplanting", "irrigation", "weeding", "other"}) {
      farm.create("operation", Farm.operation(barn, type, Farm.today()));
    }
    assertEquals(Records.UNIT_KINDS.size() + 3, farm.count("production_units"));
    assertEquals(7, farm.count("operations"));
  }

  @Test
  @DisplayName("bad records are refused naming the field, and nothing is written")
  void badRecords() {
    String plotId = farm.create("plot", Farm.plot());
    String fertilizer = farm.create("input", Farm.fertilizer());
    String pesticide = farm.create("input", Farm.pesticide(7));
    long before = farm.count("operations");
    java.time.LocalDate day = Farm.today();
    Object[][] cases = {
        {Farm.spraying(plotId, pesticide, day).put("quantity", -5), "quantity"},
        {Farm.spraying(plotId, pesticide, day).put("quantity", 1e9), "quantity"},
        {Farm.spraying(plotId, pesticide, day).put("quantityUnit", "bucket"), "quantityUnit"},
        {Farm.spraying(plotId, pesticide, day).put("doseUnit", "handful"), "doseUnit"},
        {Farm.spraying(plotId, pesticide, day).put("occurredAt", java.time.OffsetDateTime.now(Farm.CHINA).plusHours(2).toString()), "occurredAt"},
        {Farm.spraying(plotId, pesticide, day).put("occurredAt", "2026-11-20T09:30:00"), "occurredAt"},
        {Farm.spraying(plotId, pesticide, day).put("occurredAt", "1999-12-31T09:30:00+08:00"), "occurredAt"},
        {Farm.spraying(plotId, pesticide, day).putNull("inputId"), "inputId"},
        {Farm.spraying(plotId, pesticide, day).putNull("inputLot"), "inputLot"},
        {Farm.spraying(plotId, fertilizer, day), "inputId"},
        {Farm.spraying(plotId, UUID.randomUUID().toString(), day), "inputId"},
        {Farm.spraying(UUID.randomUUID().toString(), pesticide, day), "plotId"},
        {Farm.spraying(plotId, pesticide, day).put("type", "dancing"), "type"},
        {Farm.spraying(plotId, pesticide, day).put("id", "123"), "id"},
        {Farm.harvest(plotId, day).putNull("crop"), "crop"},
        {Farm.harvest(plotId, day).putNull("quantity"), "quantity"},
        {Farm.operation(plotId, "irrigation", day).put("inputId", pesticide), "inputId"},
        {Farm.operation(plotId, "irrigation", day).put("corrects", UUID.randomUUID().toString()), "correctionReason"},
    };
    for (Object[] c : cases) {
      assertProblem(farm.api.post("/api/v1/operations", farm.recorder, (JsonObject) c[0]), 400, "invalid_field", (String) c[1]);
    }
    assertEquals(before, farm.count("operations"));

    long plots = farm.count("production_units");
    assertProblem(farm.api.post("/api/v1/plots", farm.recorder, Farm.plot().put("size", 0)), 400, "invalid_field", "size");
    assertProblem(farm.api.post("/api/v1/plots", farm.recorder, Farm.plot().put("sizeUnit", "acre")), 400, "invalid_field", "sizeUnit");
    assertProblem(farm.api.post("/api/v1/plots", farm.recorder, Farm.plot().put("lat", 95)), 400, "invalid_field", "lat");
    assertProblem(farm.api.post("/api/v1/plots", farm.recorder, Farm.plot().putNull("lon")), 400, "invalid_field", "lon");
    assertProblem(farm.api.post("/api/v1/plots", farm.recorder, Farm.plot().put("kind", "spaceship")), 400, "invalid_field", "kind");
    assertEquals(plots, farm.count("production_units"));
    long inputs = farm.count("inputs");
    assertProblem(farm.api.post("/api/v1/inputs", farm.recorder, Farm.pesticide(7).putNull("intervalDays")), 400, "invalid_field", "intervalDays");
    assertProblem(farm.api.post("/api/v1/inputs", farm.recorder, Farm.pesticide(400)), 400, "invalid_field", "intervalDays");
    assertProblem(farm.api.post("/api/v1/inputs", farm.recorder, Farm.pesticide(7).putNull("registrationNo")), 400, "invalid_field", "registrationNo");
    assertProblem(farm.api.post("/api/v1/inputs", farm.recorder, Farm.pesticide(7).put("kind", "vet_drug").putNull("registrationNo")),
        400, "invalid_field", "registrationNo");
    assertProblem(farm.api.post("/api/v1/inputs", farm.recorder, Farm.pesticide(7).put("intervalsByCrop", new JsonObject().put("青菜", -1))),
        400, "invalid_field", "intervalsByCrop");
    assertEquals(inputs, farm.count("inputs"));
    assertProblem(farm.api.postRaw("/api/v1/operations", farm.recorder, "application/json", Buffer.buffer("{\"id\":")), 400, "malformed_json", null);
    assertProblem(farm.api.postRaw("/api/v1/operations", farm.recorder, "text/plain", Buffer.buffer("x")), 415, "unsupported_media_type", null);
  }

  @Test
  @DisplayName("a phone's clock a few minutes ahead is allowed for; further ahead is refused")
  void clockSkew() {
    String plotId = farm.create("plot", Farm.plot());
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(Farm.CHINA).withNano(0);
    farm.create("operation", Farm.operation(plotId, "irrigation", Farm.today()).put("occurredAt", now.plusMinutes(5).toString()));
    assertProblem(farm.api.post("/api/v1/operations", farm.recorder,
        Farm.operation(plotId, "irrigation", Farm.today()).put("occurredAt", now.plus(Records.CLOCK_SKEW).plusMinutes(2).toString())),
        400, "invalid_field", "occurredAt");
    assertEquals(1, farm.count("operations"));
  }

  @Test
  @DisplayName("a correction is a new record naming the one it corrects and why; reads show the current value and the history")
  void corrections() {
    String plotId = farm.create("plot", Farm.plot());
    JsonObject original = Farm.operation(plotId, "irrigation", Farm.today().minusDays(2)).put("notes", "浇水 2 小时");
    farm.create("operation", original);
    JsonObject fix = Farm.correcting(original, "记错了时长").put("notes", "浇水 1 小时");
    farm.create("operation", fix);
    JsonObject secondFix = Farm.correcting(fix, "补充").put("notes", "浇水 1 小时，滴灌");
    farm.create("operation", secondFix);

    JsonObject read = farm.api.get("/api/v1/operations/" + original.getString("id"), farm.recorder).json();
    assertEquals("浇水 1 小时，滴灌", read.getString("notes"));
    assertEquals(2, read.getInteger("revision"));
    assertEquals(original.getString("id"), read.getString("recordId"));
    JsonArray history = read.getJsonArray("history");
    assertEquals(3, history.size());
    assertEquals("浇水 2 小时", history.getJsonObject(0).getString("notes"));
    assertEquals("记错了时长", history.getJsonObject(1).getString("correctionReason"));
    assertEquals(read, farm.api.get("/api/v1/operations/" + secondFix.getString("id"), farm.recorder).json());
    assertEquals(1, farm.api.get("/api/v1/operations?plotId=" + plotId, farm.recorder).json().getJsonArray("items").size(),
        "lists show each record once, at its current value");

    assertProblem(farm.api.post("/api/v1/operations", farm.recorder, original.copy().put("id", Farm.newId())
        .put("corrects", UUID.randomUUID().toString()).put("correctionReason", "x")), 400, "invalid_field", "corrects");
    assertProblem(farm.api.post("/api/v1/operations", farm.recorder, Farm.operation(plotId, "weeding", Farm.today())
        .put("corrects", original.getString("id")).put("correctionReason", "x")), 400, "invalid_field", "type");
    String plotFix = Farm.newId();
    farm.create("plot", Farm.plot().put("id", plotFix).put("corrects", plotId).put("correctionReason", "面积量错").put("size", 3));
    assertEquals(3, farm.api.get("/api/v1/plots/" + plotId, farm.recorder).json().getInteger("size"));
  }

  @Test
  @DisplayName("the producer's operations list newest first across its plots, each once at its current value, page by page")
  void listAcrossPlots() {
    String east = farm.create("plot", Farm.plot());
    String west = farm.create("plot", Farm.plot().put("name", "二号大棚"));
    JsonObject[] ops = {
        Farm.operation(east, "irrigation", Farm.today().minusDays(5)),
        Farm.operation(west, "weeding", Farm.today().minusDays(4)),
        Farm.operation(east, "irrigation", Farm.today().minusDays(3)),
        Farm.operation(west, "irrigation", Farm.today().minusDays(1))};
    for (JsonObject op : ops) {
      farm.create("operation", op);
    }
    farm.create("operation", Farm.correcting(ops[1], "记错了").put("notes", "人工除草"));

    JsonArray all = farm.api.get("/api/v1/operations", farm.recorder).json().getJsonArray("items");
    assertEquals(4, all.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(ops[3 - i].getString("id"), all.getJsonObject(i).getString("recordId"), "newest first, item " + i);
    }
    assertEquals("人工除草", all.getJsonObject(2).getString("notes"), "at its current value");
    JsonArray second = farm.api.get("/api/v1/operations?limit=2&offset=2", farm.recorder).json().getJsonArray("items");
    assertEquals(List.of(ops[1].getString("id"), ops[0].getString("id")),
        second.stream().map(o -> ((JsonObject) o).getString("recordId")).toList());
    JsonArray westOnly = farm.api.get("/api/v1/operations?plotId=" + west, farm.recorder).json().getJsonArray("items");
    assertEquals(List.of(ops[3].getString("id"), ops[1].getString("id")),
        westOnly.stream().map(o -> ((JsonObject) o).getString("recordId")).toList());
  }

  @Test
  @DisplayName("the 有生产记录 pillar needs a production unit and an operation in the last 30 days")
  void productionPillar() {
    assertTrue(pillarReason().contains("no plot"), pillarReason());
    String plotId = farm.create("plot", Farm.plot());
    farm.create("operation", Farm.operation(plotId, "weeding", Farm.today().minusDays(40)));
    assertEquals("no farming operation recorded in the last 30 days", pillarReason());
    farm.create("operation", Farm.operation(plotId, "weeding", Farm.today().minusDays(29)));
    assertEquals(null, pillarReason());
  }

  private String pillarReason() {
    JsonObject profile = farm.api.with("Accept-Language", "en")
        .get("/api/v1/producers/" + farm.producerId + "/profile", farm.recorder).json();
    return profile.getJsonArray("pillars").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("key").equals("production_records")).findFirst().orElseThrow().getString("reason");
  }

  @Test
  @DisplayName("records are evidence: the database refuses to change or delete them")
  void appendOnly() {
    String plotId = farm.create("plot", Farm.plot());
    String inputId = farm.create("input", Farm.pesticide(7));
    String harvestId = farm.create("operation", Farm.harvest(plotId, Farm.today()));
    TestServer db = TestServer.get();
    UUID batch = db.sql("SELECT id FROM batches WHERE harvest_id = $1", UUID.fromString(harvestId)).iterator().next().getUUID(0);
    Object[][] rows = {{"production_units", "id", UUID.fromString(plotId)}, {"inputs", "id", UUID.fromString(inputId)},
        {"operations", "id", UUID.fromString(harvestId)}, {"batches", "id", batch}, {"batch_events", "batch_id", batch}};
    for (Object[] row : rows) {
      String where = " WHERE " + row[1] + " = $1";
      assertThrows(IllegalStateException.class, () -> db.sql("UPDATE " + row[0] + " SET " + row[1] + " = " + row[1] + where, row[2]),
          "UPDATE " + row[0]);
      assertThrows(IllegalStateException.class, () -> db.sql("DELETE FROM " + row[0] + where, row[2]), "DELETE " + row[0]);
      assertEquals(1, db.count("SELECT count(*) FROM " + row[0] + where, row[2]), row[0].toString());
    }
  }

  @Test
  @DisplayName("sending a single record again is answered as before and stores it once")
  void singleRecordIdempotency() {
    JsonObject plot = Farm.plot();
    assertStatus(farm.api.post("/api/v1/plots", farm.recorder, plot), 201);
    Api.Response again = farm.api.post("/api/v1/plots", farm.recorder, plot);
    assertStatus(again, 200);
    assertEquals("duplicate", again.json().getString("status"));
    assertEquals(1, farm.count("production_units"));
    String plotId = plot.getString("id");
    for (var record : List.of(Map.entry("input", Farm.pesticide(7)), Map.entry("operation", Farm.operation(plotId, "weeding", Farm.today())))) {
      String path = "/api/v1/" + record.getKey() + "s";
      assertStatus(farm.api.post(path, farm.recorder, record.getValue()), 201);
      Api.Response resent = farm.api.post(path, farm.recorder, record.getValue());
      assertStatus(resent, 200);
      assertEquals("duplicate", resent.json().getString("status"), record.getKey());
    }
    assertEquals(1, farm.count("inputs"));
    assertEquals(1, farm.count("operations"));
  }

  @Test
  @DisplayName("who may record and read: the producer's recorders and admins write; others' users are refused")
  void permissions() {
    String plotId = farm.create("plot", Farm.plot());
    Farm other = new Farm(farm.api);
    long before = farm.count("operations");
    // Another producer's recorder can neither use this plot nor read it.
    assertProblem(farm.api.post("/api/v1/operations", other.recorder, Farm.operation(plotId, "irrigation", Farm.today())),
        400, "invalid_field", "plotId");
    assertProblem(farm.api.get("/api/v1/plots/" + plotId, other.recorder), 403, "forbidden", null);
    assertProblem(farm.api.get("/api/v1/plots?producerId=" + farm.producerId, other.recorder), 403, "forbidden", null);
    // A correction cannot reach across producers either.
    assertProblem(farm.api.post("/api/v1/plots", other.recorder, Farm.plot().put("corrects", plotId).put("correctionReason", "x")),
        400, "invalid_field", "corrects");
    String tester = farm.api.newUser(farm.admin, farm.producerId, "tester");
    assertProblem(farm.api.post("/api/v1/operations", tester, Farm.operation(plotId, "irrigation", Farm.today())), 403, "forbidden", null);
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    assertProblem(farm.api.post("/api/v1/plots", inspector, Farm.plot()), 403, "forbidden", null);
    assertProblem(farm.api.post("/api/v1/sync", farm.admin, new JsonObject().put("records", new JsonArray())), 403, "forbidden", null);
    assertProblem(farm.api.post("/api/v1/operations", null, Farm.operation(plotId, "irrigation", Farm.today())), 401, "unauthorized", null);
    assertEquals(before, farm.count("operations"));

    assertStatus(farm.api.get("/api/v1/plots/" + plotId, inspector), 200);
    assertStatus(farm.api.get("/api/v1/plots?producerId=" + farm.producerId, inspector), 200);
    assertProblem(farm.api.get("/api/v1/plots", inspector), 400, "invalid_field", "producerId");
    assertProblem(farm.api.get("/api/v1/plots?producerId=nope", inspector), 400, "invalid_field", "producerId");
    for (String list : new String[] {"plots", "inputs", "operations", "batches"}) {
      assertProblem(farm.api.get("/api/v1/" + list + "?producerId=" + UUID.randomUUID(), inspector), 404, "not_found", null);
      assertProblem(farm.api.get("/api/v1/" + list + "?producerId=" + farm.producerId, other.recorder), 403, "forbidden", null);
    }
    assertProblem(farm.api.get("/api/v1/operations/" + UUID.randomUUID(), inspector), 404, "not_found", null);
    String producerAdmin = farm.api.newUser(farm.admin, farm.producerId, "producer_admin");
    assertStatus(farm.api.post("/api/v1/operations", producerAdmin, Farm.operation(plotId, "weeding", Farm.today())), 201);
  }
}
