package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1/scan} with the text a phone's camera decoded: looked up as printed, by path, or as a typed code. */
@ExtendWith(VertxExtension.class)
class ScanTextTest {

  private static final String SCAN = "/api/v1/scan";
  private static final String OLD_ADDRESS = "https://old-trace.example.cn";

  private static Api.Response scan(Api api, String token, Object text) {
    return api.post(SCAN, token, new JsonObject().put("text", text));
  }

  /** Packs one unit (GTIN null: a /t/ link) on a server whose public address is {@code address}; answers the run. */
  private static JsonObject packedUnder(Vertx vertx, Packing p, String address, String gtin, Integer caseSize) {
    String batch = p.certified();
    JsonObject body = Packing.run(p.product(batch, gtin), caseSize == null ? 1 : caseSize, 1, "kg");
    if (caseSize != null) {
      body.put("caseSize", caseSize);
    }
    Api.Response r = PublicAddressTest.onServer(vertx, address,
        api -> api.post("/api/v1/batches/" + batch + "/packing-runs", p.c.lab.farm.recorder, body));
    assertStatus(r, 201);
    return r.json().put("batch", batch);
  }

  @Test
  @DisplayName("the decoded text of a unit's label answers the unit as the photo scan does: product, lot, status, producer and batch id")
  void decodedTextOfAUnit(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    JsonObject unit = p.packed(batch, Packing.run(p.product(batch, null), 1, 1, "kg")).getJsonArray("units").getJsonObject(0);
    String url = unit.getString("url");
    assertEquals(LabelFilesTest.stored(unit.getString("code")), url);

    Api.Response r = scan(p.api, p.c.inspector, url);
    assertStatus(r, 200);
    assertEquals(url, r.json().getString("text"));
    assertTrue(r.json().getBoolean("known"));
    assertEquals(unit.getString("code"), r.json().getString("code"));
    JsonObject scanned = r.json().getJsonObject("unit");
    assertEquals("unit", scanned.getString("kind"));
    assertEquals("released", scanned.getString("status"));
    assertEquals(batch, scanned.getString("batchId"));
    assertTrue(scanned.getString("product").startsWith("上海青"), scanned.encode());
    assertNull(scanned.getValue("units"));
  }

  @Test
  @DisplayName("labels printed under an earlier public address, /t/ and Digital Link, still scan as printed after the address changed; the same code under a host never printed is not ours")
  void printedUnderAnEarlierAddress(Vertx vertx) {
    Packing p = new Packing(vertx);
    JsonObject plain = packedUnder(vertx, p, OLD_ADDRESS, null, null).getJsonArray("units").getJsonObject(0);
    JsonObject gs1Run = packedUnder(vertx, p, OLD_ADDRESS, Packing.GTIN_14, null);
    JsonObject gs1 = gs1Run.getJsonArray("units").getJsonObject(0);
    assertEquals(OLD_ADDRESS + "/t/" + plain.getString("code"), LabelFilesTest.stored(plain.getString("code")));
    assertTrue(LabelFilesTest.stored(gs1.getString("code")).startsWith(OLD_ADDRESS + "/01/"), gs1.encode());

    for (JsonObject unit : new JsonObject[] {plain, gs1}) {
      Api.Response r = scan(p.api, p.c.producerAdmin, unit.getString("url"));
      assertStatus(r, 200);
      assertTrue(r.json().getBoolean("known"), r.json().encode());
      assertEquals(unit.getString("code"), r.json().getString("code"));
    }
    assertEquals(gs1Run.getString("batch"), scan(p.api, p.c.producerAdmin, gs1.getString("url"))
        .json().getJsonObject("unit").getString("batchId"));

    Api.Response forged = scan(p.api, p.c.producerAdmin, "https://fake-trace.example.com/t/" + plain.getString("code"));
    assertStatus(forged, 200);
    assertFalse(forged.json().getBoolean("known"));
    assertNull(forged.json().getValue("unit"));
  }

  @Test
  @DisplayName("a code typed by hand, in small letters with hyphens, is looked up as the label's code")
  void typedCode(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String code = p.packed(batch, Packing.run(p.product(batch, null), 1, 1, "kg"))
        .getJsonArray("units").getJsonObject(0).getString("code");
    String typed = String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8, 12), code.substring(12))
        .toLowerCase();
    Api.Response r = scan(p.api, p.c.lab.farm.recorder, " " + typed + " ");
    assertStatus(r, 200);
    assertTrue(r.json().getBoolean("known"));
    assertEquals(code, r.json().getString("code"));
  }

  @Test
  @DisplayName("a case's decoded text answers the case with its units' codes in order, as its public page lists them")
  void caseListsItsUnits(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    JsonObject run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_13), 3, 1, "kg").put("caseSize", 3));
    JsonObject aCase = run.getJsonArray("cases").getJsonObject(0);
    Api.Response r = scan(p.api, p.c.producerAdmin, aCase.getString("url"));
    assertStatus(r, 200);
    JsonObject unit = r.json().getJsonObject("unit");
    assertEquals("case", unit.getString("kind"));
    JsonArray expected = new JsonArray();
    run.getJsonArray("units").forEach(u -> expected.add(((JsonObject) u).getString("code")));
    assertEquals(expected, unit.getJsonArray("units"));
  }

  @Test
  @DisplayName("text that is no label of ours is a 200 with known false; missing, blank, too long or non-text text is a 400 naming text; no login a 401")
  void badText(Vertx vertx) {
    Api api = new Api(vertx);
    Farm farm = new Farm(api);
    Api.Response foreign = scan(api, farm.recorder, "https://example.com/t/not-a-code");
    assertStatus(foreign, 200);
    assertFalse(foreign.json().getBoolean("known"));
    assertFalse(scan(api, farm.recorder, "蔬菜").json().getBoolean("known"));

    assertProblem(api.post(SCAN, farm.recorder, new JsonObject()), 400, "invalid_field", "text");
    assertProblem(scan(api, farm.recorder, "   "), 400, "invalid_field", "text");
    assertProblem(scan(api, farm.recorder, "x".repeat(2001)), 400, "invalid_field", "text");
    assertProblem(scan(api, farm.recorder, 42), 400, "invalid_field", "text");
    assertEquals(401, scan(api, null, "https://example.com/").status());
  }
}
