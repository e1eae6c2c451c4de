package agritrace.labels;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Reads back the images {@link QrImages} and the benchmark's naive paths make, the way a
 * scanner would: PNGs through the JDK's own PNG reader, SVGs rasterized here from their path or
 * rects, then ZXing's QR reader on the pixels. Shared by the tests and {@code LabelsBench}.
 *
 * <p>ZXing's detector misses the finder patterns of about 1 in 800 perfectly drawn codes (the
 * same codes whoever draws them: a finder-like pattern in the data; some URLs' codes far more
 * often). Those are read again as the scan reads a photo ({@link PhotoScan}: shrunk, then as a
 * bare symbol), else from their module grid, sampled at the centre of each module (the quiet zone's width giving the
 * module's size), by ZXing's QR {@link Decoder}: format, error correction and data, without
 * the detector. The answer says which way a code was read.
 */
public final class QrDecoding {

  /** A decoded text, and whether ZXing's detector missed the symbol so that its grid was read. */
  public record Read(String text, boolean fromGrid) {

    /** Read by the detector, as a scanner would. */
    public static Read detected(String text) {
      return new Read(text, false);
    }
  }

  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final Pattern PATH_DATA = Pattern.compile("<path[^>]* d=\"([^\"]*)\"");
  private static final Pattern RECT = Pattern.compile("<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"1\" height=\"1\"/>");
  private static final Pattern COMMAND = Pattern.compile("([MmHhVvZz])\\s*(-?\\d+(?:[ ,]-?\\d+)?)?");

  private QrDecoding() {
  }

  /** The text of the QR code in a PNG. */
  public static Read decodePng(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      int w = image.getWidth();
      int h = image.getHeight();
      return decodePixels(image.getRGB(0, 0, w, h, null, 0, w), w, h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the QR code drawn by an SVG's one path, rasterized at 3 pixels a module. */
  public static Read decodeSvg(String svg) {
    return decodeGrid(svgPathModules(svg), 3);
  }

  /** The text of the QR code drawn as one rect per dark module (the benchmark's naive SVG). */
  public static Read decodeRectSvg(String svg) {
    boolean[][] grid = emptyGrid(svg);
    Matcher rect = RECT.matcher(svg);
    while (rect.find()) {
      grid[Integer.parseInt(rect.group(2))][Integer.parseInt(rect.group(1))] = true;
    }
    return decodeGrid(grid, 3);
  }

  /**
   * The dark modules of an SVG's path, [y][x] over its whole viewBox: each subpath must close an
   * axis-aligned rectangle on whole modules, which is filled.
   */
  public static boolean[][] svgPathModules(String svg) {
    boolean[][] grid = emptyGrid(svg);
    Matcher data = PATH_DATA.matcher(svg);
    if (!data.find()) {
      throw new AssertionError("no path in the SVG");
    }
    Matcher command = COMMAND.matcher(data.group(1));
    int x = 0;
    int y = 0;
    List<int[]> corners = new ArrayList<>();
    int at = 0;
    while (command.find()) {
      if (command.start() != at) {
        throw new AssertionError("unexpected path data at " + at);
      }
      at = command.end();
      char op = command.group(1).charAt(0);
      String[] args = command.group(2) == null ? new String[0] : command.group(2).split("[ ,]");
      switch (op) {
        case 'M', 'm' -> {
          x = (op == 'm' ? x : 0) + Integer.parseInt(args[0]);
          y = (op == 'm' ? y : 0) + Integer.parseInt(args[1]);
          corners.clear();
        }
        case 'H', 'h' -> x = (op == 'h' ? x : 0) + Integer.parseInt(args[0]);
        case 'V', 'v' -> y = (op == 'v' ? y : 0) + Integer.parseInt(args[0]);
        default -> {
          fillRectangle(grid, corners);
          corners.clear();
          continue;
        }
      }
      corners.add(new int[] {x, y});
    }
    if (at != data.group(1).length()) {
      throw new AssertionError("unexpected path data at " + at);
    }
    return grid;
  }

  /**
   * The chunk types of a PNG, after checking its signature, every chunk's length and CRC-32, and
   * that it ends with IEND.
   */
  public static List<String> pngChunks(byte[] png) {
    ByteBuffer in = ByteBuffer.wrap(png);
    byte[] signature = new byte[8];
    in.get(signature);
    if (!new String(signature, StandardCharsets.ISO_8859_1).equals("\u0089PNG\r\n\u001a\n")) {
      throw new AssertionError("not a PNG signature");
    }
    List<String> types = new ArrayList<>();
    while (in.hasRemaining()) {
      int length = in.getInt();
      byte[] typeAndData = new byte[4 + length];
      in.get(typeAndData);
      CRC32 crc = new CRC32();
      crc.update(typeAndData);
      if ((int) crc.getValue() != in.getInt()) {
        throw new AssertionError("bad CRC in chunk " + types.size());
      }
      types.add(new String(typeAndData, 0, 4, StandardCharsets.US_ASCII));
    }
    return types;
  }

  /** The text of a module grid drawn at {@code scale} pixels a module. */
  public static Read decodeGrid(boolean[][] grid, int scale) {
    int side = grid.length * scale;
    int[] pixels = new int[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        pixels[y * side + x] = grid[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
      }
    }
    return decodePixels(pixels, side, side);
  }

  static Read decodePixels(int[] argb, int width, int height) {
    RGBLuminanceSource pixels = new RGBLuminanceSource(width, height, argb);
    try {
      return new Read(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(pixels))).getText(), false);
    } catch (ReaderException missed) {
      // As the scan reads a photo: shrunk, then as a bare symbol; then module by module.
      String read = PhotoScan.read(pixels);
      return new Read(read != null ? read : decodeModules(sampleModules(argb, width, height)), true);
    }
  }

  /** The modules of a square image of whole pixels per module with a 4-module quiet zone. */
  private static boolean[][] sampleModules(int[] argb, int width, int height) {
    int first = 0;
    while (first < argb.length && (argb[first] & 0xFF) > 127) {
      first++;
    }
    int pixels = (first % width) / QrImages.QUIET_ZONE;
    if (pixels == 0 || width != height || width % pixels != 0) {
      throw new AssertionError("not an image of whole pixels per module");
    }
    int side = width / pixels;
    boolean[][] grid = new boolean[side][side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        grid[y][x] = (argb[(y * pixels + pixels / 2) * width + x * pixels + pixels / 2] & 0xFF) <= 127;
      }
    }
    return grid;
  }

  /** ZXing's QR decoder on a module grid, its quiet zone of 4 modules around it. */
  private static String decodeModules(boolean[][] grid) {
    int n = grid.length - 2 * QrImages.QUIET_ZONE;
    BitMatrix bits = new BitMatrix(n);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (grid[y + QrImages.QUIET_ZONE][x + QrImages.QUIET_ZONE]) {
          bits.set(x, y);
        }
      }
    }
    try {
      return new Decoder().decode(bits).getText();
    } catch (ReaderException e) {
      throw new AssertionError("no QR code could be read", e);
    }
  }

  private static boolean[][] emptyGrid(String svg) {
    Matcher box = VIEW_BOX.matcher(svg);
    if (!box.find() || !box.group(1).equals(box.group(2))) {
      throw new AssertionError("no square viewBox");
    }
    int side = Integer.parseInt(box.group(1));
    return new boolean[side][side];
  }

  private static void fillRectangle(boolean[][] grid, List<int[]> corners) {
    if (corners.size() != 4) {
      throw new AssertionError("a subpath that is not a rectangle: " + corners.size() + " corners");
    }
    int x0 = Math.min(corners.get(0)[0], corners.get(2)[0]);
    int x1 = Math.max(corners.get(0)[0], corners.get(2)[0]);
    int y0 = Math.min(corners.get(0)[1], corners.get(2)[1]);
    int y1 = Math.max(corners.get(0)[1], corners.get(2)[1]);
    boolean axisAligned = corners.get(1)[0] == corners.get(2)[0] && corners.get(1)[1] == corners.get(0)[1]
        && corners.get(3)[0] == corners.get(0)[0] && corners.get(3)[1] == corners.get(2)[1];
    if (!axisAligned || x0 == x1 || y0 == y1) {
      throw new AssertionError("a subpath that is not an axis-aligned rectangle");
    }
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if (grid[y][x]) {
          throw new AssertionError("rectangles overlap at " + x + "," + y);
        }
        grid[y][x] = true;
      }
    }
  }
}
