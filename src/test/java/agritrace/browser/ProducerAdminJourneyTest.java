package agritrace.browser;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** A producer admin keeps its 有管理人员 and 有管理制度 and its producer's accounts, in Chinese, on a phone. */
class ProducerAdminJourneyTest {

  private final Api api = new Api(TestServer.get().vertx);
  private Farm farm;
  private Phone.Person admin;
  private Phone phone;
  private Browser browser;

  @BeforeEach
  void aFreshFarmAndItsAdmin() {
    farm = new Farm(api);
    admin = Phone.producerAdmin(farm);
    phone = Phone.fresh();
    browser = phone.browser;
    phone.logIn(admin);
  }

  @Test
  @DisplayName("the producer admin names a quality manager, records a training for them, and both are in the database")
  void personWithTraining() {
    phone.open("/producers/" + farm.producerId + "/personnel");
    browser.tap("#add-person");
    browser.type("#person-form [name=name]", "周桂芳");
    new Select(browser.find("#person-form [name=duty]")).selectByValue("quality_manager");
    browser.type("#person-form [name=phone]", "12");
    browser.tap("#person-form [type=submit]");
    assertTrue(browser.waitForText("#f-phone-note", "电话").getText().contains("电话号码"), "the server's complaint, next to the field, in Chinese");
    browser.screenshot("admin-person-form-error");
    browser.type("#person-form [name=phone]", "13805710123");
    browser.tap("#person-form [type=submit]");
    browser.waitForText("#people-list", "周桂芳");
    assertTrue(browser.text("#people-list").contains("质量安全负责人"));

    browser.tap("#people-list .add-training");
    browser.type("#training-form [name=course]", "农产品质量安全内检员培训");
    String date = LocalDate.now(Farm.CHINA).minusDays(10).toString();
    browser.js("document.querySelector('#training-form [name=date]').value = arguments[0]", date);
    browser.type("#training-form [name=certificateNo]", "ZJ-NJ-2026-0153");
    browser.tap("#training-form [type=submit]");
    browser.waitForText("#people-list .trainings", "农产品质量安全内检员培训");
    assertTrue(browser.text("#people-list .trainings").contains(date + " · 证书 ZJ-NJ-2026-0153"));
    browser.screenshot("admin-people-with-training");
    browser.assertFingerSized("admin-people-with-training");

    Row row = TestServer.get().sql("""
        SELECT p.name, p.duty, p.phone, t.course, t.taken_on, t.certificate_no FROM personnel p
        JOIN trainings t ON t.person_id = p.id WHERE p.producer_id = $1""", UUID.fromString(farm.producerId)).iterator().next();
    assertEquals("周桂芳", row.getString("name"));
    assertEquals("quality_manager", row.getString("duty"));
    assertEquals("13805710123", row.getString("phone"));
    assertEquals("农产品质量安全内检员培训", row.getString("course"));
    assertEquals(LocalDate.parse(date), row.getLocalDate("taken_on"));
    assertEquals("ZJ-NJ-2026-0153", row.getString("certificate_no"));
  }

  @Test
  @DisplayName("a rule gets a new version in the same category: both are kept, the newer one is in effect, one to come is scheduled")
  void ruleVersions() {
    phone.open("/producers/" + farm.producerId + "/rules");
    browser.waitForText("[data-category=input_management]", "还没有这方面的制度");
    browser.tap("#add-rule");
    new Select(browser.find("#rule-form [name=category]")).selectByValue("input_management");
    browser.type("#rule-form [name=title]", "农业投入品管理制度");
    adopt("2025.1", LocalDate.now(Farm.CHINA).minusYears(1), "一、农药由专人统一采购、登记入库。");
    browser.waitForText("[data-category=input_management] .current", "2025.1 版");

    browser.tap("[data-category=input_management] .new-version");
    assertTrue(browser.find("#rule-form [name=text]").getDomProperty("value").contains("专人统一采购"), "the new version starts from the text in effect");
    adopt("2026.1", LocalDate.now(Farm.CHINA), "一、农药由专人统一采购、登记入库；每月盘点一次。");
    browser.waitForText("[data-category=input_management] .current", "2026.1 版");
    browser.tap("[data-category=input_management] .new-version");
    adopt("2027.1", LocalDate.now(Farm.CHINA).plusMonths(2), "一、农药由专人统一采购、登记入库；每周盘点一次。");
    browser.waitForText("[data-category=input_management] .versions summary", "其他版本（2 个）");

    assertTrue(browser.text("[data-category=input_management] .current").startsWith("现行 2026.1 版"));
    browser.tap("[data-category=input_management] .versions summary");
    assertEquals("待生效", browser.text("[data-status=scheduled] .tag"));
    assertEquals("已被替代", browser.text("[data-status=superseded] .tag"));
    browser.tap("[data-category=input_management] .current summary");
    browser.screenshot("admin-rules-with-versions");
    browser.assertFingerSized("admin-rules-with-versions");

    JsonArray rules = api.get("/api/v1/producers/" + farm.producerId + "/rules", farm.admin).json().getJsonArray("items");
    assertEquals(3, rules.size());
    assertEquals(Map.of("2027.1", "scheduled", "2026.1", "in_effect", "2025.1", "superseded"), Map.of(
        rules.getJsonObject(0).getString("version"), rules.getJsonObject(0).getString("status"),
        rules.getJsonObject(1).getString("version"), rules.getJsonObject(1).getString("status"),
        rules.getJsonObject(2).getString("version"), rules.getJsonObject(2).getString("status")));
    assertEquals(3, farm.count("management_rules"));
  }

  @Test
  @DisplayName("the admin creates a recorder, resets its password, disables it (its token stops working at once) and enables it again")
  void recorderAccount() {
    String recorder = "jl-" + UUID.randomUUID().toString().substring(0, 8);
    phone.open("/producers/" + farm.producerId + "/users");
    browser.tap("#add-user");
    browser.type("#user-form [name=name]", "陈小燕");
    browser.type("#user-form [name=username]", recorder);
    browser.type("#user-form [name=password]", "short");
    browser.tap("#user-form [type=submit]");
    browser.waitForText("#f-password-note", "初始密码 至少要 8 个字符");
    browser.screenshot("admin-user-form");
    browser.type("#user-form [name=password]", "chaye-jilu-88");
    browser.tap("#user-form [type=submit]");
    String item = "[data-username=" + recorder + "]";
    browser.waitForText(item, "记录员");
    Row made = TestServer.get().sql("SELECT id, role, producer_id, name FROM users WHERE username = $1", recorder).iterator().next();
    assertEquals("recorder", made.getString("role"));
    assertEquals(farm.producerId, made.getUUID("producer_id").toString());
    String recorderId = made.getUUID("id").toString();

    String before = api.login(recorder, "chaye-jilu-88");
    browser.tap(item + " .reset");
    browser.type("#reset-form [name=newPassword]", "chaye-jilu-99");
    browser.tap("#reset-form [type=submit]");
    browser.waitForText(".toast", "密码已重置");
    assertEquals(401, api.get("/api/v1/auth/me", before).status(), "a reset ends the account's sessions");
    logOut();
    phone.logIn(recorder, "chaye-jilu-99");
    assertTrue(browser.text("#home").contains("记录员"));
    logOut();
    phone.logIn(admin);

    String token = api.login(recorder, "chaye-jilu-99");
    phone.open("/producers/" + farm.producerId + "/users");
    browser.tap(item + " .disable");
    browser.type("#disable-form [name=reason]", "已离开合作社，手机交回");
    browser.tap("#disable-form [type=submit]");
    assertTrue(browser.text("dialog.confirm").contains("立刻失效"), "the confirmation says the logins end at once");
    browser.screenshot("admin-disable-confirm");
    browser.tap("dialog.confirm .danger");
    browser.waitForText(item + " .disabled-reason", "已离开合作社，手机交回");
    assertTrue(browser.text(item).contains("已停用"));
    assertEquals(401, api.get("/api/v1/auth/me", token).status(), "the token it had before stops working");
    assertEquals("已离开合作社，手机交回", TestServer.get().sql("SELECT disabled_reason FROM users WHERE id = $1",
        UUID.fromString(recorderId)).iterator().next().getString("disabled_reason"));
    browser.screenshot("admin-users-disabled");
    browser.assertFingerSized("admin-users-disabled");
    atDesktopWidth(() -> browser.screenshot("admin-users-desktop"));

    browser.tap(item + " .enable");
    browser.type("#enable-form [name=reason]", "回合作社工作了");
    browser.tap("#enable-form [type=submit]");
    browser.waitForText(item, "正常使用");
    assertNull(TestServer.get().sql("SELECT disabled_at FROM users WHERE id = $1", UUID.fromString(recorderId))
        .iterator().next().getValue("disabled_at"));
    assertEquals(200, api.get("/api/v1/auth/me", api.login(recorder, "chaye-jilu-99")).status());
  }

  @Test
  @DisplayName("the admin changes its own password on the account screen and logs in again with the new one")
  void ownPassword() {
    phone.open("/account");
    browser.type("#change-password [name=currentPassword]", "not-" + admin.password());
    browser.type("#change-password [name=newPassword]", "longjing-2026-autumn");
    browser.type("#change-password [name=repeat]", "longjing-2026-autumn");
    browser.tap("#change-password [type=submit]");
    browser.waitForText("#f-currentPassword-note", "当前密码 不对");
    browser.type("#change-password [name=currentPassword]", admin.password());
    browser.tap("#change-password [type=submit]");
    browser.waitForText(".toast", "密码已修改");
    browser.screenshot("admin-account-password");
    assertEquals(401, api.post("/api/v1/auth/login", null,
        new JsonObject().put("username", admin.username()).put("password", admin.password())).status(), "the old password no longer works");
    logOut();
    phone.logIn(admin.username(), "longjing-2026-autumn");
    assertTrue(browser.text("#home").contains("主体管理员"));
  }

  @Test
  @DisplayName("another producer's people page is refused in words, and the producer's recorder reads its own without the forms")
  void othersPeopleRefused() {
    String other = api.newProducer(farm.admin);
    assertEquals(403, api.get("/api/v1/producers/" + other + "/personnel", api.login(admin.username(), admin.password())).status());
    phone.open("/producers/" + other + "/personnel");
    assertTrue(browser.text(".notice.bad").contains("这些数据属于另一个生产经营主体"));
    assertTrue(browser.text("h1").contains("管理人员"));

    assertStatus(api.post("/api/v1/producers/" + farm.producerId + "/personnel", farm.admin,
        new JsonObject().put("name", "王立新").put("duty", "input_keeper")), 201);
    String recorder = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    assertStatus(api.post("/api/v1/producers/" + farm.producerId + "/users", farm.admin, new JsonObject()
        .put("username", recorder).put("password", "secret-" + recorder).put("role", "recorder").put("name", "陈小燕")), 201);
    logOut();
    phone.logIn(recorder, "secret-" + recorder);
    phone.open("/producers/" + farm.producerId + "/personnel");
    browser.waitForText("#people-list", "王立新");
    assertTrue(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#add-person, .add-training")).isEmpty());
  }

  private void adopt(String version, LocalDate effective, String text) {
    browser.type("#rule-form [name=version]", version);
    browser.js("document.querySelector('#rule-form [name=effectiveDate]').value = arguments[0]", effective.toString());
    browser.type("#rule-form [name=text]", text);
    browser.tap("#rule-form [type=submit]");
    browser.waitForText(".toast", version);
  }

  private void logOut() {
    phone.open("/account");
    browser.tap("#logout");
    browser.waitFor("#login");
  }

  /** Clicks an element brought to the middle of the screen, clear of the toast at the bottom. */

  private void atDesktopWidth(Runnable shot) {
    browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    try {
      shot.run();
    } finally {
      browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", Browser.WIDTH, "height", Browser.HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }
  }
}
