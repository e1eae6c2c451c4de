package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ResidueLimitsTest {

  private Api api;
  private Reference ref;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    ref = new Reference(api).loaded();
  }

  private static long versions() {
    return TestServer.get().count("SELECT count(*) FROM mrl_versions");
  }

  private static long limits() {
    return TestServer.get().count("SELECT count(*) FROM mrls");
  }

  private Optional<ResidueLimits.Limit> find(String analyte, String commodity) {
    return TestServer.await(ResidueLimits.find(TestServer.get().pool, analyte, commodity));
  }

  private String query(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("each import is a new numbered version, the latest is in force, and older ones are kept whole")
  void versionsOfTheLimits() {
    Api.Response first = ref.upload(ReferenceRoutes.MRLS, ref.admin, ref.limits());
    assertStatus(first, 201);
    JsonObject v1 = first.json();
    assertEquals(4, v1.getInteger("rowCount"));
    assertEquals(new JsonArray().add("GB 2763-2026"), v1.getJsonArray("standards"));
    assertTrue(v1.getBoolean("inForce"));
    String tomorrowsCsv = Reference.LIMIT_HEADER
        + ref.analyte("毒死蜱") + ",chlorpyrifos " + ref.s + ",2921-88-2," + ref.leafy + ",0.2,GB 2763-2027\n";
    JsonObject v2 = ref.upload(ReferenceRoutes.MRLS, ref.admin, tomorrowsCsv).json();
    assertEquals(v1.getInteger("number") + 1, v2.getInteger("number"));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM mrls WHERE version_id = $1", UUID.fromString(v2.getString("id"))));
    assertEquals(4, TestServer.get().count("SELECT count(*) FROM mrls WHERE version_id = $1", UUID.fromString(v1.getString("id"))));

    String inspector = api.newUser(ref.admin, null, "inspector");
    JsonArray listed = api.get("/api/v1/reference/mrls/versions?limit=2", inspector).json().getJsonArray("items");
    assertEquals(v2.getString("id"), listed.getJsonObject(0).getString("id"));
    assertTrue(listed.getJsonObject(0).getBoolean("inForce"));
    assertEquals(v1.getString("id"), listed.getJsonObject(1).getString("id"));
    assertEquals(false, listed.getJsonObject(1).getBoolean("inForce"));
    assertEquals(TestServer.get().adminUsername, listed.getJsonObject(1).getJsonObject("importedBy").getString("username"));

    assertEquals(new BigDecimal("0.2"), find(ref.analyte("毒死蜱"), ref.qingcai).orElseThrow().mgPerKg(), "the latest is in force");
    assertTrue(find(ref.analyte("吡虫啉"), ref.qingcai).isEmpty(), "limits only in the older version are no longer in force");
    JsonObject older = api.get("/api/v1/reference/mrls?version=" + v1.getInteger("number"), inspector).json();
    assertEquals(4, older.getJsonArray("items").size());
    assertEquals(v1.getString("id"), older.getJsonObject("version").getString("id"));
    assertProblem(api.get("/api/v1/reference/mrls?version=99999999", inspector), 404, "not_found", null);
    assertProblem(api.get("/api/v1/reference/mrls?version=zero", inspector), 400, "invalid_field", "version");
  }

  @Test
  @DisplayName("a limit is found for the commodity itself, else for the nearest group above it, else there is none")
  void groupFallback() {
    String version = ref.upload(ReferenceRoutes.MRLS, ref.admin, ref.limits()).json().getString("id");
    ResidueLimits.Limit fallback = find(ref.analyte("毒死蜱"), ref.qingcai).orElseThrow();
    assertEquals(ref.leafy, fallback.commodityCode(), "青菜 falls under 叶菜类 when no limit names it");
    assertEquals(0, fallback.mgPerKg().compareTo(new BigDecimal("0.1")), "a value equal to the limit can be compared exactly");
    assertEquals(new BigDecimal("0.10"), fallback.mgPerKg(), "kept as written");
    assertEquals(UUID.fromString(version), fallback.versionId());
    assertEquals("GB 2763-2026", fallback.standard());

    ResidueLimits.Limit own = find("imidacloprid " + ref.s, ref.qingcai).orElseThrow();
    assertEquals(ref.qingcai, own.commodityCode(), "the commodity's own limit before its group's");
    assertEquals(new BigDecimal("0.5"), own.mgPerKg());
    assertEquals(ref.cabbage, find("2921-88-2", ref.cabbage).orElseThrow().commodityCode(), "by CAS number");

    assertTrue(find(ref.analyte("毒死蜱"), ref.apple).isEmpty(), "no limit for apples: none, never a pass");
    assertTrue(find(ref.analyte("毒死蜱"), ref.vegetables).isEmpty(), "a group's limit does not hold for the group above");
    assertTrue(find(ref.analyte("多菌灵"), ref.qingcai).isEmpty(), "an analyte with no limit on file");
    assertTrue(find(ref.analyte("毒死蜱"), "no_such_commodity").isEmpty());
  }

  @Test
  @DisplayName("the limits are searched by analyte name or CAS number and by commodity, page by page")
  void search() {
    ref.upload(ReferenceRoutes.MRLS, ref.admin, ref.limits());
    String recorder = api.newUser(ref.admin, api.newProducer(ref.admin), "recorder");
    JsonObject byName = api.get("/api/v1/reference/mrls?analyte=" + query("毒死蜱"), recorder).json();
    assertEquals(2, byName.getJsonArray("items").size());
    JsonObject first = byName.getJsonArray("items").getJsonObject(0);
    assertEquals(ref.cabbage, first.getJsonObject("commodity").getString("code"));
    assertEquals("大白菜" + ref.s, first.getJsonObject("commodity").getString("nameZh"));
    assertEquals(0.05, first.getDouble("limitMgPerKg"));
    assertEquals("2921-88-2", first.getString("cas"));
    assertEquals(3, first.getInteger("line"));
    assertEquals(2, api.get("/api/v1/reference/mrls?analyte=138261", recorder).json().getJsonArray("items").size());
    assertEquals(2, api.get("/api/v1/reference/mrls?analyte=IMIDACLOPRID", recorder).json().getJsonArray("items").size());
    JsonArray leafy = api.get("/api/v1/reference/mrls?commodity=" + query("叶菜类" + ref.s), recorder).json().getJsonArray("items");
    assertEquals(2, leafy.size());
    JsonObject page = api.get("/api/v1/reference/mrls?commodity=" + ref.leafy + "&limit=1&offset=1", recorder).json();
    assertEquals(1, page.getJsonArray("items").size());
    assertEquals(ref.analyte("毒死蜱"), page.getJsonArray("items").getJsonObject(0).getString("analyteZh"));
    assertProblem(api.get("/api/v1/reference/mrls?limit=0", recorder), 400, "invalid_field", "limit");
  }

  @Test
  @DisplayName("a bad row rejects the whole file naming its line and column, in either language, and nothing is stored")
  void badRows() {
    String good = ref.analyte("毒死蜱") + ",chlorpyrifos,2921-88-2," + ref.leafy + ",0.1,GB 2763-2026\n";
    String h = Reference.LIMIT_HEADER;
    assertFault("# a comment\n" + h + good + ref.analyte("乐果") + ",dimethoate,60-51-5," + ref.leafy + ",abc,GB 2763-2026\n",
        4, "limit_mg_kg", "reference.limit_form");
    assertFault(h + good + ref.analyte("乐果") + ",dimethoate,60-51-5," + ref.leafy + ",-0.5,GB 2763-2026\n",
        3, "limit_mg_kg", "reference.limit_form");
    assertFault(h + good + ref.analyte("乐果") + ",dimethoate,60-51-5," + ref.leafy + ",0,GB 2763-2026\n",
        3, "limit_mg_kg", "reference.limit_form");
    assertFault(h + good + ref.analyte("乐果") + ",dimethoate,60-51-5,durian_" + ref.s + ",0.01,GB 2763-2026\n",
        3, "commodity", "reference.unknown_commodity");
    assertFault(h + good + " ,dimethoate,60-51-5," + ref.leafy + ",0.01,GB 2763-2026\n", 3, "analyte_zh", "reference.required");
    assertFault(h + good + ref.analyte("乐果") + ",dimethoate,60-51-6," + ref.leafy + ",0.01,GB 2763-2026\n",
        3, "cas", "reference.cas_check");
    assertFault(h + good + ref.analyte("乐果") + ",dimethoate,60-51-5," + ref.leafy + ",0.01\n",
        3, "standard", "reference.csv_field_count");
    assertFault(h + good + good, 3, "commodity", "reference.duplicate_of_line");
    assertFault("analyte_zh,analyte_en,cas,commodity,limit_mg_kg\n" + good, 1, "standard", "reference.csv_missing_column");
    assertFault("analyte,analyte_en,cas,commodity,limit_mg_kg,standard\n" + good, 1, "analyte", "reference.csv_unknown_column");
    assertFault(h, 1, "analyte_zh", "reference.csv_no_rows");
    assertFault(h + good + "\"" + ref.analyte("乐果") + ",dimethoate\n", 3, "(1)", "reference.csv_open_quote");

    long before = versions();
    Api.Response english = api.with("Accept-Language", "en").postRaw(ReferenceRoutes.MRLS, ref.admin, "text/csv",
        Buffer.buffer(h + good + ref.analyte("乐果") + ",dimethoate,60-51-5," + ref.leafy + ",-1,GB 2763-2026\n"));
    assertEquals("line 3, column limit_mg_kg: a limit is a number greater than 0 (mg/kg, e.g. 0.5), not \"-1\". "
        + "Nothing of the file was imported; fix it and upload it again", english.json().getString("message"));
    assertProblem(ref.upload(ReferenceRoutes.MRLS, ref.admin, ""), 400, "invalid_csv", null);
    assertProblem(api.postRaw(ReferenceRoutes.MRLS, ref.admin, "text/csv", Buffer.buffer(new byte[] {'a', (byte) 0xC3, '\n'})),
        400, "invalid_csv", null);
    assertEquals(before, versions());
  }

  private void assertFault(String csv, int line, String column, String why) {
    long before = versions();
    long rows = limits();
    Api.Response r = ref.upload(ReferenceRoutes.MRLS, ref.admin, csv);
    assertProblem(r, 400, "invalid_csv", null);
    JsonObject args = r.json().getJsonObject("args");
    assertEquals(line, args.getInteger("line"), r.raw().bodyAsString());
    assertEquals(column, args.getString("column"), r.raw().bodyAsString());
    assertEquals(why, args.getJsonObject("why").getString("code"), r.raw().bodyAsString());
    assertTrue(r.json().getString("message").startsWith("第 " + line + " 行，" + column + " 列："), r.json().getString("message"));
    assertEquals(before, versions(), "no version made");
    assertEquals(rows, limits(), "no limit stored");
  }

  @Test
  @DisplayName("only a platform admin imports, refused before the body is read; CSV only, and at most 8 MiB")
  void whoAndWhat() {
    long before = versions();
    String producer = api.newProducer(ref.admin);
    for (String role : new String[] {"producer_admin", "recorder", "tester"}) {
      assertProblem(ref.upload(ReferenceRoutes.MRLS, api.newUser(ref.admin, producer, role), ref.limits()), 403, "forbidden", null);
    }
    String inspector = api.newUser(ref.admin, null, "inspector");
    assertProblem(api.postRaw(ReferenceRoutes.MRLS, inspector, "application/json", Buffer.buffer("{\"phone\":")),
        403, "forbidden", null);
    assertProblem(ref.upload(ReferenceRoutes.MRLS, null, ref.limits()), 401, "unauthorized", null);
    assertProblem(api.postRaw(ReferenceRoutes.MRLS, ref.admin, "application/json", Buffer.buffer("{}")),
        415, "unsupported_media_type", null);
    assertProblem(api.postRaw(ReferenceRoutes.MRLS, ref.admin, "text/csv; charset=gbk", Buffer.buffer(ref.limits())),
        415, "unsupported_media_type", null);
    Buffer tooLarge = Buffer.buffer(ref.limits());
    while (tooLarge.length() <= ReferenceRoutes.MRL_MAX_BYTES) {
      tooLarge.appendString("# padding the file past the limit ................................................\n");
    }
    assertProblem(api.postRaw(ReferenceRoutes.MRLS, ref.admin, "text/csv", tooLarge), 413, "payload_too_large", null);
    assertStatus(ref.upload(ReferenceRoutes.MRLS, ref.admin, "# charset given\n" + ref.limits()), 201);
    assertEquals(before + 1, versions(), "only the admin's CSV was stored");
  }

  @Test
  @DisplayName("the shipped samples load, and their 毒死蜱 limit for 青菜 is the 叶菜类 one, marked SAMPLE")
  void samplesLoad() throws Exception {
    String commodities = new String(getClass().getResourceAsStream("/reference/commodities-sample.csv").readAllBytes(), StandardCharsets.UTF_8);
    String mrls = new String(getClass().getResourceAsStream("/reference/mrls-sample.csv").readAllBytes(), StandardCharsets.UTF_8);
    assertStatus(ref.upload(ReferenceRoutes.COMMODITIES, ref.admin, commodities), 200);
    assertStatus(ref.upload(ReferenceRoutes.MRLS, ref.admin, mrls), 201);
    ResidueLimits.Limit limit = find("毒死蜱", TestServer.await(Commodities.match(TestServer.get().pool, "小白菜")).orElseThrow().code())
        .orElseThrow();
    assertEquals("leafy_vegetables", limit.commodityCode());
    assertTrue(limit.standard().startsWith("SAMPLE"), limit.standard());
  }
}
