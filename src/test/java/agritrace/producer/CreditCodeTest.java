package agritrace.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CreditCodeTest {

  @Test
  @DisplayName("the GB 32100-2015 example code passes its check character")
  void knownValidCode() {
    assertTrue(CreditCode.checksumValid("91350100M000100Y43"));
    assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
  }

  @Test
  @DisplayName("changing any one character breaks the check")
  void alteredCodesFail() {
    String valid = "91350100M000100Y43";
    for (int i = 0; i < 18; i++) {
      char replacement = valid.charAt(i) == '1' ? '2' : '1';
      String altered = valid.substring(0, i) + replacement + valid.substring(i + 1);
      assertFalse(CreditCode.checksumValid(altered), altered);
    }
  }

  @Test
  @DisplayName("letters I, O, Z, S, V and wrong lengths are not credit codes at all")
  void malformedCodes() {
    assertFalse(CreditCode.wellFormed("91350100M000100Y4"));
    assertFalse(CreditCode.wellFormed("91350100M000100Y433"));
    assertFalse(CreditCode.wellFormed("91350100I000100Y43"));
    assertFalse(CreditCode.wellFormed("91350100S000100Y43"));
    assertFalse(CreditCode.wellFormed("91350100m000100Y43"));
    assertTrue(CreditCode.wellFormed("91350100M000100Y40"));
  }

  @Test
  @DisplayName("a resident ID is checked by ISO 7064 MOD 11-2, X standing for 10, and a real birth date")
  void residentIds() {
    assertTrue(ResidentId.valid("11010519491231002X"));
    assertFalse(ResidentId.valid("110105194912310021"));
    assertFalse(ResidentId.valid("11010519491331002X"), "month 13");
    assertFalse(ResidentId.valid("1101051949123100"), "too short");
    assertFalse(ResidentId.valid("11010519491231002Y"));
  }
}
