package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A {@link Lab} whose producer has an admin of its own, and the products it states and gives to batches. */
final class Shelf {

  final Lab lab;
  final Api api;
  /** The producer's own admin, who states its products. */
  final String owner;

  Shelf(Vertx vertx) {
    this(vertx, Api.cooperative());
  }

  Shelf(Vertx vertx, JsonObject producer) {
    lab = new Lab(vertx, producer);
    api = lab.api;
    owner = api.newUser(lab.farm.admin, lab.farm.producerId, "producer_admin");
  }

  String products() {
    return "/api/v1/producers/" + lab.farm.producerId + "/products";
  }

  /** A product of this catalogue's 青菜 with the rule, as a body to send. */
  JsonObject body(String name, String rule) {
    return new JsonObject().put("name", name).put("commodity", lab.ref.qingcai).put("packaging", "500 g 袋装")
        .put("rule", rule);
  }

  /** States a product of 青菜 with the rule; answers its id. */
  String product(String name, String rule) {
    Api.Response r = api.post(products(), owner, body(name, rule));
    assertStatus(r, 201);
    return r.json().getString("id");
  }

  Api.Response give(String token, String batchId, JsonObject choice) {
    return api.sendRaw(HttpMethod.PUT, "/api/v1/batches/" + batchId + "/product", token, "application/json",
        choice.toBuffer());
  }

  /** Gives the batch the product as the recorder, expecting it done; answers the batch as it then stands. */
  JsonObject give(String batchId, String productId) {
    Api.Response r = give(lab.farm.recorder, batchId, new JsonObject().put("productId", productId));
    assertStatus(r, 200);
    return r.json();
  }

  static long rows(String table, String column, String id) {
    return TestServer.get().count("SELECT count(*) FROM " + table + " WHERE " + column + " = $1", UUID.fromString(id));
  }
}
