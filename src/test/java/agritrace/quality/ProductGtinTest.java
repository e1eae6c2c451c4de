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
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A product's GTIN and net content: validated, stored as GTIN-14, kept per version, one GTIN per product. */
@ExtendWith(VertxExtension.class)
class ProductGtinTest {

  @Test
  @DisplayName("a GTIN of 8, 12, 13 or 14 digits with a valid check digit is stored as its GTIN-14, with the net content, and versions carry them")
  void storedAsGtin14(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    String[][] written = {{"96385074", "00000096385074"}, {"614141000036", "00614141000036"},
        {"9520123456788", "09520123456788"}, {"12312312312333", "12312312312333"}};
    for (String[] gtin : written) {
      Api.Response r = shelf.api.post(shelf.products(), shelf.owner, shelf.body("上海青" + gtin[0], "one_test")
          .put("gtin", gtin[0]).put("netQuantity", 500).put("netUnit", "g"));
      assertStatus(r, 201);
      assertEquals(gtin[1], r.json().getString("gtin"));
      assertEquals(new JsonObject().put("quantity", 500.0).put("unit", "g"), r.json().getJsonObject("netContent"));
      Row row = TestServer.get().sql("SELECT gtin, net_quantity, net_unit FROM products WHERE id = $1",
          UUID.fromString(r.json().getString("id"))).iterator().next();
      assertEquals(gtin[1], row.getString("gtin"));
      assertEquals(0, new BigDecimal("500").compareTo(row.getBigDecimal("net_quantity")));
      assertEquals("g", row.getString("net_unit"));
    }

    String id = shelf.product("小白菜", "one_test");
    JsonObject plain = shelf.api.get("/api/v1/products/" + id, shelf.owner).json();
    assertNull(plain.getValue("gtin"));
    assertNull(plain.getValue("netContent"));
    Api.Response changed = shelf.api.post("/api/v1/products/" + id + "/versions", shelf.owner,
        shelf.body("小白菜", "one_test").put("gtin", "40170725").put("netQuantity", 1).put("netUnit", "jin")
            .put("reason", "有了商品条码"));
    assertStatus(changed, 201);
    assertEquals("00000040170725", changed.json().getString("gtin"));
    assertEquals(1, changed.json().getInteger("revision"));
    assertNull(changed.json().getJsonArray("history").getJsonObject(0).getValue("gtin"), "the first version keeps none");
    assertEquals("00000040170725", changed.json().getJsonArray("history").getJsonObject(1).getString("gtin"));
  }

  @Test
  @DisplayName("a wrong GTIN or net content is a 400 naming the field with the labels catalogue's reason, and stores nothing")
  void badInput(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    Object[][] cases = {{"gtin", "9520123456789", "gtin.check_digit"}, {"gtin", "952012345678", "gtin.check_digit"},
        {"gtin", "95201234567", "gtin.length"}, {"gtin", "95201234567x8", "gtin.digits"}, {"gtin", 9520123456788L, "field.not_text"},
        {"netQuantity", 0, "field.positive"}, {"netQuantity", "500", "field.not_number"},
        {"netUnit", "pound", "field.one_of"}};
    for (Object[] c : cases) {
      JsonObject body = shelf.body("上海青", "one_test").put("netQuantity", 500).put("netUnit", "g").put((String) c[0], c[1]);
      Api.Response r = shelf.api.post(shelf.products(), shelf.owner, body);
      assertProblem(r, 400, "invalid_field", (String) c[0]);
      assertEquals(c[2], r.json().getString("code"), body.encode());
    }
    assertProblem(shelf.api.post(shelf.products(), shelf.owner, shelf.body("上海青", "one_test").put("netUnit", "g")),
        400, "invalid_field", "netQuantity");
    assertProblem(shelf.api.post(shelf.products(), shelf.owner, shelf.body("上海青", "one_test").put("netQuantity", 5)),
        400, "invalid_field", "netUnit");
    assertEquals(0, shelf.lab.farm.count("products"));
  }

  @Test
  @DisplayName("two products of one producer cannot share a GTIN, however it is written: 409 on gtin naming the product; another producer may")
  void gtinTaken(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    assertStatus(shelf.api.post(shelf.products(), shelf.owner, shelf.body("上海青", "one_test").put("gtin", "9520123456788")), 201);
    Api.Response again = shelf.api.post(shelf.products(), shelf.owner, shelf.body("矮脚青", "one_test")
        .put("gtin", "09520123456788"));
    assertProblem(again, 409, "conflict", "gtin");
    assertEquals("product.gtin_taken", again.json().getString("code"));
    assertEquals("上海青", again.json().getJsonObject("args").getString("name"));
    String other = shelf.product("矮脚青", "one_test");
    assertProblem(shelf.api.post("/api/v1/products/" + other + "/versions", shelf.owner, shelf.body("矮脚青", "one_test")
        .put("gtin", "9520123456788").put("reason", "改条码")), 409, "conflict", "gtin");
    assertEquals(2, shelf.lab.farm.count("products"));

    Shelf elsewhere = new Shelf(vertx);
    assertStatus(elsewhere.api.post(elsewhere.products(), elsewhere.owner, elsewhere.body("上海青", "one_test")
        .put("gtin", "9520123456788")), 201);
  }
}
