package agritrace.browser;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** 一品一策 on a phone: the producer admin states a product and its rule, and gives it to a batch. */
class ProductsJourneyTest {

  private final Api api = new Api(TestServer.get().vertx);
  /** Makes this test's commodity names its own: tests share one catalogue. */
  private final String s = UUID.randomUUID().toString().substring(0, 6);
  private final String code = "shqing_" + s;
  private Farm farm;
  private String plot;
  private Phone phone;
  private Browser browser;
  private String adminToken;

  @BeforeEach
  void aFarmWithACatalogueAndItsAdmin() {
    farm = new Farm(api);
    assertStatus(api.postRaw("/api/v1/reference/commodities", farm.admin, "text/csv", Buffer.buffer(
        "code,parent,name_zh,name_en,aliases\n" + code + ",,上海青" + s + ",Shanghai pak choi " + s + ",青江菜" + s + "\n")), 200);
    plot = farm.create("plot", Farm.plot());
    Phone.Person admin = Phone.producerAdmin(farm);
    phone = Phone.fresh();
    browser = phone.browser;
    phone.logIn(admin);
    adminToken = api.login(admin.username(), admin.password());
  }

  private String harvest(String crop) {
    Api.Response r = api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, Farm.today()).put("crop", crop));
    assertStatus(r, 201);
    return r.json().getJsonObject("batch").getString("id");
  }

  @Test
  @DisplayName("the admin adds a product with the rule lab_test, searching the commodity, and gives it to a batch, whose screen then shows it")
  void productToBatch() {
    String batchId = harvest("青江菜" + s);
    phone.open("/producers/" + farm.producerId + "/products");
    browser.tap("#add-product");
    browser.type("#product-form [name=name]", "龙井村上海青");
    browser.type("#f-commodity", "上海青" + s);
    browser.waitFor(".commodity-option[data-code=" + code + "]");
    browser.screenshot("product-commodity-search");
    browser.tap(".commodity-option[data-code=" + code + "]");
    browser.waitForText("#f-commodity-chosen", "上海青" + s);
    browser.type("#product-form [name=packaging]", "500 g 袋装");
    browser.tap(".rule-option input[value=lab_test]");
    browser.screenshot("product-form");
    browser.assertFingerSized("product-form");
    browser.tap("#product-form [type=submit]");
    browser.waitForText("#product-list", "龙井村上海青");
    assertTrue(browser.text("#product-list").contains("须实验室检测合格才放行"), browser.text("#product-list"));
    assertTrue(browser.text("#product-list").contains("500 g 袋装"));
    browser.screenshot("products");
    browser.assertFingerSized("products");

    Row product = TestServer.get().sql("SELECT * FROM products WHERE producer_id = $1", UUID.fromString(farm.producerId))
        .iterator().next();
    assertEquals("龙井村上海青", product.getString("name"));
    assertEquals(code, product.getString("commodity_code"));
    assertEquals("lab_test", product.getString("release_rule"));

    phone.open("/batches/" + batchId);
    assertTrue(browser.waitForText("#batch-commodity", "上海青" + s).isDisplayed(), "the crop's alias names the commodity");
    browser.tap("#choose-batch-product");
    browser.waitFor("#f-productId option[value='" + product.getUUID("product_id") + "']");
    new Select(browser.find("#f-productId")).selectByValue(product.getUUID("product_id").toString());
    browser.screenshot("batch-product-choice");
    browser.tap("#batch-product-form [type=submit]");
    browser.waitForText("#batch-product-name", "龙井村上海青");
    assertTrue(browser.text("#batch-product-name").contains("须实验室检测合格才放行"));
    browser.js("document.querySelector('#batch-product').scrollIntoView({block: 'start'})");
    browser.screenshot("batch-product");
    browser.assertFingerSized("batch-product");
    Row row = TestServer.get().sql("SELECT product_id, commodity_code FROM batch_products WHERE batch_id = $1",
        UUID.fromString(batchId)).iterator().next();
    assertEquals(product.getUUID("product_id"), row.getUUID("product_id"));
    assertEquals(code, row.getString("commodity_code"));

    phone.open("/producers/" + farm.producerId + "/profile");
    browser.waitForText("[data-pillar=quality_testing] .pillar-products", "龙井村上海青");
    assertTrue(browser.text("[data-pillar=quality_testing]").contains("须实验室检测合格才放行"));
    browser.js("document.querySelector('[data-pillar=quality_testing]').scrollIntoView({block: 'start'})");
    browser.screenshot("profile-products");
  }

  @Test
  @DisplayName("a batch whose crop is not in the catalogue says a commodity must be chosen, and the admin chooses one by searching")
  void commodityNeeded() {
    String batchId = harvest("本地土菜" + s);
    phone.open("/batches/" + batchId);
    assertTrue(browser.waitForText("#commodity-needed", "请先选择品类").getText().contains("本地土菜" + s));
    browser.tap("#choose-batch-product");
    browser.type("#f-commodity", "Shanghai pak choi " + s);
    browser.tap(".commodity-option[data-code=" + code + "]");
    browser.tap("#batch-product-form [type=submit]");
    browser.waitForText("#batch-commodity", "上海青" + s);
    assertTrue(browser.find("#batch-product").getText().contains("未选产品"));
    assertEquals(0, browser.driver().findElements(org.openqa.selenium.By.id("commodity-needed")).size());
    assertEquals(code, TestServer.get().sql("SELECT commodity_code FROM batch_products WHERE batch_id = $1",
        UUID.fromString(batchId)).iterator().next().getString("commodity_code"));
  }

  @Test
  @DisplayName("the admin changes a product's rule with a reason: a new version, the first one kept in its history; an inspector only reads")
  void changeWithReason() {
    Api.Response made = api.post("/api/v1/producers/" + farm.producerId + "/products", adminToken,
        new JsonObject().put("name", "西湖青菜").put("commodity", code).put("rule", "lab_test"));
    assertStatus(made, 201);
    String id = made.json().getString("id");
    phone.open("/producers/" + farm.producerId + "/products");
    browser.tap("[data-product='" + id + "'] .change-product");
    browser.waitForText("#product-form #f-commodity-chosen", "上海青" + s);
    browser.tap("#product-form .rule-option input[value=one_test]");
    browser.tap("#product-form [type=submit]");
    assertTrue(browser.waitForText("#f-reason-note", "必填").isDisplayed(), "the reason is asked for, next to its field");
    browser.type("#product-form [name=reason]", "超市不再要求实验室检测");
    browser.tap("#product-form [type=submit]");
    browser.waitForText("[data-product='" + id + "']", "一次检测合格即放行");
    browser.tap("[data-product='" + id + "'] .versions summary");
    browser.waitForText("[data-product='" + id + "'] .product-versions", "首次登记");
    assertTrue(browser.text("[data-product='" + id + "'] .product-versions").contains("超市不再要求实验室检测"));
    browser.screenshot("product-versions");
    assertEquals(2, TestServer.get().count("SELECT count(*) FROM products WHERE product_id = $1", UUID.fromString(id)));
    assertEquals("one_test", TestServer.get().sql("SELECT release_rule FROM products WHERE product_id = $1 AND revision = 1",
        UUID.fromString(id)).iterator().next().getString("release_rule"));

    String inspector = "in-" + s;
    assertStatus(api.post("/api/v1/users", farm.admin, new JsonObject().put("username", inspector)
        .put("password", "secret-" + inspector).put("role", "inspector").put("name", "赵监管")), 201);
    Phone other = Phone.fresh();
    other.logIn(inspector, "secret-" + inspector);
    other.open("/producers/" + farm.producerId + "/products");
    browser.waitForText("#product-list", "西湖青菜");
    assertTrue(browser.find("#products-read-only").isDisplayed());
    assertEquals(0, browser.driver().findElements(org.openqa.selenium.By.cssSelector("#add-product, .change-product")).size());
  }

}
