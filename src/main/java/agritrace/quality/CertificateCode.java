package agritrace.quality;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A certificate's public code: 20 characters of Crockford's base32 (no I, L, O, U), 100 random
 * bits from {@link SecureRandom}, so nobody finds certificates by guessing. Printed on paper and
 * read back by phones for years.
 */
public final class CertificateCode {

  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int LENGTH = 20;
  private static final Pattern FORM = Pattern.compile("[0-9A-HJKMNP-TV-Z]{" + LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateCode() {
  }

  /** A new code: each character carries 5 random bits. */
  public static String next() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(code);
  }

  /** The code as typed or scanned (case does not matter), or null when it cannot be one. */
  public static String parse(String raw) {
    if (raw == null || raw.length() != LENGTH) {
      return null;
    }
    String code = raw.toUpperCase(Locale.ROOT);
    return FORM.matcher(code).matches() ? code : null;
  }
}
