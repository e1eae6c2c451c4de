package agritrace.labels;

/**
 * The penalty score of a masked QR symbol, [y][x] of 0 (light) and 1 (dark), by the four rules of
 * ISO/IEC 18004 7.8.3 as ZXing's encoder scores them, so that {@link MaskSelection} picks the
 * mask ZXing would. Like ZXing, a finder-like pattern whose 4 light modules would lie partly
 * beyond the symbol's edge scores only if the other side has them.
 */
final class MaskPenalty {

  private MaskPenalty() {
  }

  static int of(byte[][] m) {
    int n = m.length;
    int runs = 0;
    int blocks = 0;
    int finderLike = 0;
    int dark = 0;
    for (int y = 0; y < n; y++) {
      byte[] row = m[y];
      int rowRun = 1;
      int columnRun = 1;
      for (int x = 0; x < n; x++) {
        dark += row[x];
        if (x > 0) {
          if (row[x] == row[x - 1]) {
            rowRun++;
          } else {
            runs += runPenalty(rowRun);
            rowRun = 1;
          }
          if (m[x][y] == m[x - 1][y]) {
            columnRun++;
          } else {
            runs += runPenalty(columnRun);
            columnRun = 1;
          }
        }
        if (y > 0 && x > 0) {
          byte c = row[x];
          if (c == row[x - 1] && c == m[y - 1][x] && c == m[y - 1][x - 1]) {
            blocks++;
          }
        }
        if (x + 6 < n && row[x] == 1 && finderLikeAlongRow(row, x)) {
          finderLike++;
        }
        if (x + 6 < n && m[x][y] == 1 && finderLikeAlongColumn(m, y, x)) {
          finderLike++;
        }
      }
      runs += runPenalty(rowRun) + runPenalty(columnRun);
    }
    int total = n * n;
    int fivePercentSteps = Math.abs(dark * 2 - total) * 10 / total;
    return runs + 3 * blocks + 40 * finderLike + 10 * fivePercentSteps;
  }

  private static int runPenalty(int run) {
    return run >= 5 ? 3 + run - 5 : 0;
  }

  /** 1011101 from column x of a row, with 4 light modules inside the symbol before or after it. */
  private static boolean finderLikeAlongRow(byte[] row, int x) {
    if (row[x + 1] != 0 || row[x + 2] != 1 || row[x + 3] != 1 || row[x + 4] != 1 || row[x + 5] != 0
        || row[x + 6] != 1) {
      return false;
    }
    return lightInRow(row, x - 4, x) || lightInRow(row, x + 7, x + 11);
  }

  /** 1011101 down column x from row y, with 4 light modules inside the symbol above or below it. */
  private static boolean finderLikeAlongColumn(byte[][] m, int x, int y) {
    if (m[y + 1][x] != 0 || m[y + 2][x] != 1 || m[y + 3][x] != 1 || m[y + 4][x] != 1 || m[y + 5][x] != 0
        || m[y + 6][x] != 1) {
      return false;
    }
    return lightInColumn(m, x, y - 4, y) || lightInColumn(m, x, y + 7, y + 11);
  }

  private static boolean lightInRow(byte[] row, int from, int to) {
    if (from < 0 || to > row.length) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (row[i] == 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean lightInColumn(byte[][] m, int x, int from, int to) {
    if (from < 0 || to > m.length) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (m[i][x] == 1) {
        return false;
      }
    }
    return true;
  }
}
