package agritrace.inspection;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ChecklistTest {

  private Api api;
  private String admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    admin = api.adminToken();
  }

  private static long versionsOf(String code) {
    return TestServer.get().count("SELECT count(*) FROM checklist_templates WHERE code = $1", code);
  }

  private Api.Response load(JsonObject template) {
    return api.post(ChecklistRoutes.PATH, admin, template);
  }

  /** The template is refused with a 400 on {@code field} and no version of its code is stored. */
  private void refused(JsonObject template, String field, String code) {
    Api.Response r = load(template);
    assertProblem(r, 400, "invalid_field", field);
    assertEquals(code, r.json().getString("code"), () -> r.raw().bodyAsString());
    assertEquals(0, versionsOf(template.getString("code")), "versions stored of a refused template");
  }

  @Test
  @DisplayName("the shipped sample loads as version 1 with every item in order, texts in both languages")
  void sampleLoads() {
    JsonObject sample = Visit.sample();
    Api.Response r = load(sample);
    assertStatus(r, 201);
    JsonObject stored = r.json();
    assertEquals(1, stored.getInteger("version"));
    assertTrue(stored.getBoolean("current"));
    assertEquals("日常监督检查表（五有一追溯）", stored.getJsonObject("title").getString("zh"));
    JsonArray items = stored.getJsonArray("items");
    assertEquals(sample.getJsonArray("items").size(), items.size());
    assertEquals("rules_posted", items.getJsonObject(0).getString("id"));
    assertEquals("有管理制度", items.getJsonObject(0).getJsonObject("section").getString("zh"));
    assertFalse(items.getJsonObject(0).getJsonObject("text").getString("en").isBlank());
    assertEquals(1, versionsOf(sample.getString("code")));
    JsonObject row = TestServer.get().sql("SELECT title_en, items FROM checklist_templates WHERE id = $1",
        UUID.fromString(stored.getString("id"))).iterator().next().toJson();
    assertEquals(sample.getJsonObject("title").getString("en"), row.getString("title_en"));
    assertEquals(items, row.getJsonArray("items"));
  }

  @Test
  @DisplayName("each load of a code is its next version, the list shows only the highest, and earlier versions stay readable")
  void versions() {
    JsonObject first = Visit.sample();
    String code = first.getString("code");
    JsonObject v1 = load(first).json();
    JsonObject second = first.copy();
    second.getJsonArray("items").remove(second.getJsonArray("items").size() - 1);
    second.getJsonObject("title").put("zh", "日常监督检查表（第二版）");
    Api.Response r = load(second);
    assertStatus(r, 201);
    JsonObject v2 = r.json();
    assertEquals(2, v2.getInteger("version"));
    assertEquals(first.getJsonArray("items").size() - 1, v2.getJsonArray("items").size());
    assertEquals(2, versionsOf(code));

    String inspector = api.newUser(admin, null, "inspector");
    JsonArray listed = api.get(ChecklistRoutes.PATH + "?limit=500", inspector).json().getJsonArray("items");
    JsonArray ofCode = new JsonArray(listed.stream().filter(c -> ((JsonObject) c).getString("code").equals(code)).toList());
    assertEquals(1, ofCode.size(), "one version of the code in the list");
    assertEquals(v2.getString("id"), ofCode.getJsonObject(0).getString("id"));

    JsonObject old = api.get(ChecklistRoutes.PATH + "/" + v1.getString("id"), inspector).json();
    assertEquals(1, old.getInteger("version"));
    assertFalse(old.getBoolean("current"));
    assertEquals(first.getJsonArray("items").size(), old.getJsonArray("items").size());
    assertTrue(api.get(ChecklistRoutes.PATH + "/" + v2.getString("id"), admin).json().getBoolean("current"));
    assertProblem(api.get(ChecklistRoutes.PATH + "/" + UUID.randomUUID(), inspector), 404, "not_found", null);
    assertProblem(api.get(ChecklistRoutes.PATH + "/not-an-id", inspector), 404, "not_found", null);
  }

  @Test
  @DisplayName("a template without items, with no items, or with an item that is not an object is refused whole")
  void missingItems() {
    JsonObject none = Visit.sample();
    none.remove("items");
    refused(none, "items", "checklist.items_required");
    refused(Visit.sample().put("items", new JsonArray()), "items", "checklist.items_required");
    JsonObject notObject = Visit.sample();
    notObject.getJsonArray("items").add("还要检查什么");
    refused(notObject, "items[8]", "field.object");
  }

  @Test
  @DisplayName("an item id used twice, missing or of the wrong form is refused, naming the item")
  void itemIds() {
    JsonObject twice = Visit.sample();
    twice.getJsonArray("items").getJsonObject(3).put("id", "rules_posted");
    Api.Response r = load(twice);
    assertProblem(r, 400, "invalid_field", "items[3].id");
    assertEquals("checklist.duplicate_item", r.json().getString("code"));
    assertEquals(0, r.json().getJsonObject("args").getInteger("position"));
    assertEquals(0, versionsOf(twice.getString("code")));

    JsonObject missing = Visit.sample();
    missing.getJsonArray("items").getJsonObject(2).remove("id");
    refused(missing, "items[2].id", "field.required");
    JsonObject form = Visit.sample();
    form.getJsonArray("items").getJsonObject(1).put("id", "People Named");
    refused(form, "items[1].id", "checklist.item_form");
    refused(Visit.sample().put("code", "Daily Check"), "code", "checklist.code_form");
  }

  @Test
  @DisplayName("a blank or missing text, title or section language is refused, naming the field")
  void blankTexts() {
    JsonObject blankZh = Visit.sample();
    blankZh.getJsonArray("items").getJsonObject(4).getJsonObject("text").put("zh", "   ");
    refused(blankZh, "items[4].text.zh", "field.required");
    JsonObject noEn = Visit.sample();
    noEn.getJsonArray("items").getJsonObject(0).getJsonObject("text").remove("en");
    refused(noEn, "items[0].text.en", "field.required");
    JsonObject noText = Visit.sample();
    noText.getJsonArray("items").getJsonObject(5).remove("text");
    refused(noText, "items[5].text", "field.required");
    JsonObject textOnly = Visit.sample();
    textOnly.getJsonArray("items").getJsonObject(5).put("text", "只有中文");
    refused(textOnly, "items[5].text", "checklist.bilingual");
    JsonObject section = Visit.sample();
    section.getJsonArray("items").getJsonObject(6).getJsonObject("section").put("en", "");
    refused(section, "items[6].section.en", "field.required");
    JsonObject title = Visit.sample();
    title.getJsonObject("title").remove("zh");
    refused(title, "title.zh", "field.required");
    JsonObject noSection = Visit.sample();
    noSection.getJsonArray("items").getJsonObject(0).remove("section");
    Api.Response r = load(noSection);
    assertStatus(r, 201);
    assertTrue(r.json().getJsonArray("items").getJsonObject(0).getValue("section") == null, "a section is optional");
  }

  @Test
  @DisplayName("too long a text, too many items or too big a body is refused and nothing is stored")
  void tooBig() {
    JsonObject longText = Visit.sample();
    longText.getJsonArray("items").getJsonObject(2).getJsonObject("text").put("en", "x".repeat(Checklist.MAX_TEXT + 1));
    refused(longText, "items[2].text.en", "field.too_long");
    JsonObject many = Visit.sample();
    JsonArray items = new JsonArray();
    for (int i = 0; i <= Checklist.MAX_ITEMS; i++) {
      items.add(new JsonObject().put("id", "item" + i).put("text", new JsonObject().put("zh", "检查项").put("en", "item")));
    }
    refused(many.put("items", items), "items", "checklist.too_many_items");
    JsonObject huge = Visit.sample().put("padding", "x".repeat(1024 * 1024));
    assertEquals(413, load(huge).status());
    assertEquals(0, versionsOf(huge.getString("code")));
  }

  @Test
  @DisplayName("only platform admins load templates; only inspectors and platform admins read them, before any body is read")
  void roles(Vertx vertx) {
    String producer = api.newProducer(admin);
    String producerAdmin = api.newUser(admin, producer, "producer_admin");
    String inspector = api.newUser(admin, null, "inspector");
    JsonObject sample = Visit.sample();
    assertProblem(api.post(ChecklistRoutes.PATH, inspector, sample), 403, "forbidden", null);
    assertProblem(api.post(ChecklistRoutes.PATH, producerAdmin, sample), 403, "forbidden", null);
    assertProblem(api.postRaw(ChecklistRoutes.PATH, producerAdmin, "application/json", Buffer.buffer("{\"code\":")),
        403, "forbidden", null);
    assertEquals(401, api.post(ChecklistRoutes.PATH, null, sample).status());
    assertEquals(0, versionsOf(sample.getString("code")));
    assertProblem(api.postRaw(ChecklistRoutes.PATH, admin, "text/csv", Buffer.buffer("code\n")), 415,
        "unsupported_media_type", null);
    assertProblem(api.postRaw(ChecklistRoutes.PATH, admin, "application/json", Buffer.buffer("{\"code\":")), 400,
        "malformed_json", null);

    String id = load(sample).json().getString("id");
    assertProblem(api.get(ChecklistRoutes.PATH, producerAdmin), 403, "forbidden", null);
    assertProblem(api.get(ChecklistRoutes.PATH + "/" + id, producerAdmin), 403, "forbidden", null);
    assertStatus(api.get(ChecklistRoutes.PATH + "/" + id, inspector), 200);
    assertProblem(api.get(ChecklistRoutes.PATH + "?limit=0", inspector), 400, "invalid_field", "limit");
  }
}
