package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import agritrace.labels.DigitalLink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Packing runs: units and cases with their codes and URLs, what may be packed, one transaction, who may. */
@ExtendWith(VertxExtension.class)
class PackingRunTest {

  private static final String CODE = "[0-9A-HJKMNP-TV-Z]{16}";

  private static String base() {
    return "http://localhost:" + TestServer.get().port();
  }

  /** The Digital Link a URL on this server holds, read back by labels.DigitalLink. */
  private static DigitalLink link(String url) {
    assertTrue(url.startsWith(base() + "/01/"), url);
    return DigitalLink.parsePath(url.substring(base().length()));
  }

  @Test
  @DisplayName("a product with a GTIN packs into units whose Digital Links name its GTIN-14, the batch's lot and the unit's code as serial, grouped into cases with their own /t/ codes")
  void gtinUnitsInCases(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, Packing.GTIN_13);
    String lot = p.api.get("/api/v1/batches/" + batch, p.c.lab.farm.recorder).json().getString("lotCode");
    JsonObject run = p.packed(batch, Packing.run(product, 40, 500, "g").put("caseSize", 15));

    assertEquals("0" + Packing.GTIN_13, run.getString("gtin"));
    assertEquals(lot, run.getString("gs1Lot"), "a lot code of set 82 within 20 characters is the lot itself");
    assertEquals(lot, run.getString("lotCode"));
    assertEquals(40, run.getInteger("unitCount"));
    assertEquals(3, run.getInteger("caseCount"));
    assertNull(run.getString("unitsLink"));
    JsonArray units = run.getJsonArray("units");
    assertEquals(40, units.size());
    Map<String, Integer> perCase = new HashMap<>();
    JsonArray cases = run.getJsonArray("cases");
    for (int i = 0; i < cases.size(); i++) {
      JsonObject box = cases.getJsonObject(i);
      assertTrue(box.getString("code").matches(CODE), box.encode());
      assertEquals(base() + "/t/" + box.getString("code"), box.getString("url"));
      assertEquals(i + 1, box.getInteger("number"));
      perCase.put(box.getString("code"), 0);
    }
    for (int i = 0; i < units.size(); i++) {
      JsonObject unit = units.getJsonObject(i);
      String code = unit.getString("code");
      assertTrue(code.matches(CODE), code);
      assertEquals(code, unit.getString("serial"));
      assertEquals(i + 1, unit.getInteger("number"));
      DigitalLink read = link(unit.getString("url"));
      assertEquals("0" + Packing.GTIN_13, read.gtin().gtin14());
      assertEquals(lot, read.lot());
      assertEquals(code, read.serial());
      assertEquals(cases.getJsonObject(i / 15).getString("code"), unit.getString("caseCode"), "units 1-15, 16-30, 31-40");
      perCase.merge(unit.getString("caseCode"), 1, Integer::sum);
    }
    assertEquals(Set.of(15, 10), new HashSet<>(perCase.values()));
    assertEquals(15, cases.getJsonObject(0).getInteger("unitCount"));
    assertEquals(10, cases.getJsonObject(2).getInteger("unitCount"));

    Row stored = TestServer.get().sql("SELECT * FROM packing_runs WHERE id = $1", UUID.fromString(run.getString("id")))
        .iterator().next();
    assertEquals(0, new BigDecimal("20").compareTo(stored.getBigDecimal("base_quantity")), "40 × 500 g = 20 kg");
    assertEquals("kg", stored.getString("base_unit"));
    assertEquals(43, Packing.codes(batch), "40 units and 3 cases");
    assertEquals(40, TestServer.get().count("SELECT count(*) FROM label_codes WHERE run_id = $1 AND kind = 'unit'"
        + " AND case_code IS NOT NULL", UUID.fromString(run.getString("id"))));
    Row url = TestServer.get().sql("SELECT url FROM label_codes WHERE code = $1",
        units.getJsonObject(0).getString("code")).iterator().next();
    assertEquals(units.getJsonObject(0).getString("url"), url.getString("url"), "the URL is stored as printed");
    assertEquals(batch, TestServer.get().sql("SELECT batch_id FROM gs1_lots WHERE gtin = $1 AND lot = $2",
        "0" + Packing.GTIN_13, lot).iterator().next().getUUID("batch_id").toString());

    assertEquals(run, p.api.get("/api/v1/packing-runs/" + run.getString("id"), p.c.producerAdmin).json());
  }

  @Test
  @DisplayName("a product without a GTIN packs into units whose URLs are /t/{code}, without serials or cases; the batch lists its runs")
  void noGtin(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, null);
    JsonObject run = p.packed(batch, Packing.run(product, 3, 1, "kg"));
    assertNull(run.getString("gtin"));
    assertNull(run.getString("gs1Lot"));
    assertEquals(0, run.getInteger("caseCount"));
    assertEquals(new JsonArray(), run.getJsonArray("cases"));
    Set<String> codes = new HashSet<>();
    for (Object o : run.getJsonArray("units")) {
      JsonObject unit = (JsonObject) o;
      assertEquals(base() + "/t/" + unit.getString("code"), unit.getString("url"));
      assertNull(unit.getString("serial"));
      assertNull(unit.getString("caseCode"));
      codes.add(unit.getString("code"));
    }
    assertEquals(3, codes.size());
    JsonObject list = p.api.get("/api/v1/batches/" + batch + "/packing-runs", p.c.lab.farm.recorder).json();
    assertEquals(1, list.getJsonArray("items").size());
    assertEquals(run.getString("id"), list.getJsonArray("items").getJsonObject(0).getString("id"));
    assertNull(list.getJsonArray("items").getJsonObject(0).getValue("units"), "the list leaves the codes out");
  }

  @Test
  @DisplayName("a run over 200 units answers a link to its units, and its pages list every unit once, each code distinct")
  void largeRunPaged(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    JsonObject run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_14), 250, 0.2, "kg"));
    assertNull(run.getValue("units"));
    String link = run.getString("unitsLink");
    assertEquals("/api/v1/packing-runs/" + run.getString("id") + "/units?limit=200&offset=0", link);
    JsonArray first = p.api.get(link, p.c.producerAdmin).json().getJsonArray("items");
    JsonArray rest = p.api.get("/api/v1/packing-runs/" + run.getString("id") + "/units?limit=200&offset=200",
        p.c.producerAdmin).json().getJsonArray("items");
    assertEquals(200, first.size());
    assertEquals(50, rest.size());
    Set<String> codes = new HashSet<>();
    first.addAll(rest);
    for (int i = 0; i < first.size(); i++) {
      JsonObject unit = first.getJsonObject(i);
      assertEquals(i + 1, unit.getInteger("number"));
      codes.add(unit.getString("code"));
      assertEquals(unit.getString("code"), link(unit.getString("url")).serial());
    }
    assertEquals(250, codes.size());
    assertEquals(250, TestServer.get().count("SELECT count(DISTINCT code) FROM label_codes WHERE run_id = $1",
        UUID.fromString(run.getString("id"))));
    assertProblem(p.api.get("/api/v1/packing-runs/" + run.getString("id") + "/units?limit=0", p.c.producerAdmin),
        400, "invalid_field", "limit");
  }

  @Test
  @DisplayName("a run of 10,000 units in cases of 20 is accepted whole: 10,000 distinct unit codes and 500 case codes stored")
  void tenThousand(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    JsonObject run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_14), 10_000, 10, "g").put("caseSize", 20));
    assertEquals(500, run.getInteger("caseCount"));
    assertEquals(500, run.getJsonArray("cases").size());
    UUID id = UUID.fromString(run.getString("id"));
    assertEquals(10_500, TestServer.get().count("SELECT count(DISTINCT code) FROM label_codes WHERE run_id = $1", id));
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM (SELECT case_code FROM label_codes WHERE run_id = $1"
        + " AND kind = 'unit' GROUP BY case_code HAVING count(*) <> 20) odd", id));
  }

  @Test
  @DisplayName("a lot that needs percent-encoding is encoded in the URL and reads back the same; a lot code over 20 characters or outside set 82 gets a 16-character form mapped to the batch")
  void lotForms(Vertx vertx) {
    Packing p = new Packing(vertx);
    String suffix = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
    shortCode(p, "P&" + suffix);
    String batch = p.certified();
    JsonObject run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_14), 2, 1, "kg"));
    String lot = run.getString("lotCode");
    assertTrue(lot.startsWith("P&" + suffix + "-"), lot);
    assertEquals(lot, run.getString("gs1Lot"));
    for (Object o : run.getJsonArray("units")) {
      String url = ((JsonObject) o).getString("url");
      assertTrue(url.contains("/10/P%26" + suffix + "-"), url);
      assertEquals(lot, link(url).lot());
    }

    shortCode(p, "LONGPRODUCER" + suffix);
    String long1 = p.certified();
    JsonObject longRun = p.packed(long1, Packing.run(p.product(long1, "96385074"), 1, 1, "kg"));
    String longLot = longRun.getString("lotCode");
    assertTrue(longLot.length() > 20, longLot);
    String shortForm = longRun.getString("gs1Lot");
    assertTrue(shortForm.matches(CODE), shortForm);
    assertEquals(shortForm, link(longRun.getJsonArray("units").getJsonObject(0).getString("url")).lot());
    assertEquals(long1, TestServer.get().sql("SELECT batch_id FROM gs1_lots WHERE gtin = $1 AND lot = $2",
        "00000096385074", shortForm).iterator().next().getUUID("batch_id").toString());

    shortCode(p, "龙井" + suffix);
    String chinese = p.certified();
    JsonObject chineseRun = p.packed(chinese, Packing.run(p.product(chinese, "40170725"), 1, 1, "kg"));
    assertTrue(chineseRun.getString("lotCode").startsWith("龙井"), chineseRun.getString("lotCode"));
    String outside = chineseRun.getString("gs1Lot");
    assertTrue(outside.matches(CODE), "a lot code outside set 82 gets the short form too: " + outside);
    assertEquals(outside, link(chineseRun.getJsonArray("units").getJsonObject(0).getString("url")).lot());
  }

  private static void shortCode(Packing p, String code) {
    TestServer.get().sql("UPDATE producers SET short_code = $1 WHERE id = $2", code,
        UUID.fromString(p.c.lab.farm.producerId));
  }

  @Test
  @DisplayName("held, rejected, harvested and uncertified batches are refused with 409 naming what is missing, and nothing is stored")
  void notPackable(Vertx vertx) {
    Packing p = new Packing(vertx);
    String product = p.product(null, null);
    JsonObject body = Packing.run(product, 2, 1, "kg");

    String harvested = p.c.lab.qingcai();
    assertRefused(p, harvested, body, "packing.not_released_uncertified", "harvested");
    String released = p.c.released();
    assertRefused(p, released, body, "packing.uncertified", null);
    String held = p.certified();
    p.c.hold(held, "抽检待复核");
    assertRefused(p, held, body, "packing.not_released", "held");
    String rejected = p.certified();
    p.c.lab.test(rejected, p.c.lab.lab("吡虫啉", 0.9));
    assertEquals("rejected", p.c.lab.status(rejected));
    assertRefused(p, rejected, body, "packing.not_released", "rejected");
  }

  private static void assertRefused(Packing p, String batch, JsonObject body, String code, String status) {
    Api.Response r = p.pack(p.c.lab.farm.recorder, batch, body);
    assertProblem(r, 409, "conflict", null);
    assertEquals(code, r.json().getString("code"));
    if (status != null) {
      assertEquals(status, r.json().getJsonObject("args").getString("status"));
    }
    assertEquals(0, Packing.runs(batch));
    assertEquals(0, Packing.codes(batch));
  }

  @Test
  @DisplayName("the batch's runs together pack no more than its harvest, weights compared after conversion; a unit that cannot be compared is a 409")
  void massBalance(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, null);
    p.packed(batch, Packing.run(product, 200, 1, "kg"));
    Api.Response over = p.pack(p.c.producerAdmin, batch, Packing.run(product, 201, 1, "jin"));
    assertProblem(over, 409, "conflict", "unitCount");
    assertEquals("packing.beyond_batch", over.json().getString("code"));
    JsonObject args = over.json().getJsonObject("args");
    assertEquals("300", args.getString("harvested"));
    assertEquals("200", args.getString("packed"));
    assertEquals("100", args.getString("left"));
    assertEquals("100.5", args.getString("wanted"));
    assertEquals(1, Packing.runs(batch));

    Api.Response pieces = p.pack(p.c.producerAdmin, batch, Packing.run(product, 1, 1, "piece"));
    assertProblem(pieces, 409, "conflict", "unitWeightUnit");
    assertEquals("packing.incomparable", pieces.json().getString("code"));

    p.packed(batch, Packing.run(product, 200, 1, "jin"));
    assertEquals(2, Packing.runs(batch), "200 斤 = 100 kg: exactly what was left");
    assertEquals(400, Packing.codes(batch));
    Api.Response gram = p.pack(p.c.producerAdmin, batch, Packing.run(product, 1, 1, "g"));
    assertEquals("packing.beyond_batch", gram.json().getString("code"));
  }

  @Test
  @DisplayName("a run that fails half-way through its units leaves nothing: no run, no case, no unit, no lot")
  void atomic(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, Packing.GTIN_14);
    TestServer ts = TestServer.get();
    String name = "fail_" + UUID.randomUUID().toString().replace("-", "");
    ts.sql("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF (SELECT batch_id FROM packing_runs WHERE id = NEW.run_id) = '" + batch + "' THEN"
        + " RAISE unique_violation USING MESSAGE = 'forced half-way'; END IF; RETURN NEW; END $$");
    ts.sql("CREATE TRIGGER " + name + " BEFORE INSERT ON label_codes FOR EACH ROW"
        + " WHEN (NEW.kind = 'unit' AND NEW.number = 30) EXECUTE FUNCTION " + name + "()");
    try {
      Api.Response r = p.pack(p.c.lab.farm.recorder, batch, Packing.run(product, 50, 1, "kg").put("caseSize", 10));
      assertEquals(500, r.status(), r.raw().bodyAsString());
    } finally {
      ts.sql("DROP TRIGGER " + name + " ON label_codes");
      ts.sql("DROP FUNCTION " + name + "()");
    }
    assertEquals(0, Packing.runs(batch));
    assertEquals(0, ts.count("SELECT count(*) FROM label_codes l WHERE NOT EXISTS"
        + " (SELECT 1 FROM packing_runs r WHERE r.id = l.run_id)"));
    assertEquals(0, Shelf.rows("gs1_lots", "batch_id", batch));
    assertEquals(5, p.packed(batch, Packing.run(product, 50, 1, "kg").put("caseSize", 10)).getInteger("caseCount"),
        "the same run goes through once nothing stands in its way");
    assertEquals(55, Packing.codes(batch));
  }

  @Test
  @DisplayName("each field of a run is checked: missing, malformed or out of range is a 400 naming it, and nothing is stored")
  void badInput(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, null);
    JsonObject good = Packing.run(product, 2, 1, "kg");
    Map<String, Object[]> bad = new java.util.LinkedHashMap<>();
    bad.put("productId", new Object[] {null, "nope", UUID.randomUUID().toString(), p.product(null, null)});
    bad.put("unitCount", new Object[] {null, 0, 10_001, 1.5, "2"});
    bad.put("unitWeight", new Object[] {null, 0, -1, 100_001, "1"});
    bad.put("unitWeightUnit", new Object[] {null, "pound", 3});
    bad.put("packDate", new Object[] {null, "2026-13-01", "yesterday", Farm.today().plusDays(1).toString()});
    bad.put("packaging", new Object[] {null, "", "袋".repeat(61), 5});
    bad.put("caseSize", new Object[] {0, 10_001, "3", 2.5});
    for (var field : bad.entrySet()) {
      for (Object value : field.getValue()) {
        JsonObject body = good.copy().put(field.getKey(), value);
        Api.Response r = p.pack(p.c.lab.farm.recorder, batch, body);
        String what = field.getKey() + " = " + value + ": " + r.raw().bodyAsString();
        assertEquals(field.getKey(), r.field(), what);
        assertTrue(r.status() == 400 || r.status() == 409 && field.getKey().equals("productId"), what);
      }
    }
    assertProblem(p.api.sendRaw(io.vertx.core.http.HttpMethod.POST, "/api/v1/batches/" + batch + "/packing-runs",
        p.c.lab.farm.recorder, "application/json", io.vertx.core.buffer.Buffer.buffer("[1")), 400, "malformed_json", null);
    assertEquals(0, Packing.runs(batch));
  }

  @Test
  @DisplayName("only the producer's admins and recorders pack, checked before the body; other producers' users read nothing of its runs")
  void permissions(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, null);
    JsonObject body = Packing.run(product, 1, 1, "kg");
    Api api = p.api;
    Farm farm = p.c.lab.farm;
    String other = api.newProducer(farm.admin);
    String outsider = api.newUser(farm.admin, other, "recorder");
    for (String token : new String[] {p.c.lab.tester, p.c.inspector, farm.admin, outsider}) {
      assertEquals(403, p.pack(token, batch, new JsonObject().put("unitCount", "garbage")).status());
      assertEquals(403, p.pack(token, batch, body).status());
    }
    assertEquals(404, p.pack(farm.recorder, UUID.randomUUID().toString(), body).status());
    assertEquals(404, p.pack(farm.recorder, "not-an-id", body).status());
    assertEquals(0, Packing.runs(batch));
    assertEquals(401, p.pack(null, batch, body).status());

    JsonObject run = p.packed(batch, body);
    assertStatus(p.pack(p.c.producerAdmin, batch, body), 201);
    String id = run.getString("id");
    for (String path : new String[] {"/api/v1/packing-runs/" + id, "/api/v1/packing-runs/" + id + "/units",
        "/api/v1/batches/" + batch + "/packing-runs"}) {
      assertEquals(403, api.get(path, outsider).status(), path);
      assertStatus(api.get(path, p.c.inspector), 200);
      assertStatus(api.get(path, p.c.lab.tester), 200);
    }
    assertEquals(404, api.get("/api/v1/packing-runs/" + UUID.randomUUID(), farm.recorder).status());
  }

  @Test
  @DisplayName("a server whose public URL is private refuses to pack with 503 and stores nothing; a public one is what the units' URLs name")
  void publicUrl(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, Packing.GTIN_14);
    JsonObject body = Packing.run(product, 2, 1, "kg");
    Api.Response r = PublicAddressTest.onServer(vertx, "http://10.0.0.7",
        api -> api.post("/api/v1/batches/" + batch + "/packing-runs", p.c.lab.farm.recorder, body));
    assertProblem(r, 503, "public_url_private", null);
    assertEquals("packing.public_url_private", r.json().getString("code"));
    assertEquals(0, Packing.runs(batch));

    Api.Response ok = PublicAddressTest.onServer(vertx, "https://trace.example.cn",
        api -> api.post("/api/v1/batches/" + batch + "/packing-runs", p.c.lab.farm.recorder, body));
    assertStatus(ok, 201);
    String url = ok.json().getJsonArray("units").getJsonObject(0).getString("url");
    assertTrue(url.startsWith("https://trace.example.cn/01/" + Packing.GTIN_14 + "/10/"), url);
  }
}
