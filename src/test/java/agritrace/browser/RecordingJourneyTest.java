package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A recorder's day on the phone, online: plots, inputs, an operation with a photo, harvests and their batches. */
class RecordingJourneyTest {

  @Test
  @DisplayName("a recorder adds a plot and a pesticide, records a spraying with a camera photo (stored once, shrunk) and a harvest whose batch shows at once")
  void operationWithPhotoThenHarvest() throws Exception {
    Recording r = Recording.freshFarm();
    Browser browser = r.browser;
    String plotId = r.addPlot("东头大棚", "青菜");
    r.addPesticide("10%吡虫啉可湿性粉剂", 7);

    r.fillSpraying(plotId, "10%吡虫啉可湿性粉剂");
    r.setDaysAgo("#f-occurredAt", 20);
    Path photo = Recording.cameraPhoto(3000, 2000);
    browser.find("#f-photos").sendKeys(photo.toString());
    browser.waitFor("#photo-previews img");
    browser.js("document.getElementById('photo-previews').scrollIntoView({block: 'center'})");
    browser.screenshot("operation-form");
    browser.assertFingerSized("operation-form");
    String sprayingId = r.saveAndWaitSent("#operation-form");
    browser.waitFor("#operation-photos img");
    browser.screenshot("operation-sent");

    assertEquals(1, TestServer.get().count("SELECT count(*) FROM operations WHERE root_id = $1", UUID.fromString(sprayingId)));
    assertEquals(1, r.operations());
    List<Integer> sizes = r.photoSizes();
    assertEquals(1, sizes.size(), "the photo is attached once");
    long original = Files.size(photo);
    assertTrue(sizes.get(0) < original / 2, "the photo was shrunk on the phone: " + sizes.get(0) + " of " + original + " bytes");
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM photos WHERE record_id = $1", UUID.fromString(sprayingId)));

    browser.click("#record-another"); // back to recording on the same plot
    browser.waitFor("#operation-form");
    r.phone.open("/plots/" + plotId);
    browser.click("#record-harvest");
    assertEquals("青菜", browser.waitFor("#f-crop").getDomProperty("value"), "the crop comes from the plot");
    browser.type("#f-quantity", "300");
    String harvestId = r.saveAndWaitSent("#harvest-form");
    String lotCode = TestServer.get().sql("SELECT lot_code FROM batches WHERE harvest_id = $1", UUID.fromString(harvestId))
        .iterator().next().getString("lot_code");
    browser.waitForText("#batch-result", lotCode);
    assertTrue(browser.text("#batch-result").contains("已采收"), browser.text("#batch-result"));
    assertEquals(2, r.operations());
  }

  @Test
  @DisplayName("a harvest two days after a spraying with a 7-day interval is warned about on the phone, saved anyway, and shown held with its reason, in Chinese and in English")
  void harvestInsideInterval() {
    Recording r = Recording.farmNotLoggedIn();
    Browser browser = r.browser;
    JsonObject[] made = r.plotAndPesticideFromElsewhere(7);
    String plotId = made[0].getString("id");
    r.logIn();
    r.waitKept(made[1].getString("id"));

    r.fillSpraying(plotId, "吡虫啉");
    String sprayedOn = r.setDaysAgo("#f-occurredAt", 2);
    r.saveAndWaitSent("#operation-form");

    r.phone.open("/harvests/new?plot=" + plotId);
    browser.type("#f-quantity", "300");
    browser.click("#harvest-form [type=submit]");
    String earliest = LocalDate.parse(sprayedOn).plusDays(7).toString();
    browser.waitForText("#harvest-warning", earliest);
    String warning = browser.text("#harvest-warning");
    assertTrue(warning.contains("吡虫啉") && warning.contains(sprayedOn) && warning.contains("7 天"), warning);
    browser.screenshot("harvest-warning");
    browser.assertFingerSized("harvest-warning");
    assertEquals(1, r.operations(), "nothing is sent before the farmer decides");

    browser.click("#save-anyway");
    String harvestId = r.waitSent();
    browser.waitForText("#batch-result", "暂扣");
    String result = browser.text("#batch-result");
    assertTrue(result.contains("最早可采收日期为 " + earliest), result);
    browser.screenshot("harvest-held");
    browser.assertFingerSized("harvest-held");
    assertEquals("held", TestServer.get().sql("""
        SELECT e.status FROM batches b JOIN batch_events e ON e.batch_id = b.id
        WHERE b.harvest_id = $1 ORDER BY e.id DESC LIMIT 1""", UUID.fromString(harvestId)).iterator().next().getString("status"));

    browser.click("header .language");
    browser.waitForText("#batch-result", "held at harvest");
    String english = browser.text("#batch-result");
    assertTrue(english.contains("the earliest allowed harvest is " + earliest), english);
    assertTrue(browser.text("#standing").contains("Sent to the server"));
    assertTrue("harvest".equalsIgnoreCase(browser.text("h1")), browser.text("h1"));
    browser.screenshot("harvest-held-en");
    browser.click("header .language");
    browser.waitForText("#batch-result", "暂扣");
  }
}
