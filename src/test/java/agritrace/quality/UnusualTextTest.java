package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.NodeList;

/**
 * What a person typed (tags, quotes, ampersands, emoji, right-to-left marks, SQL) is stored
 * exactly as typed, read back the same through the API and in the database, and shown escaped
 * on every public page and label that shows it: a stored {@code <script>} never runs.
 */
@ExtendWith(VertxExtension.class)
class UnusualTextTest {

  /** The typed texts; each holds a tag that must never reach a page unescaped. */
  private static final String PRODUCER = "<script>alert('producer')</script> 龙井\"茶\"合作社 & 🥬 \u202Eمزرعة\u202C ";
  private static final String ADDRESS = "<img src=x onerror=alert(1)> 浙江省杭州市 'O''Brien'; DROP TABLE producers; --";
  private static final String PLOT = "<script>alert('plot')</script> 一号\"大棚\" 🍅";
  private static final String PRODUCT = "<script>alert('product')</script> 上海青 & 'q' 👨‍🌾 ";
  private static final String PACKAGING = "<b onmouseover=alert(1)>500 g 袋装</b>";
  private static final String BUYER = "<script>alert('buyer')</script> 超市 \"A\"";

  @Test
  @DisplayName("names with tags, quotes, emoji and RTL marks are stored exactly and shown escaped on the certificate, resolver, Digital Link and label pages")
  void unusualTextIsStoredExactlyAndShownEscaped(Vertx vertx) throws Exception {
    String producerName = PRODUCER + UUID.randomUUID().toString().substring(0, 6);
    Packing p = new Packing(vertx, Api.cooperative().put("name", producerName).put("address", ADDRESS));
    Lab lab = p.c.lab;
    Farm farm = lab.farm;
    Api api = p.api;

    String plot = farm.create("plot", Farm.plot().put("name", PLOT));
    Api.Response harvest = api.post("/api/v1/operations", farm.recorder,
        Farm.harvest(plot, Farm.today()).put("crop", "青菜" + lab.ref.s));
    assertStatus(harvest, 201);
    String batch = harvest.json().getJsonObject("batch").getString("id");
    lab.test(batch, Lab.rapid(12));
    String productName = PRODUCT + UUID.randomUUID().toString().substring(0, 6);
    Api.Response product = api.post(p.c.shelf.products(), p.c.producerAdmin,
        p.c.shelf.body(productName, "one_test").put("packaging", PACKAGING).put("gtin", Packing.GTIN_14));
    assertStatus(product, 201);
    String productId = product.json().getString("id");
    p.c.shelf.give(batch, productId);
    JsonObject certificate = p.c.issued(batch, 100, "kg");
    Api.Response issuedWithBuyer = p.c.issue(p.c.producerAdmin, batch, Certifying.amount(10, "kg").put("buyer", BUYER));
    assertStatus(issuedWithBuyer, 201);
    JsonObject run = p.packed(batch, Packing.run(productId, 2, 0.5, "kg").put("packaging", PACKAGING));
    String unit = run.getJsonArray("units").getJsonObject(0).getString("code");
    String lot = URLEncoder.encode(run.getString("gs1Lot"), StandardCharsets.UTF_8);

    // Stored exactly: through the API and in the database.
    assertEquals(producerName.strip(), api.get("/api/v1/producers/" + farm.producerId, farm.admin).json().getString("name"));
    assertEquals(producerName.strip(), column("SELECT name FROM producers WHERE id = $1", farm.producerId));
    assertEquals(ADDRESS, column("SELECT address FROM producers WHERE id = $1", farm.producerId));
    assertEquals(PLOT, api.get("/api/v1/plots/" + plot, farm.recorder).json().getString("name"));
    assertEquals(PLOT, column("SELECT name FROM production_units WHERE id = $1", plot));
    assertEquals(productName.strip(), api.get("/api/v1/products/" + productId, p.c.producerAdmin).json().getString("name"));
    assertEquals(productName.strip(), column("SELECT name FROM products WHERE id = $1", productId));
    assertEquals(BUYER, issuedWithBuyer.json().getString("buyer"));

    // Shown escaped on every public page and label that shows them.
    String code = certificate.getString("code");
    String withBuyer = issuedWithBuyer.json().getString("code");
    for (String page : List.of("/c/" + code, "/c/" + code + "/print", "/c/" + code + "/svg", "/c/" + withBuyer,
        "/t/" + unit, "/01/" + Packing.GTIN_14 + "/10/" + lot + "/21/" + unit, "/01/" + Packing.GTIN_14 + "/10/" + lot,
        "/api/v1/labels/" + unit + "/label.svg",
        "/api/v1/packing-runs/" + run.getString("id") + "/labels?layout=a4-3x8")) {
      Api.Response r = api.get(page, page.startsWith("/api/") ? farm.recorder : null);
      assertStatus(r, 200);
      String body = r.raw().bodyAsString();
      for (String raw : List.of("<script>alert(", "<img src=x", "<b onmouseover")) {
        assertFalse(body.contains(raw), page + " shows " + raw + " unescaped:\n" + body);
      }
      assertTrue(body.contains("&lt;script&gt;alert(") || body.contains("&lt;img src=x") || body.contains("&lt;b onmouseover"),
          page + " shows the typed text, escaped:\n" + body);
      assertTrue(body.contains("🥬") || body.contains("🍅") || body.contains("👨‍🌾"), page + " keeps the emoji");
    }
    String resolver = api.get("/t/" + unit, null).raw().bodyAsString();
    for (String escaped : List.of("&lt;script&gt;alert(&#39;producer&#39;)&lt;/script&gt;",
        "&lt;script&gt;alert(&#39;product&#39;)&lt;/script&gt;", "\u202Eمزرعة\u202C")) {
      assertTrue(resolver.contains(escaped), "the resolver page shows " + escaped + ":\n" + resolver);
    }
    // The label's SVG is well-formed XML whose text, read back, is what was typed (wrapped in lines).
    byte[] label = api.get("/api/v1/labels/" + unit + "/label.svg", farm.recorder).raw().body().getBytes();
    String text = svgText(label);
    for (String typed : List.of("<script>alert('product')</script> 上海青", "<script>alert('producer')</script>",
        "龙井\"茶\"合作社 & 🥬", "<img src=x")) {
      assertTrue(text.contains(typed), "the label reads " + typed + ": " + text);
    }
  }

  @Test
  @DisplayName("a tag typed into a public page's address is answered without it unescaped, and never with a 5xx")
  void typedAddressesAreNotReflected(Vertx vertx) {
    Api api = new Api(vertx);
    String tag = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for (String page : List.of("/c/" + tag, "/c/" + tag + "/print", "/c/" + tag + "/svg", "/t/" + tag,
        "/t/" + tag + "?x=" + tag, "/01/" + tag, "/01/" + Packing.GTIN_14 + "/10/" + tag,
        "/01/" + Packing.GTIN_14 + "/10/" + tag + "/21/" + tag, "/01/" + Packing.GTIN_14 + "?linkType=" + tag,
        "/c/%00", "/t/%ED%A0%80", "/01/" + Packing.GTIN_14 + "/10/%00")) {
      Api.Response r = api.get(page, null);
      assertTrue(r.status() >= 300 && r.status() < 500, page + ": " + r.status());
      String body = r.raw().bodyAsString();
      assertFalse(body != null && body.contains("<script>alert(1)"), page + " reflects the tag:\n" + body);
    }
  }

  /** The text of an SVG document's text elements, joined without the line breaks it was wrapped in. */
  private static String svgText(byte[] svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList texts = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getElementsByTagName("text");
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < texts.getLength(); i++) {
      joined.append(texts.item(i).getTextContent());
    }
    return joined.toString().replace("生产者 ", "").replace("产地 ", "");
  }

  private static String column(String sql, String id) {
    return TestServer.get().sql(sql, UUID.fromString(id)).iterator().next().getString(0);
  }
}
