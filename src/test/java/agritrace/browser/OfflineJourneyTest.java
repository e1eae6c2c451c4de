package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The offline scenario: days without a network, the tab reloaded, the phone switched off and on. */
class OfflineJourneyTest {

  @Test
  @DisplayName("offline, a recorder records three operations and a photo; after a reload and a restart the four still wait; back online each is stored exactly once with the photo")
  void offlineThenBack() {
    Recording r = Recording.farmNotLoggedIn();
    Browser browser = r.browser;
    JsonObject plot = Farm.plot();
    r.farm.create("plot", plot);
    String plotId = plot.getString("id");
    r.logIn();
    r.waitKept(plotId);
    r.waitServiceWorker();
    try {
      AppServer.get().stop();
      String photo = Recording.cameraPhoto(1200, 900).toString();
      String first = r.recordSimple(plotId, "irrigation", photo);
      browser.waitForText("#standing", "还没有发送");
      String second = r.recordSimple(plotId, "weeding", null);
      String third = r.recordSimple(plotId, "other", null);
      browser.waitFor(".banner.warn");
      assertTrue(browser.text(".banner.warn").contains("离线"));
      browser.screenshot("offline-banner");
      assertEquals(4, r.waitingBadge(), "three records and a photo wait");

      browser.driver().navigate().refresh();
      browser.waitFor("#operation");
      assertEquals(4, r.waitingBadge(), "still waiting after a reload, with no network");

      browser.restart();
      r.phone.open("/");
      browser.waitFor("#home");
      browser.waitForText("#home", "4 条等待同步");
      assertEquals(4, r.waitingBadge(), "still waiting after the phone was switched off and on");

      AppServer.get().start();
      r.phone.open("/outbox");
      browser.click("#sync-now");
      browser.waitForText(".screen", "所有记录都已发送");
      assertEquals(0, r.waitingBadge());
      for (String id : new String[] {first, second, third}) {
        assertEquals(1, TestServer.get().count("SELECT count(*) FROM operations WHERE id = $1", UUID.fromString(id)), id);
      }
      assertEquals(3, r.operations());
      assertEquals(1, TestServer.get().count("SELECT count(*) FROM photos WHERE record_id = $1", UUID.fromString(first)));
      assertEquals(1, r.photoSizes().size());
    } finally {
      AppServer.get().start();
    }
  }
}
