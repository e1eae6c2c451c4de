package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
