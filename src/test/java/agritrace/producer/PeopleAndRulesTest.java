package agritrace.producer;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PeopleAndRulesTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  private Api api;
  private String admin;
  private String producer;
  private String producerAdmin;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    admin = api.adminToken();
    producer = api.newProducer(admin);
    producerAdmin = api.newUser(admin, producer, "producer_admin");
  }

  private String path(String rest) {
    return "/api/v1/producers/" + producer + rest;
  }

  /** This test's producer's people only, so tests running beside it do not change the count. */
  private long personnel() {
    return TestServer.get().count("SELECT count(*) FROM personnel WHERE producer_id = $1", UUID.fromString(producer));
  }

  private static JsonObject rule(String category, String version, LocalDate effective) {
    return new JsonObject().put("category", category).put("title", "投入品管理制度").put("version", version)
        .put("effectiveDate", effective.toString()).put("text", "农药由专人保管，按标签使用，记录用药日期和安全间隔期。");
  }

  @Test
  @DisplayName("people are named with a duty, trainings are added to them, and both are listed")
  void peopleAndTrainings() {
    Api.Response person = api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "王芳").put("duty", "quality_manager").put("phone", "13800000000"));
    assertStatus(person, 201);
    String personId = person.json().getString("id");
    assertStatus(api.post(path("/personnel/" + personId + "/trainings"), producerAdmin, new JsonObject()
        .put("course", "农产品质量安全内检员培训").put("date", TODAY.minusDays(10).toString()).put("certificateNo", "ZJ-2026-0042")), 201);

    String recorder = api.newUser(admin, producer, "recorder");
    JsonArray people = api.get(path("/personnel"), recorder).json().getJsonArray("items");
    assertEquals(1, people.size());
    JsonObject listed = people.getJsonObject(0);
    assertEquals("quality_manager", listed.getString("duty"));
    assertEquals("ZJ-2026-0042", listed.getJsonArray("trainings").getJsonObject(0).getString("certificateNo"));
  }

  @Test
  @DisplayName("a person can be linked to one of the producer's own accounts only")
  void linkedAccount() {
    String recorderId = api.get("/api/v1/auth/me", api.newUser(admin, producer, "recorder")).json().getString("id");
    assertStatus(api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "李明").put("duty", "recorder").put("userId", recorderId)), 201);
    String other = api.newProducer(admin);
    String strangerId = api.get("/api/v1/auth/me", api.newUser(admin, other, "recorder")).json().getString("id");
    long before = personnel();
    assertProblem(api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "李明").put("duty", "recorder").put("userId", strangerId)), 400, "invalid_field", "userId");
    assertProblem(api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "李明").put("duty", "recorder").put("userId", "nope")), 400, "invalid_field", "userId");
    assertEquals(before, personnel());
  }

  @Test
  @DisplayName("bad people and training requests name the field and save nothing")
  void badPeople() {
    long before = personnel();
    assertProblem(api.post(path("/personnel"), producerAdmin, new JsonObject().put("duty", "tester")), 400, "invalid_field", "name");
    assertProblem(api.post(path("/personnel"), producerAdmin, new JsonObject().put("name", "x").put("duty", "boss")),
        400, "invalid_field", "duty");
    assertEquals(before, personnel());

    String personId = api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "赵六").put("duty", "tester")).json().getString("id");
    String trainings = path("/personnel/" + personId + "/trainings");
    assertProblem(api.post(trainings, producerAdmin, new JsonObject().put("course", "x").put("date", TODAY.plusDays(2).toString())),
        400, "invalid_field", "date");
    assertProblem(api.post(trainings, producerAdmin, new JsonObject().put("course", "x").put("date", "2026-02-30")),
        400, "invalid_field", "date");
    assertProblem(api.post(trainings, producerAdmin, new JsonObject().put("date", "2026-01-05")), 400, "invalid_field", "course");
    assertProblem(api.post(path("/personnel/" + UUID.randomUUID() + "/trainings"), producerAdmin,
        new JsonObject().put("course", "x").put("date", "2026-01-05")), 404, "not_found", null);
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM trainings WHERE person_id = $1", UUID.fromString(personId)));
  }

  @Test
  @DisplayName("another producer's admin can neither read nor add this producer's people or rules")
  void crossProducer() {
    String other = api.newProducer(admin);
    String otherAdmin = api.newUser(admin, other, "producer_admin");
    String personId = api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "王芳").put("duty", "quality_manager")).json().getString("id");
    assertProblem(api.get(path("/personnel"), otherAdmin), 403, "forbidden", null);
    assertProblem(api.post(path("/personnel"), otherAdmin, new JsonObject().put("name", "x").put("duty", "tester")),
        403, "forbidden", null);
    assertProblem(api.post(path("/personnel/" + personId + "/trainings"), otherAdmin,
        new JsonObject().put("course", "x").put("date", "2026-01-05")), 403, "forbidden", null);
    // Naming this producer's person under one's own producer does not reach it either.
    assertProblem(api.post("/api/v1/producers/" + other + "/personnel/" + personId + "/trainings", otherAdmin,
        new JsonObject().put("course", "x").put("date", "2026-01-05")), 404, "not_found", null);
    assertProblem(api.get(path("/rules"), otherAdmin), 403, "forbidden", null);
    assertProblem(api.post(path("/rules"), otherAdmin, rule("recall", "1", TODAY)), 403, "forbidden", null);
    assertProblem(api.get(path("/profile"), otherAdmin), 403, "forbidden", null);
    String recorder = api.newUser(admin, producer, "recorder");
    assertProblem(api.post(path("/personnel"), recorder, new JsonObject().put("name", "x").put("duty", "tester")),
        403, "forbidden", null);
    assertProblem(api.post(path("/rules"), recorder, rule("recall", "1", TODAY)), 403, "forbidden", null);
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM management_rules WHERE producer_id = $1", UUID.fromString(producer)));
  }

  @Test
  @DisplayName("another producer's admin gets 403 before a bad or malformed body is read, and nothing is saved")
  void crossProducerBeforeTheBody() {
    String otherAdmin = api.newUser(admin, api.newProducer(admin), "producer_admin");
    String personId = api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "王芳").put("duty", "quality_manager")).json().getString("id");
    Buffer malformed = Buffer.buffer("{\"name\":");
    assertProblem(api.post(path("/personnel"), otherAdmin,
        new JsonObject().put("name", "x").put("duty", "boss").put("phone", "abc")), 403, "forbidden", null);
    assertProblem(api.postRaw(path("/personnel"), otherAdmin, "application/json", malformed), 403, "forbidden", null);
    String trainings = path("/personnel/" + personId + "/trainings");
    assertProblem(api.post(trainings, otherAdmin, new JsonObject().put("date", TODAY.plusDays(9).toString())),
        403, "forbidden", null);
    assertProblem(api.postRaw(trainings, otherAdmin, "application/json", malformed), 403, "forbidden", null);
    assertProblem(api.post(path("/rules"), otherAdmin, rule("hygiene", "1", TODAY).put("effectiveDate", "soon")),
        403, "forbidden", null);
    assertProblem(api.postRaw(path("/rules"), otherAdmin, "application/json", malformed), 403, "forbidden", null);
    assertEquals(1, personnel());
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM trainings WHERE person_id = $1", UUID.fromString(personId)));
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM management_rules WHERE producer_id = $1", UUID.fromString(producer)));
  }

  @Test
  @DisplayName("a rule gets new versions, never edits: the newest version in effect applies")
  void ruleVersions() {
    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "1.0", TODAY.minusDays(100))), 201);
    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "2.0", TODAY.minusDays(1))), 201);
    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "3.0", TODAY.plusDays(30))), 201);
    assertProblem(api.post(path("/rules"), producerAdmin, rule("input_management", "2.0", TODAY)), 409, "conflict", "version");

    JsonArray rules = api.get(path("/rules"), api.newUser(admin, null, "inspector")).json().getJsonArray("items");
    assertEquals(3, rules.size());
    assertEquals("3.0 scheduled, 2.0 in_effect, 1.0 superseded", rules.stream()
        .map(r -> ((JsonObject) r).getString("version") + " " + ((JsonObject) r).getString("status"))
        .reduce((a, b) -> a + ", " + b).orElseThrow());

    assertProblem(api.post(path("/rules"), producerAdmin, rule("hygiene", "1", TODAY)), 400, "invalid_field", "category");
    assertProblem(api.post(path("/rules"), producerAdmin, rule("recall", "1", TODAY).put("effectiveDate", "soon")),
        400, "invalid_field", "effectiveDate");
    JsonObject noText = rule("recall", "1", TODAY);
    noText.remove("text");
    assertProblem(api.post(path("/rules"), producerAdmin, noText), 400, "invalid_field", "text");
  }

  @Test
  @DisplayName("rules, people and trainings are evidence: the database refuses to change or delete them")
  void appendOnly() {
    assertStatus(api.post(path("/rules"), producerAdmin, rule("recall", "1", TODAY)), 201);
    UUID id = UUID.fromString(producer);
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> TestServer.get().sql("UPDATE management_rules SET body = 'rewritten' WHERE producer_id = $1", id));
    assertTrue(refused.getMessage().contains("evidence"), refused.getMessage());
    assertThrows(IllegalStateException.class,
        () -> TestServer.get().sql("DELETE FROM management_rules WHERE producer_id = $1", id));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM management_rules WHERE producer_id = $1", id));
  }

  @Test
  @DisplayName("the 五有 profile turns rules and people from missing to satisfied; later pillars stay missing")
  void profile() {
    JsonObject profile = api.get(path("/profile"), producerAdmin).json();
    assertEquals(0, profile.getInteger("satisfied"));
    assertEquals(6, profile.getJsonArray("pillars").size());
    JsonObject people = pillar(profile, "responsible_people");
    assertEquals("missing", people.getString("status"));
    assertEquals(List.of("profile.no_quality_manager"), gapCodes(people));
    assertEquals(List.of("profile.no_rule"), gapCodes(pillar(profile, "management_rules")));

    for (String category : new String[] {"input_management", "record_keeping", "testing", "labelling"}) {
      assertStatus(api.post(path("/rules"), producerAdmin, rule(category, "1", TODAY)), 201);
    }
    // A recall plan that takes effect next month does not count yet.
    assertStatus(api.post(path("/rules"), producerAdmin, rule("recall", "1", TODAY.plusDays(20))), 201);
    JsonObject rules = pillar(api.get(path("/profile"), producerAdmin).json(), "management_rules");
    assertEquals("missing", rules.getString("status"));
    assertEquals(new JsonObject().put("code", "profile.no_rule").put("args", new JsonObject().put("categories",
        new JsonArray().add(new JsonObject().put("code", "category.recall").put("args", new JsonObject())))),
        withoutText(rules.getJsonArray("gaps").getJsonObject(0)));
    assertStatus(api.post(path("/rules"), producerAdmin, rule("recall", "0.9", TODAY)), 201);

    String personId = api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "王芳").put("duty", "quality_manager")).json().getString("id");
    people = pillar(api.get(path("/profile"), producerAdmin).json(), "responsible_people");
    assertEquals(List.of("profile.manager_untrained"), gapCodes(people));
    String trainedRecorder = api.post(path("/personnel"), producerAdmin,
        new JsonObject().put("name", "李明").put("duty", "recorder")).json().getString("id");
    assertStatus(api.post(path("/personnel/" + trainedRecorder + "/trainings"), producerAdmin,
        new JsonObject().put("course", "生产记录培训").put("date", TODAY.toString())), 201);
    people = pillar(api.get(path("/profile"), producerAdmin).json(), "responsible_people");
    assertEquals(List.of("profile.manager_untrained"), gapCodes(people));
    assertStatus(api.post(path("/personnel/" + personId + "/trainings"), producerAdmin,
        new JsonObject().put("course", "内检员培训").put("date", TODAY.toString())), 201);

    profile = api.get(path("/profile"), api.newUser(admin, null, "inspector")).json();
    assertEquals(2, profile.getInteger("satisfied"));
    assertEquals("satisfied", pillar(profile, "management_rules").getString("status"));
    assertEquals("satisfied", pillar(profile, "responsible_people").getString("status"));
    assertEquals(null, pillar(profile, "responsible_people").getString("reason"));
    assertEquals(List.of(), gapCodes(pillar(profile, "responsible_people")));
    for (String later : new String[] {"production_records", "quality_testing", "packaging_labels", "traceability"}) {
      assertEquals("missing", pillar(profile, later).getString("status"), later);
      assertTrue(!pillar(profile, later).getString("reason").isBlank());
    }
    assertProblem(api.get("/api/v1/producers/" + UUID.randomUUID() + "/profile", admin), 404, "not_found", null);
  }

  @Test
  @DisplayName("the same profile reads in Chinese by default and in English with Accept-Language: en")
  void profileLanguages() {
    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "1", TODAY)), 201);
    JsonObject zh = api.get(path("/profile"), producerAdmin).json();
    JsonObject en = api.with("Accept-Language", "en").get(path("/profile"), producerAdmin).json();

    JsonObject zhRules = pillar(zh, "management_rules");
    JsonObject enRules = pillar(en, "management_rules");
    assertEquals("这些方面还没有生效的制度：生产记录、质量检测、包装标识、召回", zhRules.getString("reason"));
    assertEquals("no rule in effect for record keeping, quality testing, packaging and labelling, recall",
        enRules.getString("reason"));
    assertEquals(zhRules.getString("reason"), zhRules.getJsonArray("gaps").getJsonObject(0).getString("message"));
    assertEquals(withoutText(zhRules.getJsonArray("gaps").getJsonObject(0)),
        withoutText(enRules.getJsonArray("gaps").getJsonObject(0)), "the same code and arguments in both");
    for (JsonObject rules : List.of(zhRules, enRules)) {
      assertEquals("有管理制度", rules.getString("name"));
      assertEquals("management rules", rules.getString("title"));
    }
    // Two gaps make one reason, joined as each language joins sentences.
    assertEquals("还没有登记地块、大棚、果园、鱼塘或圈舍；最近 30 天没有农事记录",
        pillar(zh, "production_records").getString("reason"));
    assertEquals("no plot, greenhouse, orchard, pond or barn recorded; no farming operation recorded in the last 30 days",
        pillar(en, "production_records").getString("reason"));
  }

  private static List<String> gapCodes(JsonObject pillar) {
    return pillar.getJsonArray("gaps").stream().map(g -> ((JsonObject) g).getString("code")).toList();
  }

  /** A gap as stored: its code and arguments, without the sentence rendered for this reader. */
  private static JsonObject withoutText(JsonObject gap) {
    JsonObject copy = gap.copy();
    copy.remove("message");
    return copy;
  }

  private static JsonObject pillar(JsonObject profile, String key) {
    return profile.getJsonArray("pillars").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("key").equals(key)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("the producer's users, people and rules are listed in pages, each person whole with all trainings")
  void pagedLists() {
    for (String name : List.of("王芳", "李强")) {
      String person = api.post(path("/personnel"), producerAdmin, new JsonObject().put("name", name).put("duty", "recorder"))
          .json().getString("id");
      for (int i = 0; i < 2; i++) {
        assertStatus(api.post(path("/personnel/" + person + "/trainings"), producerAdmin,
            new JsonObject().put("course", "培训 " + i).put("date", TODAY.minusDays(3).toString())), 201);
      }
    }
    JsonObject second = api.get(path("/personnel?limit=1&offset=1"), producerAdmin).json();
    assertEquals(1, second.getJsonArray("items").size());
    assertEquals("李强", second.getJsonArray("items").getJsonObject(0).getString("name"));
    assertEquals(2, second.getJsonArray("items").getJsonObject(0).getJsonArray("trainings").size());
    assertEquals(1, second.getInteger("limit"));
    assertEquals(1, second.getInteger("offset"));

    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "1", TODAY.minusDays(30))), 201);
    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "2", TODAY.minusDays(1))), 201);
    assertStatus(api.post(path("/rules"), producerAdmin, rule("input_management", "3", TODAY.plusDays(9))), 201);
    JsonArray rules = api.get(path("/rules?limit=2&offset=1"), producerAdmin).json().getJsonArray("items");
    assertEquals("2 in_effect, 1 superseded", rules.getJsonObject(0).getString("version") + " "
        + rules.getJsonObject(0).getString("status") + ", " + rules.getJsonObject(1).getString("version") + " "
        + rules.getJsonObject(1).getString("status"), rules.encode());

    assertEquals(1, api.get(path("/users?limit=1"), producerAdmin).json().getJsonArray("items").size());
    for (String list : List.of("/users", "/personnel", "/rules")) {
      assertProblem(api.get(path(list + "?limit=0"), producerAdmin), 400, "invalid_field", "limit");
      assertProblem(api.get(path(list + "?offset=-1"), producerAdmin), 400, "invalid_field", "offset");
    }
  }
}
