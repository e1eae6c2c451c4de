package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 一品一策 in the judgement: each product's release rule, and the commodity a batch is judged as, on the real server and database. */
@ExtendWith(VertxExtension.class)
class ProductRulesTest {

  private static JsonObject effect(Api.Response r) {
    assertStatus(r, 201);
    return r.json().getJsonObject("test");
  }

  @Test
  @DisplayName("lab_test: a negative rapid test does not release a harvested batch and says the product needs a passing lab test; a passing lab test releases it")
  void labTestNeedsLab(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String batchId = shelf.lab.qingcai();
    shelf.give(batchId, shelf.product("超市青菜", "lab_test"));
    JsonObject test = effect(shelf.lab.send(shelf.lab.tester, batchId, Lab.rapid(10)));
    assertEquals("negative", test.getString("result"));
    assertEquals("none", test.getString("effect"));
    assertEquals("product.effect_needs_lab_test", test.getJsonObject("effectMessage").getString("code"));
    assertEquals("该批次未放行：产品“超市青菜”须实验室检测合格才能放行，速测阴性不够。",
        test.getJsonObject("effectMessage").getString("message"));
    assertEquals("harvested", shelf.lab.status(batchId));
    assertTrue(shelf.lab.api.with("Accept-Language", "en").get("/api/v1/batches/" + batchId + "/tests", shelf.owner).json()
        .getJsonArray("items").getJsonObject(0).getJsonObject("effectMessage").getString("message").contains("needs a passing lab test"));

    assertEquals("released", shelf.lab.test(batchId, shelf.lab.lab("吡虫啉", 0.2)).getString("status"));
    assertEquals("released", shelf.lab.status(batchId));
  }

  @Test
  @DisplayName("lab_test: a positive rapid test still holds the batch, and two negative retests do not release it; a passing lab test does")
  void labTestHeld(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String batchId = shelf.lab.qingcai();
    shelf.give(batchId, shelf.product("超市青菜", "lab_test"));
    assertEquals("held", shelf.lab.test(batchId, Lab.rapid(75)).getString("status"));
    shelf.lab.test(batchId, Lab.rapid(10));
    JsonObject second = effect(shelf.lab.send(shelf.lab.tester, batchId, Lab.rapid(12)));
    assertEquals("product.effect_needs_lab_test", second.getJsonObject("effectMessage").getString("code"));
    assertEquals("held", shelf.lab.status(batchId));
    assertEquals("released", shelf.lab.test(batchId, shelf.lab.lab("吡虫啉", 0.1)).getString("status"));
  }

  @Test
  @DisplayName("one_test, and a batch without a product: one negative rapid test releases the batch")
  void oneTest(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String withProduct = shelf.lab.qingcai();
    shelf.give(withProduct, shelf.product("普通青菜", "one_test"));
    assertEquals("released", shelf.lab.test(withProduct, Lab.rapid(20)).getString("status"));
    String without = shelf.lab.qingcai();
    assertEquals("released", shelf.lab.test(without, Lab.rapid(20)).getString("status"));
    assertEquals("released", shelf.lab.status(without));
  }

  @Test
  @DisplayName("internal_control: the batch released when given the product is still judged by its tests: a positive rapid test holds it")
  void internalControlStillJudged(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String batchId = shelf.lab.qingcai();
    assertEquals("released", shelf.give(batchId, shelf.product("基地青菜", "internal_control")).getString("status"));
    JsonObject test = effect(shelf.lab.send(shelf.lab.tester, batchId, Lab.rapid(66)));
    assertEquals("held", test.getString("effect"));
    assertEquals("held", shelf.lab.status(batchId));
  }

  @Test
  @DisplayName("a lab test of a batch is judged as its product's commodity, whatever the crop was called")
  void productCommodityJudges(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String product = shelf.product("土青菜", "one_test");
    String batchId = shelf.lab.harvest("本地土菜");
    assertProblem(shelf.lab.send(shelf.lab.tester, batchId, shelf.lab.lab("吡虫啉", 0.6)), 422, "commodity_unknown", "commodity");
    shelf.give(batchId, product);
    // 吡虫啉 on 青菜 itself: 0.5 mg/kg (the group's 1 mg/kg would have passed 0.6).
    JsonObject test = effect(shelf.lab.send(shelf.lab.tester, batchId, shelf.lab.lab("吡虫啉", 0.6)));
    assertEquals(shelf.lab.ref.qingcai, test.getString("commodity"));
    assertEquals("over_limit", test.getString("result"));
    assertEquals("rejected", shelf.lab.status(batchId));
  }

  @Test
  @DisplayName("a lab test naming a commodity for a batch whose crop matched nothing makes it the batch's commodity, chosen by the tester; later tests use it")
  void labTestNamesCommodity(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String batchId = shelf.lab.harvest("本地土菜");
    JsonObject first = effect(shelf.lab.send(shelf.lab.tester, batchId,
        shelf.lab.lab("毒死蜱", 0.01).put("commodity", shelf.lab.ref.cabbage)));
    assertEquals("pass", first.getString("result"));
    Row row = TestServer.get().sql("SELECT * FROM batch_products WHERE batch_id = $1", UUID.fromString(batchId)).iterator().next();
    assertEquals(shelf.lab.ref.cabbage, row.getString("commodity_code"));
    assertNull(row.getUUID("product_id"));
    String testerId = shelf.api.get("/api/v1/auth/me", shelf.lab.tester).json().getString("id");
    assertEquals(UUID.fromString(testerId), row.getUUID("by_user"));
    assertEquals(shelf.lab.ref.cabbage, shelf.api.get("/api/v1/batches/" + batchId, shelf.owner).json()
        .getJsonObject("commodity").getString("code"));
    JsonObject later = effect(shelf.lab.send(shelf.lab.tester, batchId, shelf.lab.lab("毒死蜱", 0.01)));
    assertEquals(shelf.lab.ref.cabbage, later.getString("commodity"));

    String matched = shelf.lab.qingcai();
    effect(shelf.lab.send(shelf.lab.tester, matched, shelf.lab.lab("毒死蜱", 0.01).put("commodity", shelf.lab.ref.cabbage)));
    assertEquals(0, Shelf.rows("batch_products", "batch_id", matched), "a crop the catalogue knows keeps the batch's commodity");
  }
}
