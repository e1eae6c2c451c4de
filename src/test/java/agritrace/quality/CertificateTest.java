package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issuing commitment certificates (承诺达标合格证): fields, basis, status and quantity rules, who may. */
@ExtendWith(VertxExtension.class)
class CertificateTest {

  @Test
  @DisplayName("a released batch's certificate prints the record's fields, rests on the producer's own negative rapid test and names its public page")
  void ownTest(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.lab.qingcai();
    JsonObject rapid = Lab.rapid(12);
    c.lab.test(batch, rapid);
    Api.Response r = c.issue(c.producerAdmin, batch, Certifying.amount(120, "kg")
        .put("buyer", "杭州联华超市").put("deliveryNote", "SH-20261201-07"));
    assertStatus(r, 201);
    JsonObject certificate = r.json();
    JsonObject producer = c.api.get("/api/v1/producers/" + c.lab.farm.producerId, c.producerAdmin).json();
    assertEquals("青菜" + c.lab.ref.s, certificate.getString("productName"), "the harvest's crop, no product being set");
    assertEquals(120.0, certificate.getDouble("quantity"));
    assertEquals("kg", certificate.getString("quantityUnit"));
    assertEquals(producer.getString("address") + " 一号大棚", certificate.getString("origin"));
    assertEquals(producer.getString("name"), certificate.getString("issuer"));
    assertEquals("0571-87654321", certificate.getString("contact"));
    assertEquals(Farm.today().toString(), certificate.getString("issuedOn"));
    assertEquals("own_test", certificate.getString("basis"));
    assertEquals("自行检测合格", certificate.getJsonObject("basisName").getString("message"));
    assertEquals(new JsonArray().add(rapid.getString("id")), certificate.getJsonArray("basisTests"));
    assertEquals("certificate.commitment", certificate.getJsonObject("commitment").getString("code"));
    assertTrue(certificate.getJsonObject("commitment").getString("message").contains("常规农药、兽药残留不超标"));
    assertEquals("杭州联华超市", certificate.getString("buyer"));
    assertEquals("SH-20261201-07", certificate.getString("deliveryNote"));
    String code = certificate.getString("code");
    assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{20}"), code);
    assertEquals("http://localhost:" + TestServer.get().port() + "/c/" + code, certificate.getString("url"));

    Row row = TestServer.get().sql("SELECT * FROM certificates WHERE id = $1",
        UUID.fromString(certificate.getString("id"))).iterator().next();
    assertEquals(code, row.getString("code"));
    assertEquals(0, new BigDecimal("120").compareTo(row.getBigDecimal("base_quantity")));
    assertEquals("own_test", row.getString("basis"));
    assertEquals(UUID.fromString(rapid.getString("id")), row.getArrayOfUUIDs("basis_tests")[0]);
    assertEquals(c.api.get("/api/v1/auth/me", c.producerAdmin).json().getString("id"), row.getUUID("issued_by").toString());

    assertEquals(certificate, c.api.get("/api/v1/certificates/" + certificate.getString("id"), c.producerAdmin).json());
  }

  @Test
  @DisplayName("a passing lab report makes the basis 委托检测合格, resting on the lab test alone")
  void labTest(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    JsonObject lab = c.lab.lab("吡虫啉", 0.1);
    c.lab.test(batch, lab);
    JsonObject certificate = c.issued(batch, 50, "kg");
    assertEquals("commissioned_test", certificate.getString("basis"));
    assertEquals("委托检测合格", certificate.getJsonObject("basisName").getString("message"));
    assertEquals(new JsonArray().add(lab.getString("id")), certificate.getJsonArray("basisTests"));
  }

  @Test
  @DisplayName("a product whose rule is internal control is certified without a test as 质量安全控制符合要求, under the product's name")
  void internalControl(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.lab.qingcai();
    assertEquals("released", c.product(batch, "龙井青菜礼盒", "internal_control").getString("status"), "released by its rule");
    JsonObject certificate = c.issued(batch, 10, "kg");
    assertEquals("internal_control", certificate.getString("basis"));
    assertEquals("质量安全控制符合要求", certificate.getJsonObject("basisName").getString("message"));
    assertEquals(new JsonArray(), certificate.getJsonArray("basisTests"));
    assertEquals("龙井青菜礼盒", certificate.getString("productName"));
  }

  @Test
  @DisplayName("a batch released without a passing test of its own and without an internal-control rule cannot be certified")
  void noBasis(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.lab.qingcai();
    assertStatus(c.api.post("/api/v1/batches/" + batch + "/release", c.inspector,
        new JsonObject().put("reason", "监管放行")), 200);
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(10, "kg")), 409, "conflict", null);
    assertEquals("certificate.no_basis", c.issue(c.producerAdmin, batch, Certifying.amount(10, "kg")).json().getString("code"));
    assertEquals(0, Certifying.certificates(batch));
  }

  @Test
  @DisplayName("a held, rejected or freshly harvested batch is refused with 409 naming its status, and nothing is stored")
  void notReleased(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String held = c.lab.qingcai();
    c.lab.test(held, Lab.rapid(70));
    Api.Response r = c.issue(c.producerAdmin, held, Certifying.amount(10, "kg"));
    assertProblem(r, 409, "conflict", null);
    assertEquals("certificate.not_released", r.json().getString("code"));
    assertEquals("held", r.json().getJsonObject("args").getString("status"));
    assertTrue(r.json().getString("message").contains("暂扣"), r.json().getString("message"));

    String rejected = c.released();
    c.lab.test(rejected, c.lab.lab("吡虫啉", 0.9));
    assertEquals("rejected", c.lab.status(rejected));
    r = c.issue(c.producerAdmin, rejected, Certifying.amount(10, "kg"));
    assertProblem(r, 409, "conflict", null);
    assertEquals("rejected", r.json().getJsonObject("args").getString("status"));

    String harvested = c.lab.qingcai();
    assertEquals("harvested", c.issue(c.producerAdmin, harvested, Certifying.amount(10, "kg")).json()
        .getJsonObject("args").getString("status"));

    String later = c.released();
    c.hold(later, "市场抽检待复检");
    assertEquals("held", c.issue(c.producerAdmin, later, Certifying.amount(10, "kg")).json()
        .getJsonObject("args").getString("status"));
    for (String batch : new String[] {held, rejected, harvested, later}) {
      assertEquals(0, Certifying.certificates(batch));
    }
  }

  @Test
  @DisplayName("several certificates, in kg and 斤, add up to the 300 kg harvested and no more: beyond it is a 409 saying how much is left")
  void severalUpToTheBatch(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    c.issued(batch, 100, "kg");
    c.issued(batch, 200, "jin");
    Api.Response beyond = c.issue(c.producerAdmin, batch, Certifying.amount(100.5, "kg"));
    assertProblem(beyond, 409, "conflict", "quantity");
    assertEquals("certificate.beyond_batch", beyond.json().getString("code"));
    assertEquals("100", beyond.json().getJsonObject("args").getString("left"));
    assertTrue(beyond.json().getString("message").contains("最多还能开 100 千克"), beyond.json().getString("message"));
    assertEquals(2, Certifying.certificates(batch));

    JsonObject listed = c.api.get("/api/v1/batches/" + batch + "/certificates", c.producerAdmin).json();
    assertEquals(100.0, listed.getJsonObject("left").getDouble("quantity"));
    assertEquals("kg", listed.getJsonObject("left").getString("unit"));
    assertEquals(300.0, listed.getJsonObject("harvested").getDouble("quantity"));

    c.issued(batch, 0.1, "t");
    assertEquals("0", c.issue(c.producerAdmin, batch, Certifying.amount(1, "g")).json().getJsonObject("args").getString("left"));
    listed = c.api.get("/api/v1/batches/" + batch + "/certificates", c.producerAdmin).json();
    assertEquals(3, listed.getJsonArray("items").size());
    assertEquals(0.0, listed.getJsonObject("left").getDouble("quantity"));
    assertEquals(java.util.List.of("kg", "jin", "t"), listed.getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("quantityUnit")).toList());
    assertEquals(0, new BigDecimal("300").compareTo(TestServer.get().sql(
        "SELECT sum(base_quantity) FROM certificates WHERE batch_id = $1", UUID.fromString(batch)).iterator().next()
        .getBigDecimal(0)));
  }

  @Test
  @DisplayName("missing, malformed and out-of-range input and a unit that does not convert are 400s naming the field, and store nothing")
  void badInput(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    assertProblem(c.issue(c.producerAdmin, batch, new JsonObject().put("quantityUnit", "kg")), 400, "invalid_field", "quantity");
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(-1, "kg")), 400, "invalid_field", "quantity");
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(0, "kg")), 400, "invalid_field", "quantity");
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(2e9, "kg")), 400, "invalid_field", "quantity");
    assertProblem(c.issue(c.producerAdmin, batch, new JsonObject().put("quantity", "ten").put("quantityUnit", "kg")),
        400, "invalid_field", "quantity");
    assertProblem(c.issue(c.producerAdmin, batch, new JsonObject().put("quantity", 1)), 400, "invalid_field", "quantityUnit");
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(1, "box")), 400, "invalid_field", "quantityUnit");
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(1, "kg").put("buyer", "买".repeat(101))),
        400, "invalid_field", "buyer");
    assertProblem(c.issue(c.producerAdmin, batch, Certifying.amount(1, "kg").put("deliveryNote", 7)),
        400, "invalid_field", "deliveryNote");
    assertProblem(c.api.postRaw("/api/v1/batches/" + batch + "/certificates", c.producerAdmin, "application/json",
        Buffer.buffer("{\"quantity\":")), 400, "malformed_json", null);
    assertEquals(0, Certifying.certificates(batch));
  }

  @Test
  @DisplayName("only the batch producer's admin issues; its users and inspectors read; another producer learns nothing")
  void whoMay(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    JsonObject issued = c.issued(batch, 10, "kg");
    String id = issued.getString("id");
    String other = c.api.newProducer(c.lab.farm.admin);
    String otherAdmin = c.api.newUser(c.lab.farm.admin, other, "producer_admin");
    JsonObject body = Certifying.amount(1, "kg");
    assertProblem(c.issue(c.lab.farm.recorder, batch, body), 403, "forbidden", null);
    assertProblem(c.issue(c.lab.tester, batch, body), 403, "forbidden", null);
    assertProblem(c.issue(c.inspector, batch, body), 403, "forbidden", null);
    assertProblem(c.issue(c.lab.farm.admin, batch, body), 403, "forbidden", null);
    assertProblem(c.issue(otherAdmin, batch, body), 403, "forbidden", null);
    assertProblem(c.issue(null, batch, body), 401, "unauthorized", null);
    assertProblem(c.issue(c.producerAdmin, UUID.randomUUID().toString(), body), 404, "not_found", null);
    assertProblem(c.issue(c.producerAdmin, "not-a-batch", body), 404, "not_found", null);
    assertEquals(1, Certifying.certificates(batch));

    for (String reader : new String[] {c.lab.farm.recorder, c.lab.tester, c.inspector, c.lab.farm.admin}) {
      assertEquals(id, c.api.get("/api/v1/batches/" + batch + "/certificates", reader).json()
          .getJsonArray("items").getJsonObject(0).getString("id"));
      assertEquals(issued.getString("code"), c.api.get("/api/v1/certificates/" + id, reader).json().getString("code"));
    }
    assertProblem(c.api.get("/api/v1/batches/" + batch + "/certificates", otherAdmin), 403, "forbidden", null);
    assertProblem(c.api.get("/api/v1/certificates/" + id, otherAdmin), 403, "forbidden", null);
    assertProblem(c.api.get("/api/v1/certificates/" + UUID.randomUUID(), c.producerAdmin), 404, "not_found", null);
    assertProblem(c.api.get("/api/v1/certificates/nope", c.producerAdmin), 404, "not_found", null);
    assertNull(c.api.get("/api/v1/certificates/" + id, c.producerAdmin).json().getString("notes"));
  }
}
