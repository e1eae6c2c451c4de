package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import agritrace.quality.PackedLabels;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** 扫码 on the phone: a label's photo read by the server, a typed code, a photo with no code, and the in-app decoder. */
class ScanAppTest {

  /** Records what the screen asks the phone to vibrate, so a test sees which feedback ran. */
  private static final String RECORD_VIBRATION = "window.vibrated = []; navigator.vibrate = (pattern) => { window.vibrated.push(pattern); return true; };";

  private static Path file(String name, byte[] bytes) throws IOException {
    Path file = Files.createTempFile(name, ".png");
    file.toFile().deleteOnExit();
    return Files.write(file, bytes);
  }

  private static Row batch(String id) {
    return TestServer.get().sql("SELECT b.lot_code, (SELECT e.status FROM batch_events e WHERE e.batch_id = b.id"
        + " ORDER BY e.id DESC LIMIT 1) AS status FROM batches b WHERE b.id = $1", UUID.fromString(id)).iterator().next();
  }

  private static Phone openScan(String[] person) {
    Phone phone = Phone.fresh();
    phone.logIn(person[0], person[1]);
    phone.browser.click("#home a[data-screen='/scan']");
    // Headless Chromium has no camera: the screen says so and offers the photo and the typing field.
    phone.browser.waitFor("#scan[data-camera='none'] #scan-no-camera");
    phone.browser.js(RECORD_VIBRATION);
    return phone;
  }

  @Test
  @DisplayName("a recorder scans a photo of a label the server rendered and sees its product, lot and 已放行 with the good beep; held by an inspector, the same label shows 暂扣, 不能销售, the low buzz, and the tally counts it")
  void photoOfALabel() throws Exception {
    PackedLabels labels = new PackedLabels(TestServer.get().vertx);
    PackedLabels.Label label = labels.packedUnit();
    Path photo = file("label", labels.qrPng(label.code(), 6));
    String lot = batch(label.batchId()).getString("lot_code");
    Phone phone = openScan(labels.member("recorder"));
    Browser browser = phone.browser;
    browser.screenshot("scan-no-camera");
    browser.assertFingerSized("scan screen");

    browser.find("#scan-photo").sendKeys(photo.toString());
    browser.waitFor("#scan-result[data-known='true']");
    String card = browser.text("#scan-result");
    assertTrue(card.contains("上海青") && card.contains(lot) && card.contains("已放行"), card);
    assertEquals("good", browser.find("#scan-result").getDomAttribute("data-feedback"));
    assertEquals(label.code(), browser.find("#scan-result").getDomAttribute("data-code"));
    assertTrue(browser.find("#scan-batch").getDomAttribute("href").endsWith(label.batchId()));
    assertEquals(List.of(List.of(80L)), browser.js("return window.vibrated"));
    browser.screenshot("scan-released");

    labels.hold(label.batchId(), "市场抽检复核，暂停销售");
    assertEquals("held", batch(label.batchId()).getString("status"));
    browser.find("#scan-photo").sendKeys(photo.toString());
    browser.waitFor("#scan-result[data-status='held']");
    card = browser.text("#scan-result");
    assertTrue(card.contains("暂扣") && card.contains("不能销售"), card);
    assertEquals("bad", browser.find("#scan-result").getDomAttribute("data-feedback"));
    assertEquals(List.of(List.of(80L), List.of(250L, 120L, 250L)), browser.js("return window.vibrated"));
    assertTrue(browser.text("#scan-tally").contains("本次已扫 2 个，其中 1 个不能销售"), browser.text("#scan-tally"));
    assertEquals(List.of("bad", "good"), browser.js(
        "return [...document.querySelectorAll('#scan-tally .scan-row')].map((r) => r.classList.contains('bad') ? 'bad' : 'good')"));
    browser.screenshot("scan-held");
    browser.assertFingerSized("scan result");
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  @DisplayName("an inspector types a code by hand (small letters, hyphens) and sees its unit; a foreign address says 不是本系统的标签; offline, the screen says scanning needs the network and keeps the typed code")
  void typedCode() {
    PackedLabels labels = new PackedLabels(TestServer.get().vertx);
    PackedLabels.Label label = labels.packedUnit();
    String code = label.code();
    String typed = (code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-" + code.substring(12)).toLowerCase();
    Phone phone = openScan(labels.inspector());
    Browser browser = phone.browser;

    browser.type("#scan-text", typed);
    browser.click("#scan-look");
    browser.waitFor("#scan-result[data-known='true']");
    assertEquals(code, browser.find("#scan-result").getDomAttribute("data-code"));
    assertTrue(browser.text("#scan-result").contains("单件"), browser.text("#scan-result"));

    browser.type("#scan-text", "https://example.com/t/123");
    browser.click("#scan-look");
    browser.waitFor("#scan-result[data-known='false']");
    assertTrue(browser.text("#scan-result").contains("不是本系统的标签")
        && browser.text("#scan-result").contains("https://example.com/t/123"), browser.text("#scan-result"));
    assertEquals("bad", browser.find("#scan-result").getDomAttribute("data-feedback"));
    browser.screenshot("scan-not-ours");

    AppServer.get().stop();
    try {
      browser.type("#scan-text", typed);
      browser.click("#scan-look");
      browser.waitForText("#scan-problem", "需要联网");
      assertEquals(typed, browser.js("return document.getElementById('scan-text').value"));
      browser.screenshot("scan-offline");
    } finally {
      AppServer.get().start();
    }
    browser.click("#scan-look");
    browser.waitFor("#scan-result[data-known='true']");
    assertEquals(code, browser.find("#scan-result").getDomAttribute("data-code"));

    JsonObject cased = labels.packedRun(2, 2);
    String caseCode = cased.getJsonArray("cases").getJsonObject(0).getString("code");
    browser.type("#scan-text", caseCode);
    browser.click("#scan-look");
    browser.waitFor("#scan-result[data-code='" + caseCode + "']");
    assertTrue(browser.text("#scan-result").contains("整箱，内有 2 件"), browser.text("#scan-result"));
    browser.click("#scan-result summary");
    for (Object unit : cased.getJsonArray("units")) {
      String unitCode = ((JsonObject) unit).getString("code");
      assertTrue(browser.text("#scan-result .scan-units").contains(unitCode.substring(0, 4) + "-" + unitCode.substring(4, 8)), unitCode);
    }
    browser.screenshot("scan-case");
    browser.click("header .language");
    browser.waitForText("#scan-result", "Case of 2 units");
    browser.screenshot("scan-case-en");
    browser.assertFingerSized("scan screen in English");
  }

  @Test
  @DisplayName("a photo with no QR code in it gets the server's clear sentence: move closer, aim and light it; opened from another screen, the way back leads there")
  void photoWithoutCode() throws Exception {
    PackedLabels labels = new PackedLabels(TestServer.get().vertx);
    BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(new Color(0xF2, 0xF0, 0xE8));
    g.fillRect(0, 0, 640, 480);
    g.dispose();
    Path png = Files.createTempFile("blank", ".png");
    png.toFile().deleteOnExit();
    ImageIO.write(blank, "png", png.toFile());
    Phone phone = openScan(labels.member("producer_admin"));

    phone.browser.find("#scan-photo").sendKeys(png.toString());
    phone.browser.waitForText("#scan-problem", "照片里没有找到二维码，请靠近一点、对准标签、光线充足后重拍");
    assertFalse((Boolean) phone.browser.js("return !!document.getElementById('scan-result')"));
    phone.browser.screenshot("scan-no-code");

    // Opened from another screen (the inspection's button), its way back leads there.
    phone.open("/scan?back=" + java.net.URLEncoder.encode("/producers/x/inspect", java.nio.charset.StandardCharsets.UTF_8));
    phone.browser.waitFor(".heading a.back[href='#/producers/x/inspect']");
  }

  @Test
  @DisplayName("with a camera (a stream of a rendered label in place of the phone's), the screen reads the label on the worker, shows its unit, and ignores the same label seen again a moment later")
  void cameraStream() {
    PackedLabels labels = new PackedLabels(TestServer.get().vertx);
    PackedLabels.Label label = labels.packedUnit();
    String png = Base64.getEncoder().encodeToString(labels.qrPng(label.code(), 6));
    String[] recorder = labels.member("recorder");
    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(recorder[0], recorder[1]);
    // Headless Chromium has no camera, and the one browser of the suite cannot be started with a fake
    // one: the page's camera is a canvas showing the label, given where getUserMedia gives the camera.
    browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
        createImageBitmap(new Blob([bytes], { type: 'image/png' })).then((label) => {
          const canvas = document.createElement('canvas');
          canvas.width = 640;
          canvas.height = 480;
          const context = canvas.getContext('2d');
          const draw = () => {
            context.fillStyle = '#777';
            context.fillRect(0, 0, 640, 480);
            context.drawImage(label, 200, 120, 240, 240);
          };
          draw();
          setInterval(draw, 100);
          navigator.mediaDevices.getUserMedia = async () => (window.fakeCamera = canvas.captureStream(10));
          done();
        });
        """, png);
    browser.js(RECORD_VIBRATION);
    browser.click("#home a[data-screen='/scan']");
    browser.waitFor("#scan[data-camera='on']");
    browser.waitFor("#scan-result[data-known='true']");
    assertEquals(label.code(), browser.find("#scan-result").getDomAttribute("data-code"));
    assertTrue(browser.text("#scan-tally").contains("本次已扫 1 个，其中 0 个不能销售"), browser.text("#scan-tally"));
    browser.screenshot("scan-camera");
    // The camera goes on reading the same label: every further read of it is the same crate.
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> ((Number) browser.js(
        "return Number(document.getElementById('scan').dataset.seen)")).intValue() >= 3);
    assertEquals(1L, browser.js("return document.querySelectorAll('#scan-tally .scan-row').length"));
    assertEquals(List.of(List.of(80L)), browser.js("return window.vibrated"));
    // Leaving the screen turns the camera off.
    browser.click(".back");
    browser.waitFor("#home");
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> browser.js(
        "return window.fakeCamera.getVideoTracks()[0].readyState").equals("ended"));
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  @DisplayName("the in-app decoder, loaded on a worker only when asked, reads a label the server rendered back to the unit's URL and a blank frame to nothing; the service worker keeps it after its first use")
  void workerDecoder() {
    PackedLabels labels = new PackedLabels(TestServer.get().vertx);
    PackedLabels.Label label = labels.packedUnit();
    String png = Base64.getEncoder().encodeToString(labels.qrPng(label.code(), 4));
    Phone phone = openScan(labels.member("recorder"));
    Browser browser = phone.browser;
    String kept = """
        const done = arguments[arguments.length - 1];
        caches.open('vendor').then((c) => c.keys()).then((keys) => done(keys.map((k) => new URL(k.url).pathname)));
        """;
    // A phone that never scanned with the worker has not downloaded the decoder.
    assertEquals(List.of(), browser.driver().executeAsyncScript(kept));

    Object text = browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        (async () => {
          await navigator.serviceWorker.ready;
          while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
          const { decodeOnWorker } = await import('/app/js/scan-camera.js');
          const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          const canvas = document.createElement('canvas');
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
          const context = canvas.getContext('2d');
          context.drawImage(bitmap, 0, 0);
          const blank = context.createImageData(200, 150);
          blank.data.fill(255);
          return [await decodeOnWorker(context.getImageData(0, 0, canvas.width, canvas.height)), await decodeOnWorker(blank)];
        })().then(done, (e) => done('failed: ' + e));
        """, png);
    assertEquals(java.util.Arrays.asList(label.url(), null), text);
    assertEquals(List.of("/app/" + TestServer.get().server.appShell().decoderPath()), browser.driver().executeAsyncScript(kept));
    assertEquals(List.of(), browser.consoleErrors());
  }
}
