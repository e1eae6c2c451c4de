package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.vertx.core.buffer.Buffer;
import org.openqa.selenium.By;

/** Quality tests on the phone app: a rapid test with its card's photo made offline, and a batch held and released by tests. */
class TestingJourneyTest {

  /** A harvest of 青菜 today on a new plot of the farm, as another member's phone sent it; answers its batch. */
  private static JsonObject harvest(Farm farm, JsonObject harvest) {
    String plot = farm.create("plot", Farm.plot());
    Api.Response r = farm.api.post("/api/v1/operations", farm.recorder, harvest.put("plotId", plot));
    assertEquals(201, r.status(), r.raw().bodyAsString());
    return r.json().getJsonObject("batch");
  }

  private static String status(String batchId) {
    return TestServer.get().sql("SELECT status FROM batch_events WHERE batch_id = $1 ORDER BY id DESC LIMIT 1",
        UUID.fromString(batchId)).iterator().next().getString("status");
  }

  /** Fills the rapid test form that is open and saves it; answers the test's id once its screen shows. */
  private static String saveRapid(Browser browser, String rate, String photo) {
    browser.waitFor("#test-form[data-kind=rapid]");
    browser.type("#f-inhibitionRate", rate);
    browser.type("#f-sample", "一号大棚青菜 500 克");
    if (photo != null) {
      browser.find("#f-card-photo").sendKeys(photo);
      browser.waitFor("#photo-previews img");
    }
    browser.click("#test-form [type=submit]");
    browser.waitFor("#test");
    return browser.find("#test").getDomAttribute("data-id");
  }

  @Test
  @DisplayName("offline, a recorder records a rapid test of a harvest with the card's photo; back online it is sent, judged in words, and stored with its photo")
  void offlineRapidTest() {
    Recording r = Recording.farmNotLoggedIn();
    Browser browser = r.browser;
    JsonObject harvest = Farm.harvest(null, Farm.today());
    String batchId = harvest(r.farm, harvest).getString("id");
    String harvestId = harvest.getString("id");
    r.logIn();
    r.waitKept(harvestId);
    r.waitServiceWorker();
    String testId;
    try {
      AppServer.get().stop();
      r.phone.open("/operations/" + harvestId);
      browser.click("#record-test");
      browser.waitFor("#test-form");
      assertEquals("酶抑制率法 GB/T 5009.199", browser.find("#f-method").getDomProperty("value"));
      assertEquals("测试用户", browser.find("#f-tester").getDomProperty("value"), "the tester is the person logged in");
      assertTrue(browser.text("#test-of").contains("青菜"), browser.text("#test-of"));
      browser.type("#f-inhibitionRate", "20");
      browser.type("#f-sample", "一号大棚青菜 500 克");
      browser.find("#f-card-photo").sendKeys(Recording.cameraPhoto(1600, 1200).toString());
      browser.waitFor("#photo-previews img");
      browser.screenshot("rapid-test-form");
      browser.assertFingerSized("rapid-test-form");
      browser.js("document.getElementById('photo-previews').scrollIntoView({block: 'center'})");
      browser.screenshot("rapid-test-form-photo");
      browser.click("#test-form [type=submit]");
      browser.waitForText("#standing", "联网后会自动发送");
      testId = browser.find("#test").getDomAttribute("data-id");
      browser.screenshot("rapid-test-waiting");
      assertEquals(2, r.waitingBadge(), "the test and its photo wait");
      assertEquals(0, TestServer.get().count("SELECT count(*) FROM quality_tests WHERE id = $1", UUID.fromString(testId)));

      AppServer.get().start();
      r.phone.open("/outbox");
      browser.click("#sync-now");
      browser.waitForText(".screen", "所有记录都已发送");
      browser.waitForText("#judged-tests", "速测阴性");
      browser.screenshot("outbox-judged-test");
    } finally {
      AppServer.get().start();
    }
    r.phone.open("/tests/" + testId);
    browser.waitForText("#test-judgement", "已记录。速测阴性：抑制率 20% 低于 50%。该批次已放行，可以销售。");
    browser.waitForText("#test-batch", "已放行");
    browser.waitFor("#test-photos img");
    browser.screenshot("rapid-test-judged");

    Row stored = TestServer.get().sql("SELECT batch_id, result, inhibition_rate, tester, method FROM quality_tests WHERE id = $1",
        UUID.fromString(testId)).iterator().next();
    assertEquals(batchId, stored.getUUID("batch_id").toString());
    assertEquals("negative", stored.getString("result"));
    assertEquals(0, stored.getBigDecimal("inhibition_rate").compareTo(new java.math.BigDecimal(20)));
    assertEquals("酶抑制率法 GB/T 5009.199", stored.getString("method"));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM photos WHERE record_kind = 'test' AND record_id = $1",
        UUID.fromString(testId)));
    assertEquals("released", status(batchId));
  }

  @Test
  @DisplayName("a tester's positive rapid test holds a batch and two negative retests release it, as the screens say and the database holds")
  void heldThenReleased() {
    Api api = new Api(TestServer.get().vertx);
    Farm farm = new Farm(api);
    JsonObject batch = harvest(farm, Farm.harvest(null, Farm.today()));
    String batchId = batch.getString("id");
    String username = "tester-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response made = api.post("/api/v1/producers/" + farm.producerId + "/users", farm.admin, new JsonObject()
        .put("username", username).put("password", "jiance-" + username).put("role", "tester").put("name", "王检测"));
    assertEquals(201, made.status(), made.raw().bodyAsString());

    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(username, "jiance-" + username);
    browser.waitFor("#home a[data-screen='/tests/rapid']");
    browser.waitFor("#home a[data-screen='/tests/lab']");
    browser.screenshot("tester-home");
    browser.assertFingerSized("tester-home");

    phone.open("/batches/" + batchId);
    browser.waitFor("#no-tests");
    browser.screenshot("batch-no-tests");
    browser.click("#record-rapid");
    saveRapid(browser, "70", null);
    browser.waitForText("#test-judgement", "速测阳性");
    browser.waitForText("#test-judgement", "该批次已暂扣");
    browser.waitForText("#test-batch", "暂扣");
    browser.screenshot("rapid-test-positive");
    assertEquals("held", status(batchId));

    browser.click("#test-batch a");
    browser.waitForText("#batch-status", "暂扣");
    browser.click("#record-rapid");
    saveRapid(browser, "10", null);
    browser.waitForText("#test-judgement", "再有一次连续阴性复检即可放行");
    assertEquals("held", status(batchId));

    browser.click("#test-again");
    saveRapid(browser, "12.5", null);
    browser.waitForText("#test-judgement", "该批次已放行，可以销售");
    browser.waitForText("#test-batch", "已放行");

    browser.click("#test-batch a");
    browser.waitForText("#batch-status", "已放行");
    browser.waitForText("#batch-tests", "抑制率 12.5%");
    List<String> rows = browser.driver().findElements(By.cssSelector("#batch-tests .test-row")).stream()
        .map(e -> e.getText()).toList();
    assertEquals(3, rows.size(), rows.toString());
    assertTrue(rows.get(0).contains("抑制率 12.5%") && rows.get(0).contains("王检测"), rows.get(0));
    assertTrue(rows.get(2).contains("抑制率 70%") && rows.get(2).contains("速测阳性"), rows.get(2));
    browser.js("document.getElementById('batch-tests').scrollIntoView()");
    browser.screenshot("batch-tests-released");

    assertEquals("released", status(batchId));
    List<String> results = new java.util.ArrayList<>();
    TestServer.get().sql("SELECT result, effect FROM quality_tests WHERE batch_id = $1 ORDER BY seq", UUID.fromString(batchId))
        .forEach(row -> results.add(row.getString("result") + "/" + row.getString("effect")));
    assertEquals(List.of("positive/held", "negative/none", "negative/released"), results);
  }

  @Test
  @DisplayName("an inspector's spot check from the batch: a lab report of a crop the catalogue does not know asks for the commodity, and once chosen the residue over its limit rejects the batch")
  void spotCheckLabReport() {
    Api api = new Api(TestServer.get().vertx);
    String s = UUID.randomUUID().toString().substring(0, 8);
    String admin = api.adminToken();
    assertEquals(200, api.postRaw("/api/v1/reference/commodities", admin, "text/csv", Buffer.buffer(
        "code,parent,name_zh,name_en,aliases\n" + "veg_" + s + ",,蔬菜" + s + ",Vegetables " + s + ",\n"
            + "qingcai_" + s + ",veg_" + s + ",青菜" + s + ",Pak choi " + s + ",\n")).status());
    assertEquals(201, api.postRaw("/api/v1/reference/mrls", admin, "text/csv", Buffer.buffer(
        "analyte_zh,analyte_en,cas,commodity,limit_mg_kg,standard\n"
            + "吡虫啉" + s + ",imidacloprid " + s + ",,qingcai_" + s + ",0.5,GB 2763-2026\n")).status());
    Farm farm = new Farm(api);
    String batchId = harvest(farm, Farm.harvest(null, Farm.today()).put("crop", "自家小青菜" + s)).getString("id");
    String inspector = "inspector-" + s;
    Api.Response made = api.post("/api/v1/users", admin, new JsonObject()
        .put("username", inspector).put("password", "jianguan-" + inspector).put("role", "inspector").put("name", "张明"));
    assertEquals(201, made.status(), made.raw().bodyAsString());

    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(inspector, "jianguan-" + inspector);
    phone.open("/batches/" + batchId);
    browser.waitForText("#record-lab", "抽检");
    browser.click("#record-lab");
    browser.waitFor("#test-form[data-kind=lab]");
    browser.type("#f-lab", "浙江省农产品质量检测中心");
    browser.type("#f-reportNo", "ZJ-2026-0815");
    browser.type("#f-sample", "整株 1 千克");
    browser.type("#f-analyte-0", "吡虫啉" + s);
    browser.type("#f-value-0", "0.8");
    browser.find("#f-card-photo").sendKeys(Recording.cameraPhoto(900, 1200).toString());
    browser.waitFor("#photo-previews img");
    browser.screenshot("lab-report-form");
    browser.assertFingerSized("lab-report-form");
    browser.click("#test-form [type=submit]");
    browser.waitForText("#commodity-choice", "自家小青菜" + s);
    browser.screenshot("lab-report-commodity");
    browser.type("#f-commodity", "青菜" + s);
    String option = ".commodity-option[data-code='qingcai_" + s + "']";
    browser.tap(option);
    browser.waitForText("#f-commodity-chosen", "青菜" + s);
    browser.screenshot("lab-report-commodity-chosen");
    browser.click("#test-form [type=submit]");
    browser.waitForText("#batch-status", "不合格");
    browser.waitForText("#batch-tests", "官方抽检");
    assertTrue(browser.text("#batch-tests").contains("超过残留限量"), browser.text("#batch-tests"));
    browser.js("document.getElementById('batch-tests').scrollIntoView()");
    browser.screenshot("spot-check-rejected");

    browser.waitFor("#batch-tests .photos img");
    Row test = TestServer.get().sql("SELECT official, result, commodity_code, lab FROM quality_tests WHERE batch_id = $1",
        UUID.fromString(batchId)).iterator().next();
    assertEquals(true, test.getBoolean("official"));
    assertEquals("over_limit", test.getString("result"));
    assertEquals("qingcai_" + s, test.getString("commodity_code"));
    assertEquals("rejected", status(batchId));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM photos p JOIN quality_tests t ON t.id = p.record_id"
        + " WHERE p.record_kind = 'test' AND t.batch_id = $1", UUID.fromString(batchId)), "the report's photo, by the inspector");
  }
}
