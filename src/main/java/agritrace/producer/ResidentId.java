package agritrace.producer;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-character resident identity number (GB 11643): a region code, the birth date, a
 * sequence, and an ISO 7064 MOD 11-2 check character ({@code X} stands for 10).
 */
public final class ResidentId {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECKS = "10X98765432";

  private ResidentId() {
  }

  public static boolean valid(String id) {
    if (id.length() != 18 || !id.substring(0, 17).chars().allMatch(Character::isDigit)) {
      return false;
    }
    try {
      LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
          Integer.parseInt(id.substring(12, 14)));
    } catch (DateTimeException e) {
      return false;
    }
    return id.charAt(17) == checkCharacter(id.substring(0, 17));
  }

  /** The check character for the first 17 digits. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECKS.charAt(sum % 11);
  }
}
