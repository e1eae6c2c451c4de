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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A producer's products (一品一策): stated, listed, changed as versions, on the real server and database. */
@ExtendWith(VertxExtension.class)
class ProductsTest {

  @Test
  @DisplayName("the producer's admin states a product; it is stored, listed and shown with its one version, one_test by default")
  void statesProduct(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    JsonObject body = shelf.body("龙井村上海青", null);
    body.remove("rule");
    Api.Response r = shelf.api.post(shelf.products(), shelf.owner, body);
    assertStatus(r, 201);
    String id = r.json().getString("id");
    assertEquals("one_test", r.json().getString("rule"));
    assertEquals(shelf.lab.ref.qingcai, r.json().getJsonObject("commodity").getString("code"));
    assertEquals("青菜" + shelf.lab.ref.s, r.json().getJsonObject("commodity").getString("name"));
    assertEquals(1, r.json().getJsonArray("history").size());

    Row row = TestServer.get().sql("SELECT * FROM products WHERE product_id = $1", UUID.fromString(id)).iterator().next();
    assertEquals("龙井村上海青", row.getString("name"));
    assertEquals("500 g 袋装", row.getString("packaging"));
    assertEquals("one_test", row.getString("release_rule"));
    assertEquals(0, row.getInteger("revision"));

    JsonArray items = shelf.api.get(shelf.products(), shelf.lab.farm.recorder).json().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals(id, items.getJsonObject(0).getString("id"));
    String inspector = shelf.api.newUser(shelf.lab.farm.admin, null, "inspector");
    assertEquals(id, shelf.api.get("/api/v1/products/" + id, inspector).json().getString("id"));
    assertEquals("Pak choi " + shelf.lab.ref.s, shelf.api.with("Accept-Language", "en").get("/api/v1/products/" + id, inspector)
        .json().getJsonObject("commodity").getString("name"));
  }

  @Test
  @DisplayName("a product sent again under the phone's id with the same body is answered 200 and stored once; another body under it is a 409")
  void phoneIdIsIdempotent(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String id = Farm.newId();
    JsonObject body = shelf.body("西湖青菜", "lab_test").put("id", id);
    assertStatus(shelf.api.post(shelf.products(), shelf.owner, body), 201);
    Api.Response again = shelf.api.post(shelf.products(), shelf.owner, body);
    assertStatus(again, 200);
    assertEquals(id, again.json().getString("id"));
    assertProblem(shelf.api.post(shelf.products(), shelf.owner, body.copy().put("packaging", "1 kg")), 409, "conflict", "id");
    assertEquals(1, Shelf.rows("products", "product_id", id));
  }

  @Test
  @DisplayName("bad input is a 400 naming the field and stores nothing: unknown commodity, no name, too long, unknown rule, not JSON")
  void badInput(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String path = shelf.products();
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青菜", "one_test").put("commodity", "no_such_thing")),
        400, "invalid_field", "commodity");
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青菜", "one_test").putNull("name")), 400, "invalid_field", "name");
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青".repeat(61), "one_test")), 400, "invalid_field", "name");
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青菜", "one_test").put("packaging", "袋".repeat(61))),
        400, "invalid_field", "packaging");
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青菜", "two_tests")), 400, "invalid_field", "rule");
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青菜", "one_test").put("name", 12)), 400, "invalid_field", "name");
    assertProblem(shelf.api.post(path, shelf.owner, shelf.body("青菜", "one_test").put("id", "not-an-id")), 400, "invalid_field", "id");
    assertStatus(shelf.api.postRaw(path, shelf.owner, "application/json", Buffer.buffer("{\"name\":")), 400);
    assertEquals(0, shelf.lab.farm.count("products"));
  }

  @Test
  @DisplayName("two products of one producer cannot share a name, whatever its case: 409 on name")
  void nameTaken(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    shelf.product("Shanghai Qing", "one_test");
    Api.Response r = shelf.api.post(shelf.products(), shelf.owner, shelf.body("shanghai qing", "lab_test"));
    assertProblem(r, 409, "conflict", "name");
    assertEquals(1, shelf.lab.farm.count("products"));
  }

  @Test
  @DisplayName("only the producer's own admin states and changes products, refused before the body is read; its users and inspectors read them")
  void whoMay(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String id = shelf.product("青菜", "one_test");
    Api api = shelf.api;
    String other = api.newProducer(shelf.lab.farm.admin);
    String outsider = api.newUser(shelf.lab.farm.admin, other, "producer_admin");
    String inspector = api.newUser(shelf.lab.farm.admin, null, "inspector");
    JsonObject bad = new JsonObject().put("name", 3);
    for (String token : new String[] {shelf.lab.farm.recorder, shelf.lab.tester, outsider, inspector, shelf.lab.farm.admin}) {
      assertProblem(api.post(shelf.products(), token, bad), 403, "forbidden", null);
      assertProblem(api.post("/api/v1/products/" + id + "/versions", token, bad), 403, "forbidden", null);
    }
    assertProblem(api.get(shelf.products(), outsider), 403, "forbidden", null);
    assertProblem(api.get("/api/v1/products/" + id, outsider), 403, "forbidden", null);
    assertProblem(api.get("/api/v1/products/" + UUID.randomUUID(), shelf.owner), 404, "not_found", null);
    assertProblem(api.get("/api/v1/products/nope", shelf.owner), 404, "not_found", null);
    assertProblem(api.post("/api/v1/products/" + UUID.randomUUID() + "/versions", shelf.owner, bad), 404, "not_found", null);
    assertStatus(api.get(shelf.products(), null), 401);
    assertStatus(api.get(shelf.products(), inspector), 200);
    assertStatus(api.get("/api/v1/products/" + id, shelf.lab.tester), 200);
    assertEquals(1, shelf.lab.farm.count("products"));
  }

  @Test
  @DisplayName("a change is a new version with its reason, the old one kept in the history; no reason, or no change, is refused")
  void versions(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String id = shelf.product("青菜", "one_test");
    String path = "/api/v1/products/" + id + "/versions";
    JsonObject change = shelf.body("青菜", "lab_test").put("packaging", "1 kg 箱装").put("reason", "超市要求定量检测");
    Api.Response r = shelf.api.post(path, shelf.owner, change);
    assertStatus(r, 201);
    assertEquals(1, r.json().getInteger("revision"));
    assertEquals("lab_test", r.json().getString("rule"));
    assertEquals("超市要求定量检测", r.json().getString("reason"));
    JsonArray history = shelf.api.get("/api/v1/products/" + id, shelf.lab.farm.recorder).json().getJsonArray("history");
    assertEquals(2, history.size());
    assertEquals("one_test", history.getJsonObject(0).getString("rule"));
    assertNull(history.getJsonObject(0).getString("reason"));
    assertEquals("lab_test", shelf.api.get(shelf.products(), shelf.owner).json().getJsonArray("items").getJsonObject(0)
        .getString("rule"));

    JsonObject noReason = change.copy();
    noReason.remove("reason");
    assertProblem(shelf.api.post(path, shelf.owner, noReason), 400, "invalid_field", "reason");
    JsonObject noRule = change.copy();
    noRule.remove("rule");
    assertProblem(shelf.api.post(path, shelf.owner, noRule), 400, "invalid_field", "rule");
    Api.Response same = shelf.api.post(path, shelf.owner, change.copy().put("reason", "再存一次"));
    assertProblem(same, 409, "conflict", null);
    assertEquals("product.unchanged", same.json().getString("code"));
    assertProblem(shelf.api.post(path, shelf.owner, change.copy().put("commodity", "none_such").put("rule", "one_test")),
        400, "invalid_field", "commodity");
    assertEquals(2, Shelf.rows("products", "product_id", id));
    assertTrue(TestServer.get().sql("SELECT reason FROM products WHERE product_id = $1 AND revision = 1", UUID.fromString(id))
        .iterator().next().getString("reason").contains("定量"));
  }

  @Test
  @DisplayName("a version sent again under the phone's id is answered 200 and stored once")
  void versionIdempotent(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String id = shelf.product("青菜", "one_test");
    JsonObject change = shelf.body("青菜", "internal_control").put("reason", "基地通过内控审核").put("id", Farm.newId());
    String path = "/api/v1/products/" + id + "/versions";
    assertStatus(shelf.api.post(path, shelf.owner, change), 201);
    assertStatus(shelf.api.post(path, shelf.owner, change), 200);
    assertProblem(shelf.api.post(path, shelf.owner, change.copy().put("reason", "别的理由")), 409, "conflict", "id");
    assertEquals(2, Shelf.rows("products", "product_id", id));
  }
}
