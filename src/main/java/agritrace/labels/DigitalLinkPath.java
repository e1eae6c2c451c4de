package agritrace.labels;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parser of Digital Link request paths ({@code /01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]}),
 * strict where the GS1-Conformant Resolver standard says a URI is invalid, so that the resolver
 * can answer 400 with the reason:
 *
 * <ul>
 *   <li>{@code digital_link.path}: not a path (empty, no leading slash);
 *   <li>{@code digital_link.empty_segment}: {@code //} anywhere (one trailing slash is tolerated);
 *   <li>{@code digital_link.missing_value}: an AI without its value;
 *   <li>{@code digital_link.primary_key}: the first AI is not 01 (other keys are not served);
 *   <li>{@code digital_link.unknown_ai}: an AI other than 22, 10 and 21 after the GTIN;
 *   <li>{@code digital_link.duplicate_ai}: the same AI twice (01 included);
 *   <li>{@code digital_link.qualifier_order}: qualifiers out of the order 22, 10, 21;
 *   <li>{@code digital_link.percent_encoding}: a bad {@code %} escape, bytes that are not UTF-8,
 *       or a character that a URI path cannot hold unencoded;
 *   <li>{@code gtin.*}: see {@link Gtin#parse};
 *   <li>{@code lot.*}, {@code serial.*}, {@code cpv.*}: {@code .length} (not 1-20 characters) or
 *       {@code .charset} (outside set 82, e.g. a space, {@code #} or Chinese).
 * </ul>
 *
 * <p>Escapes are decoded in either hex case. A value's characters that a URI path may hold as
 * they are (RFC 3986 {@code pchar}, e.g. {@code !} or {@code (}) are accepted unencoded too,
 * as scanners and hand-typed links may send them; {@link DigitalLink#path()} always encodes them.
 */
final class DigitalLinkPath {

  private static final List<String> QUALIFIERS = List.of("22", "10", "21");
  private static final String PATH_PUNCTUATION = "!$&'()*+,;=:@";

  private DigitalLinkPath() {
  }

  static DigitalLink parse(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() < 2) {
      throw new ParseFailure("digital_link.path", "path");
    }
    String path = rawPath.endsWith("/") ? rawPath.substring(1, rawPath.length() - 1) : rawPath.substring(1);
    String[] segments = path.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new ParseFailure("digital_link.empty_segment", "path");
      }
    }
    if (!segments[0].equals("01")) {
      throw new ParseFailure("digital_link.primary_key", "path");
    }
    if (segments.length % 2 != 0) {
      throw new ParseFailure("digital_link.missing_value", "path");
    }
    Gtin gtin = Gtin.parse(decode(segments[1]));
    String[] values = new String[QUALIFIERS.size()];
    int last = -1;
    for (int i = 2; i < segments.length; i += 2) {
      String ai = segments[i];
      int rank = QUALIFIERS.indexOf(ai);
      if (rank < 0) {
        throw new ParseFailure(ai.equals("01") ? "digital_link.duplicate_ai" : "digital_link.unknown_ai", "path");
      }
      if (values[rank] != null) {
        throw new ParseFailure("digital_link.duplicate_ai", "path");
      }
      if (rank < last) {
        throw new ParseFailure("digital_link.qualifier_order", "path");
      }
      last = rank;
      String field = rank == 0 ? "cpv" : rank == 1 ? "lot" : "serial";
      values[rank] = Set82.check(decode(segments[i + 1]), field);
    }
    return new DigitalLink(gtin, values[0], values[1], values[2]);
  }

  /** Percent-decodes one path segment as UTF-8, refusing what a path cannot hold unencoded. */
  static String decode(String segment) {
    ByteBuffer bytes = ByteBuffer.allocate(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        int high = i + 2 < segment.length() ? hex(segment.charAt(i + 1)) : -1;
        int low = high < 0 ? -1 : hex(segment.charAt(i + 2));
        if (low < 0) {
          throw new ParseFailure("digital_link.percent_encoding", "path");
        }
        bytes.put((byte) (high << 4 | low));
        i += 2;
      } else if (Set82.unreserved(c) || PATH_PUNCTUATION.indexOf(c) >= 0) {
        bytes.put((byte) c);
      } else {
        throw new ParseFailure("digital_link.percent_encoding", "path");
      }
    }
    try {
      CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip());
      return text.toString();
    } catch (CharacterCodingException e) {
      throw new ParseFailure("digital_link.percent_encoding", "path");
    }
  }

  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }
}
