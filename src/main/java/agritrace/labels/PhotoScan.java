package agritrace.labels;

import agritrace.http.ApiError;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
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

  private static final Map<DecodeHintType, Object> HINTS = Map.of(
      DecodeHintType.TRY_HARDER, Boolean.TRUE,
      DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
      DecodeHintType.CHARACTER_SET, "UTF-8");

  private PhotoScan() {
  }

  /** The decoded text; null when the image shows no readable QR code; a 400 when it is no image at all. */
  static String read(byte[] bytes) {
    BufferedImage image = image(bytes);
    int w = image.getWidth();
    int h = image.getHeight();
    LuminanceSource pixels = new RGBLuminanceSource(w, h, image.getRGB(0, 0, w, h, null, 0, w));
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
