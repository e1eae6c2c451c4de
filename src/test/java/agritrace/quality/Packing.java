package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A {@link Certifying} farm whose admins and recorders pack its batches into labelled units. */
final class Packing {

  /** Valid GTINs (DOMAIN.md): a GTIN-14 and a GTIN-13 written without its leading zero. */
  static final String GTIN_14 = "12312312312333";
  static final String GTIN_13 = "9520123456788";

  final Certifying c;
  final Api api;

  Packing(Vertx vertx) {
    this(vertx, Api.cooperative());
  }

  /** A packing farm whose producer is registered with this body. */
  Packing(Vertx vertx, JsonObject producer) {
    c = new Certifying(vertx, producer);
    api = c.api;
  }

  /** A released batch of 300 kg 青菜 with a certificate of 100 kg. */
  String certified() {
    String batch = c.released();
    c.issued(batch, 100, "kg");
    return batch;
  }

  /** States a product of 青菜 with the GTIN (null: none) and gives it to the batch; answers its id. */
  String product(String batch, String gtin) {
    JsonObject body = c.shelf.body("上海青" + UUID.randomUUID().toString().substring(0, 6), "one_test");
    if (gtin != null) {
      body.put("gtin", gtin);
    }
    Api.Response r = api.post(c.shelf.products(), c.producerAdmin, body);
    assertStatus(r, 201);
    String product = r.json().getString("id");
    if (batch != null) {
      c.shelf.give(batch, product);
    }
    return product;
  }

  static JsonObject run(String product, int units, double weight, String unit) {
    return new JsonObject().put("productId", product).put("unitCount", units).put("unitWeight", weight)
        .put("unitWeightUnit", unit).put("packDate", Farm.today().toString()).put("packaging", "500 g 袋装");
  }

  Api.Response pack(String token, String batch, JsonObject body) {
    return api.post("/api/v1/batches/" + batch + "/packing-runs", token, body);
  }

  /** Packs as the farm's recorder, expecting it packed; answers the run. */
  JsonObject packed(String batch, JsonObject body) {
    Api.Response r = pack(c.lab.farm.recorder, batch, body);
    assertStatus(r, 201);
    return r.json();
  }

  /** The batch's packing runs and codes in the database. */
  static long runs(String batch) {
    return Shelf.rows("packing_runs", "batch_id", batch);
  }

  static long codes(String batch) {
    return TestServer.get().count("SELECT count(*) FROM label_codes l JOIN packing_runs r ON r.id = l.run_id"
        + " WHERE r.batch_id = $1", UUID.fromString(batch));
  }
}
