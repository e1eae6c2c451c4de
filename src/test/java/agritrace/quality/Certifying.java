package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** A {@link Shelf}'s farm whose producer admin issues certificates, and an inspector who holds batches. */
final class Certifying {

  final Shelf shelf;
  final Lab lab;
  final Api api;
  /** The producer's own admin (the shelf's owner), who issues certificates. */
  final String producerAdmin;
  final String inspector;

  Certifying(Vertx vertx) {
    this(vertx, Api.cooperative());
  }

  Certifying(Vertx vertx, JsonObject producer) {
    shelf = new Shelf(vertx, producer);
    lab = shelf.lab;
    api = shelf.api;
    producerAdmin = shelf.owner;
    inspector = api.newUser(lab.farm.admin, null, "inspector");
  }

  /** A harvest of 300 kg of this catalogue's 青菜, released by a negative rapid test; answers the batch id. */
  String released() {
    String batch = lab.qingcai();
    lab.test(batch, Lab.rapid(12));
    return batch;
  }

  static JsonObject amount(double quantity, String unit) {
    return new JsonObject().put("quantity", quantity).put("quantityUnit", unit);
  }

  Api.Response issue(String token, String batch, JsonObject body) {
    return api.post("/api/v1/batches/" + batch + "/certificates", token, body);
  }

  /** Issues a certificate as the producer admin, expecting it issued; answers it. */
  JsonObject issued(String batch, double quantity, String unit) {
    Api.Response r = issue(producerAdmin, batch, amount(quantity, unit));
    assertStatus(r, 201);
    return r.json();
  }

  void hold(String batch, String reason) {
    assertStatus(api.post("/api/v1/batches/" + batch + "/hold", inspector, new JsonObject().put("reason", reason)), 200);
  }

  /** States a product of 青菜 with the release rule and gives it to the batch; answers the batch as it then stands. */
  JsonObject product(String batch, String name, String rule) {
    return shelf.give(batch, shelf.product(name, rule));
  }

  static long certificates(String batch) {
    return Shelf.rows("certificates", "batch_id", batch);
  }
}
