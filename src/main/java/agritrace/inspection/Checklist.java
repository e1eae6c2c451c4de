package agritrace.inspection;

import agritrace.http.ApiError;
import agritrace.http.Fields;
import agritrace.http.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One version of a checklist template: its code (stable across versions), its title and its
 * items in order, each with a stable id, its text and an optional section, all in Chinese and
 * English. {@link #from(Fields)} judges a template as a platform admin loads it, whole: the first
 * fault is a 400 naming its field ({@code items[3].text.zh}), and nothing is stored.
 */
record Checklist(UUID id, String code, int version, JsonObject title, JsonArray items, String loadedAt) {

  static final int MAX_ITEMS = 200;
  static final int MAX_TITLE = 200;
  static final int MAX_TEXT = 500;
  static final int MAX_SECTION = 100;
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");
  static final Pattern ITEM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

  /** A template as loaded, not yet stored: {@code items} in the stored form. */
  record Loaded(String code, JsonObject title, JsonArray items) {
  }

  static Loaded from(Fields body) {
    String code = body.text("code", 40);
    if (!CODE.matcher(code).matches()) {
      throw ApiError.invalid("code", "checklist.code_form");
    }
    JsonObject title = bilingual(body.json().getValue("title"), "title", MAX_TITLE, true);
    Object raw = body.json().getValue("items");
    if (!(raw instanceof JsonArray list) || list.isEmpty()) {
      throw ApiError.invalid("items", "checklist.items_required");
    }
    if (list.size() > MAX_ITEMS) {
      throw ApiError.invalid("items", "checklist.too_many_items", "max", MAX_ITEMS);
    }
    JsonArray items = new JsonArray();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "items[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject item)) {
        throw ApiError.invalid(field, "field.object");
      }
      Object id = item.getValue("id");
      if (!(id instanceof String itemId) || itemId.isBlank()) {
        throw ApiError.invalid(field + ".id", id == null ? "field.required" : "field.not_text");
      }
      if (!ITEM.matcher(itemId).matches()) {
        throw ApiError.invalid(field + ".id", "checklist.item_form");
      }
      Integer earlier = seen.putIfAbsent(itemId, i);
      if (earlier != null) {
        throw ApiError.invalid(field + ".id", "checklist.duplicate_item", "item", itemId, "position", earlier);
      }
      items.add(new JsonObject()
          .put("id", itemId)
          .put("text", bilingual(item.getValue("text"), field + ".text", MAX_TEXT, true))
          .put("section", bilingual(item.getValue("section"), field + ".section", MAX_SECTION, false)));
    }
    return new Loaded(code, title, items);
  }

  /** {@code {zh, en}}, both non-blank and at most {@code max} characters; null when absent and optional. */
  private static JsonObject bilingual(Object raw, String field, int max, boolean required) {
    if (raw == null && !required) {
      return null;
    }
    if (!(raw instanceof JsonObject texts)) {
      throw ApiError.invalid(field, raw == null ? "field.required" : "checklist.bilingual");
    }
    JsonObject both = new JsonObject();
    for (String language : new String[] {"zh", "en"}) {
      Object text = texts.getValue(language);
      if (!(text instanceof String s) || s.isBlank()) {
        throw ApiError.invalid(field + "." + language, text == null || text instanceof String
            ? "field.required" : "field.not_text");
      }
      if (s.strip().length() > max) {
        throw ApiError.invalid(field + "." + language, "field.too_long", "max", max);
      }
      both.put(language, s.strip());
    }
    return both;
  }

  static Checklist from(Row row) {
    return new Checklist(row.getUUID("id"), row.getString("code"), row.getInteger("version"),
        new JsonObject().put("zh", row.getString("title_zh")).put("en", row.getString("title_en")),
        row.getJsonArray("items"), Json.time(row.getOffsetDateTime("loaded_at")));
  }

  /** The item of this id, or null. */
  JsonObject item(String itemId) {
    for (Object item : items) {
      if (((JsonObject) item).getString("id").equals(itemId)) {
        return (JsonObject) item;
      }
    }
    return null;
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("code", code).put("version", version).put("title", title)
        .put("items", items).put("loadedAt", loadedAt);
  }

  /** What an inspection shows of the template it was filled with. */
  JsonObject summary() {
    return new JsonObject().put("id", id.toString()).put("code", code).put("version", version).put("title", title);
  }
}
