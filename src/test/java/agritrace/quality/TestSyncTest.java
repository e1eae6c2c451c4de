package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests sent through the offline sync, naming their batch by the harvest's phone-made id, on the real server and database. */
@ExtendWith(VertxExtension.class)
class TestSyncTest {

  /** A harvest of this catalogue's 青菜 made on the phone, not sent yet. */
  private static JsonObject harvest(Lab lab) {
    return Farm.harvest(lab.plot, Farm.today()).put("crop", "青菜" + lab.ref.s);
  }

  private static JsonObject test(JsonObject test, String harvestId) {
    return Farm.record("test", test.copy().put("harvestId", harvestId));
  }

  private static Api.Response sync(Lab lab, String token, JsonObject... items) {
    JsonArray records = new JsonArray();
    for (JsonObject item : items) {
      records.add(item);
    }
    Api.Response r = lab.api.post("/api/v1/sync", token, new JsonObject().put("records", records));
    assertStatus(r, 200);
    return r;
  }

  private static JsonObject result(Api.Response r, int i) {
    return r.json().getJsonArray("results").getJsonObject(i);
  }

  private static Row stored(String testId) {
    return TestServer.get().sql("SELECT t.batch_id, t.result, t.effect, u.role FROM quality_tests t"
        + " JOIN users u ON u.id = t.recorded_by WHERE t.id = $1", UUID.fromString(testId)).iterator().next();
  }

  private static long tests(Lab lab) {
    return lab.farm.count("quality_tests");
  }

  @Test
  @DisplayName("a harvest and its test in one sync: the harvest makes the batch, the test is judged on it and answered in words")
  void harvestAndTest(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject harvest = harvest(lab);
    JsonObject rapid = Lab.rapid(20);
    // The test first: tests are written after the request's production records, whatever the order sent.
    Api.Response r = sync(lab, lab.farm.recorder, test(rapid, harvest.getString("id")), Farm.record("operation", harvest));
    assertEquals(2, r.json().getInteger("created"));
    JsonObject answer = result(r, 0);
    assertEquals(rapid.getString("id"), answer.getString("id"));
    assertEquals("test", answer.getString("type"));
    assertEquals("created", answer.getString("status"));
    assertEquals("sync.test_recorded", answer.getString("code"));
    assertEquals("quality.rapid_negative", answer.getJsonObject("args").getJsonObject("judgement").getString("code"));
    assertEquals("quality.effect_released", answer.getJsonObject("args").getJsonObject("effect").getString("code"));
    assertEquals("已记录。速测阴性：抑制率 20% 低于 50%。该批次已放行，可以销售。", answer.getString("message"));
    assertEquals("negative", answer.getJsonObject("test").getString("result"));
    assertEquals("released", answer.getJsonObject("batch").getString("status"));
    String batchId = result(r, 1).getJsonObject("batch").getString("id");
    assertEquals(batchId, answer.getJsonObject("batch").getString("id"));
    Row row = stored(rapid.getString("id"));
    assertEquals(batchId, row.getUUID("batch_id").toString());
    assertEquals("negative", row.getString("result"));
    assertEquals("recorder", row.getString("role"));
    assertEquals("released", lab.status(batchId));
  }

  @Test
  @DisplayName("a tester syncs a positive test of a harvest sent earlier: the batch is held, and the answer says so in English when asked")
  void harvestSentEarlier(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject harvest = harvest(lab);
    lab.farm.create("operation", harvest);
    JsonObject rapid = Lab.rapid(62.5);
    Api.Response r = lab.api.with("Accept-Language", "en").post("/api/v1/sync", lab.tester,
        new JsonObject().put("records", new JsonArray().add(test(rapid, harvest.getString("id")))));
    assertStatus(r, 200);
    JsonObject answer = result(r, 0);
    assertEquals("created", answer.getString("status"));
    assertEquals("held", answer.getJsonObject("batch").getString("status"));
    assertEquals("held", answer.getJsonObject("test").getString("effect"));
    assertEquals("Recorded. " + answer.getJsonObject("test").getJsonObject("judgement").getString("message") + " "
        + answer.getJsonObject("test").getJsonObject("effectMessage").getString("message"), answer.getString("message"));
    Row row = stored(rapid.getString("id"));
    assertEquals("tester", row.getString("role"));
    assertEquals("held", lab.status(row.getUUID("batch_id").toString()));
  }

  @Test
  @DisplayName("a test sent again is a duplicate with its judgement, by sync or by its route; other content under its id is a conflict")
  void resend(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject harvest = harvest(lab);
    JsonObject rapid = Lab.rapid(70);
    Api.Response first = sync(lab, lab.tester, test(rapid, harvest.getString("id")));
    assertEquals("rejected", result(first, 0).getString("status"), "its harvest has not arrived yet");
    lab.farm.create("operation", harvest);
    assertEquals("created", result(sync(lab, lab.tester, test(rapid, harvest.getString("id"))), 0).getString("status"));
    Api.Response again = sync(lab, lab.tester, test(rapid, harvest.getString("id")));
    assertEquals(1, again.json().getInteger("duplicate"));
    assertEquals("duplicate", result(again, 0).getString("status"));
    assertEquals("quality.rapid_positive", result(again, 0).getJsonObject("args").getJsonObject("judgement").getString("code"));
    String batchId = result(again, 0).getJsonObject("batch").getString("id");
    assertStatus(lab.send(lab.tester, batchId, rapid), 200);
    Api.Response changed = sync(lab, lab.tester, test(rapid.copy().put("inhibitionRate", 10), harvest.getString("id")),
        test(rapid, harvest.getString("id")));
    assertEquals(1, changed.json().getInteger("conflict"));
    assertEquals("conflict", result(changed, 0).getString("status"));
    assertEquals("quality.test_id_taken", result(changed, 0).getString("code"));
    assertEquals("id", result(changed, 0).getString("field"));
    assertEquals("duplicate", result(changed, 1).getString("status"));
    assertEquals(1, tests(lab));
    assertEquals("positive", stored(rapid.getString("id")).getString("result"));
    assertEquals("held", lab.status(batchId));
  }

  @Test
  @DisplayName("a test naming an unknown harvest or another producer's is rejected alike, telling nothing of the other producer")
  void unknownHarvest(Vertx vertx) {
    Lab lab = new Lab(vertx);
    Lab other = new Lab(vertx);
    JsonObject theirs = harvest(other);
    other.farm.create("operation", theirs);
    String theirBatch = TestServer.get().sql("SELECT id FROM batches WHERE harvest_id = $1",
        UUID.fromString(theirs.getString("id"))).iterator().next().getUUID("id").toString();
    Api.Response r = sync(lab, lab.tester, test(Lab.rapid(80), Farm.newId()), test(Lab.rapid(80), theirs.getString("id")),
        Farm.record("test", Lab.rapid(80).put("batchId", Farm.newId())),
        Farm.record("test", Lab.rapid(80).put("batchId", theirBatch)));
    assertEquals(4, r.json().getInteger("rejected"));
    for (int i = 0; i < 2; i++) {
      assertEquals("rejected", result(r, i).getString("status"));
      assertEquals("quality.sync_harvest_unknown", result(r, i).getString("code"));
      assertEquals("harvestId", result(r, i).getString("field"));
      assertEquals(null, result(r, i).getJsonObject("batch"));
    }
    assertEquals(result(r, 0).getString("message"), result(r, 1).getString("message"));
    assertEquals("quality.sync_batch_unknown", result(r, 2).getString("code"));
    assertEquals(result(r, 2).getString("message"), result(r, 3).getString("message"));
    assertEquals("batchId", result(r, 3).getString("field"));
    assertEquals(0, tests(lab));
    assertEquals(0, tests(other));
    assertEquals("harvested", other.status(theirBatch));
  }

  @Test
  @DisplayName("bad values are rejected naming the field, and the good items of the same request are written")
  void badValues(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject harvest = harvest(lab);
    lab.farm.create("operation", harvest);
    String id = harvest.getString("id");
    JsonObject noBatch = Lab.rapid(10);
    JsonObject good = Lab.rapid(10);
    Api.Response r = sync(lab, lab.tester, test(Lab.rapid(100.5), id), test(Lab.rapid(10).put("sample", ""), id),
        Farm.record("test", noBatch), Farm.record("test", Lab.rapid(10).put("harvestId", "not-an-id")),
        test(lab.lab("吡虫啉", -1), id), new JsonObject().put("type", "test").put("data", "rapid"),
        test(good, id));
    JsonArray results = r.json().getJsonArray("results");
    String[] fields = {"inhibitionRate", "sample", "harvestId", "harvestId", "analytes[0].value", "data"};
    for (int i = 0; i < fields.length; i++) {
      assertEquals("rejected", results.getJsonObject(i).getString("status"), "item " + i);
      assertEquals(fields[i], results.getJsonObject(i).getString("field"), "item " + i);
    }
    assertEquals("created", result(r, 6).getString("status"));
    assertEquals(6, r.json().getInteger("rejected"));
    assertEquals(1, tests(lab));
    assertEquals(good.getString("id"), TestServer.get().sql("SELECT id FROM quality_tests WHERE producer_id = $1",
        UUID.fromString(lab.farm.producerId)).iterator().next().getUUID("id").toString());
  }

  @Test
  @DisplayName("a tester's production records are rejected with the reason, while the tester's tests are taken")
  void testerRecords(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject harvest = harvest(lab);
    JsonObject plot = Farm.plot();
    JsonObject rapid = Lab.rapid(10);
    Api.Response r = sync(lab, lab.tester, Farm.record("plot", plot), Farm.record("operation", harvest),
        test(rapid, harvest.getString("id")));
    for (int i = 0; i < 2; i++) {
      assertEquals("rejected", result(r, i).getString("status"));
      assertEquals("sync.tester_tests_only", result(r, i).getString("code"));
      assertEquals("type", result(r, i).getString("field"));
    }
    assertEquals("quality.sync_harvest_unknown", result(r, 2).getString("code"), "its harvest was refused");
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM production_units WHERE id = $1",
        UUID.fromString(plot.getString("id"))));
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM operations WHERE id = $1",
        UUID.fromString(harvest.getString("id"))));
    lab.farm.create("operation", harvest);
    assertEquals("created", result(sync(lab, lab.tester, test(rapid, harvest.getString("id"))), 0).getString("status"));
    assertEquals(1, tests(lab));
  }
}
