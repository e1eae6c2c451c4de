package agritrace.browser;

import agritrace.Farm;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/**
 * The phone app as a person uses it, in the one browser: a fresh phone (nothing kept from earlier
 * scenarios), logging in and out. Scenario classes build on it; selectors live with the screens.
 */
public final class Phone {

  public final Browser browser;

  private Phone(Browser browser) {
    this.browser = browser;
  }

  /** Who logs in on the phone. */
  public record Person(String username, String password) {}

  /** Makes a producer admin of the farm, 李建国, as the platform admin does; answers how they log in. */
  public static Person producerAdmin(Farm farm) {
    String username = "pa-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "secret-" + username;
    var made = farm.api.post("/api/v1/producers/" + farm.producerId + "/users", farm.admin, new JsonObject()
        .put("username", username).put("password", password).put("role", "producer_admin").put("name", "李建国"));
    if (made.status() != 201) {
      throw new IllegalStateException("producer admin not created: " + made.raw().bodyAsString());
    }
    return new Person(username, password);
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

  /** Logs the person in on the login screen and waits for the home screen. */
  public void logIn(Person person) {
    logIn(person.username(), person.password());
  }
}
