package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.UUID;

/** A farm with its own commodity catalogue and limits loaded, its harvests' batches, and tests to send. */
final class Lab {

  final Api api;
  final Reference ref;
  final Farm farm;
  final String plot;
  final String tester;

  Lab(Vertx vertx) {
    this(vertx, Api.cooperative());
  }

  /** A lab whose farm's producer is registered with this body. */
  Lab(Vertx vertx, JsonObject producer) {
    api = new Api(vertx);
    ref = new Reference(api).loaded();
    assertStatus(ref.upload(ReferenceRoutes.MRLS, ref.admin, ref.limits()), 201);
    farm = new Farm(api, producer);
    plot = farm.create("plot", Farm.plot());
    tester = api.newUser(farm.admin, farm.producerId, "tester");
  }

  /** A harvest of {@code crop} today; answers its batch's id. */
  String harvest(String crop) {
    return harvest(crop, Farm.today());
  }

  String harvest(String crop, LocalDate day) {
    Api.Response r = api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, day).put("crop", crop));
    assertStatus(r, 201);
    return r.json().getJsonObject("batch").getString("id");
  }

  /** A harvest of this catalogue's 青菜. */
  String qingcai() {
    return harvest("青菜" + ref.s);
  }

  static JsonObject rapid(double rate) {
    return new JsonObject().put("id", Farm.newId()).put("kind", "rapid").put("testedAt", Farm.at(Farm.today()))
        .put("sample", "叶片 500 g").put("method", "GB/T 5009.199 酶抑制率法").put("inhibitionRate", rate)
        .put("tester", "王检测");
  }

  static JsonObject lab(JsonArray analytes) {
    return new JsonObject().put("id", Farm.newId()).put("kind", "lab").put("testedAt", Farm.at(Farm.today()))
        .put("sample", "整株 1 kg").put("lab", "浙江省农产品质量检测中心").put("reportNo", "ZJ-2026-0815")
        .put("reportedOn", Farm.today().toString()).put("analytes", analytes);
  }

  static JsonObject analyte(String name, double value, String unit) {
    return new JsonObject().put("analyte", name).put("value", value).put("unit", unit);
  }

  /** A lab test of one analyte of this catalogue (e.g. 吡虫啉), in mg/kg. */
  JsonObject lab(String analyte, double mgPerKg) {
    return lab(new JsonArray().add(analyte(ref.analyte(analyte), mgPerKg, "mg/kg")));
  }

  Api.Response send(String token, String batchId, JsonObject test) {
    return api.post("/api/v1/batches/" + batchId + "/tests", token, test);
  }

  /** Sends the test as the tester, expecting it recorded; answers the batch as it then stands. */
  JsonObject test(String batchId, JsonObject test) {
    Api.Response r = send(tester, batchId, test);
    assertStatus(r, 201);
    return r.json().getJsonObject("batch");
  }

  /** The batch's status, read back through the API and checked against its latest event in the database. */
  String status(String batchId) {
    String status = api.get("/api/v1/batches/" + batchId, farm.recorder).json().getString("status");
    assertEquals(status, TestServer.get().sql("SELECT status FROM batch_events WHERE batch_id = $1 ORDER BY id DESC LIMIT 1",
        UUID.fromString(batchId)).iterator().next().getString("status"));
    return status;
  }

  static long tests(String batchId) {
    return TestServer.get().count("SELECT count(*) FROM quality_tests WHERE batch_id = $1", UUID.fromString(batchId));
  }
}
