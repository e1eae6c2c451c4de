package agritrace.labels;

import agritrace.http.ApiError;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The text of the QR code in a photo of a label, read by ZXing as hard as it tries. A photo
 * larger than {@link #MAX_SIDE} pixels a side is read subsampled (a label fills enough of a photo
 * for that), so that no photo, however many pixels its header claims, fills the memory.
 * CPU work: call it on a worker thread.
 */
final class PhotoScan {

  static final int MAX_SIDE = 2000;
  /** The smallest picture worth reading: the smallest symbol (version 1) and its quiet zone at 1 px a module. */
  private static final int MIN_SIDE = 21 + 2 * QrImages.QUIET_ZONE;

  private static final Map<DecodeHintType, Object> HINTS = Map.of(
      DecodeHintType.TRY_HARDER, Boolean.TRUE,
      DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
      DecodeHintType.CHARACTER_SET, "UTF-8");

  private static final Map<DecodeHintType, Object> PURE = Map.of(
      DecodeHintType.PURE_BARCODE, Boolean.TRUE,
      DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
      DecodeHintType.CHARACTER_SET, "UTF-8");

  private PhotoScan() {
  }

  /**
   * The decoded text; null when the image shows no readable QR code; a 400 when it is no image at all.
   *
   * <p>ZXing's detector misses a few symbols at some scales and finds them at others (about 2 in
   * 100 of one URL's random codes, drawn perfectly at 3 px a module or more, yet read at once at 1
   * or 2): when the photo as taken is not read, it is read again shrunk to a half, a third and a
   * quarter, each by both binarizers, and at last as a picture of nothing but the symbol (a
   * label file or a screenshot of one), before it is judged code-less.
   */
  static String read(byte[] bytes) {
    BufferedImage image = image(bytes);
    int w = image.getWidth();
    int h = image.getHeight();
    return read(new RGBLuminanceSource(w, h, image.getRGB(0, 0, w, h, null, 0, w)));
  }

  /** The text of the QR code in the picture, tried as {@link #read(byte[])} says; null when none is read. */
  static String read(LuminanceSource pixels) {
    int side = Math.min(pixels.getWidth(), pixels.getHeight());
    String text = detect(pixels);
    for (int step = 2; text == null && step <= 4 && side / step >= MIN_SIDE; step++) {
      text = detect(shrunk(pixels, step));
    }
    return text != null ? text : readPure(pixels);
  }

  /** The image read as nothing but a symbol on white (a label file, a screenshot of one): no detection needed. */
  private static String readPure(LuminanceSource pixels) {
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(pixels)), PURE).getText();
    } catch (ReaderException missed) {
      return null;
    }
  }

  private static String detect(LuminanceSource pixels) {
    QRCodeReader reader = new QRCodeReader();
    for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(pixels)),
        new BinaryBitmap(new GlobalHistogramBinarizer(pixels)))) {
      try {
        return reader.decode(bitmap, HINTS).getText();
      } catch (ReaderException missed) {
        reader.reset();
      }
    }
    return null;
  }

  /** The picture at 1/{@code step} of its size, each pixel the mean of a {@code step} × {@code step} block. */
  private static LuminanceSource shrunk(LuminanceSource pixels, int step) {
    int w = pixels.getWidth();
    int h = pixels.getHeight();
    int sw = w / step;
    int sh = h / step;
    byte[] from = pixels.getMatrix();
    byte[] to = new byte[sw * sh];
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        int sum = 0;
        for (int dy = 0; dy < step; dy++) {
          int row = (y * step + dy) * w + x * step;
          for (int dx = 0; dx < step; dx++) {
            sum += from[row + dx] & 0xFF;
          }
        }
        to[y * sw + x] = (byte) (sum / (step * step));
      }
    }
    return new PlanarYUVLuminanceSource(to, sw, sh, 0, 0, sw, sh, false);
  }

  private static BufferedImage image(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw unreadable();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int side = Math.max(reader.getWidth(0), reader.getHeight(0));
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (side + MAX_SIDE - 1) / MAX_SIDE;
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException broken) {
      if (broken instanceof ApiError error) {
        throw error;
      }
      throw unreadable();
    }
  }

  private static ApiError unreadable() {
    return ApiError.invalid("body", "scan.unreadable");
  }
}
