package agritrace.inspection;

import agritrace.http.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * A stored inspection as answers show it: who inspected whom when, with which template version,
 * how many items passed, failed or did not apply, and the failing items with their notes. The
 * detail adds every answer with its item's text and section.
 */
record Inspection(UUID id, UUID producerId, Checklist template, String visitedAt, String note, UUID inspectorId,
    String inspectorName, String recordedAt, UUID corrects, String correctionReason, UUID correctedBy,
    JsonArray answers) {

  /** The columns {@link #from} reads, of inspections {@code i}, users {@code u} and templates {@code t}. */
  static final String COLUMNS = """
      i.id, i.producer_id, i.visited_at, i.note, i.corrects, i.correction_reason, i.recorded_at,
      i.inspector_id, u.name AS inspector_name,
      t.id AS template_id, t.code, t.version, t.title_zh, t.title_en, t.items,
      (SELECT c.id FROM inspections c WHERE c.corrects = i.id) AS corrected_by,
      (SELECT jsonb_agg(jsonb_build_object('item', a.item_id, 'answer', a.answer, 'note', a.note) ORDER BY a.position)
       FROM inspection_answers a WHERE a.inspection_id = i.id) AS answers""";
  static final String FROM = " FROM inspections i JOIN users u ON u.id = i.inspector_id"
      + " JOIN checklist_templates t ON t.id = i.template_id";

  static Inspection from(Row row) {
    Checklist template = new Checklist(row.getUUID("template_id"), row.getString("code"), row.getInteger("version"),
        new JsonObject().put("zh", row.getString("title_zh")).put("en", row.getString("title_en")),
        row.getJsonArray("items"), null);
    return new Inspection(row.getUUID("id"), row.getUUID("producer_id"), template,
        Json.time(row.getOffsetDateTime("visited_at")), row.getString("note"), row.getUUID("inspector_id"),
        row.getString("inspector_name"), Json.time(row.getOffsetDateTime("recorded_at")), row.getUUID("corrects"),
        row.getString("correction_reason"), row.getUUID("corrected_by"), row.getJsonArray("answers"));
  }

  /** The inspection as lists and the 五有 profile show it. */
  JsonObject summary() {
    int pass = 0;
    int fail = 0;
    int notApplicable = 0;
    JsonArray failing = new JsonArray();
    for (Object each : answers) {
      JsonObject answer = (JsonObject) each;
      switch (answer.getString("answer")) {
        case "pass" -> pass++;
        case "fail" -> {
          fail++;
          failing.add(new JsonObject().put("item", answer.getString("item"))
              .put("text", template.item(answer.getString("item")).getJsonObject("text"))
              .put("note", answer.getString("note")));
        }
        default -> notApplicable++;
      }
    }
    return new JsonObject()
        .put("id", id.toString())
        .put("producerId", producerId.toString())
        .put("template", template.summary())
        .put("visitedAt", visitedAt)
        .put("inspector", new JsonObject().put("id", inspectorId.toString()).put("name", inspectorName))
        .put("counts", new JsonObject().put("pass", pass).put("fail", fail).put("notApplicable", notApplicable))
        .put("failing", failing)
        .put("note", note)
        .put("corrects", corrects == null ? null : corrects.toString())
        .put("correctionReason", correctionReason)
        .put("correctedBy", correctedBy == null ? null : correctedBy.toString())
        .put("recordedAt", recordedAt);
  }

  /** The summary with every answer in the template's order, each with its item's text, section and photos. */
  JsonObject detail(JsonArray photos) {
    JsonArray all = new JsonArray();
    for (Object each : answers) {
      JsonObject answer = (JsonObject) each;
      JsonObject item = template.item(answer.getString("item"));
      JsonArray itemPhotos = new JsonArray();
      photos.forEach(p -> {
        if (answer.getString("item").equals(((JsonObject) p).getString("item"))) {
          itemPhotos.add(p);
        }
      });
      all.add(new JsonObject()
          .put("item", answer.getString("item"))
          .put("section", item.getJsonObject("section"))
          .put("text", item.getJsonObject("text"))
          .put("answer", answer.getString("answer"))
          .put("note", answer.getString("note"))
          .put("photos", itemPhotos));
    }
    return summary().put("answers", all).put("photos", photos);
  }
}
