package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An inspector fills a 日常检查 checklist on a producer's visit, online and with the signal gone. */
class InspectionChecklistTest {

  private static final String FAIL_NOTE = "农药和化肥混放，没有出入库台账";

  private final Api api = new Api(TestServer.get().vertx);
  private final Farm farm = new Farm(api);
  private final String code = "daily_" + UUID.randomUUID().toString().substring(0, 8);
  private final String inspector = "inspector-" + UUID.randomUUID().toString().substring(0, 8);
  private final String password = "jiancha-" + inspector;

  InspectionChecklistTest() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/reference/checklist-daily-sample.json")) {
      JsonObject sample = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).put("code", code);
      assertEquals(201, api.post("/api/v1/reference/checklists", farm.admin, sample).status());
    }
    // A second checklist in force, so that the inspector chooses (with one, the app opens it at once).
    assertEquals(201, api.post("/api/v1/reference/checklists", farm.admin, new JsonObject()
        .put("code", "market_" + UUID.randomUUID().toString().substring(0, 8))
        .put("title", new JsonObject().put("zh", "市场抽查记录").put("en", "Market check"))
        .put("items", new JsonArray().add(new JsonObject().put("id", "labels")
            .put("text", new JsonObject().put("zh", "有合格证").put("en", "Certificates are shown"))))).status());
    Api.Response made = api.post("/api/v1/users", farm.admin, new JsonObject()
        .put("username", inspector).put("password", password).put("role", "inspector").put("name", "李检查"));
    assertEquals(201, made.status(), made.raw().bodyAsString());
  }

  /** Opens the producer and starts an inspection with this test's checklist. */
  private void start(Phone phone) {
    Browser browser = phone.browser;
    phone.open("/producers/" + farm.producerId);
    browser.click("#start-inspection");
    browser.waitFor("#checklist-choices");
    browser.click("#checklist-choices [data-code='" + code + "']");
    browser.waitFor("#inspection-form");
  }

  /** Answers every item: one failed, one not applicable, the others passed. */
  private static void answerAll(Browser browser) {
    for (var item : browser.driver().findElements(By.cssSelector("#inspection-form .check"))) {
      String id = item.getAttribute("data-item");
      String answer = id.equals("inputs_stored") ? "fail" : id.equals("labels_certificates") ? "not_applicable" : "pass";
      // Scrolled to the middle: at the bottom the sticky send bar covers it, as it would a finger.
      browser.js("arguments[0].scrollIntoView({block: 'center'})", item);
      browser.click("#item-" + id + " [data-answer=" + answer + "]");
    }
    browser.waitForText("#inspect-progress", "已填 8 / 8 项");
  }

  private String inspectionOf(String producerId) {
    var rows = TestServer.get().sql("SELECT id FROM inspections WHERE producer_id = $1", UUID.fromString(producerId));
    assertEquals(1, rows.size(), "inspections of the producer");
    return rows.iterator().next().getUUID("id").toString();
  }

  @Test
  @DisplayName("an inspector fails one item with a note and a photo and sends the checklist; the producer's profile shows it and the database holds the answers and the photo")
  void fillAndSend() throws Exception {
    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(inspector, password);
    phone.open("/producers/" + farm.producerId);
    browser.click("#start-inspection");
    browser.waitFor("#checklist-choices");
    browser.screenshot("inspection-choose");
    browser.assertFingerSized("inspection-choose");
    browser.click("#checklist-choices [data-code='" + code + "']");
    browser.waitFor("#inspection-form");
    browser.screenshot("inspection-form");
    browser.assertFingerSized("inspection-form");

    browser.click("#send-inspection");
    browser.waitForText("#inspect-standing", "还有 8 项没填好");
    browser.screenshot("inspection-incomplete");
    phone.open("/producers/" + farm.producerId);
    browser.waitForText("#start-inspection", "继续未发送的日常检查");
    browser.click("#start-inspection");
    browser.waitFor("#inspection-form");
    answerAll(browser);
    browser.click("#send-inspection");
    browser.waitForText("#item-inputs_stored .note.error", "不合格要写明哪里不合格");
    browser.type("#note-inputs_stored", FAIL_NOTE);
    browser.find("#photo-inputs_stored").sendKeys(Recording.cameraPhoto(2400, 1600).toString());
    browser.waitFor("#item-inputs_stored .photos img");
    browser.js("document.getElementById('item-inputs_stored').scrollIntoView({block: 'center'})");
    browser.screenshot("inspection-failed-item");
    browser.assertFingerSized("inspection-failed-item");
    browser.type("#inspection-note", "已当场要求整改");
    browser.click("#send-inspection");

    browser.waitFor("#inspection");
    assertTrue(browser.text("#inspection [data-item=inputs_stored]").contains(FAIL_NOTE));
    browser.waitFor("#inspection [data-item=inputs_stored] img");
    browser.screenshot("inspection-detail");
    String id = inspectionOf(farm.producerId);
    assertEquals(id, browser.find("#inspection").getAttribute("data-id"));
    var answers = TestServer.get().sql("SELECT item_id, answer, note FROM inspection_answers WHERE inspection_id = $1"
        + " ORDER BY position", UUID.fromString(id));
    assertEquals(8, answers.size());
    JsonArray stored = new JsonArray();
    answers.forEach(row -> stored.add(row.toJson()));
    assertEquals(new JsonObject().put("item_id", "inputs_stored").put("answer", "fail").put("note", FAIL_NOTE), stored.getJsonObject(3));
    assertEquals("not_applicable", stored.getJsonObject(6).getString("answer"));
    assertEquals("已当场要求整改", TestServer.get().sql("SELECT note FROM inspections WHERE id = $1", UUID.fromString(id))
        .iterator().next().getString("note"));
    var photo = TestServer.get().sql("SELECT item_id, size FROM photos WHERE record_kind = 'inspection' AND record_id = $1",
        UUID.fromString(id));
    assertEquals(1, photo.size(), "the photo is stored once");
    assertEquals("inputs_stored", photo.iterator().next().getString("item_id"));
    assertTrue(photo.iterator().next().getInteger("size") < 1024 * 1024, "the photo was shrunk on the phone");

    phone.open("/producers/" + farm.producerId + "/profile");
    browser.waitFor("#profile-inspections .inspection-card");
    String block = browser.text("#profile-inspections");
    assertTrue(block.contains("不合格 1") && block.contains("合格 6") && block.contains("不适用 1"), block);
    assertTrue(block.contains(FAIL_NOTE) && block.contains("李检查") && block.contains("日常监督检查表"), block);
    browser.js("document.getElementById('profile-inspections').scrollIntoView()");
    browser.screenshot("inspection-in-profile");
    browser.click("#all-inspections");
    browser.waitFor("#inspection-list .inspection-card");
    assertEquals(id, browser.find("#inspection-list .inspection-card").getAttribute("data-inspection"));
    browser.screenshot("inspection-list");
    browser.assertFingerSized("inspection-list");
    browser.click("#inspection-list .inspection-card");
    browser.waitFor("#inspection [data-item=inputs_stored] img");
    browser.assertFingerSized("inspection-detail");
    assertEquals(0, browser.consoleErrors().size(), browser.consoleErrors().toString());
  }

  @Test
  @DisplayName("with no signal a send fails and says so; the draft survives a reload and, back online, is stored once with its photo")
  void sendWithoutSignal() {
    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(inspector, password);
    new WebDriverWait(browser.driver(), Browser.TIMEOUT)
        .until(d -> Boolean.TRUE.equals(browser.js("return !!navigator.serviceWorker.controller")));
    start(phone);
    answerAll(browser);
    browser.type("#note-inputs_stored", FAIL_NOTE);
    browser.find("#photo-inputs_stored").sendKeys(Recording.cameraPhoto(800, 600).toString());
    browser.waitFor("#item-inputs_stored .photos img");
    try {
      AppServer.get().stop();
      browser.click("#send-inspection");
      browser.waitForText("#inspect-standing", "没有发出去");
      assertTrue(browser.text("#inspect-standing").contains("不会丢"));
      assertEquals("重新发送", browser.text("#send-inspection"));
      browser.js("window.scrollTo(0, 0)");
      browser.screenshot("inspection-unsent");
      assertEquals(0, farm.count("inspections"));

      browser.driver().navigate().refresh();
      browser.waitFor("#inspection-form");
      browser.waitForText("#inspect-progress", "已填 8 / 8 项");
      assertEquals(FAIL_NOTE, browser.find("#note-inputs_stored").getAttribute("value"));
      browser.waitFor("#item-inputs_stored .photos img");
    } finally {
      AppServer.get().start();
    }
    browser.click("#send-inspection");
    browser.waitFor("#inspection");
    String id = inspectionOf(farm.producerId);
    assertEquals(8, TestServer.get().count("SELECT count(*) FROM inspection_answers WHERE inspection_id = $1", UUID.fromString(id)));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM photos WHERE record_id = $1 AND item_id = 'inputs_stored'",
        UUID.fromString(id)));
    phone.open("/producers/" + farm.producerId);
    browser.waitForText("#start-inspection", "日常检查");
    assertTrue(!browser.text("#start-inspection").contains("继续"), "the sent draft is gone from the phone");
  }
}
