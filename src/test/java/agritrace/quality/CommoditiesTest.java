package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CommoditiesTest {

  private Api api;
  private Reference ref;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx);
    ref = new Reference(api);
  }

  private long stored() {
    return TestServer.get().count("SELECT count(*) FROM commodities WHERE code LIKE $1", "%_" + ref.s);
  }

  private static Optional<Commodity> match(String crop) {
    return TestServer.await(Commodities.match(TestServer.get().pool, crop));
  }

  @Test
  @DisplayName("a platform admin loads the catalogue as a tree, and anyone logged in searches it page by page")
  void loadAndSearch() {
    Api.Response loaded = ref.upload(ReferenceRoutes.COMMODITIES, ref.admin, ref.catalogue());
    assertStatus(loaded, 200);
    assertEquals(5, loaded.json().getInteger("rows"));
    assertEquals(5, stored());

    String recorder = api.newUser(ref.admin, api.newProducer(ref.admin), "recorder");
    JsonArray found = api.get("/api/v1/reference/commodities?q=" + ref.s, recorder).json().getJsonArray("items");
    assertEquals(5, found.size());
    JsonObject qingcai = api.get("/api/v1/reference/commodities?q=" + java.net.URLEncoder.encode("上海青" + ref.s, java.nio.charset.StandardCharsets.UTF_8), recorder).json()
        .getJsonArray("items").getJsonObject(0);
    assertEquals(new JsonObject().put("code", ref.qingcai).put("parent", ref.leafy).put("nameZh", "青菜" + ref.s)
        .put("nameEn", "Pak choi " + ref.s).put("aliases", new JsonArray().add("小白菜" + ref.s).add("上海青" + ref.s)), qingcai);
    JsonObject second = api.get("/api/v1/reference/commodities?q=" + ref.s + "&limit=2&offset=2", recorder).json();
    assertEquals(2, second.getJsonArray("items").size());
    assertEquals(2, second.getInteger("offset"));
    assertEquals(ref.qingcai, second.getJsonArray("items").getJsonObject(1).getString("code"), "sorted by code");
  }

  @Test
  @DisplayName("loading again renames and re-aliases a commodity by its code, and keeps the others")
  void loadAgain() {
    ref.loaded();
    assertStatus(ref.upload(ReferenceRoutes.COMMODITIES, ref.admin, "code,parent,name_zh,name_en,aliases\n"
        + ref.qingcai + "," + ref.leafy + ",青菜" + ref.s + ",Bok choy " + ref.s + ",油菜" + ref.s + "\n"), 200);
    assertEquals(5, stored());
    assertEquals("Bok choy " + ref.s, match("油菜" + ref.s).orElseThrow().nameEn());
    assertTrue(match("上海青" + ref.s).isEmpty(), "the old alias is gone");
  }

  @Test
  @DisplayName("a crop is matched to a commodity by either name or an alias, ignoring case and spaces; an unknown crop matches none")
  void matchesCrops() {
    ref.loaded();
    assertEquals(ref.qingcai, match("青菜" + ref.s).orElseThrow().code());
    assertEquals(ref.qingcai, match("  pak CHOI " + ref.s + " ").orElseThrow().code());
    Commodity byAlias = match("小白菜" + ref.s).orElseThrow();
    assertEquals(ref.qingcai, byAlias.code());
    assertEquals(ref.leafy, byAlias.parentCode());
    assertTrue(match("青菜" + ref.s + "苗").isEmpty(), "a name is matched whole, not in part");
    assertTrue(match("   ").isEmpty());
    assertTrue(match(null).isEmpty());
  }

  @Test
  @DisplayName("a bad catalogue row rejects the whole file naming its line and column, and nothing is stored")
  void badRows() {
    String header = "code,parent,name_zh,name_en,aliases\n";
    String top = ref.vegetables + ",,蔬菜" + ref.s + ",Vegetables " + ref.s + ",\n";
    assertFault(header + top + ref.leafy + ",nowhere_" + ref.s + ",叶菜" + ref.s + ",Leafy " + ref.s + ",\n",
        3, "parent", "reference.unknown_commodity");
    assertFault(header + ref.vegetables + "," + ref.leafy + ",蔬菜" + ref.s + ",Vegetables " + ref.s + ",\n"
        + ref.leafy + "," + ref.vegetables + ",叶菜" + ref.s + ",Leafy " + ref.s + ",\n", 2, "parent", "reference.group_in_itself");
    assertFault(header + top + ref.leafy + "," + ref.vegetables + ",,Leafy " + ref.s + ",\n", 3, "name_zh", "reference.required");
    assertFault(header + top + "Leafy," + ref.vegetables + ",叶菜" + ref.s + ",Leafy " + ref.s + ",\n", 3, "code",
        "reference.commodity_code_form");
    assertFault(header + top + ref.leafy + "," + ref.vegetables + ",叶菜" + ref.s + ",Leafy " + ref.s + ",蔬菜" + ref.s + "\n",
        3, "aliases", "reference.name_taken");
    assertFault(header + top + top, 3, "code", "reference.duplicate_of_line");
    assertFault("code,parent,name,name_en,aliases\n" + top, 1, "name", "reference.csv_unknown_column");
    assertEquals(0, stored());
  }

  private void assertFault(String csv, int line, String column, String why) {
    Api.Response r = ref.upload(ReferenceRoutes.COMMODITIES, ref.admin, csv);
    assertProblem(r, 400, "invalid_csv", null);
    JsonObject args = r.json().getJsonObject("args");
    assertEquals(line, args.getInteger("line"), r.raw().bodyAsString());
    assertEquals(column, args.getString("column"), r.raw().bodyAsString());
    assertEquals(why, args.getJsonObject("why").getString("code"), r.raw().bodyAsString());
  }

  @Test
  @DisplayName("only a platform admin loads the catalogue: others get 403 whatever they send, and no token is 401")
  void onlyPlatformAdmins() {
    String producer = api.newProducer(ref.admin);
    for (String role : new String[] {"producer_admin", "recorder", "tester"}) {
      assertProblem(ref.upload(ReferenceRoutes.COMMODITIES, api.newUser(ref.admin, producer, role), ref.catalogue()),
          403, "forbidden", null);
    }
    String inspector = api.newUser(ref.admin, null, "inspector");
    assertProblem(api.postRaw(ReferenceRoutes.COMMODITIES, inspector, "application/json",
        io.vertx.core.buffer.Buffer.buffer("{")), 403, "forbidden", null);
    assertProblem(ref.upload(ReferenceRoutes.COMMODITIES, null, ref.catalogue()), 401, "unauthorized", null);
    assertProblem(api.post(ReferenceRoutes.COMMODITIES, ref.admin, new JsonObject().put("code", "x")),
        415, "unsupported_media_type", null);
    assertEquals(0, stored());
  }
}
