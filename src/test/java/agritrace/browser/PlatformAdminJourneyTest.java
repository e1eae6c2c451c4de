package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.sqlclient.Row;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** The platform admin on the phone app: registering a producer (the credit code's check explained), making accounts. */
class PlatformAdminJourneyTest {

  private static final String PRODUCERS_NAMED = "SELECT count(*) FROM producers WHERE name = $1";

  @Test
  @DisplayName("the platform admin registers a producer whose credit code fails its check, is told why beside the field, fixes it, then makes an inspector and a recorder, and the inspector logs in")
  void registerAndMakeAccounts() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String name = "富阳区新登镇草莓专业合作社 " + suffix;
    String valid = Api.newCreditCode();
    char check = valid.charAt(17);
    String wrong = valid.substring(0, 17) + (check == '1' ? '2' : '1');

    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    TestServer db = TestServer.get();
    phone.logIn(db.adminUsername, TestServer.ADMIN_PASSWORD);
    browser.click("#home a[data-screen='/producers/new']");
    browser.type("#producer-form [name=name]", name);
    browser.type("#producer-form [name=creditCode]", wrong);
    browser.type("#producer-form [name=address]", "浙江省杭州市富阳区新登镇湘主村 3 号");
    browser.type("#producer-form [name=region]", "浙江省杭州市富阳区");
    browser.type("#producer-form [name=phone]", "0571-63321234");
    browser.click("#producer-form [type=submit]");
    String note = browser.waitForText("#f-creditCode-note", "校验码").getText();
    assertTrue(note.contains("应该是“" + check + "”"), note);
    assertEquals("true", browser.find("#f-creditCode").getAttribute("aria-invalid"));
    browser.waitFor("#override");
    browser.screenshot("admin-register-credit-code-error");
    browser.assertFingerSized("admin-register-credit-code-error");
    assertEquals(0, db.count(PRODUCERS_NAMED, name), "nothing is stored while the code fails its check");

    browser.type("#producer-form [name=creditCode]", valid);
    browser.click("#producer-form [type=submit]");
    browser.waitForText("#producer-facts", valid);
    assertEquals(1, db.count(PRODUCERS_NAMED, name));
    Row producer = db.sql("SELECT id, credit_code FROM producers WHERE name = $1", name).iterator().next();
    assertEquals(valid, producer.getString("credit_code"));
    UUID producerId = producer.getUUID("id");

    phone.open("/");
    browser.click("#home a[data-screen='/users/new']");
    String inspector = "zhang.inspector-" + suffix;
    String password = "jianguan-" + suffix;
    fillAccount(browser, "张明", inspector, password);
    browser.waitForText("#user-made", inspector);
    Row made = user(inspector);
    assertEquals("inspector", made.getString("role"));
    assertNull(made.getUUID("producer_id"), "an inspector belongs to no producer");

    browser.click("#another-user");
    new Select(browser.waitFor("#user-form [name=role]")).selectByValue("recorder");
    new Select(browser.waitFor("#user-form [name=producerId]")).selectByValue(producerId.toString());
    String recorder = "chen.recorder-" + suffix;
    fillAccount(browser, "陈小燕", recorder, "jilu-" + suffix);
    browser.waitForText("#user-made", name);
    assertEquals("recorder", user(recorder).getString("role"));
    assertEquals(producerId, user(recorder).getUUID("producer_id"));

    phone.open("/account");
    browser.click("#logout");
    phone.logIn(inspector, password);
    browser.waitFor("#home a[data-screen='/batches']");
    assertTrue(browser.text("#home").contains("监管人员"), browser.text("#home"));
  }

  @Test
  @DisplayName("at a desktop's width the batch list lays each batch out in one row across the page, producer beside lot code")
  void desktop() {
    agritrace.Farm farm = new agritrace.Farm(new Api(TestServer.get().vertx));
    String plot = farm.create("plot", agritrace.Farm.plot());
    String pesticide = farm.create("input", agritrace.Farm.pesticide(7));
    farm.create("operation", agritrace.Farm.spraying(plot, pesticide, agritrace.Farm.today().minusDays(1)));
    farm.create("operation", agritrace.Farm.harvest(plot, agritrace.Farm.today()));
    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(TestServer.get().adminUsername, TestServer.ADMIN_PASSWORD);
    try {
      resize(browser, 1280);
      phone.open("/batches");
      browser.waitFor("#batch-list .batch-row");
      assertEquals(1280, browser.viewportWidth());
      browser.screenshot("admin-batches-desktop");
    } finally {
      resize(browser, Browser.WIDTH);
    }
  }

  private static void fillAccount(Browser browser, String name, String username, String password) {
    browser.type("#user-form [name=name]", name);
    browser.type("#user-form [name=username]", username);
    browser.type("#user-form [name=password]", password);
    browser.click("#user-form [type=submit]");
  }

  private static Row user(String username) {
    return TestServer.get().sql("SELECT role, producer_id FROM users WHERE username = $1", username).iterator().next();
  }

  private static void resize(Browser browser, int width) {
    browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", Browser.HEIGHT, "deviceScaleFactor", 1, "mobile", false));
  }
}
