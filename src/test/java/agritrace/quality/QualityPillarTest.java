package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 有质量检测 in the 五有 profile follows the producer's tests and its products' rules. */
@ExtendWith(VertxExtension.class)
class QualityPillarTest {

  private static JsonObject pillar(Lab lab, String language) {
    JsonObject profile = lab.api.with("Accept-Language", language)
        .get("/api/v1/producers/" + lab.farm.producerId + "/profile", lab.farm.admin).json();
    return profile.getJsonArray("pillars").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("key").equals("quality_testing")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("有质量检测 is missing, saying why, until a test passes; a positive rapid test does not satisfy it, a negative one does")
  void followsPassingTests(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject none = pillar(lab, "zh");
    assertEquals("missing", none.getString("status"), none.encode());
    assertTrue(none.encode().contains("quality.no_recent_pass") && none.encode().contains("最近 30 天没有合格的检测"), none.encode());
    assertTrue(pillar(lab, "en").encode().contains("no test passed in the last 30 days"));

    String batch = lab.qingcai();
    assertStatus(lab.send(lab.tester, batch, Lab.rapid(72)), 201);
    assertEquals("missing", pillar(lab, "zh").getString("status"), "a positive test is no pass");

    assertStatus(lab.send(lab.tester, batch, Lab.rapid(12)), 201);
    lab.api.post("/api/v1/producers/" + lab.farm.producerId + "/products",
        lab.api.newUser(lab.farm.admin, lab.farm.producerId, "producer_admin"),
        new JsonObject().put("name", "青菜").put("commodity", lab.ref.qingcai));
    JsonObject passed = pillar(lab, "zh");
    assertEquals("satisfied", passed.getString("status"), passed.encode());
  }

  @Test
  @DisplayName("有质量检测 also needs the producer's products and their rules: missing (product.none_stated) until one is stated, then listed with its rule")
  void needsProducts(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    assertStatus(shelf.lab.send(shelf.lab.tester, shelf.lab.qingcai(), Lab.rapid(12)), 201);
    JsonObject tested = pillar(shelf.lab, "zh");
    assertEquals("missing", tested.getString("status"));
    assertEquals(1, tested.getJsonArray("gaps").size(), tested.encode());
    assertEquals("product.none_stated", tested.getJsonArray("gaps").getJsonObject(0).getString("code"));
    assertTrue(tested.getString("reason").contains("还没有登记产品及其放行规则"), tested.encode());
    assertEquals(0, tested.getJsonArray("products").size());

    String id = shelf.product("龙井村上海青", "lab_test");
    JsonObject stated = pillar(shelf.lab, "en");
    assertEquals("satisfied", stated.getString("status"), stated.encode());
    JsonObject listed = stated.getJsonArray("products").getJsonObject(0);
    assertEquals(id, listed.getString("id"));
    assertEquals("lab_test", listed.getString("rule"));
    assertEquals("Pak choi " + shelf.lab.ref.s, listed.getJsonObject("commodity").getString("name"));
  }

  @Test
  @DisplayName("with products stated and no recent pass, the reason names only the missing test")
  void productsWithoutTest(Vertx vertx) {
    Shelf shelf = new Shelf(vertx);
    shelf.product("青菜", "one_test");
    JsonObject pillar = pillar(shelf.lab, "zh");
    assertEquals("missing", pillar.getString("status"));
    assertEquals(1, pillar.getJsonArray("gaps").size(), pillar.encode());
    assertEquals("quality.no_recent_pass", pillar.getJsonArray("gaps").getJsonObject(0).getString("code"));
  }
}
