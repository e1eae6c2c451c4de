package agritrace.labels;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG encoder for 1-bit greyscale images (PNG specification, 3rd edition): the signature, an
 * IHDR of bit depth 1 and colour type 0, one IDAT of the zlib-deflated scanlines, and IEND. A QR
 * code needs nothing more, and writes about 24 times fewer bytes to deflate than as RGB.
 */
final class Png1Bit {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private Png1Bit() {
  }

  /**
   * Bytes of one scanline: its filter-type byte, then {@code width} pixels eight to a byte, most
   * significant bit first (1 light, 0 dark).
   */
  static int scanlineLength(int width) {
    return 1 + (width + 7) / 8;
  }

  /**
   * Encodes {@code height} scanlines laid out one after the other in {@code scanlines}, each
   * {@link #scanlineLength} bytes starting with its filter-type byte.
   */
  static byte[] encode(int width, int height, byte[] scanlines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + scanlines.length / 8);
    out.writeBytes(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = 1; // bit depth
    header[9] = 0; // colour type: greyscale
    // compression, filter and interlace methods 0: deflate, adaptive filtering, no interlace
    chunk(out, "IHDR", header, header.length);
    byte[] compressed = deflate(scanlines);
    chunk(out, "IDAT", compressed, compressed.length);
    chunk(out, "IEND", new byte[0], 0);
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) {
    // The fastest level: the scanlines of one module row repeat, which even level 1 finds.
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(data);
      deflater.finish();
      byte[] buffer = new byte[64 + data.length + data.length / 1000 * 5];
      int length = 0;
      while (!deflater.finished()) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        length += deflater.deflate(buffer, length, buffer.length - length);
      }
      return Arrays.copyOf(buffer, length);
    } finally {
      deflater.end();
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    byte[] lengthBytes = new byte[4];
    putInt(lengthBytes, 0, length);
    out.writeBytes(lengthBytes);
    out.writeBytes(typeBytes);
    out.write(data, 0, length);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data, 0, length);
    byte[] crcBytes = new byte[4];
    putInt(crcBytes, 0, (int) crc.getValue());
    out.writeBytes(crcBytes);
  }

  private static void putInt(byte[] into, int at, int value) {
    into[at] = (byte) (value >>> 24);
    into[at + 1] = (byte) (value >>> 16);
    into[at + 2] = (byte) (value >>> 8);
    into[at + 3] = (byte) value;
  }
}
