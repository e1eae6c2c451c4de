package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1/scan}: a photo of a label read back to its unit, and every photo it cannot read. */
@ExtendWith(VertxExtension.class)
class ScanTest {

  private static final String SCAN = "/api/v1/scan";

  private static Api.Response scan(Api api, String token, String type, byte[] body) {
    return api.postRaw(SCAN, token, type, Buffer.buffer(body));
  }

  /** A packed unit of a farm's certified batch: its code. */
  private static String packedUnit(Packing p, String gtin) {
    String batch = p.certified();
    return p.packed(batch, Packing.run(p.product(batch, gtin), 1, 1, "kg"))
        .getJsonArray("units").getJsonObject(0).getString("code");
  }

  private static byte[] labelPng(Packing p, String code) {
    Api.Response png = p.api.get("/api/v1/labels/" + code + "/qr.png?px=4", p.c.lab.farm.recorder);
    assertStatus(png, 200);
    return png.raw().bodyAsBuffer().getBytes();
  }

  private static JsonObject batchOf(String code) {
    var row = TestServer.get().sql("SELECT r.batch_id, b.lot_code FROM label_codes l"
        + " JOIN packing_runs r ON r.id = l.run_id JOIN batches b ON b.id = r.batch_id WHERE l.code = $1", code)
        .iterator().next();
    return new JsonObject().put("id", row.getUUID("batch_id").toString()).put("lot", row.getString("lot_code"));
  }

  /** The label drawn into a photo-like picture: grey, larger, scaled, turned a little, JPEG-compressed. */
  private static byte[] photoOf(byte[] png, int width, double scale) throws IOException {
    BufferedImage label = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage photo = new BufferedImage(width, width * 3 / 4, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0x8A, 0x8C, 0x88));
    g.fillRect(0, 0, photo.getWidth(), photo.getHeight());
    int cx = width * 7 / 16;
    int cy = width * 3 / 8;
    g.rotate(Math.toRadians(7), cx, cy);
    int side = (int) (label.getWidth() * scale);
    g.drawImage(label, cx - side / 2 + 40, cy - side / 2 - 30, side, side, null);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.6f);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(photo, null, null), param);
    }
    writer.dispose();
    return out.toByteArray();
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A QR code ZXing's own encoder draws of the text, 6 pixels a module. */
  private static byte[] foreignQr(String text) throws Exception {
    BitMatrix bits = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300);
    BufferedImage image = new BufferedImage(bits.getWidth(), bits.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < bits.getHeight(); y++) {
      for (int x = 0; x < bits.getWidth(); x++) {
        image.setRGB(x, y, bits.get(x, y) ? 0x000000 : 0xFFFFFF);
      }
    }
    return png(image);
  }

  @Test
  @DisplayName("a label PNG the server rendered is scanned back to its unit: code, product, batch lot and status, producer, and the batch's id for its own producer")
  void labelPngScansBackToItsUnit(Vertx vertx) {
    Packing p = new Packing(vertx);
    String code = packedUnit(p, null);
    JsonObject batch = batchOf(code);

    Api.Response r = scan(p.api, p.c.lab.farm.recorder, "image/png", labelPng(p, code));
    assertStatus(r, 200);
    JsonObject answer = r.json();
    assertEquals(LabelFilesTest.stored(code), answer.getString("text"));
    assertTrue(answer.getBoolean("known"));
    assertEquals(code, answer.getString("code"));
    JsonObject unit = answer.getJsonObject("unit");
    assertEquals(code, unit.getString("code"));
    assertEquals("unit", unit.getString("kind"));
    assertTrue(unit.getString("product").startsWith("上海青"), unit.encode());
    assertEquals(batch.getString("lot"), unit.getString("lot"));
    assertEquals("released", unit.getString("status"));
    assertEquals(batch.getString("id"), unit.getString("batchId"));
    assertFalse(unit.getString("producer").isBlank());
  }

  @Test
  @DisplayName("a Digital Link label drawn into a larger photo (scaled, turned 7°, on grey, JPEG-compressed) still decodes to its unit, and shows a hold at once")
  void photoOfDigitalLinkLabel(Vertx vertx) throws Exception {
    Packing p = new Packing(vertx);
    String code = packedUnit(p, Packing.GTIN_14);
    assertTrue(LabelFilesTest.stored(code).contains("/01/"), LabelFilesTest.stored(code));
    byte[] photo = photoOf(labelPng(p, code), 1600, 1.7);
    p.c.hold(batchOf(code).getString("id"), "抽检复核");

    Api.Response r = scan(p.api, p.c.producerAdmin, "image/jpeg", photo);
    assertStatus(r, 200);
    assertEquals(LabelFilesTest.stored(code), r.json().getString("text"));
    assertEquals(code, r.json().getString("code"));
    assertEquals("held", r.json().getJsonObject("unit").getString("status"));
  }

  @Test
  @DisplayName("a case's label scans back to the case")
  void caseLabel(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String code = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_13), 2, 1, "kg").put("caseSize", 2))
        .getJsonArray("cases").getJsonObject(0).getString("code");
    Api.Response r = scan(p.api, p.c.producerAdmin, "image/png", labelPng(p, code));
    assertStatus(r, 200);
    assertEquals(LabelFilesTest.stored(code), r.json().getString("text"));
    assertEquals(code, r.json().getString("code"));
    assertEquals("case", r.json().getJsonObject("unit").getString("kind"));
    assertEquals(batch, r.json().getJsonObject("unit").getString("batchId"));
  }

  @Test
  @DisplayName("a photo of 4000 × 3000 pixels, larger than the scan reads at full size, still decodes to its unit")
  void largePhoto(Vertx vertx) throws Exception {
    Packing p = new Packing(vertx);
    String code = packedUnit(p, null);
    byte[] photo = photoOf(labelPng(p, code), 4000, 4.5);
    assertTrue(photo.length < 5 * 1024 * 1024, "a photo the body limit takes: " + photo.length);
    Api.Response r = scan(p.api, p.c.inspector, "image/jpeg", photo);
    assertStatus(r, 200);
    assertEquals(code, r.json().getString("code"));
    assertEquals(code, r.json().getJsonObject("unit").getString("code"));
  }

  @Test
  @DisplayName("another producer's user sees only what the public page shows of a unit; an inspector sees its batch's id too")
  void otherProducerSeesThePublicFacts(Vertx vertx) {
    Packing p = new Packing(vertx);
    String code = packedUnit(p, null);
    byte[] label = labelPng(p, code);
    Farm other = new Farm(p.api);

    Api.Response outsider = scan(p.api, other.recorder, "image/png", label);
    assertStatus(outsider, 200);
    JsonObject unit = outsider.json().getJsonObject("unit");
    assertEquals(code, unit.getString("code"));
    assertFalse(unit.containsKey("batchId"), unit.encode());
    assertFalse(outsider.raw().bodyAsString().contains(p.c.lab.farm.producerId));
    assertFalse(outsider.raw().bodyAsString().contains(batchOf(code).getString("id")));

    Api.Response inspector = scan(p.api, p.c.inspector, "image/png", label);
    assertStatus(inspector, 200);
    assertEquals(batchOf(code).getString("id"), inspector.json().getJsonObject("unit").getString("batchId"));
  }

  @Test
  @DisplayName("a QR code that is not one of our labels answers its text and known false")
  void foreignQrIsUnknown(Vertx vertx) throws Exception {
    Api api = new Api(vertx);
    Farm farm = new Farm(api);
    Api.Response r = scan(api, farm.recorder, "image/png", foreignQr("https://example.com/"));
    assertStatus(r, 200);
    assertEquals("https://example.com/", r.json().getString("text"));
    assertFalse(r.json().getBoolean("known"));
    assertNull(r.json().getValue("unit"));
  }

  @Test
  @DisplayName("a photo with no QR code in it is a 422 scan.no_code that says to move closer, aim and light it")
  void blankPhotoIs422(Vertx vertx) throws Exception {
    Api api = new Api(vertx);
    Farm farm = new Farm(api);
    BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 640, 480);
    g.dispose();
    Api.Response r = scan(api.with("Accept-Language", "zh"), farm.recorder, "image/png", png(blank));
    assertProblem(r, 422, "no_code", null);
    assertEquals("scan.no_code", r.json().getString("code"));
    assertEquals("照片里没有找到二维码，请靠近一点、对准标签、光线充足后重拍", r.json().getString("message"));
  }

  @Test
  @DisplayName("what is not a JPEG or PNG is a 415 by its type, a 400 by its bytes; an empty or broken image a 400")
  void notAnImage(Vertx vertx) throws Exception {
    Api api = new Api(vertx);
    Farm farm = new Farm(api);
    byte[] text = "https://example.com/".getBytes();
    assertProblem(scan(api, farm.recorder, "text/plain", text), 415, "unsupported_media_type", null);
    assertProblem(scan(api, farm.recorder, "image/png", text), 400, "invalid_field", "body");
    assertProblem(scan(api, farm.recorder, "image/jpeg", new byte[0]), 400, "invalid_field", "body");
    byte[] truncated = java.util.Arrays.copyOf(foreignQr("x"), 20);
    assertProblem(scan(api, farm.recorder, "image/png", truncated), 400, "invalid_field", "body");
  }

  @Test
  @DisplayName("without a login the scan is a 401, and a body over 5 MiB a 413")
  void loginAndSize(Vertx vertx) throws Exception {
    Api api = new Api(vertx);
    Farm farm = new Farm(api);
    byte[] qr = foreignQr("https://example.com/");
    assertEquals(401, scan(api, null, "image/png", qr).status());
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(qr, 0, big, 0, qr.length);
    assertProblem(scan(api, farm.recorder, "image/png", big), 413, "payload_too_large", null);
  }
}
