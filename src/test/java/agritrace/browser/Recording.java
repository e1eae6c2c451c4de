package agritrace.browser;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A recorder of a fresh {@link Farm} working on the phone app: logging in, and the steps of the
 * recording screens (plots, inputs, operations, harvests) as a person takes them.
 */
final class Recording {

  final Farm farm;
  final String username;
  final String password;
  final Phone phone;
  final Browser browser;

  private Recording(Farm farm, Phone phone) {
    this.farm = farm;
    this.username = farm.api.get("/api/v1/auth/me", farm.recorder).json().getString("username");
    this.password = "secret-" + username; // as Api.newUser makes it
    this.phone = phone;
    this.browser = phone.browser;
  }

  /** A new producer with a recorder, logged in on a phone that never opened the app. */
  static Recording freshFarm() {
    Recording r = farmNotLoggedIn();
    r.logIn();
    return r;
  }

  /** A new producer with a recorder and a phone that never opened the app, not logged in yet. */
  static Recording farmNotLoggedIn() {
    return new Recording(new Farm(new Api(TestServer.get().vertx)), Phone.fresh());
  }

  void logIn() {
    phone.logIn(username, password);
  }

  /** Waits until the phone keeps the record (downloaded or made there), in its IndexedDB store. */
  void waitKept(String recordId) {
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> Boolean.TRUE.equals(browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const open = indexedDB.open('agritrace');
        open.onsuccess = () => {
          const get = open.result.transaction('records').objectStore('records').get(arguments[0]);
          get.onsuccess = () => { open.result.close(); done(!!get.result); };
          get.onerror = () => done(false);
        };
        open.onerror = () => done(false);""", recordId)));
  }

  /** What waits on the phone, as its header's badge counts it (0 when there is no badge). */
  int waitingBadge() {
    var badges = browser.driver().findElements(org.openqa.selenium.By.cssSelector("header .waiting"));
    return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText().replaceAll("\\D", ""));
  }

  /** Adds a plot on the phone's form and returns its record id. */
  String addPlot(String name, String crop) {
    phone.open("/plots/new");
    browser.type("#f-name", name);
    browser.type("#f-size", "2.5");
    browser.type("#f-crop", crop);
    browser.click("#plot-form [type=submit]");
    browser.waitFor("#record-operation"); // the saved plot's own screen
    browser.waitForText("h1", name);
    String hash = (String) browser.js("return location.hash");
    return hash.substring(hash.lastIndexOf('/') + 1);
  }

  /** Adds a pesticide with its pre-harvest interval on the phone's form; waits for its screen. */
  void addPesticide(String name, int days) {
    phone.open("/inputs/new");
    browser.type("#f-name", name);
    select("#f-kind", "pesticide");
    browser.type("#f-registrationNo", "PD20070123");
    browser.type("#f-activeIngredients", "吡虫啉");
    browser.type("#f-intervalDays", String.valueOf(days));
    browser.click("#input-form [type=submit]");
    browser.waitForText("#input", "农药");
  }

  /** Opens the operation form of a plot and fills in a pesticide application of the input named. */
  void fillSpraying(String plotId, String inputName) {
    phone.open("/plots/" + plotId);
    browser.click("#record-operation");
    browser.waitFor("#operation-form");
    select("#f-type", "pesticide_application");
    new Select(browser.waitFor("#f-inputId")).selectByVisibleText(inputName);
    browser.type("#f-inputLot", "20260915");
    browser.type("#f-dose", "20");
    browser.type("#f-quantity", "25");
  }

  /** Saves the open operation or harvest form and waits until the server has the record. */
  String saveAndWaitSent(String formCss) {
    browser.click(formCss + " [type=submit]");
    return waitSent();
  }

  /** Waits for a record's screen to say the server received it; returns its record id. */
  String waitSent() {
    browser.waitForText("#standing", "已发送到服务器");
    return browser.find("#operation").getDomAttribute("data-id");
  }

  /** Records an operation of a type (no input) on the plot's form; waits for its screen. Returns its record id. */
  String recordSimple(String plotId, String type, String photo) {
    phone.open("/operations/new?plot=" + plotId);
    select("#f-type", type);
    if (photo != null) {
      browser.find("#f-photos").sendKeys(photo);
      browser.waitFor("#photo-previews img");
    }
    browser.click("#operation-form [type=submit]");
    browser.waitFor("#standing");
    return browser.find("#operation").getDomAttribute("data-id");
  }

  /** Waits until the service worker controls the page, so the app opens with no network. */
  void waitServiceWorker() {
    new WebDriverWait(browser.driver(), Browser.TIMEOUT)
        .until(d -> Boolean.TRUE.equals(browser.js("return !!navigator.serviceWorker.controller")));
  }

  /** Waits (up to the browser's timeout) until the database says what is expected. */
  static void waitDatabase(java.util.function.LongSupplier count, long expected) {
    long end = System.nanoTime() + Browser.TIMEOUT.toNanos();
    while (count.getAsLong() != expected) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the database has " + count.getAsLong() + ", not " + expected);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Makes the recorder's tokens expire now, as time would. */
  void expireTokens() {
    TestServer.get().sql("UPDATE sessions SET expires_at = now() - interval '1 minute'"
        + " WHERE user_id = (SELECT id FROM users WHERE username = $1)", username);
  }

  void select(String css, String value) {
    new Select(browser.waitFor(css)).selectByValue(value);
  }

  /** Sets a datetime-local field to the phone's local time {@code daysAgo} days ago; returns that day (yyyy-MM-dd). */
  String setDaysAgo(String css, double daysAgo) {
    return (String) browser.js("""
        const d = new Date(Date.now() - arguments[1] * 86400000);
        const p = (n) => String(n).padStart(2, '0');
        const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
        const field = document.querySelector(arguments[0]);
        field.value = `${day}T${p(d.getHours())}:${p(d.getMinutes())}`;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        return day;""", css, daysAgo);
  }

  /** How many stored versions (rows) the operations of this producer have. */
  long operations() {
    return farm.count("operations");
  }

  /** A camera-sized JPEG (width × height, busy enough to weigh megabytes) written to a temporary file. */
  static Path cameraPhoto(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(11);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int g = 80 + (x * 120 / width) + random.nextInt(40);
        image.setRGB(x, y, new Color(30 + random.nextInt(60), Math.min(255, g), 40 + random.nextInt(50)).getRGB());
      }
    }
    try {
      Path file = Files.createTempFile("field-", ".jpg");
      file.toFile().deleteOnExit();
      ImageIO.write(image, "jpg", file.toFile());
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The producer's stored photos' sizes in bytes. */
  java.util.List<Integer> photoSizes() {
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    TestServer.get().sql("SELECT size FROM photos WHERE producer_id = $1 ORDER BY received_at", UUID.fromString(farm.producerId))
        .forEach(row -> sizes.add(row.getInteger("size")));
    return sizes;
  }

  /** Records a plot and a pesticide through the API, as another member's phone would have. */
  JsonObject[] plotAndPesticideFromElsewhere(int days) {
    JsonObject plot = Farm.plot();
    JsonObject pesticide = Farm.pesticide(days);
    farm.create("plot", plot);
    farm.create("input", pesticide);
    return new JsonObject[] {plot, pesticide};
  }
}
