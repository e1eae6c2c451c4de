package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The platform admin looks after any account, also those of no producer (inspectors). */
class EveryAccountTest {

  @Test
  @DisplayName("the platform admin finds an inspector among all accounts, resets its password and disables it, which ends its logins at once")
  void platformAdminLooksAfterAnInspector() {
    Api api = new Api(TestServer.get().vertx);
    String admin = api.adminToken();
    String username = "jg-" + UUID.randomUUID().toString().substring(0, 8);
    api.post("/api/v1/users", admin, new JsonObject().put("username", username).put("password", "jianguan-2026")
        .put("role", "inspector").put("name", "张明"));
    String before = api.login(username, "jianguan-2026");

    Phone phone = Phone.fresh();
    Browser browser = phone.browser;
    phone.logIn(TestServer.get().adminUsername, TestServer.ADMIN_PASSWORD);
    browser.click("#home a[data-screen='/users']");
    browser.type("#user-search", username);
    String item = "#user-list [data-username=" + username + "]";
    browser.waitForText(item, "监管人员");
    // The search answers after a pause in typing: until then the list is the first accounts of all.
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Browser.TIMEOUT)
        .until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#user-list > li")).size() == 1);
    browser.screenshot("every-account-search");

    browser.click(item + " .reset");
    browser.type("#reset-form [name=newPassword]", "jianguan-2027");
    browser.click("#reset-form [type=submit]");
    browser.waitFor(item + " .disable");
    assertEquals(401, api.get("/api/v1/auth/me", before).status(), "a reset ends the account's sessions");
    String after = api.login(username, "jianguan-2027");

    browser.click(item + " .disable");
    browser.type("#disable-form [name=reason]", "调离监管岗位");
    browser.click("#disable-form [type=submit]");
    browser.click("dialog.confirm .danger");
    browser.waitForText(item + " .disabled-reason", "调离监管岗位");
    assertEquals(401, api.get("/api/v1/auth/me", after).status(), "disabling ends its logins at once");
    assertEquals("调离监管岗位", TestServer.get().sql("SELECT disabled_reason FROM users WHERE username = $1", username)
        .iterator().next().getString("disabled_reason"));
    assertTrue(browser.consoleErrors().stream().noneMatch(e -> e.contains("Uncaught")), "no script failed");
  }
}
