package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A lab's farm with a producer admin who issues certificates and an inspector who holds batches. */
final class Certifying {

  final Lab lab;
  final Api api;
  final String producerAdmin;
  final String inspector;

  Certifying(Vertx vertx) {
    lab = new Lab(vertx);
    api = lab.api;
    producerAdmin = api.newUser(lab.farm.admin, lab.farm.producerId, "producer_admin");
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

  /** Makes the batch a product of this farm with a release rule, as the products routes would store it. */
  void product(String batch, String name, String rule) {
    TestServer ts = TestServer.get();
    UUID admin = UUID.fromString(api.get("/api/v1/auth/me", producerAdmin).json().getString("id"));
    UUID product = UUID.randomUUID();
    ts.sql("INSERT INTO products (id, product_id, revision, producer_id, name, commodity_code, release_rule, created_by)"
        + " VALUES ($1, $1, 0, $2, $3, $4, $5, $6)", product, UUID.fromString(lab.farm.producerId), name,
        lab.ref.qingcai, rule, admin);
    ts.sql("INSERT INTO batch_products (batch_id, product_id, commodity_code, by_user) VALUES ($1, $2, $3, $4)",
        UUID.fromString(batch), product, lab.ref.qingcai, admin);
  }

  static long certificates(String batch) {
    return TestServer.get().count("SELECT count(*) FROM certificates WHERE batch_id = $1", UUID.fromString(batch));
  }
}
