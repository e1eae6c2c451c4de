package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The phone app in a real browser: it loads, logs in, and the browser behaves as a phone. */
class AppSmokeTest {

  @Test
  @DisplayName("the platform admin logs in on the phone app's login screen and reaches its home screen, 360 pixels wide")
  void logInThenHome() throws Exception {
    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(TestServer.get().adminUsername, TestServer.ADMIN_PASSWORD);
    browser.screenshot("login-then-home");
    assertEquals(Browser.WIDTH, browser.viewportWidth());
    // It ran under its Content-Security-Policy without a refusal or a script error.
    assertEquals(List.of(), browser.consoleErrors());
    assertEquals(true, browser.js("return document.querySelectorAll('#home .tile').length > 0"));
  }

  @Test
  @DisplayName("each role logs in and finds its own work on the home screen, and no other role's")
  void eachRoleHasItsHome() {
    agritrace.Api api = new agritrace.Api(TestServer.get().vertx);
    String admin = api.adminToken();
    String producer = api.newProducer(admin);
    java.util.Map<String, List<String>> expected = java.util.Map.of(
        "producer_admin", List.of("/operations/new", "/plots", "/producers/:id/personnel", "/producers/:id/users"),
        "recorder", List.of("/operations/new", "/harvests/new", "/plots", "/inputs"),
        "tester", List.of("/batches", "/profile"),
        "inspector", List.of("/batches", "/producers"),
        "platform_admin", List.of("/producers", "/producers/new", "/users"));
    java.util.Map<String, List<String>> never = java.util.Map.of(
        "producer_admin", List.of("/producers/new", "/users"),
        "recorder", List.of("/producers/:id/users", "/producers/new"),
        "tester", List.of("/operations/new", "/producers/:id/users"),
        "inspector", List.of("/operations/new", "/producers/new", "/users"),
        "platform_admin", List.of("/operations/new"));
    for (String role : List.of("producer_admin", "recorder", "tester", "inspector", "platform_admin")) {
      String username = role.replace('_', '-') + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
      String path = role.equals("inspector") || role.equals("platform_admin") ? "/api/v1/users" : "/api/v1/producers/" + producer + "/users";
      api.post(path, admin, new io.vertx.core.json.JsonObject().put("username", username).put("password", "password-" + username)
          .put("role", role).put("name", "测试" + role));
      Phone phone = Phone.fresh();
      phone.logIn(username, "password-" + username);
      List<String> tiles = phone.browser.driver().findElements(org.openqa.selenium.By.cssSelector("#home .tile")).stream()
          .map(tile -> tile.getDomAttribute("data-screen")).toList();
      assertTrue(tiles.containsAll(expected.get(role)), role + ": " + tiles);
      assertTrue(never.get(role).stream().noneMatch(tiles::contains), role + ": " + tiles);
      assertTrue(phone.browser.text("#home").contains("测试" + role), role);
      phone.browser.assertFingerSized("home of " + role);
      phone.browser.screenshot("home-" + role);
    }
  }

  @Test
  @DisplayName("the phone warns when its clock is far from the server's, when the browser will not promise to keep its data, and remembers English")
  void phoneWarnings() {
    Recording recorder = Recording.freshFarm();
    Browser browser = recorder.browser;
    assertTrue(browser.text("header.bar").contains("农产品追溯"));
    browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        (async () => {
          const { checkClock } = await import('/app/js/sync.js');
          const realNow = Date.now;
          Date.now = () => realNow() + 3 * 3600 * 1000;
          try { await checkClock(); } finally { Date.now = realNow; }
        })().then(done, done);
        """);
    browser.waitForText(".banner", "手机时间比服务器快 180 分钟");

    boolean kept = Boolean.TRUE.equals(browser.driver().executeAsyncScript(
        "navigator.storage.persisted().then(arguments[arguments.length - 1])"));
    recorder.phone.open("/");
    browser.waitFor("#home");
    assertEquals(!kept, !browser.driver().findElements(org.openqa.selenium.By.cssSelector("#storage-refused")).isEmpty(),
        "the warning shows exactly when the browser did not promise to keep the data");

    browser.click("header .language");
    browser.waitForText("#home h1", "Hello");
    browser.driver().navigate().refresh();
    browser.waitForText("#home h1", "Hello");
    assertEquals("en", browser.js("return document.documentElement.lang"));
    browser.click("header .language");
    browser.waitForText("#home h1", "您好");
  }

  @Test
  @DisplayName("on a slow network the screen shows progress and says the network is slow, then what came")
  void slowNetwork() {
    Recording recorder = Recording.freshFarm();
    Browser browser = recorder.browser;
    browser.js("""
        const fetchBefore = window.fetch;
        window.fetch = async (url, options) => {
          if (String(url).includes('/api/v1/batches')) await new Promise((r) => setTimeout(r, 4000));
          return fetchBefore(url, options);
        };
        location.hash = '#/batches';
        """);
    browser.waitFor(".progress");
    assertEquals(true, browser.js("return document.body.classList.contains('busy')"));
    browser.waitForText(".slow-note", "网络较慢");
    browser.screenshot("slow-network");
    browser.waitFor("#lot-search");
    assertEquals(false, browser.js("return document.body.classList.contains('busy')"));
    assertEquals(false, browser.find(".slow-note").isDisplayed());
  }

  @Test
  @DisplayName("after its first visit the app's shell is kept by its service worker, under the version the server serves")
  void serviceWorkerKeepsTheShell() {
    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.open("/");
    browser.waitFor("#login");
    Object ready = browser.driver().executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "navigator.serviceWorker.ready.then(() => caches.keys()).then(done, (e) => done(String(e)));");
    assertEquals(List.of("agritrace-" + TestServer.get().server.appShell().version()), ready);
    browser.driver().navigate().refresh();
    browser.waitFor("#login");
    assertEquals(true, browser.js("return navigator.serviceWorker.controller !== null"));
    Object kept = browser.driver().executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "caches.open(arguments[0]).then((c) => c.keys()).then((keys) => done(keys.map((k) => new URL(k.url).pathname)));",
        "agritrace-" + TestServer.get().server.appShell().version());
    assertTrue(((List<?>) kept).containsAll(List.of("/app/", "/app/js/main.js", "/app/lib/lit-html.js", "/api/v1/messages/zh",
        "/api/v1/messages/en")), kept.toString());
  }

  @Test
  @DisplayName("the browser is a phone set to Chinese: 360 pixels wide, 800 high, preferring zh-CN")
  void aChinesePhone() {
    Browser browser = Browser.get();
    browser.open("/health");
    assertEquals(Browser.WIDTH, browser.viewportWidth());
    assertEquals(Browser.HEIGHT, ((Number) browser.js("return window.innerHeight")).intValue());
    assertEquals(List.of("zh-CN", "zh"), browser.js("return navigator.languages"));
  }

  @Test
  @DisplayName("what a page keeps in localStorage is still there after the browser is switched off and on")
  void restartKeepsLocalStorage() {
    Browser browser = Browser.get();
    browser.open("/health");
    String value = "kept-" + System.nanoTime();
    browser.js("localStorage.setItem('agritrace-restart-test', arguments[0])", value);

    browser.restart();
    browser.open("/health");
    assertEquals(value, browser.js("return localStorage.getItem('agritrace-restart-test')"));
    assertEquals(Browser.WIDTH, browser.viewportWidth());
  }
}
