package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import agritrace.labels.QrDecoding;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A unit's or case's label files: its QR code as PNG and SVG, its label as SVG; sizes and who may. */
@ExtendWith(VertxExtension.class)
class LabelFilesTest {

  private static final Pattern QR = Pattern.compile("<svg class=\"qr\"[^>]*width=\"([0-9.]+)\"[^>]*viewBox=\"0 0 (\\d+) \\d+\"[^>]*>.*?</svg>");

  /** The URL stored for a code, as the database has it. */
  static String stored(String code) {
    return TestServer.get().sql("SELECT url FROM label_codes WHERE code = $1", code).iterator().next().getString("url");
  }

  /** Each QR code an SVG draws as a nested {@code svg.qr}: its width in mm, its modules, and the text it decodes to. */
  record Drawn(double width, int modules, String text) {
    double module() {
      return width / modules;
    }
  }

  static List<Drawn> qrs(String svg) {
    Matcher m = QR.matcher(svg);
    java.util.ArrayList<Drawn> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(new Drawn(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)),
          QrDecoding.decodeSvg(m.group()).text()));
    }
    return found;
  }

  private static String lab(Api.Response r) {
    return r.raw().bodyAsString();
  }

  @Test
  @DisplayName("a unit's and a case's QR code as PNG and SVG decode to exactly the URL stored for them, Digital Link with a percent-encoded lot and /t/, cached privately for long")
  void qrDecodesToStoredUrl(Vertx vertx) {
    Packing p = new Packing(vertx);
    TestServer.get().sql("UPDATE producers SET short_code = $1 WHERE id = $2",
        "P&" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(), UUID.fromString(p.c.lab.farm.producerId));
    String batch = p.certified();
    JsonObject gs1 = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_14), 3, 1, "kg").put("caseSize", 2));
    String plainBatch = p.certified();
    JsonObject plain = p.packed(plainBatch, Packing.run(p.product(plainBatch, null), 2, 1, "kg"));
    List<String> codes = List.of(gs1.getJsonArray("units").getJsonObject(0).getString("code"),
        gs1.getJsonArray("cases").getJsonObject(0).getString("code"),
        plain.getJsonArray("units").getJsonObject(1).getString("code"));
    assertTrue(stored(codes.get(0)).contains("/10/P%26"), stored(codes.get(0)));
    assertTrue(stored(codes.get(2)).endsWith("/t/" + codes.get(2)), stored(codes.get(2)));
    for (String code : codes) {
      String url = stored(code);
      Api.Response png = p.api.get("/api/v1/labels/" + code + "/qr.png?px=3", p.c.lab.farm.recorder);
      assertStatus(png, 200);
      assertEquals("image/png", png.header("Content-Type"));
      assertTrue(png.header("Cache-Control").startsWith("private, max-age="), png.header("Cache-Control"));
      assertEquals(url, QrDecoding.decodePng(png.raw().bodyAsBuffer().getBytes()).text());

      Api.Response svg = p.api.get("/api/v1/labels/" + code + "/qr.svg?mm=0.33&ec=H", p.c.producerAdmin);
      assertStatus(svg, 200);
      assertTrue(svg.header("Content-Type").startsWith("image/svg+xml"));
      assertEquals(url, QrDecoding.decodeSvg(lab(svg)).text());
    }
  }

  @Test
  @DisplayName("the PNG is px pixels a module with a 4-module quiet zone and the SVG mm millimetres a module; error correction M by default, H when asked, larger")
  void sizes(Vertx vertx) throws Exception {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String code = p.packed(batch, Packing.run(p.product(batch, null), 1, 1, "kg"))
        .getJsonArray("units").getJsonObject(0).getString("code");
    String token = p.c.lab.farm.recorder;
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(
        p.api.get("/api/v1/labels/" + code + "/qr.png?px=5", token).raw().bodyAsBuffer().getBytes()));
    assertEquals(0, image.getWidth() % 5);
    int modules = image.getWidth() / 5;
    for (int i = 0; i < 4 * 5; i++) {
      assertEquals(0xFFFFFFFF, image.getRGB(i, i), "quiet zone at " + i);
    }
    assertEquals(0xFF000000, image.getRGB(20, 20), "the finder pattern starts after 4 modules");
    String svg = lab(p.api.get("/api/v1/labels/" + code + "/qr.svg?mm=1.5", token));
    assertTrue(svg.contains("viewBox=\"0 0 " + modules + " " + modules + "\""), svg);
    String side = Double.toString(modules * 1.5).replaceAll("\\.0$", "");
    assertTrue(svg.contains("width=\"" + side + "mm\""), svg);
    String high = lab(p.api.get("/api/v1/labels/" + code + "/qr.svg?ec=H", token));
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+)").matcher(high);
    assertTrue(box.find());
    assertTrue(Integer.parseInt(box.group(1)) > modules, "level H needs a larger symbol than M");
    assertTrue(lab(p.api.get("/api/v1/labels/" + code + "/qr.svg", token)).contains("width=\"" + Double.toString(modules * 0.5)
        .replaceAll("\\.0$", "") + "mm\""), "0.5 mm a module by default");
  }

  @Test
  @DisplayName("sizes and levels out of bounds or malformed are 400s naming the parameter, a malformed code a 400 naming code, an unknown one 404")
  void bounds(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String code = p.packed(batch, Packing.run(p.product(batch, null), 1, 1, "kg"))
        .getJsonArray("units").getJsonObject(0).getString("code");
    String token = p.c.lab.farm.recorder;
    for (String px : new String[] {"0", "41", "-1", "2.5", "x", ""}) {
      assertProblem(p.api.get("/api/v1/labels/" + code + "/qr.png?px=" + px, token), 400, "invalid_field", "px");
    }
    for (String mm : new String[] {"0.2", "2.01", "-1", "abc", "1e0", "NaN", ""}) {
      assertProblem(p.api.get("/api/v1/labels/" + code + "/qr.svg?mm=" + mm, token), 400, "invalid_field", "mm");
    }
    assertStatus(p.api.get("/api/v1/labels/" + code + "/qr.svg?mm=0.25", token), 200);
    assertStatus(p.api.get("/api/v1/labels/" + code + "/qr.svg?mm=2.0", token), 200);
    assertStatus(p.api.get("/api/v1/labels/" + code + "/qr.png?px=40", token), 200);
    for (String path : new String[] {"qr.png", "qr.svg"}) {
      assertProblem(p.api.get("/api/v1/labels/" + code + "/" + path + "?ec=X", token), 400, "invalid_field", "ec");
      assertProblem(p.api.get("/api/v1/labels/" + code + "/" + path + "?ec=m", token), 400, "invalid_field", "ec");
    }
    for (String path : new String[] {"qr.png", "qr.svg", "label.svg"}) {
      assertProblem(p.api.get("/api/v1/labels/ABC/" + path, token), 400, "invalid_field", "code");
      assertProblem(p.api.get("/api/v1/labels/" + code.toLowerCase() + "/" + path, token), 400, "invalid_field", "code");
      assertEquals(404, p.api.get("/api/v1/labels/0000000000000000/" + path, token).status());
    }
  }

  @Test
  @DisplayName("only the run's producer's users (admins, recorders, testers) get its label files: other producers', inspectors and platform admins get 403 for a real code as for any other answer, and without login 401")
  void permissions(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String code = p.packed(batch, Packing.run(p.product(batch, null), 1, 1, "kg"))
        .getJsonArray("units").getJsonObject(0).getString("code");
    Farm farm = p.c.lab.farm;
    String outsider = p.api.newUser(farm.admin, p.api.newProducer(farm.admin), "producer_admin");
    for (String path : new String[] {"qr.png", "qr.svg", "label.svg"}) {
      String url = "/api/v1/labels/" + code + "/" + path;
      for (String token : new String[] {outsider, p.c.inspector, farm.admin}) {
        Api.Response r = p.api.get(url, token);
        assertEquals(403, r.status(), url);
        assertFalse(lab(r).contains(stored(code)), "a refusal shows nothing of the code");
      }
      assertEquals(401, p.api.get(url, null).status());
      assertStatus(p.api.get(url, p.c.producerAdmin), 200);
      assertStatus(p.api.get(url, farm.recorder), 200);
      assertStatus(p.api.get(url, p.c.lab.tester), 200);
    }
  }

  @Test
  @DisplayName("a label is 50 × 30 mm in the viewer's Chinese fonts, says 承诺达标合格证, the product, producer, origin, pack date, net weight, lot and basis, and its QR decodes to the unit's URL at 0.4-1.0 mm a module")
  void label(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    JsonObject run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_14), 5, 500, "g").put("caseSize", 4));
    String code = run.getJsonArray("units").getJsonObject(0).getString("code");
    Api.Response r = p.api.get("/api/v1/labels/" + code + "/label.svg", p.c.lab.farm.recorder);
    assertStatus(r, 200);
    String svg = lab(r);
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"page\" width=\"50mm\" height=\"30mm\" viewBox=\"0 0 50 30\""), svg);
    assertTrue(svg.contains("font-family=\"'PingFang SC', 'Noto Sans CJK SC'"), svg);
    assertFalse(svg.contains("@font-face"), "no embedded fonts");
    var certificate = TestServer.get().sql("SELECT issuer, origin FROM certificates WHERE batch_id = $1",
        UUID.fromString(batch)).iterator().next();
    for (String text : new String[] {"承诺达标合格证", run.getString("productName"), "生产者", "产地", "包装日期",
        Farm.today().toString(), "净含量", "500 克", "批号", run.getString("lotCode"), "依据"}) {
      assertTrue(svg.contains(text), text + " in " + svg);
    }
    assertTrue(svg.contains("生产者</tspan> " + certificate.getString("issuer").substring(0, 6)), "the producer, wrapped");
    assertTrue(svg.contains("产地</tspan> " + certificate.getString("origin").substring(0, 6)), "the origin, wrapped");
    assertTrue(svg.matches("(?s).*依据</tspan> (自行检测合格|委托检测合格|质量安全控制符合要求).*"), svg);
    List<Drawn> qr = qrs(svg);
    assertEquals(1, qr.size());
    assertEquals(stored(code), qr.get(0).text());
    assertTrue(qr.get(0).module() >= 0.4 && qr.get(0).module() <= 1.0, "module " + qr.get(0).module());

    String box = run.getJsonArray("cases").getJsonObject(0).getString("code");
    String caseSvg = lab(p.api.get("/api/v1/labels/" + box + "/label.svg", p.c.lab.farm.recorder));
    assertTrue(caseSvg.contains("4 件，共 2000 克"), caseSvg);
    assertEquals(stored(box), qrs(caseSvg).get(0).text());
  }
}
