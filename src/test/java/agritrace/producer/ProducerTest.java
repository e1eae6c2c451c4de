package agritrace.producer;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ProducerTest {

  private Api api;
  private String admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    admin = api.adminToken();
  }

  /**
   * How many producers were stored from these bodies, found by their (unique) names and credit
   * codes: only this test's rows count, so tests running beside it do not change the answer.
   */
  private static long stored(List<JsonObject> bodies) {
    String[] names = bodies.stream().map(b -> b.getValue("name")).filter(String.class::isInstance).toArray(String[]::new);
    String[] codes = bodies.stream().map(b -> b.getValue("creditCode")).filter(String.class::isInstance)
        .map(c -> ((String) c).toUpperCase()).toArray(String[]::new);
    return TestServer.get().count("SELECT count(*) FROM producers WHERE name = ANY($1) OR credit_code = ANY($2)",
        names, codes);
  }

  @Test
  @DisplayName("a platform admin registers a cooperative and reads it back")
  void registerAndRead() {
    JsonObject coop = Api.cooperative();
    Api.Response created = api.post("/api/v1/producers", admin, coop);
    assertStatus(created, 201);
    String id = created.json().getString("id");
    Api.Response read = api.get("/api/v1/producers/" + id, admin);
    assertStatus(read, 200);
    for (String field : List.of("name", "kind", "creditCode", "address", "region", "phone")) {
      assertEquals(coop.getString(field), read.json().getString(field), field);
    }
    assertEquals(id, read.json().getString("id"));
  }

  @Test
  @DisplayName("a lower-case credit code is stored upper-case, and a duplicate credit code is a 409")
  void duplicateCreditCode() {
    JsonObject coop = Api.cooperative();
    coop.put("creditCode", coop.getString("creditCode").toLowerCase());
    assertStatus(api.post("/api/v1/producers", admin, coop), 201);
    JsonObject again = coop.copy().put("creditCode", coop.getString("creditCode").toUpperCase())
        .put("name", "另一个合作社 " + Api.newCreditCode());
    assertProblem(api.post("/api/v1/producers", admin, again), 409, "conflict", "creditCode");
    assertEquals(1, stored(List.of(coop, again)));
  }

  @Test
  @DisplayName("a credit code failing its check character is refused, unless an admin accepts it with a reason")
  void checksumAndOverride() {
    JsonObject coop = Api.cooperative().put("creditCode", "91350100M000100Y40");
    Api.Response refused = api.post("/api/v1/producers", admin, coop);
    assertProblem(refused, 400, "invalid_field", "creditCode");
    assertEquals("producer.credit_code_check", refused.json().getString("code"));
    assertEquals(0, stored(List.of(coop)));

    String code = Api.newCreditCode();
    String wrongCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
    coop.put("creditCode", wrongCheck).put("creditCodeOverride", new JsonObject().put("reason", "registry certificate seen, issued 2016"));
    Api.Response accepted = api.post("/api/v1/producers", admin, coop);
    assertStatus(accepted, 201);
    JsonObject read = api.get("/api/v1/producers/" + accepted.json().getString("id"), admin).json();
    assertEquals("registry certificate seen, issued 2016", read.getJsonObject("creditCodeOverride").getString("reason"));
    assertEquals(api.get("/api/v1/auth/me", admin).json().getString("id"),
        read.getJsonObject("creditCodeOverride").getString("acceptedBy"));
  }

  @Test
  @DisplayName("an individual gives a resident ID instead of a credit code; its check digit is verified")
  void individual() {
    JsonObject person = Api.cooperative().put("kind", "individual").put("name", "张三").put("idNumber", Api.newResidentId());
    person.remove("creditCode");
    Api.Response created = api.post("/api/v1/producers", admin, person);
    assertStatus(created, 201);
    assertNull(api.get("/api/v1/producers/" + created.json().getString("id"), admin).json().getString("creditCode"));
    assertProblem(api.post("/api/v1/producers", admin, person), 409, "conflict", "idNumber");
    assertProblem(api.post("/api/v1/producers", admin, person.copy().put("idNumber", "110105194912310021")),
        400, "invalid_field", "idNumber");
    JsonObject noId = person.copy();
    noId.remove("idNumber");
    assertProblem(api.post("/api/v1/producers", admin, noId), 400, "invalid_field", "idNumber");
  }

  @Test
  @DisplayName("a producer may choose its lot-code short code; otherwise one is given; taken codes are a 409")
  void shortCodes() {
    String code = "T" + Api.newCreditCode().substring(10, 15);
    String chosen = api.post("/api/v1/producers", admin, Api.cooperative().put("shortCode", code.toLowerCase())).json().getString("id");
    assertEquals(code, api.get("/api/v1/producers/" + chosen, admin).json().getString("shortCode"));
    String given = api.newProducer(admin);
    assertTrue(api.get("/api/v1/producers/" + given, admin).json().getString("shortCode").matches("P\\d{4,}"));
    assertProblem(api.post("/api/v1/producers", admin, Api.cooperative().put("shortCode", code)), 409, "conflict", "shortCode");
    assertProblem(api.post("/api/v1/producers", admin, Api.cooperative().put("shortCode", "A-1")), 400, "invalid_field", "shortCode");
    assertProblem(api.post("/api/v1/producers", admin, Api.cooperative().put("shortCode", "P0042")), 400, "invalid_field", "shortCode");
  }

  @Test
  @DisplayName("an individual's resident ID is masked for the producer's recorders and testers")
  void residentIdMasked() {
    String idNumber = Api.newResidentId();
    JsonObject person = Api.cooperative().put("kind", "individual").put("idNumber", idNumber);
    person.remove("creditCode");
    String id = api.post("/api/v1/producers", admin, person).json().getString("id");
    String recorder = api.newUser(admin, id, "recorder");
    assertEquals(idNumber.substring(0, 6) + "********" + idNumber.substring(14),
        api.get("/api/v1/producers/" + id, recorder).json().getString("idNumber"));
    assertEquals(idNumber, api.get("/api/v1/producers/" + id, api.newUser(admin, id, "producer_admin")).json().getString("idNumber"));
  }

  @Test
  @DisplayName("each missing or invalid field is named in a 400 and nothing is saved")
  void badFields() {
    List<JsonObject> sent = new java.util.ArrayList<>();
    for (String field : List.of("name", "kind", "creditCode", "address", "region", "phone")) {
      JsonObject coop = Api.cooperative();
      coop.remove(field);
      sent.add(coop);
      assertProblem(api.post("/api/v1/producers", admin, coop), 400, "invalid_field", field);
    }
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, Api.cooperative().put("kind", "factory"))), 400, "invalid_field", "kind");
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, Api.cooperative().put("name", "x".repeat(201)))), 400, "invalid_field", "name");
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, Api.cooperative().put("name", "   "))), 400, "invalid_field", "name");
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, Api.cooperative().put("phone", "call me"))), 400, "invalid_field", "phone");
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, Api.cooperative().put("creditCode", "12345"))), 400, "invalid_field", "creditCode");
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, Api.cooperative().put("region", new JsonArray()))), 400, "invalid_field", "region");
    JsonObject badOverride = Api.cooperative().put("creditCode", "91350100M000100Y40");
    assertProblem(api.post("/api/v1/producers", admin, sent(sent, badOverride.copy().put("creditCodeOverride", "because"))),
        400, "invalid_field", "creditCodeOverride");
    assertProblem(api.post("/api/v1/producers", admin,
            sent(sent, badOverride.copy().put("creditCodeOverride", new JsonObject().put("reason", 5)))),
        400, "invalid_field", "creditCodeOverride.reason");
    assertEquals(0, stored(sent));
  }

  private static JsonObject sent(List<JsonObject> sent, JsonObject body) {
    sent.add(body);
    return body;
  }

  @Test
  @DisplayName("malformed JSON is a 400, a non-JSON body a 415, a body over 1 MiB a 413")
  void malformedBodies() {
    assertProblem(api.postRaw("/api/v1/producers", admin, "application/json", Buffer.buffer("{\"name\": \"x\",")),
        400, "malformed_json", null);
    assertProblem(api.postRaw("/api/v1/producers", admin, "application/json", Buffer.buffer("[1, 2]")),
        400, "malformed_json", null);
    assertProblem(api.postRaw("/api/v1/producers", admin, "application/json", Buffer.buffer("")), 400, "malformed_json", null);
    assertProblem(api.postRaw("/api/v1/producers", admin, "application/x-www-form-urlencoded", Buffer.buffer("name=x")),
        415, "unsupported_media_type", null);
    JsonObject untyped = Api.cooperative();
    assertProblem(api.postRaw("/api/v1/producers", admin, null, Buffer.buffer(untyped.encode())),
        415, "unsupported_media_type", null);
    JsonObject huge = Api.cooperative().put("address", "村".repeat(400_000));
    assertProblem(api.postRaw("/api/v1/producers", admin, "application/json", huge.toBuffer()), 413, "payload_too_large", null);
    assertEquals(0, stored(List.of(untyped, huge)));
  }

  @Test
  @DisplayName("only a platform admin registers producers")
  void onlyPlatformAdminRegisters() {
    String producer = api.newProducer(admin);
    List<JsonObject> sent = new java.util.ArrayList<>();
    for (String role : List.of("producer_admin", "recorder", "tester")) {
      String token = api.newUser(admin, producer, role);
      assertProblem(api.post("/api/v1/producers", token, sent(sent, Api.cooperative())), 403, "forbidden", null);
    }
    String inspector = api.newUser(admin, null, "inspector");
    assertProblem(api.post("/api/v1/producers", inspector, sent(sent, Api.cooperative())), 403, "forbidden", null);
    assertProblem(api.post("/api/v1/producers", null, sent(sent, Api.cooperative())), 401, "unauthorized", null);
    assertEquals(0, stored(sent));
  }

  @Test
  @DisplayName("a producer's users see their own producer only; inspectors see every producer")
  void visibility() {
    String mine = api.newProducer(admin);
    String theirs = api.newProducer(admin);
    String recorder = api.newUser(admin, mine, "recorder");
    assertStatus(api.get("/api/v1/producers/" + mine, recorder), 200);
    assertProblem(api.get("/api/v1/producers/" + theirs, recorder), 403, "forbidden", null);
    JsonArray listed = api.get("/api/v1/producers", recorder).json().getJsonArray("items");
    assertEquals(1, listed.size());
    assertEquals(mine, listed.getJsonObject(0).getString("id"));

    String inspector = api.newUser(admin, null, "inspector");
    assertStatus(api.get("/api/v1/producers/" + theirs, inspector), 200);
    String name = api.get("/api/v1/producers/" + theirs, admin).json().getString("name");
    JsonArray found = api.get("/api/v1/producers?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8),
        inspector).json().getJsonArray("items");
    assertEquals(theirs, found.getJsonObject(0).getString("id"));
  }

  @Test
  @DisplayName("unknown or malformed producer ids are 404; bad paging is a 400")
  void unknownIdsAndPaging() {
    assertProblem(api.get("/api/v1/producers/" + java.util.UUID.randomUUID(), admin), 404, "not_found", null);
    assertProblem(api.get("/api/v1/producers/not-an-id", admin), 404, "not_found", null);
    assertProblem(api.get("/api/v1/producers?limit=0", admin), 400, "invalid_field", "limit");
    assertProblem(api.get("/api/v1/producers?limit=abc", admin), 400, "invalid_field", "limit");
    assertProblem(api.get("/api/v1/producers?offset=-1", admin), 400, "invalid_field", "offset");
    assertProblem(api.get("/api/v1/producers/1-1-1-1-1", admin), 404, "not_found", null);
    assertEquals(0, api.get("/api/v1/producers?q=%25%25%25_", admin).json().getJsonArray("items").size());
    assertEquals(2, api.get("/api/v1/producers?limit=2", admin).json().getJsonArray("items").size());
  }
}
