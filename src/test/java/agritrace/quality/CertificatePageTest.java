package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A certificate's public pages, no login: the page for phones, the print page, the SVG and its QR code. */
@ExtendWith(VertxExtension.class)
class CertificatePageTest {

  private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");

  @Test
  @DisplayName("the page shows the certificate's fields, its basis with the lab's report, and the batch released, in both languages, with nothing private")
  void page(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    c.lab.test(batch, c.lab.lab("吡虫啉", 0.1).put("notes", "内部备注：样品袋破损"));
    JsonObject certificate = c.issued(batch, 80, "jin");
    Api.Response r = c.api.get("/c/" + certificate.getString("code"), null);
    assertStatus(r, 200);
    assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
    assertEquals("no-cache", r.header("Cache-Control"));
    assertTrue(r.header("Content-Security-Policy").contains("default-src 'none'"), r.header("Content-Security-Policy"));
    assertTrue(r.header("Content-Security-Policy").contains("style-src 'self'"));
    String html = r.raw().bodyAsString();
    for (String shown : new String[] {"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "承诺达标合格证", "Commitment certificate", certificate.getString("productName"), "80", "斤",
        certificate.getString("origin"), certificate.getString("issuer"), "0571-87654321", Farm.today().toString(),
        "委托检测合格", "Passed a commissioned lab test", "浙江省农产品质量检测中心", "ZJ-2026-0815", "实验室检测", "Lab test",
        "实验室检测合格", "常规农药、兽药残留不超标", "已放行", "released", certificate.getString("code"),
        "href=\"/pages/public.css\"", "href=\"/c/" + certificate.getString("code") + "/print\""}) {
      assertTrue(html.contains(shown), () -> "the page shows " + shown + ":\n" + html);
    }
    for (String hidden : new String[] {"内部备注", "王检测", "测试用户", "<script", "style=", c.lab.farm.producerId}) {
      assertFalse(html.contains(hidden), () -> "the page does not show " + hidden);
    }
    assertFalse(html.contains("id=\"status-alert\""), "no alert while the batch is released");

    Api.Response css = c.api.get("/pages/public.css", null);
    assertStatus(css, 200);
    assertTrue(css.header("Content-Type").startsWith("text/css"));
    assertTrue(css.raw().bodyAsString().contains("font-family"));
  }

  @Test
  @DisplayName("a hold by an inspector after issue is shown at the top of the page, in red, in both languages")
  void laterHold(Vertx vertx) {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    String code = c.issued(batch, 10, "kg").getString("code");
    c.hold(batch, "市场抽检吡虫啉超标，内部调查中");
    String html = c.api.get("/c/" + code, null).raw().bodyAsString();
    int alert = html.indexOf("id=\"status-alert\"");
    assertTrue(alert > 0 && alert < html.indexOf("class=\"masthead\""), "the alert comes first:\n" + html);
    assertTrue(html.contains("开具合格证之后已“暂扣”"), html);
    assertTrue(html.contains("the batch has been &quot;held&quot;"), html);
    assertTrue(html.contains("status-held"), html);
    assertFalse(html.contains("内部调查中"), "the inspector's note stays internal");
  }

  @Test
  @DisplayName("what users typed comes out escaped on the page, the print page and the SVG")
  void escaping(Vertx vertx) throws Exception {
    Certifying c = new Certifying(vertx);
    String nasty = "<script>alert(1)</script>青菜\"'&";
    String batch = c.lab.qingcai();
    c.product(batch, nasty, "internal_control");
    String code = c.issue(c.producerAdmin, batch, Certifying.amount(5, "kg").put("buyer", "<img src=x onerror=alert(2)>"))
        .json().getString("code");
    String html = c.api.get("/c/" + code, null).raw().bodyAsString();
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;青菜&quot;&#39;&amp;"), html);
    assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"), html);
    assertFalse(html.contains("<script>") || html.contains("<img src=x"), html);
    String print = c.api.get("/c/" + code + "/print", null).raw().bodyAsString();
    assertFalse(print.contains("<script>"), print);
    String svg = c.api.get("/c/" + code + "/svg", null).raw().bodyAsString();
    assertFalse(svg.contains("<script>"), svg);
    Document parsed = xml(svg);
    assertTrue(parsed.getDocumentElement().getTextContent().contains(nasty), "the SVG is well-formed and holds the text");
  }

  @Test
  @DisplayName("an unknown or malformed code gets a friendly 404 page in both languages")
  void unknown(Vertx vertx) {
    Api api = new Api(vertx);
    for (String path : new String[] {"/c/" + CertificateCode.next(), "/c/short", "/c/" + "I".repeat(20),
        "/c/" + CertificateCode.next() + "/print", "/c/" + CertificateCode.next() + "/svg", "/c/%3Cscript%3E"}) {
      Api.Response r = api.get(path, null);
      assertEquals(404, r.status(), path);
      assertEquals("text/html; charset=utf-8", r.header("Content-Type"), path);
      String html = r.raw().bodyAsString();
      assertTrue(html.contains("找不到这张合格证") && html.contains("Certificate not found"), html);
      assertFalse(html.contains("<script"), html);
    }
  }

  @Test
  @DisplayName("the SVG is 100 × 70 mm with 承诺达标合格证 and the fields, and its QR code decodes back to the certificate's URL")
  void svg(Vertx vertx) throws Exception {
    Certifying c = new Certifying(vertx);
    String batch = c.released();
    JsonObject certificate = c.issued(batch, 25, "kg");
    String code = certificate.getString("code");
    Api.Response r = c.api.get("/c/" + code + "/svg", null);
    assertStatus(r, 200);
    assertEquals("image/svg+xml; charset=utf-8", r.header("Content-Type"));
    assertEquals("no-cache", r.header("Cache-Control"));
    String raw = r.raw().bodyAsString();
    Document svg = xml(raw);
    Element root = svg.getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("100mm", root.getAttribute("width"));
    assertEquals("70mm", root.getAttribute("height"));
    assertEquals("0 0 100 70", root.getAttribute("viewBox"));
    String text = root.getTextContent();
    for (String field : new String[] {"承诺达标合格证", certificate.getString("productName"), "25 千克", code,
        "自行检测合格", certificate.getString("issuer").split(" ")[0], "0571-87654321", Farm.today().toString()}) {
      assertTrue(text.contains(field), () -> "the SVG shows " + field + ": " + raw);
    }
    assertEquals(certificate.getString("url"), decode(svg));

    String print = c.api.get("/c/" + code + "/print", null).raw().bodyAsString();
    assertTrue(print.contains("src=\"/c/" + code + "/svg\""), print);
  }

  @Test
  @DisplayName("codes are 20 characters of Crockford base32 (100 random bits), all different")
  void codes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = CertificateCode.next();
      assertEquals(20, code.length());
      assertTrue(code.chars().allMatch(ch -> CertificateCode.ALPHABET.indexOf(ch) >= 0), code);
      seen.add(code);
    }
    assertEquals(10_000, seen.size());
    assertEquals(32, CertificateCode.ALPHABET.chars().distinct().count());
    assertTrue(CertificateCode.LENGTH * 5 >= 80);
    String some = CertificateCode.next();
    assertEquals(some, CertificateCode.parse(some.toLowerCase()));
    assertEquals(null, CertificateCode.parse(some.substring(1) + "U"));
  }

  /** Draws the QR code's modules as the SVG's path gives them (4 pixels each) and reads it with ZXing. */
  static String decode(Document svg) throws Exception {
    Element qr = svg.getElementById("qr") != null ? svg.getElementById("qr") : byId(svg, "qr");
    int modules = Integer.parseInt(qr.getAttribute("viewBox").split(" ")[2]);
    String d = ((Element) qr.getElementsByTagName("path").item(0)).getAttribute("d");
    int scale = 4;
    int size = modules * scale;
    int[] pixels = new int[size * size];
    Arrays.fill(pixels, 0xFFFFFFFF);
    Matcher run = RUN.matcher(d);
    int runs = 0;
    while (run.find()) {
      runs++;
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int py = y * scale; py < (y + 1) * scale; py++) {
        for (int px = x * scale; px < (x + length) * scale; px++) {
          pixels[py * size + px] = 0xFF000000;
        }
      }
    }
    assertTrue(runs > 50, "the path draws the modules: " + d);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))))
        .getText();
  }

  private static Element byId(Document doc, String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
        return (Element) all.item(i);
      }
    }
    throw new AssertionError("no element #" + id);
  }

  static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
