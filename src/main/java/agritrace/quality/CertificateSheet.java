package agritrace.quality;

import static agritrace.labels.TextFit.width;
import static agritrace.labels.TextFit.wrap;

import agritrace.labels.QrImages;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The printed certificate's drawing, 100 × 70 mm (templates/certificate-sheet.svg): the QR code of its
 * public URL as one SVG path of dark modules, and its text laid out in lines that fit. CPU work:
 * made on a worker thread.
 */
final class CertificateSheet {

  /** One line of text: where it starts (mm), its size, and its label and value. */
  record Line(double x, double y, double size, String label, String value) {
    Line {
      x = Math.round(x * 100) / 100.0;
      y = Math.round(y * 100) / 100.0;
    }
  }

  /** The QR code: its width in modules, quiet zone included, and the path of its dark modules. */
  record Qr(int modules, String path) {
  }

  /** The right column: from x = 46 mm to 97 mm; the foot: from 3 mm to 97 mm. */
  private static final double COLUMN_X = 46;
  private static final double COLUMN_WIDTH = 51;
  private static final double FOOT_WIDTH = 94;

  private CertificateSheet() {
  }

  /** The QR code of {@code url}: error correction level M, a quiet zone of 4 modules ({@link QrImages}). */
  static Qr qr(String url) {
    QRCode symbol = QrImages.encode(url);
    return new Qr(QrImages.size(symbol), QrImages.svgPath(symbol));
  }

  /**
   * The fields, label then value, as lines in the right column from y = 22 mm, a value too long
   * for one line continuing on the next; at most to y = 54 mm, where the foot begins.
   */
  static List<Line> fields(List<String[]> labelled) {
    List<Line> lines = new ArrayList<>();
    double y = 22;
    for (String[] field : labelled) {
      double labelWidth = width(field[0], 2.2) + 1.2;
      List<String> parts = wrap(field[1], COLUMN_WIDTH - labelWidth, 2.8);
      for (int i = 0; i < parts.size() && y <= 54; i++) {
        lines.add(new Line(i == 0 ? COLUMN_X : COLUMN_X + labelWidth, y, 2.8, i == 0 ? field[0] : "", parts.get(i)));
        y += 3.9;
      }
    }
    return lines;
  }

  /** A text of the foot (the commitment), wrapped across the sheet's width from {@code top}. */
  static List<Line> foot(String text, double size, double top) {
    List<Line> lines = new ArrayList<>();
    double y = top;
    for (String part : wrap(text, FOOT_WIDTH, size)) {
      lines.add(new Line(3, y, size, "", part));
      y += size * 1.3;
    }
    return lines;
  }
}
