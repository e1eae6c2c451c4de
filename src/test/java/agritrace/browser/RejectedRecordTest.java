package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A record only the server can judge wrong: shown with its reason and field, fixed, and sent again under its id. */
class RejectedRecordTest {

  @Test
  @DisplayName("an operation dated tomorrow is rejected by the server, shown with why and on which field, fixed and stored once under the same id")
  void rejectedThenFixed() {
    Recording r = Recording.farmNotLoggedIn();
    Browser browser = r.browser;
    JsonObject plot = agritrace.Farm.plot();
    r.farm.create("plot", plot);
    r.logIn();
    r.waitKept(plot.getString("id"));

    r.phone.open("/operations/new?plot=" + plot.getString("id"));
    r.select("#f-type", "irrigation");
    r.setDaysAgo("#f-occurredAt", -1);
    browser.type("#f-notes", "滴灌40分钟");
    browser.click("#operation-form [type=submit]");
    browser.waitForText("#standing", "被退回");
    String said = browser.text("#standing");
    assertTrue(said.contains("操作时间") && said.contains("在将来"), said);
    String id = browser.find("#operation").getDomAttribute("data-id");
    assertEquals(0, r.operations(), "nothing of a rejected record is stored");

    r.phone.open("/outbox");
    browser.waitForText("#outbox-list .outbox-rejected", "在将来");
    String listed = browser.text("#outbox-list .outbox-rejected");
    assertTrue(listed.contains(plot.getString("name")) && listed.contains("灌溉") && listed.contains("操作时间"), listed);
    assertEquals(1, r.waitingBadge());
    browser.screenshot("outbox-rejected");
    browser.assertFingerSized("outbox-rejected");

    browser.click("#outbox-list .outbox-rejected .fix");
    browser.waitForText("#operation-form", "在将来"); // the reason next to the field at fault
    assertEquals("滴灌40分钟", browser.waitFor("#f-notes").getDomProperty("value"));
    r.setDaysAgo("#f-occurredAt", 0.01);
    browser.click("#operation-form [type=submit]");
    assertEquals(id, r.waitSent(), "the fixed record keeps the id it was made with");

    assertEquals(1, TestServer.get().count("SELECT count(*) FROM operations WHERE id = $1", UUID.fromString(id)));
    assertEquals(1, r.operations());
    r.phone.open("/outbox");
    browser.waitForText(".screen", "所有记录都已发送");
    assertEquals(0, r.waitingBadge());
  }
}
