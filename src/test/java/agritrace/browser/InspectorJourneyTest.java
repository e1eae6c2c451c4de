package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An inspector on the phone app: the batch list held ones first, a batch's detail, hold and release, a producer's 五有 profile. */
class InspectorJourneyTest {

  private static final String RELEASE_NOTE = "2026 抽检吡虫啉未检出（检测单号 XH-017），准予上市";
  private static final String HOLD_NOTE = "市场抽检疑似超标，暂停销售待复检";

  @Test
  @DisplayName("an inspector finds the held batch first with its reason, releases it and holds another with reasons the database keeps, and sees a producer's missing 五有 pillar")
  void holdAndRelease() {
    Api api = new Api(TestServer.get().vertx);
    Farm farm = new Farm(api);
    String plot = farm.create("plot", Farm.plot());
    String pesticide = farm.create("input", Farm.pesticide(7));
    LocalDate today = Farm.today();
    farm.create("operation", Farm.spraying(plot, pesticide, today.minusDays(2)));
    JsonObject heldBatch = harvest(farm, plot, today);
    assertEquals("held", heldBatch.getString("status"));
    String otherPlot = farm.create("plot", Farm.plot().put("name", "二号地块"));
    JsonObject harvested = harvest(farm, otherPlot, today);
    assertEquals("harvested", harvested.getString("status"));
    String inspector = "inspector-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "jianguan-" + inspector;
    Api.Response made = api.post("/api/v1/users", farm.admin, new JsonObject()
        .put("username", inspector).put("password", password).put("role", "inspector").put("name", "张明"));
    assertEquals(201, made.status(), made.raw().bodyAsString());
    UUID inspectorId = UUID.fromString(made.json().getString("id"));

    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(inspector, password);
    browser.click("#home a[data-screen='/batches']");
    browser.waitFor("#batch-list .batch-row");
    phone.open("/batches?producerId=" + farm.producerId);
    browser.waitForText("#batch-list", harvested.getString("lotCode"));
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#batch-list .batch-row"));
    assertEquals(2, rows.size());
    assertEquals(heldBatch.getString("lotCode"), rows.get(0).getAttribute("data-lot"), "the held batch comes first");
    assertTrue(rows.get(0).getText().contains("暂扣") && rows.get(0).getText().contains("安全间隔期 7 天"), rows.get(0).getText());
    browser.screenshot("inspector-batch-list");
    browser.assertFingerSized("inspector-batch-list");

    browser.type("#lot-search", harvested.getString("lotCode").substring(harvested.getString("lotCode").length() - 12).toLowerCase());
    browser.waitForText("#batch-list", harvested.getString("lotCode"));
    // The server answers the search after a pause in typing: the list narrows to the one batch.
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Browser.TIMEOUT)
        .until(d -> d.findElements(By.cssSelector("#batch-list .batch-row")).size() == 1);
    assertEquals(harvested.getString("lotCode"), browser.find("#batch-list .batch-row").getAttribute("data-lot"));
    browser.type("#lot-search", heldBatch.getString("lotCode"));

    browser.click("#batch-list .batch-row[data-lot='" + heldBatch.getString("lotCode") + "']");
    browser.waitForText("#batch-status", "采收时暂扣");
    assertTrue(browser.text("#violations").contains("吡虫啉"), browser.text("#violations"));
    assertTrue(browser.text("#violations").contains(today.plusDays(5).toString()), "the earliest harvest day is shown");
    assertEquals(0, browser.driver().findElements(By.cssSelector("#hold-batch")).size(), "a held batch cannot be held again");
    browser.screenshot("inspector-held-batch");
    browser.assertFingerSized("inspector-held-batch");
    browser.js("document.getElementById('violations').scrollIntoView()");
    browser.screenshot("inspector-held-batch-violations");
    browser.js("window.scrollTo(0, 0)");

    browser.click("#release-batch");
    browser.waitFor("#decision-form");
    browser.click("#decision-form [type=submit]");
    browser.waitForText("#decision-form .note.error", "请写明原因");
    browser.type("#decision-form [name=reason]", RELEASE_NOTE);
    browser.screenshot("inspector-release-form");
    browser.assertFingerSized("inspector-release-form");
    browser.click("#decision-form [type=submit]");
    browser.waitForText("#batch-status", "已放行");
    assertTrue(browser.text("#batch-status").contains(RELEASE_NOTE), browser.text("#batch-status"));
    assertTrue(browser.text("#batch-history").contains("我"), "the history says who released it");
    assertEquals(0, browser.driver().findElements(By.cssSelector("#release-batch")).size(), "a released batch cannot be released again");
    assertLatestEvent(heldBatch, "released", RELEASE_NOTE, inspectorId);

    phone.open("/batches/" + harvested.getString("id"));
    browser.click("#hold-batch");
    browser.type("#decision-form [name=reason]", HOLD_NOTE);
    browser.click("#decision-form [type=submit]");
    browser.waitForText("#batch-status", "监管人员暂扣：" + HOLD_NOTE);
    assertLatestEvent(harvested, "held", HOLD_NOTE, inspectorId);
    assertEquals(0, browser.driver().findElements(By.cssSelector("#hold-batch")).size());

    phone.open("/");
    browser.click("#home a[data-screen='/producers']");
    browser.waitFor("#producer-list");
    String name = api.get("/api/v1/producers/" + farm.producerId, farm.admin).json().getString("name");
    browser.type("#producer-search", name.substring(name.length() - 8));
    browser.waitForText("#producer-list", name);
    // Until the search has answered, the list still holds every producer: wait for the one found.
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Browser.TIMEOUT)
        .until(d -> d.findElements(By.cssSelector("#producer-list a")).size() == 1);
    browser.click("#producer-list a");
    browser.waitFor("#profile");
    String rules = browser.text("[data-pillar=management_rules]");
    assertTrue(rules.contains("✗") && rules.contains("还缺") && rules.contains("还没有生效的制度"), rules);
    assertTrue(browser.text("[data-pillar=production_records]").contains("已具备"), "a plot and a recent operation satisfy production records");
    browser.js("document.getElementById('profile').scrollIntoView()");
    browser.screenshot("inspector-producer-profile");
  }

  private static JsonObject harvest(Farm farm, String plot, LocalDate day) {
    Api.Response r = farm.api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, day));
    assertEquals(201, r.status(), r.raw().bodyAsString());
    return r.json().getJsonObject("batch");
  }

  private static void assertLatestEvent(JsonObject batch, String status, String note, UUID by) {
    Row row = TestServer.get().sql("SELECT status, message -> 'args' ->> 'note' AS note, by_user FROM batch_events"
        + " WHERE batch_id = $1 ORDER BY id DESC LIMIT 1", UUID.fromString(batch.getString("id"))).iterator().next();
    assertEquals(status, row.getString("status"));
    assertEquals(note, row.getString("note"));
    assertEquals(by, row.getUUID("by_user"));
  }
}
