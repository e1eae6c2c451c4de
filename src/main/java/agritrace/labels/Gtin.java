package agritrace.labels;

/**
 * A GS1 Global Trade Item Number, held in its 14-digit form: a GTIN-8, -12 or -13 is the same
 * number zero-padded on the left, so all four lengths of one GTIN are equal here.
 */
public record Gtin(String gtin14) {

  /** Throws {@link ParseFailure} unless {@code gtin14} is 14 digits with a valid check digit. */
  public Gtin {
    if (gtin14 == null || gtin14.length() != 14) {
      throw new ParseFailure("gtin.length", "gtin");
    }
    check(gtin14);
  }

  /**
   * A GTIN as written: 8, 12, 13 or 14 ASCII digits, the last the check digit.
   *
   * @throws ParseFailure {@code gtin.missing}, {@code gtin.digits}, {@code gtin.length} or
   *     {@code gtin.check_digit}
   */
  public static Gtin parse(String digits) {
    if (digits == null || digits.isEmpty()) {
      throw new ParseFailure("gtin.missing", "gtin");
    }
    check(digits);
    return new Gtin("0".repeat(14 - digits.length()) + digits);
  }

  /** The check digit for the digits before it: mod 10, weights 3, 1, 3, 1... from the right. */
  public static char checkDigit(CharSequence body) {
    int sum = 0;
    for (int i = body.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
      sum += (body.charAt(i) - '0') * weight;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  private static void check(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new ParseFailure("gtin.digits", "gtin");
      }
    }
    int length = digits.length();
    if (length != 8 && length != 12 && length != 13 && length != 14) {
      throw new ParseFailure("gtin.length", "gtin");
    }
    if (digits.charAt(length - 1) != checkDigit(digits.subSequence(0, length - 1))) {
      throw new ParseFailure("gtin.check_digit", "gtin");
    }
  }

  @Override
  public String toString() {
    return gtin14;
  }
}
