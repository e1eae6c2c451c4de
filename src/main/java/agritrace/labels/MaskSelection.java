package agritrace.labels;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ZXing's encoder, with its choice of data mask made cheaper but not changed. The standard
 * (ISO/IEC 18004, 7.8.3) has the encoder try all eight masks and keep the one of lowest penalty;
 * ZXing does so by building the whole symbol eight times over and scoring each. Here ZXing builds
 * it once, with mask 0; each mask is then tried by flipping that symbol's data modules where mask
 * 0 and the other differ and writing the other's format information, and scored by the same four
 * rules with the same weights as ZXing (3 + (run - 5) per run of 5 or more, 3 per 2x2 block, 40
 * per finder-like 1011101 with 4 light modules on one side, 10 per 5% of dark modules away from
 * half), the lowest mask number winning a tie. The symbol is the one ZXing makes unasked, module
 * for module; the tests compare them across versions and levels.
 */
final class MaskSelection {

  private static final Map<EncodeHintType, Object> MASK_0 = Map.of(EncodeHintType.QR_MASK_PATTERN, 0);
  private static final int FORMAT_GENERATOR = 0x537;
  private static final int FORMAT_XOR = 0x5412;
  private static final Map<Integer, byte[][][]> FLIPS = new ConcurrentHashMap<>();
  private static final Map<Integer, long[][][]> LINE_FLIPS = new ConcurrentHashMap<>();

  private MaskSelection() {
  }

  static QRCode encode(String text, ErrorCorrectionLevel level) throws WriterException {
    QRCode qr = Encoder.encode(text, level, MASK_0);
    int n = qr.getMatrix().getWidth();
    int best = n <= 64 ? bestByLines(qr, level) : bestByModules(qr, level);
    if (best != 0) {
      byte[][] symbol = qr.getMatrix().getArray();
      byte[][] flip = flips(qr.getVersion())[best];
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          symbol[y][x] ^= flip[y][x];
        }
      }
      writeFormat(symbol, level, best);
      qr.setMaskPattern(best);
    }
    return qr;
  }

  /** The best mask, each tried on rows and columns held as bits. */
  private static int bestByLines(QRCode qr, ErrorCorrectionLevel level) {
    byte[][] symbol = qr.getMatrix().getArray();
    int n = symbol.length;
    long[] rows = new long[n];
    long[] columns = new long[n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (symbol[y][x] == 1) {
          rows[y] |= 1L << x;
          columns[x] |= 1L << y;
        }
      }
    }
    long[][][] flips = LINE_FLIPS.computeIfAbsent(qr.getVersion().getVersionNumber() * 4 + level.ordinal(),
        key -> lineFlips(qr.getVersion(), level));
    long[] trialRows = new long[n];
    long[] trialColumns = new long[n];
    int best = 0;
    int lowest = Integer.MAX_VALUE;
    for (int mask = 0; mask < 8; mask++) {
      for (int i = 0; i < n; i++) {
        trialRows[i] = rows[i] ^ flips[mask][0][i];
        trialColumns[i] = columns[i] ^ flips[mask][1][i];
      }
      int penalty = LinePenalty.of(trialRows, trialColumns, n);
      if (penalty < lowest) {
        lowest = penalty;
        best = mask;
      }
    }
    return best;
  }

  /** The best mask, each tried on a copy of the whole symbol. */
  private static int bestByModules(QRCode qr, ErrorCorrectionLevel level) {
    byte[][] symbol = qr.getMatrix().getArray();
    int n = symbol.length;
    byte[][][] flips = flips(qr.getVersion());
    byte[][] trial = new byte[n][n];
    int best = 0;
    int lowest = Integer.MAX_VALUE;
    for (int mask = 0; mask < 8; mask++) {
      apply(symbol, flips[mask], trial);
      writeFormat(trial, level, mask);
      int penalty = MaskPenalty.of(trial);
      if (penalty < lowest) {
        lowest = penalty;
        best = mask;
      }
    }
    return best;
  }

  /**
   * For each mask, as [mask][0 rows, 1 columns][line] bits: where its symbol differs from mask
   * 0's, in the data modules and in the format information.
   */
  private static long[][][] lineFlips(Version version, ErrorCorrectionLevel level) {
    byte[][][] flips = flips(version);
    int n = flips[0].length;
    byte[][] format0 = new byte[n][n];
    writeFormat(format0, level, 0);
    long[][][] lines = new long[8][2][n];
    for (int mask = 0; mask < 8; mask++) {
      byte[][] format = new byte[n][n];
      writeFormat(format, level, mask);
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          if ((flips[mask][y][x] ^ format[y][x] ^ format0[y][x]) == 1) {
            lines[mask][0][y] |= 1L << x;
            lines[mask][1][x] |= 1L << y;
          }
        }
      }
    }
    return lines;
  }

  private static void apply(byte[][] symbol, byte[][] flip, byte[][] into) {
    for (int y = 0; y < symbol.length; y++) {
      byte[] from = symbol[y];
      byte[] by = flip[y];
      byte[] to = into[y];
      for (int x = 0; x < from.length; x++) {
        to[x] = (byte) (from[x] ^ by[x]);
      }
    }
  }

  /**
   * For each mask, where its data modules differ from mask 0's: the data modules are those no
   * finder, separator, timing, alignment, format or version pattern covers.
   */
  private static byte[][][] flips(Version version) {
    return FLIPS.computeIfAbsent(version.getVersionNumber(), v -> newFlips(version));
  }

  private static byte[][][] newFlips(Version version) {
    boolean[][] function = functionModules(version);
    int n = function.length;
    byte[][][] flips = new byte[8][n][n];
    for (int mask = 0; mask < 8; mask++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          if (!function[y][x] && maskBit(mask, x, y) != maskBit(0, x, y)) {
            flips[mask][y][x] = 1;
          }
        }
      }
    }
    return flips;
  }

  private static boolean[][] functionModules(Version version) {
    int n = version.getDimensionForVersion();
    boolean[][] function = new boolean[n][n];
    cover(function, 0, 0, 8, 8);
    cover(function, n - 8, 0, 8, 8);
    cover(function, 0, n - 8, 8, 8);
    cover(function, 6, 0, 1, n);
    cover(function, 0, 6, n, 1);
    cover(function, 0, 8, 9, 1);
    cover(function, n - 8, 8, 8, 1);
    cover(function, 8, 0, 1, 9);
    cover(function, 8, n - 8, 1, 8);
    int[] centres = version.getAlignmentPatternCenters();
    for (int cy : centres) {
      for (int cx : centres) {
        boolean underFinder = cx < 9 && cy < 9 || cx < 9 && cy > n - 9 || cx > n - 9 && cy < 9;
        if (!underFinder) {
          cover(function, cx - 2, cy - 2, 5, 5);
        }
      }
    }
    if (version.getVersionNumber() >= 7) {
      cover(function, 0, n - 11, 6, 3);
      cover(function, n - 11, 0, 3, 6);
    }
    return function;
  }

  private static void cover(boolean[][] function, int x, int y, int width, int height) {
    for (int j = y; j < y + height; j++) {
      for (int i = x; i < x + width; i++) {
        function[j][i] = true;
      }
    }
  }

  /** Whether mask {@code mask} flips the data module in column x, row y (ISO/IEC 18004, table 10). */
  static boolean maskBit(int mask, int x, int y) {
    int product = x * y;
    return switch (mask) {
      case 0 -> (x + y) % 2 == 0;
      case 1 -> y % 2 == 0;
      case 2 -> x % 3 == 0;
      case 3 -> (x + y) % 3 == 0;
      case 4 -> (y / 2 + x / 3) % 2 == 0;
      case 5 -> product % 2 + product % 3 == 0;
      case 6 -> (product % 2 + product % 3) % 2 == 0;
      default -> ((x + y) % 2 + product % 3) % 2 == 0;
    };
  }

  /**
   * Writes the 15 format bits, the level and mask with their BCH(15,5) check, XOR 101010000010010,
   * in both places: beside the top-left finder, and split between the other two.
   */
  static void writeFormat(byte[][] symbol, ErrorCorrectionLevel level, int mask) {
    int data = level.getBits() << 3 | mask;
    int remainder = data << 10;
    for (int bit = 14; bit >= 10; bit--) {
      if ((remainder >> bit & 1) == 1) {
        remainder ^= FORMAT_GENERATOR << (bit - 10);
      }
    }
    int format = (data << 10 | remainder) ^ FORMAT_XOR;
    int n = symbol.length;
    for (int i = 0; i < 15; i++) {
      byte bit = (byte) (format >> i & 1);
      if (i < 6) {
        symbol[i][8] = bit;
      } else if (i < 8) {
        symbol[i + 1][8] = bit;
      } else if (i == 8) {
        symbol[8][7] = bit;
      } else {
        symbol[8][14 - i] = bit;
      }
      if (i < 8) {
        symbol[8][n - 1 - i] = bit;
      } else {
        symbol[n - 15 + i][8] = bit;
      }
    }
  }
}
