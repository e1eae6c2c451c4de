package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "09520123456788, 09520123456788",
      "12312312312333, 12312312312333",
      "9520123456788,  09520123456788",
      "4006381333931,  04006381333931",
      "036000291452,   00036000291452",
      "96385074,       00000096385074",
      "00000000000000, 00000000000000"})
  @DisplayName("a GTIN of 8, 12, 13 or 14 digits with a valid check digit is held as its 14-digit form")
  void validGtins(String written, String gtin14) {
    assertEquals(gtin14, Gtin.parse(written).gtin14());
  }

  @Test
  @DisplayName("the same GTIN written with 13 and with 14 digits is equal")
  void paddedFormsAreEqual() {
    assertEquals(Gtin.parse("9520123456788"), Gtin.parse("09520123456788"));
    assertEquals(Gtin.parse("96385074"), new Gtin("00000096385074"));
  }

  @Test
  @DisplayName("the check digit is mod 10 with weights 3, 1, 3, 1 from the right")
  void checkDigit() {
    assertEquals('8', Gtin.checkDigit("0952012345678"));
    assertEquals('3', Gtin.checkDigit("1231231231233"));
    assertEquals('4', Gtin.checkDigit("9638507"));
    assertEquals('0', Gtin.checkDigit("0000000000000"));
  }

  @Test
  @DisplayName("changing any one digit of a valid GTIN breaks its check digit")
  void everySingleDigitChangeIsCaught() {
    String valid = "09520123456788";
    for (int i = 0; i < valid.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != valid.charAt(i)) {
          String altered = valid.substring(0, i) + d + valid.substring(i + 1);
          assertEquals("gtin.check_digit", failure(altered), altered);
        }
      }
    }
  }

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @CsvSource({
      "09520123456789,   gtin.check_digit",
      "12312312312334,   gtin.check_digit",
      "96385075,         gtin.check_digit",
      "0952012345678,    gtin.check_digit",
      "1234567,          gtin.length",
      "123456789,        gtin.length",
      "12345678901,      gtin.length",
      "009520123456788,  gtin.length",
      "0952012345678X,   gtin.digits",
      "' 09520123456788', gtin.digits",
      "0952-0123456788,  gtin.digits",
      "０９５２０１２３４５６７８８, gtin.digits",
      "'',               gtin.missing"})
  @DisplayName("a GTIN of the wrong length, with other characters than digits or a wrong check digit is refused with its reason")
  void invalidGtins(String written, String code) {
    assertEquals(code, failure(written));
  }

  @Test
  @DisplayName("the 14-digit constructor refuses shorter forms and bad check digits")
  void constructorChecks() {
    assertEquals("gtin.length", assertThrows(ParseFailure.class, () -> new Gtin("9520123456788")).code());
    assertEquals("gtin.check_digit", assertThrows(ParseFailure.class, () -> new Gtin("09520123456780")).code());
    assertEquals("gtin.missing", assertThrows(ParseFailure.class, () -> Gtin.parse(null)).code());
  }

  private static String failure(String written) {
    ParseFailure failure = assertThrows(ParseFailure.class, () -> Gtin.parse(written));
    assertEquals("gtin", failure.field());
    return failure.code();
  }
}
