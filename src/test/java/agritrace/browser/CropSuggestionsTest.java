package agritrace.browser;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The harvest form offers the catalogue's crop names, kept on the phone for days without signal. */
class CropSuggestionsTest {

  @Test
  @DisplayName("the harvest form suggests the catalogue's commodities (not its groups) as crops, and still does offline after a reload")
  void suggestsCatalogueNames() {
    String s = UUID.randomUUID().toString().substring(0, 6);
    Api api = new Api(TestServer.get().vertx);
    assertStatus(api.postRaw("/api/v1/reference/commodities", api.adminToken(), "text/csv", Buffer.buffer(
        "code,parent,name_zh,name_en,aliases\n"
            + "leafy_" + s + ",,叶菜类" + s + ",Leafy vegetables " + s + ",\n"
            + "qingcai_" + s + ",leafy_" + s + ",青菜" + s + ",Pak choi " + s + ",\n")), 200);
    Recording r = Recording.farmNotLoggedIn();
    r.farm.create("plot", Farm.plot());
    r.logIn();
    r.waitServiceWorker();
    r.phone.open("/harvests/new");
    waitForSuggestion(r.browser, "青菜" + s);
    assertFalse(suggestions(r.browser).contains("叶菜类" + s), "a group is not a crop");
    try {
      AppServer.get().stop();
      r.browser.driver().navigate().refresh();
      r.phone.open("/harvests/new");
      waitForSuggestion(r.browser, "青菜" + s);
      assertEquals("f-crop-list", r.browser.find("#f-crop").getAttribute("list"));
    } finally {
      AppServer.get().start();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> suggestions(Browser browser) {
    return (List<String>) browser.js(
        "return [...document.querySelectorAll('#f-crop-list option')].map((o) => o.value)");
  }

  private static void waitForSuggestion(Browser browser, String name) {
    new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(d -> suggestions(browser).contains(name));
  }
}
