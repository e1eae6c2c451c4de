package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import agritrace.labels.QrDecoding;
import agritrace.quality.CertifiedBatch;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** 包装赋码 on a phone: the admin states a product with its barcode number, packs a certified batch, and prints its labels. */
class PackingAppTest {

  /** A valid GTIN-13 (DOMAIN.md), and the same with a wrong check digit. */
  private static final String GTIN = "9520123456788";
  private static final String WRONG_CHECK_DIGIT = "9520123456789";

  private CertifiedBatch batch;
  private Phone phone;
  private Browser browser;

  @BeforeEach
  void aCertifiedBatchAndItsAdmin() {
    batch = new CertifiedBatch(TestServer.get().vertx);
    Phone.Person admin = Phone.producerAdmin(batch.farm);
    phone = Phone.fresh();
    browser = phone.browser;
    phone.logIn(admin);
  }

  @Test
  @DisplayName("the admin adds a product with a GTIN (a wrong check digit refused next to the field), packs 30 units in cases of 10, sees their codes and QR, and a label of the A4 sheet decodes to its unit's URL")
  void packAndPrint() throws Exception {
    phone.open("/producers/" + batch.farm.producerId + "/products");
    browser.tap("#add-product");
    browser.type("#product-form [name=name]", "龙井村上海青");
    browser.type("#f-commodity", batch.commodityName);
    browser.tap(".commodity-option[data-code=" + batch.commodityCode + "]");
    browser.waitForText("#f-commodity-chosen", batch.commodityName);
    browser.type("#product-form [name=packaging]", "500 g 袋装");
    browser.type("#f-netQuantity", "500");
    browser.type("#f-gtin", WRONG_CHECK_DIGIT);
    browser.tap("#product-form [type=submit]");
    assertTrue(browser.waitForText("#f-gtin-note", "校验位").isDisplayed(), "the server's check-digit error, next to the field");
    browser.screenshot("pack-product-form");
    browser.assertFingerSized("pack-product-form");
    browser.type("#f-gtin", GTIN);
    browser.tap("#product-form [type=submit]");
    browser.waitForText("#product-list", "龙井村上海青");
    assertTrue(browser.text("#product-list").contains("条码 0" + GTIN), browser.text("#product-list"));
    assertTrue(browser.text("#product-list").contains("净含量 500 克"));
    browser.screenshot("pack-products");
    Row product = TestServer.get().sql("SELECT * FROM products WHERE producer_id = $1",
        UUID.fromString(batch.farm.producerId)).iterator().next();
    assertEquals("0" + GTIN, product.getString("gtin"));
    assertEquals(0, new BigDecimal("500").compareTo(product.getBigDecimal("net_quantity")));
    assertEquals("g", product.getString("net_unit"));

    phone.open("/batches/" + batch.batchId);
    browser.waitFor("#packing-form");
    assertEquals("500", browser.find("#f-unitWeight").getDomProperty("value"), "the product's net content prefilled");
    assertEquals("g", browser.find("#f-unitWeightUnit").getDomProperty("value"));
    assertEquals("500 g 袋装", browser.find("#f-packaging").getDomProperty("value"));
    browser.type("#f-unitCount", "1000");
    browser.type("#f-unitWeight", "1");
    new org.openqa.selenium.support.ui.Select(browser.find("#f-unitWeightUnit")).selectByValue("kg");
    browser.tap("#pack-batch");
    assertTrue(browser.waitForText("#f-unitCount-note", "最多还剩 300").isDisplayed(), browser.text("#f-unitCount-note"));
    browser.js("document.querySelector('#batch-packing').scrollIntoView({block: 'start'})");
    browser.screenshot("pack-batch-too-many");
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM packing_runs WHERE batch_id = $1", UUID.fromString(batch.batchId)));

    browser.type("#f-unitCount", "30");
    browser.type("#f-unitWeight", "500");
    new org.openqa.selenium.support.ui.Select(browser.find("#f-unitWeightUnit")).selectByValue("g");
    browser.type("#f-caseSize", "10");
    browser.js("document.querySelector('#packing-form').scrollIntoView({block: 'start'})");
    browser.screenshot("pack-batch-form");
    browser.assertFingerSized("pack-batch-form");
    browser.tap("#pack-batch");

    browser.waitForText("#run-facts", "30 件 × 500 克");
    Row run = TestServer.get().sql("SELECT * FROM packing_runs WHERE batch_id = $1", UUID.fromString(batch.batchId))
        .iterator().next();
    UUID runId = run.getUUID("id");
    assertEquals(30, run.getInteger("unit_count"));
    assertEquals(10, run.getInteger("case_size"));
    assertEquals("0" + GTIN, run.getString("gtin"));
    assertEquals(30, TestServer.get().count("SELECT count(*) FROM label_codes WHERE run_id = $1 AND kind = 'unit'", runId));
    assertEquals(3, TestServer.get().count("SELECT count(*) FROM label_codes WHERE run_id = $1 AND kind = 'case'", runId));
    assertTrue(browser.text("#run-facts").contains("3 箱，每箱 10 件"), browser.text("#run-facts"));
    assertEquals(3, browser.driver().findElements(By.cssSelector("#run-cases li")).size());
    assertEquals(30, browser.driver().findElements(By.cssSelector("#run-units li")).size(), "30 units: one page");
    Row first = TestServer.get().sql("SELECT code, url FROM label_codes WHERE run_id = $1 AND kind = 'unit' AND number = 1",
        runId).iterator().next();
    String code = first.getString("code");
    String url = first.getString("url");
    assertTrue(url.contains("/01/0" + GTIN + "/10/") && url.endsWith("/21/" + code), url);
    browser.screenshot("pack-run");
    browser.assertFingerSized("pack-run");

    browser.tap("#run-units li[data-code='" + code + "'] .unit-row");
    WebElement qr = browser.waitFor("#unit-qr");
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> Boolean.TRUE.equals(
        browser.js("const i = document.querySelector('#unit-qr'); return i.complete && i.naturalWidth > 0")));
    assertTrue(qr.getDomAttribute("src").startsWith("blob:"), "fetched with the token, shown from a blob");
    assertTrue(browser.text("#run-units li[data-code='" + code + "']").contains("装在第 1 箱"));
    assertTrue(browser.text("#run-units li[data-code='" + code + "']").contains("序列号 " + code));
    assertEquals(url, QrDecoding.decodePng(qr.getScreenshotAs(OutputType.BYTES)).text(), "the unit's QR on the phone");
    browser.screenshot("pack-run-unit-qr");

    browser.js("window.scrollTo(0, 0)");
    browser.screenshot("pack-run-top");
    browser.consoleErrors(); // the refused GTIN and over-packing above answered 400 and 409, as they should
    String app = browser.driver().getWindowHandle();
    browser.tap("#sheet-a4-3x8");
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(ExpectedConditions.numberOfWindowsToBe(2));
    Set<String> handles = browser.driver().getWindowHandles();
    String sheet = handles.stream().filter(h -> !h.equals(app)).findFirst().orElseThrow();
    browser.driver().switchTo().window(sheet);
    try {
      browser.waitFor("svg.page");
      assertTrue(browser.driver().getCurrentUrl().contains("/api/v1/packing-runs/" + runId + "/labels?layout=a4-3x8&ticket="),
          browser.driver().getCurrentUrl());
      assertEquals(2L, browser.js("return document.querySelectorAll('svg.page').length"), "30 labels: 2 A4 pages");
      browser.screenshot("pack-sheet");
      // Enlarged four times, as a phone's camera would come close to the printed label.
      browser.js("const p = document.querySelector('svg.page'); p.style.width = '840mm'; p.style.height = '1188mm';"
          + " document.querySelector('svg.qr').scrollIntoView({block: 'center', inline: 'center'})");
      byte[] shot = browser.find("svg.qr").getScreenshotAs(OutputType.BYTES);
      java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/pack-sheet-qr.png"), shot);
      assertEquals(url, QrDecoding.decodePng(shot).text(), "the sheet's first label decodes to unit 1's URL");
      assertEquals(List.of(), browser.consoleErrors(), "the sheet breaks no policy");
    } finally {
      browser.driver().close();
      browser.driver().switchTo().window(app);
    }

    // Where the browser blocks the new tab, the app offers a link to tap instead.
    browser.js("window.open = () => null");
    browser.tap("#sheet-thermal-50x30");
    String link = browser.waitFor("#sheet-link").getDomAttribute("href");
    assertTrue(link.startsWith("/api/v1/packing-runs/" + runId + "/labels?layout=thermal-50x30&ticket="), link);
    browser.screenshot("pack-sheet-blocked");
    agritrace.Api.Response thermal = new agritrace.Api(TestServer.get().vertx, AppServer.get().port()).get(link, null);
    assertEquals(200, thermal.status());
    assertTrue(thermal.raw().bodyAsString().contains("size:50mm 30mm"));

    // The batch lists its run, which opens the run again.
    phone.open("/batches/" + batch.batchId);
    String listed = browser.waitForText("#packing-runs", "龙井村上海青").getText();
    // The pack date the form proposed: the phone's today (the browser's zone, not the server's).
    assertTrue(listed.contains("30 件 × 500 克 · 3 箱") && listed.contains(run.getLocalDate("pack_date").toString()), listed);
    browser.js("document.querySelector('#batch-packing').scrollIntoView({block: 'start'})");
    browser.screenshot("pack-batch-runs");
    browser.tap("#packing-runs [data-run='" + runId + "']");
    browser.waitForText("#run-facts", "3 箱，每箱 10 件");
  }

  @Test
  @DisplayName("a batch not released, or released without a certificate, says in one line why it cannot be packed yet, and shows no packing form")
  void notYet() {
    phone.open("/batches/" + batch.harvested());
    assertTrue(browser.waitForText("#pack-not-yet", "放行后才能包装").getText().contains("还不能包装"));
    assertTrue(browser.driver().findElements(By.id("packing-form")).isEmpty());
    phone.open("/batches/" + batch.releasedUncertified());
    browser.waitForText("#pack-not-yet", "还没有开承诺达标合格证");
    browser.js("document.querySelector('#batch-packing').scrollIntoView({block: 'start'})");
    browser.screenshot("pack-not-yet");
    assertTrue(browser.driver().findElements(By.id("packing-form")).isEmpty());
  }

  @Test
  @DisplayName("a run of 260 units shows its first 50 units, and 50 more at each tap, up to all 260, in order")
  void pagedUnits() {
    String run = batch.packed(260);
    phone.open("/packing-runs/" + run);
    browser.waitForText("#more-units", "已显示 50 / 260");
    assertEquals(50, browser.driver().findElements(By.cssSelector("#run-units li")).size());
    for (int shown = 100; shown <= 250; shown += 50) {
      browser.tap("#more-units");
      browser.waitForText("#more-units", "已显示 " + shown + " / 260");
    }
    browser.tap("#more-units");
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("more-units")));
    List<WebElement> units = browser.driver().findElements(By.cssSelector("#run-units li"));
    assertEquals(260, units.size());
    List<String> stored = new java.util.ArrayList<>();
    TestServer.get().sql("SELECT code FROM label_codes WHERE run_id = $1 AND kind = 'unit' ORDER BY number",
        UUID.fromString(run)).forEach(r -> stored.add(r.getString("code")));
    assertEquals(stored, units.stream().map(u -> u.getDomAttribute("data-code")).toList());
    assertTrue(browser.text("#run-units li:last-child").contains("第 260 件"));
  }
}
