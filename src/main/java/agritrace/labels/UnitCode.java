package agritrace.labels;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Random;

/**
 * The code of a packed unit or case, printed under its QR and in {@code /t/{code}}: 16 characters
 * of Crockford's base32 ({@code 0-9 A-Z} without I, L, O, U), 80 random bits from
 * {@link SecureRandom}, so codes say nothing about each other and cannot be counted through.
 *
 * <p>Why 16 characters: 80 bits is the floor the labelling issue sets and is enough. With a
 * billion codes issued, one guess in 1.2 million billion finds a code, so a counterfeiter
 * guessing 1,000 codes a second finds one in about 38,000 years. 16 characters also fit an
 * AI 21 serial (at most 20), read out in four groups of four, and keep the QR small.
 */
public record UnitCode(String value) {

  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  public static final int LENGTH = 16;
  static final int BYTES = LENGTH * 5 / 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Throws {@link ParseFailure} unless {@code value} is already canonical (16 uppercase characters). */
  public UnitCode {
    if (value == null || value.length() != LENGTH) {
      throw new ParseFailure("unit_code.length", "code");
    }
    for (int i = 0; i < LENGTH; i++) {
      if (ALPHABET.indexOf(value.charAt(i)) < 0) {
        throw new ParseFailure("unit_code.charset", "code");
      }
    }
  }

  /** A new random code. */
  public static UnitCode random() {
    return random(RANDOM);
  }

  /** A new code from the given source; anything but a {@link SecureRandom} is for tests only. */
  public static UnitCode random(Random source) {
    byte[] bits = new byte[BYTES];
    source.nextBytes(bits);
    return of(bits);
  }

  /** The code whose 80 bits are the first {@value #BYTES} bytes of {@code bits}. */
  static UnitCode of(byte[] bits) {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int bit = i * 5;
      int pair = (bits[bit / 8] & 0xFF) << 8 | (bit / 8 + 1 < BYTES ? bits[bit / 8 + 1] & 0xFF : 0);
      code[i] = ALPHABET.charAt(pair >> (11 - bit % 8) & 0x1F);
    }
    return new UnitCode(new String(code));
  }

  /**
   * A code as a person may type it: any case, full-width characters from a Chinese input method,
   * hyphens and spaces anywhere, I and L read as 1, O as 0.
   *
   * @throws ParseFailure {@code unit_code.missing}, {@code unit_code.length} or {@code unit_code.charset}
   */
  public static UnitCode parse(String typed) {
    if (typed == null || typed.isBlank()) {
      throw new ParseFailure("unit_code.missing", "code");
    }
    String text = Normalizer.normalize(typed, Normalizer.Form.NFKC);
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toUpperCase(text.charAt(i));
      if (c == '-' || Character.isWhitespace(c)) {
        continue;
      }
      char read = c == 'I' || c == 'L' ? '1' : c == 'O' ? '0' : c;
      if (ALPHABET.indexOf(read) < 0) {
        throw new ParseFailure("unit_code.charset", "code");
      }
      code.append(read);
    }
    if (code.length() != LENGTH) {
      throw new ParseFailure("unit_code.length", "code");
    }
    return new UnitCode(code.toString());
  }

  /** The code in four groups for printing and reading out: {@code 7K3Q-9XWD-...}. */
  public String grouped() {
    return String.join("-", value.substring(0, 4), value.substring(4, 8), value.substring(8, 12),
        value.substring(12));
  }

  @Override
  public String toString() {
    return value;
  }
}
