package agritrace.labels;

/**
 * {@link MaskPenalty}'s rules for symbols up to 64 modules wide (versions 1-11, all a label's
 * URIs need), with each row and column held as the bits of one {@code long} (bit x of row y is
 * module x, y), so that a rule scores a whole line in a few word operations. The same scores as
 * {@link MaskPenalty}, which larger symbols use.
 */
final class LinePenalty {

  private LinePenalty() {
  }

  static int of(long[] rows, long[] columns, int n) {
    int score = 0;
    int dark = 0;
    for (int i = 0; i < n; i++) {
      score += runs(rows[i], n) + runs(columns[i], n) + 40 * (finderLike(rows[i], n) + finderLike(columns[i], n));
      dark += Long.bitCount(rows[i]);
      if (i + 1 < n) {
        long sameBelow = ~(rows[i] ^ rows[i + 1]);
        long sameRight = ~(rows[i] ^ rows[i] >>> 1);
        score += 3 * Long.bitCount(sameBelow & sameBelow >>> 1 & sameRight & low(n - 1));
      }
    }
    int total = n * n;
    return score + 10 * (Math.abs(dark * 2 - total) * 10 / total);
  }

  /** Rule 1: 3 + (length - 5) for each run of 5 or more modules of one colour. */
  private static int runs(long line, int n) {
    long changes = (line ^ line >>> 1) & low(n - 1);
    int score = 0;
    int start = 0;
    while (changes != 0) {
      int end = Long.numberOfTrailingZeros(changes);
      score += run(end - start + 1);
      start = end + 1;
      changes &= changes - 1;
    }
    return score + run(n - start);
  }

  private static int run(int length) {
    return length >= 5 ? length - 2 : 0;
  }

  /** Rule 3: 1011101 with 4 light modules inside the symbol before or after it, counted once. */
  private static int finderLike(long line, int n) {
    long light = ~line;
    long pattern = line & light >>> 1 & line >>> 2 & line >>> 3 & line >>> 4 & light >>> 5 & line >>> 6 & low(n - 6);
    if (pattern == 0) {
      return 0;
    }
    long lightBefore = light << 1 & light << 2 & light << 3 & light << 4 & ~low(4);
    long lightAfter = light >>> 7 & light >>> 8 & light >>> 9 & light >>> 10 & low(n - 10);
    return Long.bitCount(pattern & (lightBefore | lightAfter));
  }

  /** The lowest {@code bits} bits set (none if {@code bits} is 0 or less). */
  private static long low(int bits) {
    return bits <= 0 ? 0 : bits >= 64 ? -1L : (1L << bits) - 1;
  }
}
