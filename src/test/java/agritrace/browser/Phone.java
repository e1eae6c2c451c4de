package agritrace.browser;

import java.util.Map;

/**
 * The phone app as a person uses it, in the one browser: a fresh phone (nothing kept from earlier
 * scenarios), logging in and out. Scenario classes build on it; selectors live with the screens.
 */
public final class Phone {

  public final Browser browser;

  private Phone(Browser browser) {
    this.browser = browser;
  }

  /** A phone that has never opened the app: its storage, caches and service worker cleared. */
  public static Phone fresh() {
    Browser browser = Browser.get();
    browser.open("/health");
    browser.driver().executeCdpCommand("Storage.clearDataForOrigin",
        Map.of("origin", AppServer.get().baseUrl(), "storageTypes", "all"));
    browser.consoleErrors(); // what earlier scenarios left in the console is theirs
    return new Phone(browser);
  }

  /** The phone as it is, for a scenario that goes on where the last one stopped. */
  public static Phone asItIs() {
    return new Phone(Browser.get());
  }

  /** Opens the app at a screen ({@code "/"} for home, {@code "/plots"} ...). */
  public void open(String screen) {
    browser.open("/app/#" + screen);
  }

  /** Logs in on the login screen and waits for the home screen. */
  public void logIn(String username, String password) {
    open("/");
    browser.type("#login [name=username]", username);
    browser.type("#login [name=password]", password);
    browser.click("#login [type=submit]");
    browser.waitFor("#home");
  }
}
