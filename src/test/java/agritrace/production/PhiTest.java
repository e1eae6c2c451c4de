package agritrace.production;

import agritrace.Farm;
import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pre-harvest interval: harvest date >= application date + interval days, for every application in the cycle. */
@ExtendWith(VertxExtension.class)
class PhiTest {

  private static final LocalDate SPRAYED = Farm.today().minusDays(20);

  private Farm farm;
  private String plot;
  private String pesticide7;

  @BeforeEach
  void setUp(Vertx vertx) {
    farm = new Farm(new Api(vertx));
    plot = farm.create("plot", Farm.plot());
    pesticide7 = farm.create("input", Farm.pesticide(7));
  }

  /** Records a harvest through the single-record endpoint and returns its outcome. */
  private JsonObject harvestOn(LocalDate day) {
    Api.Response r = farm.api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, day));
    assertStatus(r, 201);
    return r.json();
  }

  @Test
  @DisplayName("a harvest inside the interval is recorded, and its batch is held saying which application, which product and the earliest date")
  void insideInterval() {
    String spraying = farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    JsonObject outcome = harvestOn(SPRAYED.plusDays(6));
    assertEquals("created", outcome.getString("status"), "the farmer did harvest: the record is kept");
    JsonObject batch = outcome.getJsonObject("batch");
    assertEquals("held", batch.getString("status"));
    assertEquals("sync.recorded_held", outcome.getString("code"), outcome.encode());
    assertTrue(outcome.getString("message").contains("暂扣"), outcome.getString("message"));
    JsonObject reason = batch.getJsonObject("reason");
    assertEquals("batch.held_at_harvest", reason.getString("code"));
    JsonObject broken = reason.getJsonObject("args").getJsonObject("violations").getJsonArray("clauses").getJsonObject(0);
    assertEquals("phi.inside_interval", broken.getString("code"));
    assertEquals(SPRAYED.plusDays(7).toString(), broken.getJsonObject("args").getString("earliest"));
    assertTrue(reason.getString("message").contains("吡虫啉"), reason.getString("message"));
    assertTrue(reason.getString("message").contains(SPRAYED.plusDays(7).toString()), reason.getString("message"));
    JsonObject violation = batch.getJsonArray("violations").getJsonObject(0);
    assertEquals(spraying, violation.getString("applicationId"));
    assertEquals(SPRAYED.plusDays(7).toString(), violation.getString("earliestHarvest"));
    assertEquals(7, violation.getInteger("intervalDays"));
  }

  @Test
  @DisplayName("the hold is stored as a code: the sync answers in English when asked, and the batch reads in Chinese by default")
  void holdInBothLanguages() {
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    JsonObject harvest = Farm.harvest(plot, SPRAYED.plusDays(2));
    JsonObject outcome = farm.api.with("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5")
        .post("/api/v1/sync", farm.recorder, new JsonObject().put("records", new JsonArray().add(Farm.record("operation", harvest))))
        .json().getJsonArray("results").getJsonObject(0);
    assertTrue(outcome.getString("message").startsWith("Recorded. The batch "), outcome.getString("message"));
    assertTrue(outcome.getString("message").contains("pre-harvest interval is 7 days"), outcome.getString("message"));
    String batchId = outcome.getJsonObject("batch").getString("id");
    JsonObject read = farm.api.get("/api/v1/batches/" + batchId, farm.recorder).json();
    assertTrue(read.getJsonObject("reason").getString("message").startsWith("采收时暂扣："), read.encode());
    assertTrue(read.getJsonObject("reason").getString("message").contains("安全间隔期 7 天"), read.encode());
    String stored = agritrace.TestServer.get().sql("SELECT message::text AS m, reason FROM batch_events WHERE batch_id = $1",
        java.util.UUID.fromString(batchId)).iterator().next().getString("m");
    assertTrue(stored.contains("\"code\": \"batch.held_at_harvest\"") && !stored.contains("安全间隔期"), stored);
  }

  @Test
  @DisplayName("a harvest on the boundary day, or after, is not held")
  void boundaryAndAfter() {
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    assertEquals("harvested", harvestOn(SPRAYED.plusDays(7)).getJsonObject("batch").getString("status"));
    assertEquals("harvested", harvestOn(SPRAYED.plusDays(12)).getJsonObject("batch").getString("status"));
  }

  @Test
  @DisplayName("with several pesticides, each must have run its own interval; the per-crop interval wins over the default")
  void severalPesticides() {
    String longer = farm.create("input", Farm.pesticide(3).put("name", "毒死蜱").put("intervalsByCrop", new JsonObject().put("青菜", 14)));
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    farm.create("operation", Farm.spraying(plot, longer, SPRAYED.plusDays(2)));
    JsonObject held = harvestOn(SPRAYED.plusDays(10)).getJsonObject("batch");
    assertEquals("held", held.getString("status"));
    JsonArray violations = held.getJsonArray("violations");
    assertEquals(1, violations.size(), "吡虫啉's 7 days have passed; 毒死蜱's 14 for 青菜 have not");
    assertEquals("毒死蜱", violations.getJsonObject(0).getString("inputName"));
    assertEquals(SPRAYED.plusDays(16).toString(), violations.getJsonObject(0).getString("earliestHarvest"));
    assertEquals("harvested", harvestOn(SPRAYED.plusDays(16)).getJsonObject("batch").getString("status"));
  }

  @Test
  @DisplayName("a pesticide application synced after the harvest it precedes puts the batch on hold")
  void lateArrivingApplication() {
    JsonObject batch = harvestOn(SPRAYED.plusDays(3)).getJsonObject("batch");
    assertEquals("harvested", batch.getString("status"));
    Api.Response late = farm.sync(new JsonArray().add(Farm.record("operation", Farm.spraying(plot, pesticide7, SPRAYED))));
    assertEquals(1, late.json().getInteger("created"));
    JsonObject read = farm.api.get("/api/v1/batches/" + batch.getString("id"), farm.recorder).json();
    assertEquals("held", read.getString("status"));
    assertEquals("batch.held_after_record", read.getJsonObject("reason").getString("code"), read.encode());
    JsonArray history = read.getJsonArray("history");
    assertEquals(2, history.size());
    assertEquals("harvested", history.getJsonObject(0).getString("status"));
    assertEquals("held", history.getJsonObject(1).getString("status"));
  }

  @Test
  @DisplayName("a harvest synced before the application it depends on, in one request, is held too")
  void outOfOrderInOneSync() {
    JsonObject harvest = Farm.harvest(plot, SPRAYED.plusDays(2));
    JsonArray records = new JsonArray().add(Farm.record("operation", harvest))
        .add(Farm.record("operation", Farm.spraying(plot, pesticide7, SPRAYED)));
    JsonObject result = farm.sync(records).json().getJsonArray("results").getJsonObject(0);
    assertEquals("held", result.getJsonObject("batch").getString("status"));
  }

  @Test
  @DisplayName("a correction of the application's date, or of the product's interval, is judged like a new record")
  void corrections() {
    JsonObject spraying = Farm.spraying(plot, pesticide7, SPRAYED.minusDays(30));
    farm.create("operation", spraying);
    JsonObject batch = harvestOn(SPRAYED).getJsonObject("batch");
    assertEquals("harvested", batch.getString("status"));
    // The product's label says 60 days, not 7: the correction of the input reaches the batch.
    farm.create("input", Farm.pesticide(60).put("id", Farm.newId()).put("corrects", pesticide7).put("correctionReason", "标签为 60 天"));
    JsonObject read = farm.api.get("/api/v1/batches/" + batch.getString("id"), farm.recorder).json();
    assertEquals("held", read.getString("status"));
    assertEquals(60, read.getJsonArray("violations").getJsonObject(0).getInteger("intervalDays"));
  }

  @Test
  @DisplayName("a seeding moved to another plot by a correction no longer starts this plot's cycle: the harvest is held")
  void seedingMovedAway() {
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    JsonObject seeding = Farm.operation(plot, "seeding", SPRAYED.plusDays(1));
    farm.create("operation", seeding);
    JsonObject batch = harvestOn(SPRAYED.plusDays(3)).getJsonObject("batch");
    assertEquals("harvested", batch.getString("status"), "the seeding started a new cycle after the spraying");
    String otherPlot = farm.create("plot", Farm.plot().put("name", "二号大棚"));
    farm.create("operation", Farm.correcting(seeding, "播种在二号大棚").put("plotId", otherPlot));
    JsonObject read = farm.api.get("/api/v1/batches/" + batch.getString("id"), farm.recorder).json();
    assertEquals("held", read.getString("status"), read.encode());
  }

  @Test
  @DisplayName("each broken interval is reported once: a later record that changes nothing adds no event")
  void reportedOnce() {
    JsonObject spraying = Farm.spraying(plot, pesticide7, SPRAYED);
    farm.create("operation", spraying);
    JsonObject batch = harvestOn(SPRAYED.plusDays(2)).getJsonObject("batch");
    assertEquals("held", batch.getString("status"));
    farm.create("operation", Farm.correcting(spraying, "剂量记错").put("dose", 25));
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED.minusDays(10)));
    JsonArray history = farm.api.get("/api/v1/batches/" + batch.getString("id"), farm.recorder).json().getJsonArray("history");
    assertEquals(1, history.size(), history.encode());

    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED.plusDays(1)));
    history = farm.api.get("/api/v1/batches/" + batch.getString("id"), farm.recorder).json().getJsonArray("history");
    assertEquals(2, history.size(), "a second application inside the interval is a new reason: " + history.encode());
    assertEquals(1, history.getJsonObject(1).getJsonObject("details").getJsonArray("violations").size());
  }

  @Test
  @DisplayName("a veterinary drug's withdrawal period holds a slaughter batch the same way")
  void withdrawalPeriod() {
    String pen = farm.create("plot", Farm.plot().put("kind", "pen").put("size", 80).put("sizeUnit", "head").put("crop", "生猪"));
    String drug = farm.create("input", Farm.pesticide(28).put("kind", "vet_drug").put("name", "恩诺沙星注射液").put("registrationNo", "兽药字110012345"));
    farm.create("operation", Farm.operation(pen, "vet_treatment", SPRAYED).put("inputId", drug).put("inputLot", "V-3")
        .put("dose", 2.5).put("doseUnit", "mg_per_kg_bw").put("quantity", 80).put("quantityUnit", "ml"));
    Api.Response slaughter = farm.api.post("/api/v1/operations", farm.recorder,
        Farm.operation(pen, "harvest", SPRAYED.plusDays(10)).put("crop", "生猪").put("quantity", 20).put("quantityUnit", "head"));
    JsonObject batch = slaughter.json().getJsonObject("batch");
    assertEquals("held", batch.getString("status"));
    assertEquals("phi.inside_withdrawal", batch.getJsonObject("reason").getJsonObject("args").getJsonObject("violations")
        .getJsonArray("clauses").getJsonObject(0).getString("code"));
    assertTrue(batch.getJsonObject("reason").getString("message").contains("休药期"), batch.encode());
  }

  @Test
  @DisplayName("a new seeding starts a new cycle: applications before it do not hold the next harvest")
  void cycleStartsAtSeeding() {
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    farm.create("operation", Farm.operation(plot, "seeding", SPRAYED.plusDays(1)));
    JsonObject outcome = harvestOn(SPRAYED.plusDays(3));
    assertEquals("harvested", outcome.getJsonObject("batch").getString("status"));
    JsonObject read = farm.api.get("/api/v1/batches/" + outcome.getJsonObject("batch").getString("id"), farm.recorder).json();
    JsonArray ops = read.getJsonArray("operations");
    assertEquals(2, ops.size(), "the cycle: the seeding and the harvest");
    assertEquals("seeding", ops.getJsonObject(0).getString("type"));
  }

  @Test
  @DisplayName("a batch shows its lot code, status and the operations of its cycle; an inspector releases a held batch")
  void batchDetailAndRelease() {
    farm.create("operation", Farm.operation(plot, "seeding", SPRAYED.minusDays(30)));
    farm.create("operation", Farm.spraying(plot, pesticide7, SPRAYED));
    JsonObject batch = harvestOn(SPRAYED.plusDays(1)).getJsonObject("batch");
    String shortCode = farm.api.get("/api/v1/producers/" + farm.producerId, farm.recorder).json().getString("shortCode");
    assertEquals(shortCode + "-" + SPRAYED.plusDays(1).toString().replace("-", "") + "-001", batch.getString("lotCode"));

    JsonObject read = farm.api.get("/api/v1/batches/" + batch.getString("id"), farm.recorder).json();
    assertEquals("青菜", read.getString("crop"));
    assertEquals(300, read.getValue("quantity"));
    assertEquals("一号大棚", read.getJsonObject("plot").getString("name"));
    assertEquals(3, read.getJsonArray("operations").size());
    assertEquals("吡虫啉", read.getJsonArray("operations").getJsonObject(1).getString("inputName"));
    String second = harvestOn(SPRAYED.plusDays(1)).getJsonObject("batch").getString("lotCode");
    assertTrue(second.endsWith("-002"), second);

    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    String path = "/api/v1/batches/" + batch.getString("id") + "/release";
    JsonObject why = new JsonObject().put("reason", "抽检合格，检测报告 ZJ-2026-118");
    assertProblem(farm.api.post(path, farm.recorder, why), 403, "forbidden", null);
    assertProblem(farm.api.post(path, inspector, new JsonObject()), 400, "invalid_field", "reason");
    Api.Response released = farm.api.post(path, inspector, why);
    assertStatus(released, 200);
    assertEquals("released", released.json().getString("status"));
    assertEquals("batch.released_by_inspector", released.json().getJsonObject("reason").getString("code"));
    assertEquals(why.getString("reason"), released.json().getJsonObject("reason").getJsonObject("args").getString("note"));
    Api.Response again = farm.api.post(path, inspector, why);
    assertProblem(again, 409, "conflict", null);
    assertEquals("batch.illegal_transition", again.json().getString("code"));
    assertEquals("released", again.json().getJsonObject("args").getString("current"));
    assertEquals(new JsonArray().add("held").add("rejected").add("recalled"), again.json().getJsonObject("args").getJsonArray("allowed"));
    assertStatus(farm.api.post("/api/v1/batches/" + batch.getString("id") + "/hold", inspector,
        new JsonObject().put("reason", "复检")), 200);
    assertEquals("held, released, held", farm.api.get("/api/v1/batches/" + batch.getString("id"), inspector).json()
        .getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("status")).reduce((a, b) -> a + ", " + b).orElseThrow());

    JsonArray held = farm.api.get("/api/v1/batches?status=held", farm.recorder).json().getJsonArray("items");
    assertEquals(2, held.size(), "this batch, held again, and the second harvest of the same day");
    Farm other = new Farm(farm.api);
    assertProblem(farm.api.get("/api/v1/batches/" + batch.getString("id"), other.recorder), 403, "forbidden", null);
    assertProblem(farm.api.get("/api/v1/batches/" + java.util.UUID.randomUUID(), inspector), 404, "not_found", null);
    assertProblem(farm.api.get("/api/v1/batches?status=gone", farm.recorder), 400, "invalid_field", "status");
  }

  @Test
  @DisplayName("resending a harvest returns the same batch, and the profile counts recent records")
  void resendHarvestAndProfile() {
    JsonObject harvest = Farm.harvest(plot, Farm.today().minusDays(1));
    JsonObject first = farm.api.post("/api/v1/operations", farm.recorder, harvest).json();
    Api.Response again = farm.api.post("/api/v1/operations", farm.recorder, harvest);
    assertStatus(again, 200);
    assertEquals(first.getJsonObject("batch"), again.json().getJsonObject("batch"));
    JsonObject profile = farm.api.get("/api/v1/producers/" + farm.producerId + "/profile", farm.recorder).json();
    JsonObject records = profile.getJsonArray("pillars").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("key").equals("production_records")).findFirst().orElseThrow();
    assertEquals("satisfied", records.getString("status"), records.encode());
  }
}
