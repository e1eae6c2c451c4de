package agritrace.producer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordsTest {

  private final Passwords passwords = new Passwords(10_000);

  @Test
  @DisplayName("a hash is salted, keeps its cost, and verifies only the right password")
  void hashAndVerify() {
    String a = passwords.hash("龙井 tea 2026");
    String b = passwords.hash("龙井 tea 2026");
    assertNotEquals(a, b, "two hashes of one password differ by their salt");
    assertTrue(a.startsWith("pbkdf2-sha256$10000$"));
    assertFalse(a.contains("龙井 tea 2026"));
    assertTrue(passwords.verify("龙井 tea 2026", a));
    assertFalse(passwords.verify("龙井 tea 2025", a));
  }

  @Test
  @DisplayName("a hash made at another cost still verifies, and an unknown user never matches")
  void otherCostAndUnknownUser() {
    String older = new Passwords(5_000).hash("password-1");
    assertTrue(passwords.verify("password-1", older));
    assertFalse(passwords.verify("no such user", null));
    assertFalse(passwords.verify("password-1", "plain-text"));
  }
}
