package agritrace.labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Text set at physical size in an SVG drawn by the viewer's fonts (the 合格证 sheet, labels): how
 * wide a text is about to be, and lines that fit a width. The fonts are the viewer's, so widths
 * are estimates with room to spare: a CJK character a full em, anything else 0.56 em.
 */
public final class TextFit {

  private TextFit() {
  }

  /** Splits text into lines no wider than {@code width} mm at {@code size} mm, breaking Latin text at spaces. */
  public static List<String> wrap(String text, double width, double size) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int lastSpace = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      line.appendCodePoint(cp);
      if (cp == ' ') {
        lastSpace = line.length();
      }
      if (width(line.toString(), size) > width) {
        String rest;
        // Break at the last space when it leaves a fair part on this line (a number stays with its word).
        if (lastSpace > 0 && (!wide(cp) || lastSpace >= line.length() / 2)) {
          rest = line.substring(lastSpace);
          line.setLength(lastSpace);
        } else {
          rest = line.substring(line.length() - Character.charCount(cp));
          line.setLength(line.length() - Character.charCount(cp));
        }
        lines.add(line.toString().strip());
        line = new StringBuilder(rest);
        lastSpace = -1;
      }
    }
    if (!line.toString().isBlank()) {
      lines.add(line.toString().strip());
    }
    return lines;
  }

  /** About how wide a text is, in mm at {@code size} mm: a CJK character a full em, other characters 0.56 em. */
  public static double width(String text, double size) {
    return text.codePoints().mapToDouble(cp -> wide(cp) ? size : size * 0.56).sum();
  }

  private static boolean wide(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF00 && cp <= 0xFFEF);
  }
}
