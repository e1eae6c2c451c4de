package agritrace.inspection;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InspectionTest {

  private Visit visit;

  @BeforeEach
  void setUp(Vertx vertx) {
    visit = new Visit(new Api(vertx));
  }

  private long inspections() {
    return visit.farm.count("inspections");
  }

  private static long answersOf(String inspectionId) {
    return TestServer.get().count("SELECT count(*) FROM inspection_answers WHERE inspection_id = $1",
        UUID.fromString(inspectionId));
  }

  /** The inspection is refused with a 400 on {@code field} and the producer has no more inspections than before. */
  private JsonObject refused(JsonObject inspection, String field, String code) {
    long before = inspections();
    Api.Response r = visit.file(visit.inspector, inspection);
    assertProblem(r, 400, "invalid_field", field);
    assertEquals(code, r.json().getString("code"), () -> r.raw().bodyAsString());
    assertEquals(before, inspections(), "inspections after a refused one");
    return r.json();
  }

  @Test
  @DisplayName("an inspector files a whole checklist: the answer counts it, and the database holds every answer with its note")
  void filed() {
    JsonObject sent = visit.inspection();
    JsonObject stored = visit.filed(sent);
    assertEquals(sent.getString("id"), stored.getString("id"));
    assertEquals(visit.templateId(), stored.getJsonObject("template").getString("id"));
    assertEquals(1, stored.getJsonObject("template").getInteger("version"));
    assertEquals(new JsonObject().put("pass", 6).put("fail", 1).put("notApplicable", 1), stored.getJsonObject("counts"));
    JsonObject failing = stored.getJsonArray("failing").getJsonObject(0);
    assertEquals("inputs_stored", failing.getString("item"));
    assertEquals("农药和化肥混放，没有出入库台账", failing.getString("note"));
    assertEquals("测试用户", stored.getJsonObject("inspector").getString("name"));
    assertEquals(8, stored.getJsonArray("answers").size());
    assertEquals("有生产记录", stored.getJsonArray("answers").getJsonObject(3).getJsonObject("section").getString("zh"));

    assertEquals(8, answersOf(sent.getString("id")));
    JsonObject row = TestServer.get().sql("""
        SELECT i.producer_id, i.template_id, i.note, a.answer, a.note AS answer_note
        FROM inspections i JOIN inspection_answers a ON a.inspection_id = i.id
        WHERE i.id = $1 AND a.item_id = 'inputs_stored'""", UUID.fromString(sent.getString("id"))).iterator().next().toJson();
    assertEquals(visit.farm.producerId, row.getString("producer_id"));
    assertEquals(visit.templateId(), row.getString("template_id"));
    assertEquals("fail", row.getString("answer"));
    assertEquals("农药和化肥混放，没有出入库台账", row.getString("answer_note"));
    assertEquals("已当场要求整改，两周后复查", row.getString("note"));
    assertEquals(stored, visit.api.get("/api/v1/inspections/" + sent.getString("id"), visit.inspector).json());
  }

  @Test
  @DisplayName("every item must be answered: the missing ones are named and nothing is stored")
  void everyItemAnswered() {
    JsonObject inspection = visit.inspection();
    JsonArray answers = inspection.getJsonArray("answers");
    answers.remove(answers.size() - 1);
    answers.remove(0);
    JsonObject problem = refused(inspection, "answers", "inspection.unanswered");
    assertEquals(new JsonArray().add("rules_posted").add("traceable"), problem.getJsonObject("args").getJsonArray("items"));
    refused(visit.inspection().put("answers", new JsonArray()), "answers", "inspection.answers_required");
    JsonObject none = visit.inspection();
    none.remove("answers");
    refused(none, "answers", "inspection.answers_required");
  }

  @Test
  @DisplayName("an item the template lacks, an item answered twice or an answer outside pass, fail and not applicable is refused")
  void unknownItems() {
    JsonObject unknown = visit.inspection();
    unknown.getJsonArray("answers").getJsonObject(2).put("item", "smoke_detector");
    refused(unknown, "answers[2].item", "inspection.unknown_item");
    JsonObject twice = visit.inspection();
    twice.getJsonArray("answers").add(new JsonObject().put("item", "rules_posted").put("answer", "pass"));
    refused(twice, "answers[8].item", "inspection.answered_twice");
    JsonObject wrong = visit.inspection();
    wrong.getJsonArray("answers").getJsonObject(1).put("answer", "ok");
    refused(wrong, "answers[1].answer", "field.one_of");
    JsonObject noItem = visit.inspection();
    noItem.getJsonArray("answers").getJsonObject(0).remove("item");
    refused(noItem, "answers[0].item", "field.required");
    JsonObject longNote = visit.inspection();
    longNote.getJsonArray("answers").getJsonObject(0).put("note", "长".repeat(NewInspection.MAX_NOTE + 1));
    refused(longNote, "answers[0].note", "field.too_long");
  }

  @Test
  @DisplayName("a failed item needs a note saying what was wrong")
  void failNeedsNote() {
    JsonObject inspection = visit.inspection();
    inspection.getJsonArray("answers").getJsonObject(3).remove("note");
    refused(inspection, "answers[3].note", "inspection.fail_needs_note");
    JsonObject blank = visit.inspection();
    blank.getJsonArray("answers").getJsonObject(3).put("note", "  ");
    refused(blank, "answers[3].note", "inspection.fail_needs_note");
  }

  @Test
  @DisplayName("a template id of no template, or a visit still to come, is refused")
  void wrongTemplate() {
    refused(visit.inspection().put("templateId", UUID.randomUUID().toString()), "templateId", "inspection.unknown_template");
    refused(visit.inspection().put("templateId", "daily_supervision"), "templateId", "field.uuid");
    JsonObject none = visit.inspection();
    none.remove("templateId");
    refused(none, "templateId", "field.required");
    refused(visit.inspection().put("visitedAt", OffsetDateTime.now().plusDays(1).toString()), "visitedAt",
        "inspection.visit_ahead");
    refused(visit.inspection().put("visitedAt", "昨天上午"), "visitedAt", "field.timestamp");
    JsonObject noId = visit.inspection();
    noId.remove("id");
    refused(noId, "id", "field.required");
  }

  @Test
  @DisplayName("answers filled for an older version of a template still count against that version, which the inspection keeps")
  void olderVersion() {
    JsonObject second = Visit.sample().put("code", visit.template.getString("code"));
    second.getJsonArray("items").add(new JsonObject().put("id", "water_tested")
        .put("text", new JsonObject().put("zh", "灌溉水经过检测").put("en", "Irrigation water is tested")));
    Api.Response v2 = visit.api.post(ChecklistRoutes.PATH, visit.farm.admin, second);
    assertStatus(v2, 201);
    JsonObject onV1 = visit.filed(visit.inspection());
    assertEquals(1, onV1.getJsonObject("template").getInteger("version"));
    JsonObject onV2 = visit.inspection().put("templateId", v2.json().getString("id"));
    refused(onV2, "answers", "inspection.unanswered");
  }

  @Test
  @DisplayName("the same inspection sent again is 200 and stored once; another body under its id is a 409")
  void idempotent() {
    JsonObject sent = visit.inspection();
    JsonObject first = visit.filed(sent);
    Api.Response again = visit.file(visit.inspector, sent.copy());
    assertStatus(again, 200);
    assertEquals(first, again.json());
    assertEquals(1, inspections());
    assertEquals(8, answersOf(sent.getString("id")));
    Api.Response other = visit.file(visit.inspector, sent.copy().put("note", "另一次检查"));
    assertProblem(other, 409, "conflict", "id");
    assertEquals("inspection.id_taken", other.json().getString("code"));
    String otherProducer = visit.api.newProducer(visit.farm.admin);
    assertProblem(visit.api.post(Visit.path(otherProducer), visit.inspector, sent), 409, "conflict", "id");
    assertEquals(1, inspections());
  }

  @Test
  @DisplayName("a correction is a new inspection naming the one it corrects, once; the profile and list show how things stand")
  void correction() {
    JsonObject first = visit.filed(visit.inspection());
    JsonObject fixed = visit.inspection().put("corrects", first.getString("id"));
    refused(fixed, "correctionReason", "field.required");
    fixed.put("correctionReason", "第 4 项勾错了：投入品其实分开存放");
    fixed.getJsonArray("answers").getJsonObject(3).put("answer", "pass").remove("note");
    JsonObject correction = visit.filed(fixed);
    assertEquals(first.getString("id"), correction.getString("corrects"));
    assertEquals(0, correction.getJsonObject("counts").getInteger("fail"));
    assertEquals(2, inspections());
    assertEquals(correction.getString("id"), visit.api.get("/api/v1/inspections/" + first.getString("id"),
        visit.inspector).json().getString("correctedBy"));

    JsonObject again = visit.inspection().put("corrects", first.getString("id")).put("correctionReason", "再改一次");
    Api.Response twice = visit.file(visit.inspector, again);
    assertProblem(twice, 409, "conflict", "corrects");
    assertEquals("inspection.already_corrected", twice.json().getString("code"));
    Api.Response unknown = visit.file(visit.inspector, visit.inspection().put("corrects", UUID.randomUUID().toString())
        .put("correctionReason", "没有这份"));
    assertProblem(unknown, 409, "conflict", "corrects");
    assertEquals("inspection.correction_unknown", unknown.json().getString("code"));
    assertEquals(2, inspections());

    JsonObject block = visit.api.get("/api/v1/producers/" + visit.farm.producerId + "/profile", visit.farm.admin).json()
        .getJsonObject("inspections");
    assertEquals(1, block.getInteger("count"), "the corrected inspection no longer stands");
    assertEquals(correction.getString("id"), block.getJsonArray("latest").getJsonObject(0).getString("id"));
    JsonArray listed = visit.api.get(visit.path(), visit.producerAdmin).json().getJsonArray("items");
    assertEquals(2, listed.size(), "the list keeps both");
  }

  @Test
  @DisplayName("the profile shows the latest inspections with their date, inspector, template, counts and failing items")
  void profile() {
    JsonObject empty = visit.api.get("/api/v1/producers/" + visit.farm.producerId + "/profile", visit.inspector).json();
    assertEquals(new JsonObject().put("count", 0).put("latest", new JsonArray()), empty.getJsonObject("inspections"));
    JsonObject older = visit.inspection().put("visitedAt", OffsetDateTime.now().minusDays(20).withNano(0).toString());
    visit.filed(older);
    JsonObject latest = visit.filed(visit.inspection());
    JsonObject block = visit.api.get("/api/v1/producers/" + visit.farm.producerId + "/profile", visit.farm.recorder)
        .json().getJsonObject("inspections");
    assertEquals(2, block.getInteger("count"));
    JsonObject shown = block.getJsonArray("latest").getJsonObject(0);
    assertEquals(latest.getString("id"), shown.getString("id"));
    assertEquals(latest.getString("visitedAt"), shown.getString("visitedAt"));
    assertEquals("测试用户", shown.getJsonObject("inspector").getString("name"));
    assertEquals("日常监督检查表（五有一追溯）", shown.getJsonObject("template").getJsonObject("title").getString("zh"));
    assertEquals(1, shown.getJsonObject("counts").getInteger("fail"));
    assertEquals("inputs_stored", shown.getJsonArray("failing").getJsonObject(0).getString("item"));
    assertEquals(older.getString("id"), block.getJsonArray("latest").getJsonObject(1).getString("id"));
  }

  @Test
  @DisplayName("only an inspector files: platform admins, the producer's admins and recorders get 403 before the body is read")
  void whoFiles() {
    JsonObject inspection = visit.inspection();
    for (String token : new String[] {visit.farm.admin, visit.producerAdmin, visit.farm.recorder}) {
      assertProblem(visit.file(token, inspection), 403, "forbidden", null);
      assertProblem(visit.api.postRaw(visit.path(), token, "application/json", Buffer.buffer("{\"id\":")), 403,
          "forbidden", null);
    }
    assertEquals(401, visit.file(null, inspection).status());
    assertEquals(0, inspections());
    assertProblem(visit.api.post(Visit.path(UUID.randomUUID().toString()), visit.inspector, inspection), 404,
        "not_found", null);
    assertProblem(visit.api.postRaw(visit.path(), visit.inspector, "text/plain", Buffer.buffer("x")), 415,
        "unsupported_media_type", null);
    assertProblem(visit.api.postRaw(visit.path(), visit.inspector, "application/json", Buffer.buffer("[1]")), 400,
        "malformed_json", null);
    assertEquals(0, inspections());
  }

  @Test
  @DisplayName("the producer's admin, inspectors and platform admins read its inspections; its recorder and another producer's admin do not")
  void whoReads() {
    String id = visit.filed(visit.inspection()).getString("id");
    String detail = "/api/v1/inspections/" + id;
    for (String token : new String[] {visit.farm.admin, visit.inspector, visit.producerAdmin}) {
      assertEquals(1, visit.api.get(visit.path(), token).json().getJsonArray("items").size());
      assertStatus(visit.api.get(detail, token), 200);
    }
    String other = visit.api.newProducer(visit.farm.admin);
    String otherAdmin = visit.api.newUser(visit.farm.admin, other, "producer_admin");
    assertProblem(visit.api.get(visit.path(), otherAdmin), 403, "forbidden", null);
    assertProblem(visit.api.get(detail, otherAdmin), 403, "forbidden", null);
    assertProblem(visit.api.get(visit.path(), visit.farm.recorder), 403, "forbidden", null);
    assertProblem(visit.api.get(detail, visit.farm.recorder), 403, "forbidden", null);
    assertProblem(visit.api.get("/api/v1/inspections/" + UUID.randomUUID(), visit.inspector), 404, "not_found", null);
    assertEquals(0, visit.api.get(Visit.path(other), visit.inspector).json().getJsonArray("items").size());
    assertProblem(visit.api.get(visit.path() + "?limit=501", visit.inspector), 400, "invalid_field", "limit");
  }

  @Test
  @DisplayName("an inspection of one producer is not another's: filed under another producer, it lists there only")
  void crossTenant() {
    String other = visit.api.newProducer(visit.farm.admin);
    JsonObject there = visit.inspection();
    assertStatus(visit.api.post(Visit.path(other), visit.inspector, there), 201);
    assertEquals(0, visit.api.get(visit.path(), visit.producerAdmin).json().getJsonArray("items").size());
    assertProblem(visit.api.get("/api/v1/inspections/" + there.getString("id"), visit.producerAdmin), 403, "forbidden",
        null);
    JsonObject correcting = visit.inspection().put("corrects", there.getString("id")).put("correctionReason", "改错主体");
    Api.Response r = visit.file(visit.inspector, correcting);
    assertProblem(r, 409, "conflict", "corrects");
    assertEquals(0, inspections());
    assertNull(visit.api.get(visit.path(), visit.inspector).json().getJsonArray("items").stream().findAny().orElse(null));
  }
}
