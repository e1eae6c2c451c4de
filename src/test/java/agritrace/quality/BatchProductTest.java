package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** What a batch is: a product of its producer or a commodity, chosen, kept and shown, on the real server and database. */
@ExtendWith(VertxExtension.class)
class BatchProductTest {

  private static JsonObject batch(Shelf shelf, String batchId) {
    return shelf.api.get("/api/v1/batches/" + batchId, shelf.lab.farm.recorder).json();
  }

  private static JsonObject listed(Shelf shelf, String batchId) {
    return shelf.api.get("/api/v1/batches?limit=500", shelf.owner).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(b -> b.getString("id").equals(batchId)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("the recorder gives a batch a product: a batch_products row of the product's commodity, and the batch shows both, alone and in the list")
  void givesProduct(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String product = shelf.product("龙井村上海青", "lab_test");
    String batchId = shelf.lab.harvest("上海青");
    JsonObject answer = shelf.give(batchId, product);
    assertEquals("harvested", answer.getString("status"));
    JsonObject expected = new JsonObject().put("id", product).put("name", "龙井村上海青").put("rule", "lab_test");
    assertEquals(expected, answer.getJsonObject("product"));
    assertEquals(expected, batch(shelf, batchId).getJsonObject("product"));
    assertEquals(shelf.lab.ref.qingcai, batch(shelf, batchId).getJsonObject("commodity").getString("code"));
    assertEquals(expected, listed(shelf, batchId).getJsonObject("product"));
    Row row = TestServer.get().sql("SELECT * FROM batch_products WHERE batch_id = $1", UUID.fromString(batchId)).iterator().next();
    assertEquals(UUID.fromString(product), row.getUUID("product_id"));
    assertEquals(shelf.lab.ref.qingcai, row.getString("commodity_code"));

    shelf.give(batchId, product);
    assertEquals(1, Shelf.rows("batch_products", "batch_id", batchId), "the same choice again appends nothing");
  }

  @Test
  @DisplayName("a crop the catalogue knows is the batch's commodity until one is chosen; a crop it does not know leaves none, and a commodity chosen is kept")
  void commodityOfCrop(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String matched = shelf.lab.harvest("小白菜" + shelf.lab.ref.s);
    assertEquals(shelf.lab.ref.qingcai, batch(shelf, matched).getJsonObject("commodity").getString("code"));
    assertNull(batch(shelf, matched).getValue("product"));
    assertEquals(0, Shelf.rows("batch_products", "batch_id", matched));

    String unknown = shelf.lab.harvest("本地土菜");
    assertNull(batch(shelf, unknown).getValue("commodity"));
    assertNull(listed(shelf, unknown).getValue("commodity"));
    Api.Response r = shelf.give(shelf.owner, unknown, new JsonObject().put("commodity", shelf.lab.ref.cabbage));
    assertStatus(r, 200);
    assertEquals(new JsonObject().put("code", shelf.lab.ref.cabbage).put("name", "大白菜" + shelf.lab.ref.s),
        batch(shelf, unknown).getJsonObject("commodity"));
    assertNull(TestServer.get().sql("SELECT product_id FROM batch_products WHERE batch_id = $1", UUID.fromString(unknown))
        .iterator().next().getUUID("product_id"));
  }

  @Test
  @DisplayName("bad choices are a 400 naming the field and store nothing: neither or both, unknown commodity, another producer's product, not JSON")
  void badChoices(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String product = shelf.product("青菜", "one_test");
    String batchId = shelf.lab.qingcai();
    String recorder = shelf.lab.farm.recorder;
    assertProblem(shelf.give(recorder, batchId, new JsonObject()), 400, "invalid_field", "productId");
    assertProblem(shelf.give(recorder, batchId, new JsonObject().put("productId", product).put("commodity", shelf.lab.ref.apple)),
        400, "invalid_field", "commodity");
    assertProblem(shelf.give(recorder, batchId, new JsonObject().put("commodity", "none_such")), 400, "invalid_field", "commodity");
    assertProblem(shelf.give(recorder, batchId, new JsonObject().put("productId", "12")), 400, "invalid_field", "productId");

    Shelf other = new Shelf(vertx);
    String theirs = other.product("青菜", "one_test");
    Api.Response foreign = shelf.give(recorder, batchId, new JsonObject().put("productId", theirs));
    assertProblem(foreign, 400, "invalid_field", "productId");
    Api.Response none = shelf.give(recorder, batchId, new JsonObject().put("productId", UUID.randomUUID().toString()));
    assertEquals(foreign.json().getString("message").replace(theirs, ""), none.json().getString("message"),
        "another producer's product reads as no product at all");
    assertEquals(0, Shelf.rows("batch_products", "batch_id", batchId));
  }

  @Test
  @DisplayName("only the batch producer's admin and recorder choose, refused before the body is read; a rejected batch is a 409")
  void whoMayAndWhen(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String product = shelf.product("青菜", "one_test");
    String batchId = shelf.lab.qingcai();
    Api api = shelf.api;
    String outsider = api.newUser(shelf.lab.farm.admin, api.newProducer(shelf.lab.farm.admin), "recorder");
    String inspector = api.newUser(shelf.lab.farm.admin, null, "inspector");
    JsonObject bad = new JsonObject().put("productId", 5);
    for (String token : new String[] {shelf.lab.tester, outsider, inspector, shelf.lab.farm.admin}) {
      assertProblem(shelf.give(token, batchId, bad), 403, "forbidden", null);
    }
    assertProblem(shelf.give(shelf.owner, UUID.randomUUID().toString(), bad), 404, "not_found", null);
    assertStatus(shelf.give(null, batchId, bad), 401);

    assertEquals("rejected", shelf.lab.test(batchId, shelf.lab.lab("吡虫啉", 0.9)).getString("status"));
    Api.Response late = shelf.give(shelf.lab.farm.recorder, batchId, new JsonObject().put("productId", product));
    assertProblem(late, 409, "conflict", null);
    assertEquals("product.batch_final", late.json().getString("code"));
    assertEquals(0, Shelf.rows("batch_products", "batch_id", batchId));
  }

  @Test
  @DisplayName("a harvested batch given an internal_control product is released at once, as agritrace's own event naming the product and its rule")
  void internalControlReleases(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String product = shelf.product("自产青菜", "internal_control");
    String batchId = shelf.lab.qingcai();
    JsonObject answer = shelf.give(batchId, product);
    assertEquals("released", answer.getString("status"));
    assertEquals("放行：产品“自产青菜”的放行规则为内控合格即放行（质量安全控制符合要求）",
        answer.getJsonObject("reason").getString("message"));
    assertEquals("released", shelf.lab.status(batchId));
    Row event = TestServer.get().sql("SELECT by_user, message FROM batch_events WHERE batch_id = $1 ORDER BY id DESC LIMIT 1",
        UUID.fromString(batchId)).iterator().next();
    assertNull(event.getUUID("by_user"), "a system event");
    assertEquals("product.batch_released_internal_control", event.getJsonObject("message").getString("code"));
    assertEquals(product, event.getJsonObject("message").getJsonObject("args").getString("product"));

    String held = shelf.lab.qingcai();
    assertEquals("held", shelf.lab.test(held, Lab.rapid(80)).getString("status"));
    assertEquals("held", shelf.give(held, product).getString("status"), "a held batch is not released by its product");
  }
}
