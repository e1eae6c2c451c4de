package agritrace.labels;

/**
 * A GS1 Digital Link URI path with a GTIN as its primary key and its key qualifiers: the consumer
 * product variant (AI 22, accepted when parsed, never made here), the lot (AI 10) and the serial
 * (AI 21), each optional, in that order. Values are held decoded, each 1-20 characters of set 82;
 * {@code null} means absent.
 */
public record DigitalLink(Gtin gtin, String cpv, String lot, String serial) {

  public DigitalLink {
    if (gtin == null) {
      throw new ParseFailure("gtin.missing", "gtin");
    }
    if (cpv != null) {
      Set82.check(cpv, "cpv");
    }
    if (lot != null) {
      Set82.check(lot, "lot");
    }
    if (serial != null) {
      Set82.check(serial, "serial");
    }
  }

  /** One unit's link: {@code /01/{gtin14}/10/{lot}/21/{serial}}. */
  public static DigitalLink ofUnit(Gtin gtin, String lot, String serial) {
    return new DigitalLink(gtin, null, Set82.check(lot, "lot"), Set82.check(serial, "serial"));
  }

  /** A lot's link: {@code /01/{gtin14}/10/{lot}}. */
  public static DigitalLink ofLot(Gtin gtin, String lot) {
    return new DigitalLink(gtin, null, Set82.check(lot, "lot"), null);
  }

  /**
   * Reads a request path, still percent-encoded and without its query string.
   *
   * @throws ParseFailure naming what is wrong; see {@link DigitalLinkPath}
   */
  public static DigitalLink parsePath(String rawPath) {
    return DigitalLinkPath.parse(rawPath);
  }

  /** The path in its canonical form: GTIN-14, qualifiers in order, values percent-encoded. */
  public String path() {
    StringBuilder out = new StringBuilder(80).append("/01/").append(gtin.gtin14());
    qualifier(out, "22", cpv);
    qualifier(out, "10", lot);
    qualifier(out, "21", serial);
    return out.toString();
  }

  /** The URI on a host: {@code base} such as {@code https://trace.example.cn}, a trailing slash dropped. */
  public String uri(String base) {
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path();
  }

  private static void qualifier(StringBuilder out, String ai, String value) {
    if (value != null) {
      out.append('/').append(ai).append('/');
      Set82.encode(value, out);
    }
  }
}
