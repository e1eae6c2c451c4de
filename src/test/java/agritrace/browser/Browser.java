package agritrace.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one browser of the browser tests: Debian's Chromium, headless, with a phone's 360×800
 * viewport and Chinese as its language, looking at the {@link AppServer}. Started on first use and
 * closed when the JVM ends. Its profile lives in {@code target/browser-profile} (emptied once per
 * run), so {@link #restart()} is a phone switched off and on: what the app stored (IndexedDB,
 * localStorage, service workers) is still there. Without Chromium, {@link #get()} skips the test
 * and says why.
 */
public final class Browser {

  public static final int WIDTH = 360;
  public static final int HEIGHT = 800;
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String NOT_INSTALLED = "browser tests skipped: Debian's chromium and chromium-driver are not installed"
      + " (apt-get install chromium chromium-driver fonts-noto-cjk)";

  private static final Path PROFILE = Path.of("target", "browser-profile").toAbsolutePath();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

  // Selenium warns at every start that it has no DevTools module for this Chromium; none is needed
  // (CDP commands go through the driver), so the warning is silenced. Held here so it stays set.
  private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_LOG.setLevel(Level.SEVERE);
  }

  private static Browser instance;
  private static boolean toldNotInstalled;

  private final String baseUrl;
  private ChromeDriver driver;

  private Browser(String baseUrl) {
    this.baseUrl = baseUrl;
    this.driver = startDriver();
  }

  /** The browser, started on first use; skips the calling test when Chromium is not installed. */
  public static synchronized Browser get() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      if (!toldNotInstalled) {
        System.err.println(NOT_INSTALLED);
        toldNotInstalled = true;
      }
      Assumptions.assumeTrue(false, NOT_INSTALLED);
    }
    if (instance == null) {
      deleteRecursively(PROFILE);
      instance = new Browser(AppServer.get().baseUrl());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.driver.quit()));
    }
    return instance;
  }

  /** Quits the browser and starts it again on the same profile, as a phone switched off and on. */
  public synchronized void restart() {
    driver.quit();
    driver = startDriver();
  }

  /** The Selenium driver, for what the helpers here do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  /** Goes to a path (with its query, if any) on the app server, such as {@code /app/}. */
  public void open(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("a path on the app server starts with /: " + pathAndQuery);
    }
    driver.get(baseUrl + pathAndQuery);
  }

  /** The first element matching the CSS selector now, visible or not. */
  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** The first element matching the CSS selector once it is visible, waiting up to {@link #TIMEOUT}. */
  public WebElement waitFor(String css) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until the element matching the CSS selector is visible and its text contains {@code text}. */
  public WebElement waitForText(String css, String text) {
    WebElement element = waitFor(css);
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return element;
  }

  public void click(String css) {
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  /** Scrolls the element to the middle of the screen, then clicks it: the way the journeys tap controls further down a screen. */
  public void tap(String css) {
    js("arguments[0].scrollIntoView({block: 'center'})", waitFor(css));
    click(css);
  }

  /** Replaces what the field holds with {@code text}, typed key by key. */
  public void type(String css, String text) {
    WebElement field = waitFor(css);
    field.clear();
    field.sendKeys(text);
  }

  /** The visible text of the element, once it is visible. */
  public String text(String css) {
    return waitFor(css).getText();
  }

  /** Runs JavaScript in the page: {@code arguments[0]}… are {@code args}; what it returns comes back. */
  public Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Saves what the screen shows to {@code target/screenshots/<name>.png}, for people to look at. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("the screenshot " + name + " could not be saved", e);
    }
  }

  /** The errors the page's console reported since this was last asked (scripts that failed, CSP refusals). */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  /**
   * The controls on the screen smaller than a fingertip (48 CSS pixels either way): buttons, button
   * links, tiles, fields and choices; links inside a sentence are not counted.
   */
  @SuppressWarnings("unchecked")
  public java.util.List<String> smallTargets() {
    return (java.util.List<String>) js("""
        return [...document.querySelectorAll('button, a.button, a.tile, a.item, .bar a, input:not([type=checkbox]):not([type=radio]):not([type=file]), select')]
          .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden'))
          .filter((el) => { const r = el.getBoundingClientRect(); return r.height < 48 || r.width < 48; })
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`);
        """);
  }

  /** The controls on the screen a screen reader could not name: fields without a label, buttons and links without words. */
  @SuppressWarnings("unchecked")
  public java.util.List<String> unlabelled() {
    return (java.util.List<String>) js("""
        const shown = (el) => el.offsetParent !== null || el.type === 'file';
        const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(shown)
          .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'));
        const actions = [...document.querySelectorAll('button, a')].filter(shown)
          .filter((el) => !el.innerText.trim() && !el.getAttribute('aria-label'));
        return [...fields, ...actions].map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`);
        """);
  }

  /**
   * Fails when a control on the screen is smaller than a fingertip (48 pixels) or has no name a
   * screen reader can say, naming the screen and the controls.
   */
  public void assertFingerSized(String screen) {
    org.junit.jupiter.api.Assertions.assertEquals(List.of(), smallTargets(), screen + ": controls under 48 pixels");
    org.junit.jupiter.api.Assertions.assertEquals(List.of(), unlabelled(), screen + ": controls without a label");
  }

  /** The page's viewport width in CSS pixels ({@code window.innerWidth}). */
  public int viewportWidth() {
    return ((Number) js("return window.innerWidth")).intValue();
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver, TIMEOUT);
  }

  private static ChromeDriver startDriver() {
    // The driver and the browser are named, so Selenium Manager never looks for (or downloads) either.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--lang=zh-CN",
        "--user-data-dir=" + PROFILE);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    // The page's console, so a scenario can show that the app ran without errors (a CSP refusal is one).
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    // Scripts that drive the app's own modules (900 records queued and sent) take tens of seconds
    // on a loaded 2-core machine: the limit is there to end a hung script, not to time one.
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    // Chromium keeps a window at least 500 pixels wide whatever --window-size says, so the page is
    // told the phone's size instead; this holds for the tab across navigations, until the next start.
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    return driver;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not empty " + dir, e);
    }
  }
}
