package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Farm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What other members of the cooperative record reaches this phone by itself. */
class OtherMembersTest {

  @Test
  @DisplayName("a plot another member adds appears in the open plot list when the phone catches up, without leaving the screen")
  void listCatchesUp() {
    Recording recorder = Recording.farmNotLoggedIn();
    Browser browser = recorder.browser;
    recorder.farm.create("plot", Farm.plot().put("name", "老茶园"));
    recorder.logIn(); // the phone downloads the producer's records
    recorder.phone.open("/plots");
    browser.waitForText("#plot-list", "老茶园");

    // Another member, on another phone, adds a plot; this phone catches up (as it does every few minutes).
    recorder.farm.create("plot", Farm.plot().put("name", "新开的鱼塘").put("kind", "fish_pond"));
    browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/app/js/sync.js').then(({ sync }) => sync()).then(() => done(), (e) => done(String(e)));
        """);
    browser.waitForText("#plot-list", "新开的鱼塘");
    assertTrue(((String) browser.js("return location.hash")).endsWith("/plots"), "still on the plot list");
  }
}
