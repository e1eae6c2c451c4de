package agritrace.labels;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.QRCode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;

/**
 * QR codes for labels: ZXing's encoder makes the symbol (its mask chosen by {@link MaskSelection}),
 * and this class draws it, with its quiet
 * zone of 4 modules, as a 1-bit PNG of whole pixels per module or as an SVG of one path sized in
 * millimetres or pixels per module. CPU work: call it off the event loop.
 */
public final class QrImages {

  /** Light modules around the symbol on every side (ISO/IEC 18004 and GS1's minimum). */
  public static final int QUIET_ZONE = 4;

  /** The units an SVG's size can be given in. */
  public enum Unit {
    MM, PX
  }

  private QrImages() {
  }

  /** The symbol for {@code text} at error correction level M, the usual default for labels. */
  public static QRCode encode(String text) {
    return encode(text, ErrorCorrectionLevel.M);
  }

  /** The symbol for {@code text} at the given error correction level, as ZXing's encoder makes it. */
  public static QRCode encode(String text, ErrorCorrectionLevel level) {
    try {
      return MaskSelection.encode(text, level);
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit in a QR code", e);
    }
  }

  /** Modules across the image, quiet zone included. */
  public static int size(QRCode qr) {
    return qr.getMatrix().getWidth() + 2 * QUIET_ZONE;
  }

  /** A 1-bit greyscale PNG, {@code pixelsPerModule} pixels for each module. */
  public static byte[] png(QRCode qr, int pixelsPerModule) {
    if (pixelsPerModule < 1 || pixelsPerModule > 100) {
      throw new IllegalArgumentException("pixels per module must be 1-100: " + pixelsPerModule);
    }
    byte[][] modules = qr.getMatrix().getArray();
    int side = size(qr) * pixelsPerModule;
    int lineLength = Png1Bit.scanlineLength(side);
    byte[] scanlines = new byte[lineLength * side];
    byte[] line = new byte[lineLength];
    int margin = QUIET_ZONE * pixelsPerModule;
    for (int y = 0; y < side; y++) {
      if (y < margin || y >= side - margin) {
        lightLine(line);
      } else if ((y - margin) % pixelsPerModule == 0) {
        lightLine(line);
        byte[] row = modules[(y - margin) / pixelsPerModule];
        for (int x = 0; x < row.length; x++) {
          if (row[x] == 1) {
            darken(line, margin + x * pixelsPerModule, pixelsPerModule);
          }
        }
      }
      System.arraycopy(line, 0, scanlines, y * lineLength, lineLength);
    }
    return Png1Bit.encode(side, side, scanlines);
  }

  /**
   * An SVG document of the symbol, each module {@code moduleSize} millimetres or pixels wide;
   * its user units are modules. The dark modules are one path (see {@link #svgPath}).
   */
  public static String svg(QRCode qr, double moduleSize, Unit unit) {
    if (!(moduleSize > 0 && moduleSize <= 100)) {
      throw new IllegalArgumentException("module size must be above 0 and at most 100: " + moduleSize);
    }
    int size = size(qr);
    String side = BigDecimal.valueOf(Math.round(size * moduleSize * 1000), 3).stripTrailingZeros().toPlainString()
        + unit.name().toLowerCase(Locale.ROOT);
    StringBuilder svg = new StringBuilder(4 * size * size)
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(side).append("\" height=\"")
        .append(side).append("\" viewBox=\"0 0 ").append(size).append(' ').append(size)
        .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(size).append("\" height=\"")
        .append(size).append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    appendPath(qr, svg);
    return svg.append("\"/></svg>").toString();
  }

  /**
   * The path data of the dark modules, in modules from the quiet zone's corner: one rectangle,
   * {@code M{x} {y}h{n}v1h-{n}z}, for each horizontal run of dark modules. For placing the
   * symbol inside another SVG (a label) with a {@code transform}.
   */
  public static String svgPath(QRCode qr) {
    StringBuilder d = new StringBuilder(4 * size(qr) * size(qr));
    appendPath(qr, d);
    return d.toString();
  }

  private static void appendPath(QRCode qr, StringBuilder d) {
    byte[][] modules = qr.getMatrix().getArray();
    for (int y = 0; y < modules.length; y++) {
      byte[] row = modules[y];
      for (int x = 0; x < row.length; x++) {
        if (row[x] == 1) {
          int start = x;
          while (x + 1 < row.length && row[x + 1] == 1) {
            x++;
          }
          int run = x - start + 1;
          d.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append('h').append(run)
              .append("v1h-").append(run).append('z');
        }
      }
    }
  }

  private static void lightLine(byte[] line) {
    line[0] = 0; // filter type None
    Arrays.fill(line, 1, line.length, (byte) 0xFF);
  }

  private static void darken(byte[] line, int from, int count) {
    for (int x = from; x < from + count; x++) {
      line[1 + (x >> 3)] &= (byte) ~(0x80 >> (x & 7));
    }
  }
}
