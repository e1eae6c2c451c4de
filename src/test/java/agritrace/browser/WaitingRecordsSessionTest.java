package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Farm;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Records waiting on the phone survive the end of a session: an expired token, or logging out. */
class WaitingRecordsSessionTest {

  private static Recording withPlot(JsonObject plot) {
    Recording r = Recording.farmNotLoggedIn();
    r.farm.create("plot", plot);
    r.logIn();
    r.waitKept(plot.getString("id"));
    return r;
  }

  @Test
  @DisplayName("when the token expires while a record waits, the app asks for the password again, keeps the record, and sends it once after logging in")
  void expiredToken() {
    JsonObject plot = Farm.plot();
    Recording r = withPlot(plot);
    Browser browser = r.browser;
    try {
      AppServer.get().stop();
      r.recordSimple(plot.getString("id"), "irrigation", null);
      r.expireTokens();
    } finally {
      AppServer.get().start();
    }
    r.phone.open("/outbox");
    browser.click("#sync-now");
    browser.waitForText("h1", "请重新登录");
    assertTrue(browser.text(".notice.warn").contains("1 条记录保存在手机上"), browser.text(".notice.warn"));
    assertEquals(1, r.waitingBadge());
    assertEquals(0, r.operations());
    browser.screenshot("login-again");

    browser.type("#login [name=password]", r.password);
    browser.click("#login [type=submit]");
    browser.waitFor("#sync-now"); // back where the person was
    Recording.waitDatabase(r::operations, 1);
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> r.waitingBadge() == 0);
    assertEquals(1, r.operations(), "sent exactly once");
  }

  @Test
  @DisplayName("logging out with a record waiting warns first, and the record stays on the phone and is sent when that user logs in again")
  void logoutWarns() {
    JsonObject plot = Farm.plot();
    Recording r = withPlot(plot);
    Browser browser = r.browser;
    try {
      AppServer.get().stop();
      r.recordSimple(plot.getString("id"), "weeding", null);
      r.phone.open("/account");
      browser.click("#logout");
      browser.waitForText("dialog.confirm", "还有 1 条记录没有发送");
      browser.screenshot("logout-waiting");
      browser.click("dialog.confirm .danger");
      browser.waitFor("#login");
      assertEquals(1L, ((Number) browser.driver().executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          indexedDB.open('agritrace').onsuccess = (e) => {
            const count = e.target.result.transaction('outbox').objectStore('outbox').count();
            count.onsuccess = () => { e.target.result.close(); done(count.result); };
          };""")).longValue(), "the record is still on the phone");
    } finally {
      AppServer.get().start();
    }
    assertEquals(0, r.operations());
    r.logIn();
    Recording.waitDatabase(r::operations, 1);
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> r.waitingBadge() == 0);
    assertEquals(1, r.operations(), "sent exactly once");
  }
}
