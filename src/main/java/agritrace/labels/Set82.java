package agritrace.labels;

/**
 * GS1's AI encodable character set 82 (GS1 General Specifications, figure 7.11-1): the characters
 * a lot (AI 10), a serial (AI 21) or a consumer product variant (AI 22) may hold, and its
 * percent-encoding in a Digital Link URI, where only {@code A-Z a-z 0-9 - . _ ~} stay as they are.
 */
final class Set82 {

  private static final String PUNCTUATION = "!\"%&'()*+,-./:;<=>?_";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static final int MAX_LENGTH = 20;

  private Set82() {
  }

  static boolean contains(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || PUNCTUATION.indexOf(c) >= 0;
  }

  /** URI "unreserved" (RFC 3986): the only characters a Digital Link leaves unencoded. */
  static boolean unreserved(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '.'
        || c == '_' || c == '~';
  }

  /**
   * Checks a value of 1 to 20 characters of set 82.
   *
   * @throws ParseFailure {@code {field}.length} or {@code {field}.charset}
   */
  static String check(String value, String field) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new ParseFailure(field + ".length", field);
    }
    for (int i = 0; i < value.length(); i++) {
      if (!contains(value.charAt(i))) {
        throw new ParseFailure(field + ".charset", field);
      }
    }
    return value;
  }

  /** Percent-encodes a value already checked to be set 82 (so ASCII), uppercase hex. */
  static void encode(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (unreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
  }
}
