package agritrace.quality;

import static agritrace.quality.Resolving.base;
import static agritrace.quality.Resolving.get;
import static agritrace.quality.Resolving.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The GS1-Conformant Resolver behaviour of the Digital Link paths: linksets, link types, CORS, the description file. */
@ExtendWith(VertxExtension.class)
class ResolverLinksetTest {

  private static final String VOC = "https://gs1.org/voc/";

  private static JsonObject linkset(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/linkset+json", header(r, "Content-Type"));
    assertEquals("*", header(r, "Access-Control-Allow-Origin"));
    JsonObject linkset = new JsonObject(r.body());
    List<String> errors = SchemaCheck.errors(SchemaCheck.gs1("gs1-linkset-schema.json"), linkset);
    assertTrue(errors.isEmpty(), () -> errors + "\n" + r.body());
    return linkset;
  }

  @Test
  @DisplayName("?linkType=linkset and Accept: application/linkset+json give an RFC 9264 linkset valid against GS1's schema, for the unit and its lot, whatever the GTIN's length")
  void linksetContent(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String serial = r.unit(0).getString("code");
    String unitAnchor = base() + "/01/" + r.gtin14() + "/10/" + r.lot() + "/21/" + serial;
    String lotAnchor = base() + "/01/" + r.gtin14() + "/10/" + r.lot();
    String certificate = base() + "/c/" + r.certificate.getString("code");
    JsonObject linkTypes = SchemaCheck.gs1("linktypes.json");
    JsonObject first = null;
    for (HttpResponse<String> answer : List.of(get("/01/" + r.gtin8 + "/10/" + r.lot() + "/21/" + serial + "?linkType=linkset"),
        get("/01/" + r.gtin14() + "/10/" + r.lot() + "/21/" + serial, "Accept", "application/linkset+json"),
        get("/01/0000" + r.gtin8 + "/10/" + r.lot() + "/21/" + serial + "/?linkType=linkset"))) {
      JsonObject linkset = linkset(answer);
      if (first == null) {
        first = linkset;
      }
      assertEquals(first, linkset, "one linkset for every form of the path");
    }
    JsonArray sets = first.getJsonArray("linkset");
    assertEquals(2, sets.size(), first.encodePrettily());
    Map<String, String> anchors = Map.of(unitAnchor, "unit", lotAnchor, "lot");
    for (int i = 0; i < sets.size(); i++) {
      JsonObject set = sets.getJsonObject(i);
      String anchor = set.getString("anchor");
      assertTrue(anchors.containsKey(anchor), anchor);
      assertEquals(r.run.getString("productName"), set.getString("itemDescription"));
      for (String key : set.fieldNames()) {
        if (key.startsWith(VOC)) {
          assertTrue(linkTypes.containsKey(key.substring(VOC.length())), () -> key + " is one of GS1's link types");
          JsonObject link = set.getJsonArray(key).getJsonObject(0);
          assertTrue(link.getString("title").contains(" "), "titles in Chinese then English: " + link);
          assertEquals(new JsonArray().add("zh").add("en"), link.getJsonArray("hreflang"));
        }
      }
      assertEquals(1, set.getJsonArray(VOC + "defaultLink").size(), "exactly one default link");
      assertEquals(anchor, set.getJsonArray(VOC + "defaultLink").getJsonObject(0).getString("href"));
      assertEquals(anchor, set.getJsonArray(VOC + "pip").getJsonObject(0).getString("href"));
      assertEquals(anchor, set.getJsonArray(VOC + "traceability").getJsonObject(0).getString("href"));
      assertEquals(certificate, set.getJsonArray(VOC + "certificationInfo").getJsonObject(0).getString("href"));
      assertEquals("产品信息 Product information", set.getJsonArray(VOC + "pip").getJsonObject(0).getString("title"));
    }
    JsonObject lot = linkset(get("/01/" + r.gtin8 + "/10/" + r.lot() + "?linkType=linkset"));
    assertEquals(1, lot.getJsonArray("linkset").size());
    assertEquals(lotAnchor, lot.getJsonArray("linkset").getJsonObject(0).getString("anchor"));
  }

  @Test
  @DisplayName("a named link type redirects (307) to its target with the rest of the query passed on, the page's own types give the page, and one it lacks is a 404")
  void linkTypes(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String path = r.unitPath(1);
    String certificate = base() + "/c/" + r.certificate.getString("code");
    for (String type : new String[] {"gs1:certificationInfo", "https://gs1.org/voc/certificationInfo"}) {
      HttpResponse<String> redirect = get(path + "?linkType=" + type);
      assertEquals(307, redirect.statusCode(), type);
      assertEquals(certificate, header(redirect, "Location"), type);
      assertEquals("*", header(redirect, "Access-Control-Allow-Origin"));
    }
    HttpResponse<String> passed = get("/01/" + r.gtin8 + "/10/" + r.lot() + "?utm_source=wechat&linkType=gs1:certificationInfo&x=1");
    assertEquals(307, passed.statusCode());
    assertEquals(certificate + "?utm_source=wechat&x=1", header(passed, "Location"));
    for (String type : new String[] {"gs1:pip", "gs1:traceability", "gs1:defaultLink"}) {
      HttpResponse<String> page = get(path + "?linkType=" + type);
      assertEquals(200, page.statusCode(), type);
      assertTrue(header(page, "Content-Type").startsWith("text/html"), type);
    }
    for (String type : new String[] {"gs1:recallStatus", "gs1:allergenInfo", "nonsense"}) {
      HttpResponse<String> lacking = get(path + "?linkType=" + type);
      assertEquals(404, lacking.statusCode(), type);
      assertTrue(lacking.body().contains("没有这类信息") && lacking.body().contains("No such information"), lacking.body());
    }
    assertEquals(404, get("/01/" + r.gtin8 + "/10/NOSUCHLOT?linkType=linkset").statusCode(), "an unknown lot has no linkset");
  }

  @Test
  @DisplayName("OPTIONS on a Digital Link path answers the CORS headers the standard names, and HEAD answers like GET")
  void options(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    for (String path : new String[] {r.unitPath(0), "/01/" + r.gtin8 + "/10/" + r.lot()}) {
      HttpResponse<String> options = Resolving.send("OPTIONS", path, "Origin", "https://ref.gs1.org",
          "Access-Control-Request-Method", "GET");
      assertTrue(options.statusCode() == 204 || options.statusCode() == 200, () -> "" + options.statusCode());
      assertEquals("*", header(options, "Access-Control-Allow-Origin"));
      assertEquals("GET, HEAD, OPTIONS", header(options, "Access-Control-Allow-Methods"));
      assertEquals("Accept", header(options, "Access-Control-Allow-Headers"));
      assertEquals("Link, Location", header(options, "Access-Control-Expose-Headers"));
    }
    HttpResponse<String> head = Resolving.send("HEAD", r.unitPath(0));
    assertEquals(200, head.statusCode());
    assertTrue(header(head, "Link").contains("linkType=linkset"));
  }

  @Test
  @DisplayName("/.well-known/gs1resolver is a description file valid against GS1's schema, rooted at the public address, serving GTINs and GS1's link types")
  void description(Vertx vertx) {
    HttpResponse<String> r = get("/.well-known/gs1resolver");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(header(r, "Content-Type").startsWith("application/json"));
    JsonObject file = new JsonObject(r.body());
    List<String> errors = SchemaCheck.errors(SchemaCheck.gs1("description-file-schema.json"), file);
    assertTrue(errors.isEmpty(), () -> errors + "\n" + r.body());
    assertEquals(base(), file.getString("resolverRoot"));
    assertEquals(new JsonArray().add("01"), file.getJsonArray("supportedPrimaryKeys"));
    assertEquals("agritrace", file.getString("name"));
    JsonObject gs1 = file.getJsonArray("supportedLinkType").getJsonObject(0);
    assertEquals(VOC, gs1.getString("namespace"));
    assertEquals("gs1:", gs1.getString("prefix"));
  }

  @Test
  @DisplayName("the schema check itself refuses what GS1's linkset schema refuses")
  void schemaCheckRefuses() {
    JsonObject schema = SchemaCheck.gs1("gs1-linkset-schema.json");
    JsonObject link = new JsonObject().put("href", "https://example.cn/p").put("title", "t");
    assertTrue(SchemaCheck.errors(schema, new JsonObject().put("linkset", new JsonArray().add(new JsonObject()
        .put("anchor", "https://example.cn/01/1").put("itemDescription", "x")
        .put(VOC + "pip", new JsonArray().add(link))))).isEmpty());
    assertEquals(1, SchemaCheck.errors(schema, new JsonObject().put("linkset", new JsonArray().add(new JsonObject()
        .put("anchor", "https://example.cn/01/1")))).size(), "itemDescription is required");
    assertEquals(1, SchemaCheck.errors(schema, new JsonObject().put("linkset", new JsonArray().add(new JsonObject()
        .put("anchor", "https://example.cn/01/1").put("itemDescription", "x")
        .put(VOC + "pip", new JsonArray().add(link.copy().put("rel", "x")))))).size(), "no other member in a link");
    assertEquals(1, SchemaCheck.errors(schema, new JsonObject().put("linkset", new JsonArray().add(new JsonObject()
        .put("anchor", "ftp://example.cn/01/1").put("itemDescription", "x")))).size(), "an http(s) anchor");
    assertEquals(1, SchemaCheck.errors(SchemaCheck.gs1("description-file-schema.json"), new JsonObject()
        .put("resolverRoot", "https://example.cn").put("supportedPrimaryKeys", new JsonArray().add("gtin"))).size());
  }
}
