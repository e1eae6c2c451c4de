package agritrace.production;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batch list: one producer's or, for inspectors and platform admins, every producer's; held batches first. */
@ExtendWith(VertxExtension.class)
class BatchListTest {

  /** Harvests on a new plot of the farm {@code daysAgo} days ago and answers the batch's id. */
  private static String harvest(Farm farm, int daysAgo) {
    String plot = farm.create("plot", Farm.plot());
    Api.Response r = farm.api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, Farm.today().minusDays(daysAgo)));
    assertStatus(r, 201);
    return r.json().getJsonObject("batch").getString("id");
  }

  private static void decide(Farm farm, String inspector, String batchId, String move, String reason) {
    assertStatus(farm.api.post("/api/v1/batches/" + batchId + "/" + move, inspector,
        new JsonObject().put("reason", reason)), 200);
  }

  private static JsonArray list(Api api, String token, String query) {
    Api.Response r = api.get("/api/v1/batches" + query, token);
    assertStatus(r, 200);
    return r.json().getJsonArray("items");
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  @Test
  @DisplayName("an inspector who names no producer sees every producer's batches, the held ones first, the most recently held first")
  void acrossProducers(Vertx vertx) {
    Farm a = new Farm(new Api(vertx));
    Farm b = new Farm(a.api);
    String inspector = a.api.newUser(a.admin, null, "inspector");
    String aBatch = harvest(a, 2);
    String bOlder = harvest(b, 3);
    String bNewer = harvest(b, 1);
    decide(b, inspector, bOlder, "hold", "抽检发现疑似农残超标，待复检");
    decide(a, inspector, aBatch, "hold", "标签信息不全");

    JsonArray first = list(a.api, inspector, "?limit=2");
    assertEquals(List.of(aBatch, bOlder), ids(first), first.encode());
    JsonObject held = first.getJsonObject(0);
    assertEquals("held", held.getString("status"));
    assertEquals("batch.held_by_inspector", held.getJsonObject("reason").getString("code"));
    assertEquals("标签信息不全", held.getJsonObject("reason").getJsonObject("args").getString("note"));
    assertTrue(held.getJsonObject("reason").getString("message").contains("标签信息不全"), held.encode());
    assertEquals(a.producerId, held.getString("producerId"));
    assertEquals(a.api.get("/api/v1/producers/" + a.producerId, a.admin).json().getString("name"),
        held.getString("producerName"));
    assertEquals("青菜", held.getString("crop"));
    assertEquals(Farm.today().minusDays(2).toString(), held.getString("harvestedOn"));
    assertEquals(300, held.getValue("quantity"));
    assertEquals("kg", held.getString("quantityUnit"));
    assertTrue(held.getString("lotCode").matches("P\\d{4,}-\\d{8}-001"), held.getString("lotCode"));
    assertEquals(b.producerId, first.getJsonObject(1).getString("producerId"));

    assertEquals(List.of(bNewer), ids(list(a.api, inspector, "?status=harvested&limit=1")),
        "the newest batch that is not held, of any producer");
    assertEquals(List.of(aBatch, bOlder), ids(list(a.api, a.admin, "?limit=2")), "platform admins see the same list");
    assertEquals(List.of(bOlder, bNewer), ids(list(a.api, inspector, "?producerId=" + b.producerId)));
  }

  @Test
  @DisplayName("status filters, and pages follow the order: held first, then the others newest first, a released one among them")
  void statusAndPages(Vertx vertx) {
    Farm farm = new Farm(new Api(vertx));
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    String first = harvest(farm, 5);
    String second = harvest(farm, 9);
    String third = harvest(farm, 1);
    decide(farm, inspector, first, "hold", "复检");

    assertEquals(List.of(first, third, second), ids(list(farm.api, farm.recorder, "")));
    assertEquals(List.of(first, third), ids(list(farm.api, farm.recorder, "?limit=2")));
    Api.Response page = farm.api.get("/api/v1/batches?limit=2&offset=2", farm.recorder);
    assertEquals(List.of(second), ids(page.json().getJsonArray("items")));
    assertEquals(2, page.json().getInteger("limit"));
    assertEquals(2, page.json().getInteger("offset"));
    assertEquals(List.of(), ids(list(farm.api, farm.recorder, "?offset=3")));
    assertEquals(List.of(), ids(list(farm.api, farm.recorder, "?limit=500&offset=" + Integer.MAX_VALUE)));
    assertEquals(List.of(first), ids(list(farm.api, farm.recorder, "?status=held")));
    assertEquals(List.of(third, second), ids(list(farm.api, farm.recorder, "?status=harvested")));
    assertEquals(List.of(second), ids(list(farm.api, farm.recorder, "?status=harvested&offset=1&limit=1")));
    assertEquals(List.of(), ids(list(farm.api, farm.recorder, "?status=released")));

    decide(farm, inspector, first, "release", "复检合格，检测单号 XH-20261130-002");
    assertEquals(List.of(third, second, first), ids(list(farm.api, farm.recorder, "")), "released: back in its place by age");
    assertEquals(List.of(first), ids(list(farm.api, inspector, "?producerId=" + farm.producerId + "&status=released")));
    assertEquals(List.of(), ids(list(farm.api, farm.recorder, "?status=held")));
  }

  @Test
  @DisplayName("an inspector finds a batch by the end of its lot code, held or not, across producers; % and _ are taken as they are")
  void byLotCode(Vertx vertx) {
    Farm farm = new Farm(new Api(vertx));
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    String held = harvest(farm, 3);
    String other = harvest(farm, 2);
    decide(farm, inspector, held, "hold", "抽检");
    String heldLot = farm.api.get("/api/v1/batches/" + held, inspector).json().getString("lotCode");
    String otherLot = farm.api.get("/api/v1/batches/" + other, inspector).json().getString("lotCode");

    assertEquals(List.of(held), ids(list(farm.api, inspector, "?lot=" + heldLot.substring(heldLot.length() - 14).toLowerCase())));
    assertEquals(List.of(other), ids(list(farm.api, inspector, "?producerId=" + farm.producerId + "&lot=" + otherLot)));
    assertEquals(List.of(held), ids(list(farm.api, farm.recorder, "?status=held&lot=" + heldLot)));
    assertEquals(List.of(), ids(list(farm.api, farm.recorder, "?status=harvested&lot=" + heldLot)));
    assertEquals(List.of(), ids(list(farm.api, inspector, "?lot=%25")));
    assertEquals(List.of(), ids(list(farm.api, inspector, "?lot=" + heldLot.replace('-', '_'))));
    assertEquals(List.of(held, other), ids(list(farm.api, farm.recorder, "?lot=%20")), "a blank term is no filter");
    assertProblem(farm.api.get("/api/v1/batches?lot=" + "1".repeat(41), inspector), 400, "invalid_field", "lot");
  }

  @Test
  @DisplayName("a batch's history names who acted and in what role: the recorder who harvested, the inspector who held it, nobody for the rules")
  void historyNamesWhoActed(Vertx vertx) {
    Farm farm = new Farm(new Api(vertx));
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    String batch = harvest(farm, 1);
    decide(farm, inspector, batch, "hold", "抽检");
    JsonArray history = farm.api.get("/api/v1/batches/" + batch, farm.recorder).json().getJsonArray("history");
    assertEquals(2, history.size());
    assertEquals("recorder", history.getJsonObject(0).getString("byRole"));
    assertEquals("测试用户", history.getJsonObject(0).getString("byName"));
    assertEquals("inspector", history.getJsonObject(1).getString("byRole"));
    assertEquals("测试用户", history.getJsonObject(1).getString("byName"));
    assertEquals(farm.api.get("/api/v1/auth/me", inspector).json().getString("id"), history.getJsonObject(1).getString("by"));
  }

  @Test
  @DisplayName("a producer's recorder sees only its own batches without producerId, and another producer's is a 403")
  void producersOwn(Vertx vertx) {
    Farm farm = new Farm(new Api(vertx));
    Farm other = new Farm(farm.api);
    String mine = harvest(farm, 1);
    harvest(other, 1);
    assertEquals(List.of(mine), ids(list(farm.api, farm.recorder, "")));
    assertEquals(List.of(mine), ids(list(farm.api, farm.recorder, "?producerId=" + farm.producerId)));
    Api.Response refused = farm.api.get("/api/v1/batches?producerId=" + other.producerId, farm.recorder);
    assertProblem(refused, 403, "forbidden", null);
    assertEquals("access.other_producer", refused.json().getString("code"));
    assertProblem(farm.api.get("/api/v1/batches?producerId=" + other.producerId + "&status=nope", farm.recorder),
        403, "forbidden", null);
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    assertProblem(farm.api.get("/api/v1/batches?producerId=" + UUID.randomUUID(), inspector), 404, "not_found", null);
    assertProblem(farm.api.get("/api/v1/batches", null), 401, "unauthorized", null);
  }

  @Test
  @DisplayName("a status that is none of the five, a limit or offset out of range, or a producerId not a UUID is a 400 naming the field")
  void badInput(Vertx vertx) {
    Farm farm = new Farm(new Api(vertx));
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    for (String token : new String[] {farm.recorder, inspector}) {
      Api.Response status = farm.api.get("/api/v1/batches?status=active", token);
      assertProblem(status, 400, "invalid_field", "status");
      assertEquals("field.one_of", status.json().getString("code"));
      assertEquals(new JsonArray().add("harvested").add("held").add("released").add("rejected").add("recalled"),
          status.json().getJsonObject("args").getJsonArray("allowed"));
      for (String limit : new String[] {"0", "501", "ten"}) {
        Api.Response r = farm.api.get("/api/v1/batches?limit=" + limit, token);
        assertProblem(r, 400, "invalid_field", "limit");
        assertEquals("field.whole_range", r.json().getString("code"));
      }
      assertProblem(farm.api.get("/api/v1/batches?offset=-1", token), 400, "invalid_field", "offset");
    }
    Api.Response notUuid = farm.api.get("/api/v1/batches?producerId=nope", inspector);
    assertProblem(notUuid, 400, "invalid_field", "producerId");
    assertEquals("field.uuid", notUuid.json().getString("code"));
  }
}
