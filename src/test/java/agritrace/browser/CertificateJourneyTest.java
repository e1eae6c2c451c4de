package agritrace.browser;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** A producer admin issues a commitment certificate for a released batch and prints it; a shopper reads its page. */
class CertificateJourneyTest {

  private final Api api = new Api(TestServer.get().vertx);
  private Farm farm;
  private String batch;
  private Phone phone;
  private Browser browser;

  @BeforeEach
  void aReleasedBatchAndItsAdmin() {
    farm = new Farm(api);
    String plot = farm.create("plot", Farm.plot());
    Api.Response harvest = api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, Farm.today()));
    assertStatus(harvest, 201);
    batch = harvest.json().getJsonObject("batch").getString("id");
    assertStatus(api.post("/api/v1/batches/" + batch + "/tests", farm.recorder, new JsonObject().put("id", Farm.newId())
        .put("kind", "rapid").put("testedAt", Farm.at(Farm.today())).put("sample", "叶片 500 g")
        .put("method", "GB/T 5009.199 酶抑制率法").put("inhibitionRate", 15).put("tester", "王检测")), 201);
    Phone.Person admin = Phone.producerAdmin(farm);
    phone = Phone.fresh();
    browser = phone.browser;
    phone.logIn(admin);
  }

  @Test
  @DisplayName("the admin issues a certificate for part of a released batch, opens its printable page with the QR code, and the shopper's page shows it")
  void issueAndPrint() {
    phone.open("/batches/" + batch);
    browser.waitFor("#certificate-form");
    assertTrue(browser.text("#certificate-left").contains("还可以开 300 千克"), browser.text("#certificate-left"));
    assertEquals("300", browser.find("#f-quantity").getDomProperty("value"), "prefilled with what is left");
    browser.type("#f-quantity", "120");
    new Select(browser.find("#f-quantityUnit")).selectByValue("jin");
    browser.type("#f-buyer", "杭州联华超市");
    browser.type("#f-deliveryNote", "SH-20261201-07");
    browser.tap("#f-quantity");
    browser.screenshot("certificate-form");
    browser.assertFingerSized("certificate-form");
    browser.tap("#issue-certificate");
    browser.waitForText("#certificate-list", "120 斤");
    browser.waitForText("#certificate-left", "还可以开 240 千克");
    assertTrue(browser.text("#certificate-list").contains("自行检测合格"));
    assertTrue(browser.text("#certificate-list").contains("杭州联华超市 · SH-20261201-07"));
    browser.screenshot("certificate-issued");

    Row row = TestServer.get().sql("SELECT * FROM certificates WHERE batch_id = $1", UUID.fromString(batch)).iterator().next();
    assertEquals(0, new BigDecimal("120").compareTo(row.getBigDecimal("quantity")));
    assertEquals("jin", row.getString("quantity_unit"));
    assertEquals(0, new BigDecimal("60").compareTo(row.getBigDecimal("base_quantity")));
    assertEquals("杭州联华超市", row.getString("buyer"));
    assertEquals("own_test", row.getString("basis"));
    String code = row.getString("code");
    assertEquals(code, browser.find("#certificate-list .certificate").getDomAttribute("data-code"));

    assertEquals("", browser.find("#f-buyer").getDomProperty("value"), "the form starts again for the next delivery");
    assertEquals("240", browser.find("#f-quantity").getDomProperty("value"));
    // The print button opens the page in a new tab; the test opens it in the phone's own window, at 360 × 800.
    String print = browser.find("#certificate-list .print-certificate").getDomAttribute("href");
    assertEquals("_blank", browser.find("#certificate-list .print-certificate").getDomAttribute("target"));
    assertEquals(AppServer.get().baseUrl() + "/c/" + code + "/print", print);
    browser.driver().get(print);
    browser.waitFor("#certificate-sheet");
    assertTrue(browser.driver().getCurrentUrl().endsWith("/c/" + code + "/print"), browser.driver().getCurrentUrl());
    assertEquals(Boolean.TRUE, browser.js("const img = document.querySelector('#certificate-sheet');"
        + " return img.complete && img.naturalWidth > 0"), "the SVG sheet is drawn");
    String svg = api.get("/c/" + code + "/svg", null).raw().bodyAsString();
    assertTrue(svg.contains("id=\"qr\"") && svg.contains("承诺达标合格证") && svg.contains("120 斤"), svg);
    browser.screenshot("certificate-print");
    assertEquals(List.of(), browser.consoleErrors(), "the print page breaks no policy");

    browser.click("#page-link");
    browser.waitForText("#product-name", "青菜");
    assertTrue(browser.text("#quantity").contains("120 斤"));
    assertTrue(browser.text("#basis").contains("自行检测合格"));
    assertTrue(browser.text("#basis").contains("农残速测"));
    browser.screenshot("certificate-page");
    browser.js("document.querySelector('#basis').scrollIntoView()");
    browser.screenshot("certificate-page-basis");
    assertEquals(List.of(), browser.consoleErrors(), "the public page breaks no policy");

    String inspector = api.newUser(farm.admin, null, "inspector");
    assertStatus(api.post("/api/v1/batches/" + batch + "/hold", inspector, new JsonObject().put("reason", "市场抽检待复检")), 200);
    browser.driver().navigate().refresh();
    browser.waitForText("#status-alert", "暂扣");
    browser.js("window.scrollTo(0, 0)");
    browser.screenshot("certificate-page-held");

    // Back in the app, the batch's certificate is still listed, and the batch held stops new ones.
    phone.open("/batches/" + batch);
    browser.waitForText("#certificate-list", "120 斤");
    assertTrue(browser.find("#batch-certificates").findElements(org.openqa.selenium.By.id("certificate-form")).isEmpty(),
        "no form while the batch is held");
  }

}
