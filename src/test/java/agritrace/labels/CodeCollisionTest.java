package agritrace.labels;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A code already taken, by another run or twice in one draw, is drawn again; the codes written are all distinct. */
@ExtendWith(VertxExtension.class)
class CodeCollisionTest {

  @Test
  @DisplayName("codes that collide with a stored code or with each other are drawn again until every number has a code of its own")
  void collisionsDrawnAgain(Vertx vertx) {
    Api api = new Api(vertx);
    Farm farm = new Farm(api);
    JsonObject run = packedRun(api, farm);
    UUID runId = UUID.fromString(run.getString("id"));
    String taken = run.getJsonArray("units").getJsonObject(0).getString("code");
    String fresh = UnitCode.random().value();
    Deque<String> draws = new ArrayDeque<>(List.of(taken, fresh, fresh, taken));
    AtomicInteger drawn = new AtomicInteger();
    AtomicReference<List<String>> written = new AtomicReference<>();
    AtomicReference<Long> rows = new AtomicReference<>();
    Throwable rolledBack = TestServer.await(TestServer.get().pool.withTransaction(tx ->
            PackingRuns.codes(tx, runId, "case", 3, n -> null, code -> "https://trace.example.cn/t/" + code, () -> {
              drawn.incrementAndGet();
              return draws.isEmpty() ? UnitCode.random().value() : draws.poll();
            })
            .compose(codes -> {
              written.set(codes);
              return tx.preparedQuery("SELECT count(*) FROM label_codes WHERE run_id = $1 AND kind = 'case'")
                  .execute(io.vertx.sqlclient.Tuple.of(runId));
            })
            .compose(count -> {
              rows.set(count.iterator().next().getLong(0));
              return Future.failedFuture(new IllegalStateException("roll back"));
            }))
        .<Throwable>map(ok -> null).recover(Future::succeededFuture));
    assertEquals("roll back", rolledBack.getMessage());
    List<String> codes = written.get();
    assertEquals(3, codes.size());
    assertEquals(3, new HashSet<>(codes).size(), codes.toString());
    assertFalse(codes.contains(taken), "the stored unit's code is not reused");
    assertTrue(codes.contains(fresh));
    assertEquals(3, rows.get());
    assertTrue(drawn.get() >= 5, "draws: " + drawn.get());
  }

  /** A released, certified batch of the farm packed into two units; answers the run. */
  private static JsonObject packedRun(Api api, Farm farm) {
    String plot = farm.create("plot", Farm.plot());
    Api.Response harvest = api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, Farm.today()));
    assertStatus(harvest, 201);
    String batch = harvest.json().getJsonObject("batch").getString("id");
    assertStatus(api.post("/api/v1/batches/" + batch + "/tests", farm.recorder, new JsonObject().put("id", Farm.newId())
        .put("kind", "rapid").put("testedAt", Farm.at(Farm.today())).put("sample", "叶片").put("method", "酶抑制率法")
        .put("inhibitionRate", 10).put("tester", "王检测")), 201);
    String owner = api.newUser(farm.admin, farm.producerId, "producer_admin");
    assertStatus(api.post("/api/v1/batches/" + batch + "/certificates", owner,
        new JsonObject().put("quantity", 10).put("quantityUnit", "kg")), 201);
    String code = "collide_" + UUID.randomUUID().toString().substring(0, 8);
    assertStatus(api.postRaw("/api/v1/reference/commodities", farm.admin, "text/csv",
        Buffer.buffer("code,parent,name_zh,name_en,aliases\n" + code + ",,菜" + code + ",Vegetable " + code + ",\n")), 200);
    Api.Response product = api.post("/api/v1/producers/" + farm.producerId + "/products", owner,
        new JsonObject().put("name", "上海青").put("commodity", code));
    assertStatus(product, 201);
    Api.Response run = api.post("/api/v1/batches/" + batch + "/packing-runs", farm.recorder, new JsonObject()
        .put("productId", product.json().getString("id")).put("unitCount", 2).put("unitWeight", 1)
        .put("unitWeightUnit", "kg").put("packDate", Farm.today().toString()).put("packaging", "筐装"));
    assertStatus(run, 201);
    return run.json();
  }
}
