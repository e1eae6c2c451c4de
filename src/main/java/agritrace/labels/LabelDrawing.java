package agritrace.labels;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A label drawn as SVG at physical size, 50 × 30 mm (user units are millimetres): its QR code
 * (through {@link QrImages}) on the left with its quiet zone, the unit's code under it, and on
 * the right 承诺达标合格证 and the facts a buyer reads, set by the viewer's fonts. Pages of labels
 * for printing: one label a page for thermal printers, or A4 sheets of 3 × 8. CPU work: call it
 * off the event loop.
 */
public final class LabelDrawing {

  /** A label's size in mm. */
  public static final double WIDTH = 50;
  public static final double HEIGHT = 30;
  /** The QR code's widest side in mm, quiet zone included. */
  static final double QR_BOX = 24;
  /** GS1's module sizes for retail, rounded inwards: the module is chosen within them. */
  public static final double MIN_MODULE = 0.4;
  public static final double MAX_MODULE = 1.0;
  static final String FONTS = "'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";
  private static final double MARGIN = 1;
  private static final double FIELD_SIZE = 1.7;
  private static final double FIELD_LINE = 2.25;

  /** What every label of a run says: the texts as printed, in Chinese, label then value. */
  public record Facts(String title, String product, List<String[]> fields) {
  }

  /** A page's layout: its size, its labels' places, and the CSS page it prints on. */
  public enum Layout {
    THERMAL("thermal-50x30", 50, 30, 1, 1, 0, 0, 0, 0),
    A4("a4-3x8", 210, 297, 3, 8, 70, 37, 0.5, 0);

    public final String id;
    final double pageWidth;
    final double pageHeight;
    final int columns;
    final int rows;
    final double cellWidth;
    final double cellHeight;
    final double top;
    final double left;

    Layout(String id, double pageWidth, double pageHeight, int columns, int rows, double cellWidth,
        double cellHeight, double top, double left) {
      this.id = id;
      this.pageWidth = pageWidth;
      this.pageHeight = pageHeight;
      this.columns = columns;
      this.rows = rows;
      this.cellWidth = cellWidth;
      this.cellHeight = cellHeight;
      this.top = top;
      this.left = left;
    }

    public int perPage() {
      return columns * rows;
    }

    /** The layout with this id, or null. */
    public static Layout of(String id) {
      for (Layout layout : values()) {
        if (layout.id.equals(id)) {
          return layout;
        }
      }
      return null;
    }

    public static List<String> ids() {
      return java.util.Arrays.stream(values()).map(l -> l.id).toList();
    }

    /** The top left corner of the {@code i}-th label of a page, in mm: centred in its cell. */
    double[] place(int i) {
      if (columns == 1 && rows == 1) {
        return new double[] {0, 0};
      }
      int column = i % columns;
      int row = i / columns;
      return new double[] {left + column * cellWidth + (cellWidth - WIDTH) / 2,
          top + row * cellHeight + (cellHeight - HEIGHT) / 2};
    }
  }

  private LabelDrawing() {
  }

  /**
   * The module size in mm for a symbol {@code modules} wide (quiet zone included): the largest
   * in hundredths of a mm that fits the QR box, at most {@value #MAX_MODULE}; never below
   * {@value #MIN_MODULE}, the QR growing past its box for a very long URL rather than shrinking
   * below what scanners read.
   */
  public static double moduleSize(int modules) {
    double fit = Math.floor(QR_BOX * 100 / modules) / 100;
    return Math.max(MIN_MODULE, Math.min(MAX_MODULE, fit));
  }

  /** One label as an SVG document of 50 × 30 mm. */
  public static String label(Facts facts, String code, String url) {
    StringBuilder svg = new StringBuilder(8192);
    open(svg, WIDTH, HEIGHT);
    draw(svg, facts, code, url, 0, 0);
    return svg.append("</svg>").toString();
  }

  /**
   * The pages of {@code codes} (with their {@code urls}) in {@code layout}, one SVG a page, a
   * last A4 page partly filled; for an HTML document whose CSS page has the layout's size.
   */
  public static String pages(Layout layout, Facts facts, List<String> codes, List<String> urls) {
    StringBuilder out = new StringBuilder(codes.size() * 7000);
    Map<Integer, String> texts = new HashMap<>();
    for (int first = 0; first < codes.size(); first += layout.perPage()) {
      open(out, layout.pageWidth, layout.pageHeight);
      for (int i = first; i < Math.min(codes.size(), first + layout.perPage()); i++) {
        double[] at = layout.place(i - first);
        draw(out, facts, codes.get(i), urls.get(i), at[0], at[1], texts);
      }
      out.append("</svg>\n");
    }
    return out.toString();
  }

  /** The HTML around the pages: the CSS page of the layout's size without margins, each SVG a page. */
  public static String head(Layout layout, String title) {
    String size = mm(layout.pageWidth) + "mm " + mm(layout.pageHeight) + "mm";
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title><style>@page{size:" + size + ";margin:0}html,body{margin:0;padding:0}"
        + "svg.page{display:block;width:" + mm(layout.pageWidth) + "mm;height:" + mm(layout.pageHeight)
        + "mm;break-after:page;page-break-after:always}svg.page:last-of-type{break-after:auto}</style></head><body>\n";
  }

  public static String foot() {
    return "</body></html>\n";
  }

  private static void open(StringBuilder svg, double width, double height) {
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"page\" width=\"").append(mm(width))
        .append("mm\" height=\"").append(mm(height)).append("mm\" viewBox=\"0 0 ").append(mm(width)).append(' ')
        .append(mm(height)).append("\" font-family=\"").append(FONTS).append("\">");
  }

  private static void draw(StringBuilder svg, Facts facts, String code, String url, double x, double y) {
    draw(svg, facts, code, url, x, y, new HashMap<>());
  }

  /**
   * One label at ({@code x}, {@code y}); its texts, the same on every label of a run whose QR
   * codes are as wide, are set once for each width in {@code texts}.
   */
  private static void draw(StringBuilder svg, Facts facts, String code, String url, double x, double y,
      Map<Integer, String> texts) {
    QRCode symbol = QrImages.encode(url, ErrorCorrectionLevel.M);
    int modules = QrImages.size(symbol);
    double module = moduleSize(modules);
    double side = modules * module;
    svg.append("<g transform=\"translate(").append(mm(x)).append(' ').append(mm(y)).append(")\">")
        .append("<rect width=\"50\" height=\"30\" fill=\"#fff\"/>")
        .append("<svg class=\"qr\" x=\"").append(mm(MARGIN)).append("\" y=\"").append(mm(MARGIN))
        .append("\" width=\"").append(mm(side)).append("\" height=\"").append(mm(side)).append("\" viewBox=\"0 0 ")
        .append(modules).append(' ').append(modules).append("\" shape-rendering=\"crispEdges\"><rect width=\"")
        .append(modules).append("\" height=\"").append(modules).append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"")
        .append(QrImages.svgPath(symbol)).append("\"/></svg>");
    double codeSize = Math.min(1.6, side / (UnitCode.LENGTH + 3) / 0.6);
    svg.append("<text class=\"code\" x=\"").append(mm(MARGIN + side / 2)).append("\" y=\"")
        .append(mm(MARGIN + side + codeSize + 0.6)).append("\" font-size=\"").append(mm(codeSize))
        .append("\" font-family=\"monospace\" text-anchor=\"middle\" fill=\"#111\">")
        .append(escape(new UnitCode(code).grouped())).append("</text>");
    svg.append(texts.computeIfAbsent(modules, m -> texts(facts, side))).append("</g>");
  }

  /** The texts right of a QR code {@code side} mm wide: the title, the product, the fields, as many lines as fit. */
  private static String texts(Facts facts, double side) {
    StringBuilder svg = new StringBuilder(2048);
    double column = MARGIN + side + 0.6;
    double width = WIDTH - MARGIN - column;
    double line = 3.4;
    text(svg, column, line, 2.4, "bold", "#1b5e20", facts.title());
    line += 2.9;
    for (String part : TextFit.wrap(facts.product(), width, 2.1).stream().limit(2).toList()) {
      text(svg, column, line, 2.1, "bold", "#111", part);
      line += 2.6;
    }
    for (String[] field : facts.fields()) {
      double labelWidth = TextFit.width(field[0], FIELD_SIZE * 0.85) + 0.6;
      List<String> parts = TextFit.wrap(field[1], width - labelWidth, FIELD_SIZE);
      for (int i = 0; i < parts.size() && line <= HEIGHT - MARGIN; i++) {
        svg.append("<text x=\"").append(mm(i == 0 ? column : column + labelWidth)).append("\" y=\"").append(mm(line))
            .append("\" font-size=\"").append(mm(FIELD_SIZE)).append("\" fill=\"#111\">");
        if (i == 0) {
          svg.append("<tspan font-size=\"").append(mm(FIELD_SIZE * 0.85)).append("\" fill=\"#555\">")
              .append(escape(field[0])).append("</tspan> ");
        }
        svg.append(escape(parts.get(i))).append("</text>");
        line += FIELD_LINE;
      }
    }
    return svg.toString();
  }

  private static void text(StringBuilder svg, double x, double y, double size, String weight, String fill, String text) {
    svg.append("<text x=\"").append(mm(x)).append("\" y=\"").append(mm(y)).append("\" font-size=\"").append(mm(size))
        .append("\" font-weight=\"").append(weight).append("\" fill=\"").append(fill).append("\">")
        .append(escape(text)).append("</text>");
  }

  /** A length in mm with at most 3 decimals, as SVG and CSS want it. */
  public static String mm(double value) {
    long thousandths = Math.round(value * 1000);
    if (thousandths % 1000 == 0) {
      return Long.toString(thousandths / 1000);
    }
    String sign = thousandths < 0 ? "-" : "";
    long abs = Math.abs(thousandths);
    String fraction = Long.toString(1000 + abs % 1000).substring(1);
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return sign + abs / 1000 + "." + fraction.substring(0, end);
  }

  /** Text for XML content and attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
