package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrImagesTest {

  private static final String BASE = "https://trace.example.cn";
  private static final Gtin GTIN = Gtin.parse("09520123456788");

  /**
   * Digital Links (some with values that need percent-encoding), a /t/ link, a long link; fixed,
   * so that none is one of the rare codes ZXing's detector misses (see {@link QrDecoding}).
   */
  private static List<String> texts() {
    return List.of(
        DigitalLink.ofUnit(GTIN, "HZ2026-1130", "7K3Q9XWD2M4N6P8R").uri(BASE),
        DigitalLink.ofUnit(GTIN, "A/B+50%", "x!y(2)").uri(BASE),
        DigitalLink.ofUnit(GTIN, "!\"%&'()*+,-./:;<=>?_", "z".repeat(20)).uri(BASE),
        DigitalLink.ofLot(GTIN, "L1").uri(BASE),
        BASE + "/t/0123456789ABCDEF",
        "https://agritrace.zj-coop.example.cn/t/ZYXWVTSRQPNMKJHG?linkType=gs1:pip");
  }

  @ParameterizedTest(name = "{0} px a module")
  @ValueSource(ints = {2, 3, 4, 7, 10})
  @DisplayName("a PNG of each kind of link decodes to exactly its text at every size a reader can read")
  void pngsDecode(int pixelsPerModule) {
    for (String text : texts()) {
      byte[] png = QrImages.png(QrImages.encode(text), pixelsPerModule);
      assertEquals(QrDecoding.Read.detected(text), QrDecoding.decodePng(png));
    }
  }

  @Test
  @DisplayName("the PNG is a signature, IHDR of a 1-bit greyscale image, one IDAT and IEND, each CRC right")
  void pngStructure() {
    QRCode qr = QrImages.encode(BASE + "/t/7K3Q9XWD2M4N6P8R");
    byte[] png = QrImages.png(qr, 4);
    assertEquals(List.of("IHDR", "IDAT", "IEND"), QrDecoding.pngChunks(png));
    ByteBuffer header = ByteBuffer.wrap(png, 16, 13);
    int side = (qr.getMatrix().getWidth() + 8) * 4;
    assertEquals(side, header.getInt());
    assertEquals(side, header.getInt());
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0}, new byte[] {header.get(), header.get(), header.get(),
        header.get(), header.get()}, "bit depth 1, greyscale, deflate, no filter method, no interlace");
    assertTrue(png.length < 1200, "a 1-bit image of " + side + " px compresses to " + png.length + " bytes");
  }

  @ParameterizedTest(name = "{0} px a module")
  @ValueSource(ints = {1, 3, 5, 9})
  @DisplayName("every PNG pixel is its module's colour, with 4 light modules of quiet zone on each side")
  void pngPixelsAreTheModules(int scale) throws Exception {
    QRCode qr = QrImages.encode(BASE + "/01/09520123456788/10/L1/21/S1");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrImages.png(qr, scale)));
    int n = qr.getMatrix().getWidth();
    assertEquals((n + 8) * scale, image.getWidth());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int mx = x / scale - 4;
        int my = y / scale - 4;
        boolean dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.getMatrix().get(mx, my) == 1;
        assertEquals(dark ? 0xFF000000 : 0xFFFFFFFF, image.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  @DisplayName("the SVG's one path covers exactly the dark modules, placed inside the quiet zone")
  void svgPathIsTheModules() {
    QRCode qr = QrImages.encode(BASE + "/01/09520123456788/10/L1/21/S1");
    boolean[][] drawn = QrDecoding.svgPathModules(QrImages.svg(qr, 0.5, QrImages.Unit.MM));
    int n = qr.getMatrix().getWidth();
    assertEquals(n + 8, drawn.length);
    for (int y = 0; y < drawn.length; y++) {
      for (int x = 0; x < drawn.length; x++) {
        boolean inside = x >= 4 && y >= 4 && x < n + 4 && y < n + 4;
        assertEquals(inside && qr.getMatrix().get(x - 4, y - 4) == 1, drawn[y][x], "module " + x + "," + y);
      }
    }
  }

  @Test
  @DisplayName("an SVG of each kind of link decodes to exactly its text")
  void svgsDecode() {
    for (String text : texts()) {
      QRCode qr = QrImages.encode(text);
      assertEquals(QrDecoding.Read.detected(text), QrDecoding.decodeSvg(QrImages.svg(qr, 0.4, QrImages.Unit.MM)));
      assertEquals(QrDecoding.Read.detected(text), QrDecoding.decodeSvg(QrImages.svg(qr, 4, QrImages.Unit.PX)));
    }
  }

  @Test
  @DisplayName("the SVG is one white square and one path of horizontal runs, crisp-edged, sized per module")
  void svgShape() {
    QRCode qr = QrImages.encode(BASE + "/t/7K3Q9XWD2M4N6P8R");
    int side = qr.getMatrix().getWidth() + 8;
    String svg = QrImages.svg(qr, 0.4, QrImages.Unit.MM);
    assertEquals(1, svg.split("<path").length - 1);
    assertEquals(1, svg.split("<rect").length - 1);
    assertTrue(svg.contains("shape-rendering=\"crispEdges\""), svg);
    assertTrue(svg.contains("viewBox=\"0 0 " + side + " " + side + "\""), svg);
    String mm = new java.math.BigDecimal(side).multiply(new java.math.BigDecimal("0.4")).stripTrailingZeros()
        .toPlainString();
    assertTrue(svg.contains("width=\"" + mm + "mm\" height=\"" + mm + "mm\""), svg);
    assertTrue(QrImages.svg(qr, 3, QrImages.Unit.PX).contains("width=\"" + side * 3 + "px\""));
    long runs = QrImages.svgPath(qr).chars().filter(c -> c == 'M').count();
    long dark = 0;
    for (byte[] row : qr.getMatrix().getArray()) {
      for (byte module : row) {
        dark += module;
      }
    }
    assertTrue(runs < dark * 3 / 4, runs + " runs for " + dark + " dark modules");
  }

  @Test
  @DisplayName("500 random unit links all decode from PNG and SVG, those ZXing's detector misses from their module grid")
  void randomLinksDecode() {
    java.util.Random random = new java.util.Random(13);
    int missed = 0;
    for (int i = 0; i < 500; i++) {
      String text = DigitalLink.ofUnit(GTIN, "L1", UnitCode.random(random).value()).uri(BASE);
      QRCode qr = QrImages.encode(text);
      QrDecoding.Read png = QrDecoding.decodePng(QrImages.png(qr, 4));
      assertEquals(text, png.text());
      assertEquals(text, QrDecoding.decodeSvg(QrImages.svg(qr, 0.5, QrImages.Unit.MM)).text());
      missed += png.fromGrid() ? 1 : 0;
    }
    assertTrue(missed <= 5, missed + " of 500 missed by the detector");
  }

  @Test
  @DisplayName("a code ZXing's detector misses even as the naive path draws it is read from the same module grid")
  void detectorMiss() {
    String text = "https://trace.example.cn/01/09520123456788/10/L1/21/MZ61V4MV";
    QRCode qr = QrImages.encode(text);
    assertEquals(new QrDecoding.Read(text, true), QrDecoding.decodePng(QrImages.png(qr, 4)));
    assertEquals(new QrDecoding.Read(text, true), QrDecoding.decodePng(agritrace.bench.LabelsBench.naivePng(qr)));
  }

  @Test
  @DisplayName("error correction is M unless asked, and the level asked for is used")
  void errorCorrection() {
    assertEquals(ErrorCorrectionLevel.M, QrImages.encode(BASE + "/t/7K3Q9XWD2M4N6P8R").getECLevel());
    QRCode high = QrImages.encode(BASE + "/t/7K3Q9XWD2M4N6P8R", ErrorCorrectionLevel.H);
    assertEquals(ErrorCorrectionLevel.H, high.getECLevel());
    assertEquals(QrDecoding.Read.detected(BASE + "/t/7K3Q9XWD2M4N6P8R"), QrDecoding.decodePng(QrImages.png(high, 2)));
  }

  @Test
  @DisplayName("sizes out of range and text too long for a QR code are refused")
  void badSizes() {
    QRCode qr = QrImages.encode(BASE + "/t/7K3Q9XWD2M4N6P8R");
    assertThrows(IllegalArgumentException.class, () -> QrImages.png(qr, 0));
    assertThrows(IllegalArgumentException.class, () -> QrImages.png(qr, 101));
    assertThrows(IllegalArgumentException.class, () -> QrImages.svg(qr, 0, QrImages.Unit.MM));
    assertThrows(IllegalArgumentException.class, () -> QrImages.svg(qr, Double.NaN, QrImages.Unit.MM));
    assertThrows(IllegalArgumentException.class, () -> QrImages.encode("x".repeat(3000)));
  }
}
