package agritrace.inspection;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import agritrace.Farm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What an inspection test starts from: a producer with its admin and recorder (the farm's
 * {@code admin} is the platform admin), an inspector, and the shipped sample checklist loaded
 * under a code of its own.
 */
final class Visit {

  final Api api;
  final Farm farm;
  final String producerAdmin;
  final String inspector;
  final JsonObject template;

  Visit(Api api) {
    this.api = api;
    this.farm = new Farm(api);
    this.producerAdmin = api.newUser(farm.admin, farm.producerId, "producer_admin");
    this.inspector = api.newUser(farm.admin, null, "inspector");
    Api.Response loaded = api.post(ChecklistRoutes.PATH, farm.admin, sample());
    assertStatus(loaded, 201);
    this.template = loaded.json();
  }

  /** The sample template shipped in the server, under a new code. */
  static JsonObject sample() {
    try (InputStream in = Visit.class.getResourceAsStream("/reference/checklist-daily-sample.json")) {
      JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return json.put("code", "daily_" + UUID.randomUUID().toString().substring(0, 8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String templateId() {
    return template.getString("id");
  }

  /** Every item of the template answered: {@code inputs_stored} failed with a note, {@code labels_certificates} not applicable, the rest passed. */
  JsonArray answers() {
    JsonArray answers = new JsonArray();
    template.getJsonArray("items").forEach(item -> {
      String id = ((JsonObject) item).getString("id");
      JsonObject answer = new JsonObject().put("item", id);
      switch (id) {
        case "inputs_stored" -> answer.put("answer", "fail").put("note", "农药和化肥混放，没有出入库台账");
        case "labels_certificates" -> answer.put("answer", "not_applicable").put("note", "还没有上市");
        default -> answer.put("answer", "pass");
      }
      answers.add(answer);
    });
    return answers;
  }

  /** A whole inspection of the template, as the inspector's phone sends it. */
  JsonObject inspection() {
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("templateId", templateId())
        .put("visitedAt", OffsetDateTime.now(Farm.CHINA).minusHours(1).withNano(0).toString())
        .put("answers", answers())
        .put("note", "已当场要求整改，两周后复查");
  }

  String path() {
    return path(farm.producerId);
  }

  static String path(String producerId) {
    return "/api/v1/producers/" + producerId + "/inspections";
  }

  Api.Response file(String token, JsonObject inspection) {
    return api.post(path(), token, inspection);
  }

  /** Files the inspection as the inspector, expecting it stored. */
  JsonObject filed(JsonObject inspection) {
    Api.Response r = file(inspector, inspection);
    assertStatus(r, 201);
    return r.json();
  }
}
