package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Every judgement rule of a batch's tests and what each does to the batch, on the real server and database. */
@ExtendWith(VertxExtension.class)
class JudgementTest {

  @Test
  @DisplayName("an inhibition of 49.9 % is negative and releases a harvested batch, naming the test")
  void belowThreshold(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject test = Lab.rapid(49.9);
    Api.Response r = lab.send(lab.tester, batch, test);
    assertStatus(r, 201);
    assertEquals("negative", r.json().getJsonObject("test").getString("result"));
    assertEquals("released", r.json().getJsonObject("test").getString("effect"));
    assertEquals("released", r.json().getJsonObject("batch").getString("status"));
    assertEquals("quality.batch_released_by_test", r.json().getJsonObject("batch").getJsonObject("reason").getString("code"));
    assertEquals("released", lab.status(batch));
    Row event = TestServer.get().sql("SELECT by_user, message FROM batch_events WHERE batch_id = $1 ORDER BY id DESC LIMIT 1",
        UUID.fromString(batch)).iterator().next();
    assertNull(event.getUUID("by_user"), "a system event");
    assertEquals(test.getString("id"), event.getJsonObject("message").getJsonObject("args").getString("test"));
  }

  @Test
  @DisplayName("an inhibition of exactly 50 % is positive and holds the batch")
  void atThreshold(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    Api.Response r = lab.send(lab.tester, batch, Lab.rapid(50));
    assertStatus(r, 201);
    assertEquals("positive", r.json().getJsonObject("test").getString("result"));
    assertEquals("held", r.json().getJsonObject("batch").getString("status"));
    assertEquals("held", lab.status(batch));
    assertEquals("positive", TestServer.get().sql("SELECT result FROM quality_tests WHERE batch_id = $1",
        UUID.fromString(batch)).iterator().next().getString("result"));
  }

  @Test
  @DisplayName("a batch held by a positive rapid test is released by two negative retests in a row")
  void twoNegativesRelease(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    lab.test(batch, Lab.rapid(70));
    JsonObject first = lab.test(batch, Lab.rapid(10));
    assertEquals("held", first.getString("status"));
    assertEquals("released", lab.test(batch, Lab.rapid(12)).getString("status"));
    assertEquals("released", lab.status(batch));
  }

  @Test
  @DisplayName("a positive retest in between resets the count and keeps the batch held until a lab test decides")
  void positiveRetestNeedsLab(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    lab.test(batch, Lab.rapid(70));
    lab.test(batch, Lab.rapid(10));
    Api.Response kept = lab.send(lab.tester, batch, Lab.rapid(60));
    assertEquals("kept", kept.json().getJsonObject("test").getString("effect"));
    lab.test(batch, Lab.rapid(10));
    assertEquals("held", lab.test(batch, Lab.rapid(10)).getString("status"));
    assertEquals("held", lab.status(batch));
    assertEquals("released", lab.test(batch, lab.lab("吡虫啉", 0.1)).getString("status"));
    assertEquals(6, Lab.tests(batch));
  }

  @Test
  @DisplayName("a batch held for a broken interval is not released by rapid tests nor by a lab test missing its ingredient, but by one covering it")
  void intervalHold(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject pesticide = Farm.pesticide(7).put("activeIngredients", new JsonArray().add(lab.ref.analyte("吡虫啉")));
    String input = lab.farm.create("input", pesticide);
    lab.farm.create("operation", Farm.spraying(lab.plot, input, Farm.today().minusDays(3)));
    String batch = lab.harvest("青菜" + lab.ref.s, Farm.today());
    assertEquals("held", lab.status(batch));
    lab.test(batch, Lab.rapid(5));
    Api.Response second = lab.send(lab.tester, batch, Lab.rapid(5));
    assertEquals("held", second.json().getJsonObject("batch").getString("status"));
    assertEquals("quality.effect_interval_needs_lab",
        second.json().getJsonObject("test").getJsonObject("effectMessage").getString("code"));
    Api.Response missing = lab.send(lab.tester, batch, lab.lab("毒死蜱", 0.01));
    assertEquals("quality.effect_lab_misses_ingredients",
        missing.json().getJsonObject("test").getJsonObject("effectMessage").getString("code"));
    assertEquals("held", lab.status(batch));
    assertEquals("released", lab.test(batch, lab.lab("吡虫啉", 0.2)).getString("status"));
  }

  @Test
  @DisplayName("a lab value equal to the limit passes (also given in µg/kg), one above it rejects the batch for good")
  void limitBoundary(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String equal = lab.qingcai();
    Api.Response pass = lab.send(lab.tester, equal,
        Lab.lab(new JsonArray().add(Lab.analyte(lab.ref.analyte("吡虫啉"), 500, "µg/kg"))));
    assertStatus(pass, 201);
    JsonObject judged = pass.json().getJsonObject("test").getJsonArray("analytes").getJsonObject(0);
    assertEquals("within", judged.getString("result"));
    assertEquals(0, new java.math.BigDecimal("0.5").compareTo(new java.math.BigDecimal(judged.getValue("valueMgPerKg").toString())));
    assertEquals(lab.ref.qingcai, judged.getJsonObject("limit").getString("commodity"));
    assertEquals("released", lab.status(equal));

    String over = lab.qingcai();
    Api.Response rejected = lab.send(lab.tester, over, lab.lab("吡虫啉", 0.51));
    assertEquals("over_limit", rejected.json().getJsonObject("test").getString("result"));
    assertEquals("rejected", lab.status(over));
    Api.Response later = lab.send(lab.tester, over, Lab.rapid(1));
    assertStatus(later, 201);
    assertEquals("quality.effect_final", later.json().getJsonObject("test").getJsonObject("effectMessage").getString("code"));
    lab.test(over, lab.lab("吡虫啉", 0.1));
    assertEquals("rejected", lab.status(over));
  }

  @Test
  @DisplayName("an analyte without a limit for the commodity itself is judged by its group's, and the limit and version are kept")
  void groupFallback(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject test = lab.test(batch, lab.lab("毒死蜱", 0.10));
    assertEquals("released", test.getString("status"));
    Row row = TestServer.get().sql("SELECT a.* FROM quality_test_analytes a JOIN quality_tests t ON t.id = a.test_id"
        + " WHERE t.batch_id = $1", UUID.fromString(batch)).iterator().next();
    assertEquals(lab.ref.leafy, row.getString("limit_commodity"));
    assertEquals(0, row.getBigDecimal("limit_mg_kg").compareTo(new java.math.BigDecimal("0.10")));
    assertEquals("within", row.getString("result"));
    assertTrue(row.getUUID("mrl_version_id") != null && row.getInteger("mrl_version") > 0);
  }

  @Test
  @DisplayName("an analyte with no limit on file is reported as such, never as a pass, and does not release the batch")
  void noLimit(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.harvest("苹果" + lab.ref.s);
    Api.Response r = lab.send(lab.tester, batch, lab.lab("毒死蜱", 0.001));
    assertStatus(r, 201);
    assertEquals("no_limit", r.json().getJsonObject("test").getString("result"));
    assertEquals("no_limit", r.json().getJsonObject("test").getJsonArray("analytes").getJsonObject(0).getString("result"));
    assertEquals("harvested", lab.status(batch));
  }

  @Test
  @DisplayName("a crop that matches no commodity asks for the commodity, and judges once it is given")
  void chooseCommodity(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.harvest("自家小青菜" + lab.ref.s);
    assertProblem(lab.send(lab.tester, batch, lab.lab("吡虫啉", 0.1)), 422, "commodity_unknown", "commodity");
    assertEquals(0, Lab.tests(batch));
    assertEquals("released", lab.test(batch, lab.lab("吡虫啉", 0.1).put("commodity", lab.ref.qingcai)).getString("status"));
  }

  @Test
  @DisplayName("an inspector's failing official test holds a released batch, which the producer's retests then cannot release")
  void officialHolds(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String inspector = lab.api.newUser(lab.farm.admin, null, "inspector");
    String batch = lab.qingcai();
    lab.test(batch, Lab.rapid(10));
    assertEquals("released", lab.status(batch));
    Api.Response r = lab.send(inspector, batch, Lab.rapid(80));
    assertStatus(r, 201);
    assertTrue(r.json().getJsonObject("test").getBoolean("official"));
    assertEquals("quality.batch_held_by_official_test", r.json().getJsonObject("batch").getJsonObject("reason").getString("code"));
    lab.test(batch, Lab.rapid(10));
    lab.test(batch, Lab.rapid(10));
    assertEquals("held", lab.test(batch, lab.lab("吡虫啉", 0.1)).getString("status"));
  }

  @Test
  @DisplayName("the judgement is said in Chinese and in English, and the tests are listed oldest first")
  void words(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    Api.Response en = lab.api.with("Accept-Language", "en").post("/api/v1/batches/" + batch + "/tests", lab.tester, Lab.rapid(62.5));
    assertEquals("Rapid test positive: the inhibition rate 62.5 % is 50 % or more. Do not sell this batch until it is cleared.",
        en.json().getJsonObject("test").getJsonObject("judgement").getString("message"));
    lab.test(batch, Lab.rapid(3));
    JsonArray zh = lab.api.with("Accept-Language", "zh").get("/api/v1/batches/" + batch + "/tests", lab.farm.recorder)
        .json().getJsonArray("items");
    assertEquals(2, zh.size());
    assertEquals("速测阳性：抑制率 62.5% 达到或超过 50%。在批次放行前不得销售。",
        zh.getJsonObject(0).getJsonObject("judgement").getString("message"));
    assertEquals("negative", zh.getJsonObject(1).getString("result"));
  }
}
