package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigitalLinkTest {

  private static final Gtin GTIN = Gtin.parse("09520123456788");

  @Test
  @DisplayName("a unit's link is the base, then 01 with the GTIN-14, 10 with the lot and 21 with the serial")
  void unitLink() {
    DigitalLink link = DigitalLink.ofUnit(Gtin.parse("9520123456788"), "ABC123", "7K3Q9XWD");
    assertEquals("https://trace.example.cn/01/09520123456788/10/ABC123/21/7K3Q9XWD",
        link.uri("https://trace.example.cn"));
    assertEquals("https://trace.example.cn/01/09520123456788/10/ABC123/21/7K3Q9XWD",
        link.uri("https://trace.example.cn/"));
  }

  @Test
  @DisplayName("a lot's link stops after the lot")
  void lotLink() {
    assertEquals("/01/09520123456788/10/2026-11.A_1", DigitalLink.ofLot(GTIN, "2026-11.A_1").path());
  }

  @ParameterizedTest(name = "\"{0}\" is written {1}")
  @CsvSource(delimiter = '|', value = {
      "A/B        | A%2FB",
      "50%        | 50%25",
      "a!\"&'()*+,b | a%21%22%26%27%28%29%2A%2B%2Cb",
      "x:;<=>?y   | x%3A%3B%3C%3D%3E%3Fy",
      "Az09-._    | Az09-._"})
  @DisplayName("every character of set 82 but letters, digits, hyphen, dot and underscore is percent-encoded in uppercase hex")
  void percentEncoding(String lot, String encoded) {
    DigitalLink link = DigitalLink.ofUnit(GTIN, lot, "1");
    assertEquals("/01/09520123456788/10/" + encoded + "/21/1", link.path());
    assertEquals(link, DigitalLink.parsePath(link.path()));
  }

  @Test
  @DisplayName("every character of set 82 survives a round trip through the path, as lot and as serial")
  void roundTripOfEverySet82Character() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      if (Set82.contains(c)) {
        all.append(c);
      }
    }
    assertEquals(82, all.length());
    for (int from = 0; from < all.length(); from += 20) {
      String value = all.substring(from, Math.min(all.length(), from + 20));
      DigitalLink link = DigitalLink.ofUnit(GTIN, value, value);
      assertEquals(link, DigitalLink.parsePath(link.path()), value);
      assertEquals(value, DigitalLink.parsePath(link.path()).serial());
    }
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({"a b", "a#b", "a~b", "批次1", "a$b", "a@b", "a[b", "a{b}", "a|b", "a\\b", "a^b", "a`b", "é"})
  @DisplayName("a lot or serial with a space, #, ~, Chinese or another character outside set 82 is refused, when built and when parsed")
  void outsideSet82(String value) {
    assertEquals("lot.charset", assertThrows(ParseFailure.class, () -> DigitalLink.ofLot(GTIN, value)).code());
    assertEquals("serial.charset",
        assertThrows(ParseFailure.class, () -> DigitalLink.ofUnit(GTIN, "L1", value)).code());
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      encoded.append(String.format("%%%02X", b & 0xFF));
    }
    assertEquals("serial.charset", parseFailure("/01/09520123456788/10/L1/21/" + encoded).code());
  }

  @Test
  @DisplayName("a lot or serial must be 1 to 20 characters")
  void lengths() {
    assertEquals(20, DigitalLink.ofUnit(GTIN, "L".repeat(20), "S".repeat(20)).lot().length());
    assertEquals("lot.length", assertThrows(ParseFailure.class, () -> DigitalLink.ofLot(GTIN, "L".repeat(21))).code());
    assertEquals("lot.length", assertThrows(ParseFailure.class, () -> DigitalLink.ofLot(GTIN, "")).code());
    assertEquals("serial.length",
        assertThrows(ParseFailure.class, () -> DigitalLink.ofUnit(GTIN, "L", null)).code());
    assertEquals("serial.length", parseFailure("/01/09520123456788/21/" + "1".repeat(21)).code());
    assertEquals("lot.length", parseFailure("/01/09520123456788/10/" + "%41".repeat(21)).code());
    assertEquals("L".repeat(20), DigitalLink.parsePath("/01/09520123456788/10/" + "%4c".repeat(20)).lot());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/01/09520123456788/10/ABC/21/123",
      "/01/9520123456788/10/ABC/21/123",
      "/01/09520123456788/10/ABC/21/123/",
      "/01/09520123456788/10/%41%42%43/21/%31%32%33",
      "/01/09520123456788/10/%41%42%43/21/123"})
  @DisplayName("a GTIN of 13 or 14 digits, escapes of plain characters and a trailing slash all read as the same unit")
  void sameUnit(String path) {
    assertEquals(DigitalLink.ofUnit(GTIN, "ABC", "123"), DigitalLink.parsePath(path));
  }

  @Test
  @DisplayName("GTIN-8 and GTIN-12 in a path resolve to the same GTIN-14 as their 14-digit forms")
  void shortGtins() {
    assertEquals("00000096385074", DigitalLink.parsePath("/01/96385074/10/A").gtin().gtin14());
    assertEquals(DigitalLink.parsePath("/01/00036000291452/10/A"), DigitalLink.parsePath("/01/036000291452/10/A"));
  }

  @Test
  @DisplayName("escapes are decoded in either hex case")
  void hexCase() {
    assertEquals("a/b%", DigitalLink.parsePath("/01/09520123456788/10/a%2fb%25").lot());
    assertEquals("a/b%", DigitalLink.parsePath("/01/09520123456788/10/a%2Fb%25").lot());
  }

  @Test
  @DisplayName("characters a path may hold unencoded are accepted as they are, and written encoded")
  void unencodedPathCharacters() {
    DigitalLink link = DigitalLink.parsePath("/01/09520123456788/10/A!(1)/21/x:y");
    assertEquals("A!(1)", link.lot());
    assertEquals("x:y", link.serial());
    assertEquals("/01/09520123456788/10/A%21%281%29/21/x%3Ay", link.path());
  }

  @Test
  @DisplayName("a GTIN alone, a GTIN with a serial only, and AI 22 before the lot are valid links")
  void partialAndCpvLinks() {
    DigitalLink gtinOnly = DigitalLink.parsePath("/01/09520123456788");
    assertNull(gtinOnly.lot());
    assertNull(gtinOnly.serial());
    assertEquals("S1", DigitalLink.parsePath("/01/09520123456788/21/S1").serial());
    DigitalLink withCpv = DigitalLink.parsePath("/01/09520123456788/22/2A/10/L1/21/S1");
    assertEquals(List.of("2A", "L1", "S1"), List.of(withCpv.cpv(), withCpv.lot(), withCpv.serial()));
    assertEquals("/01/09520123456788/22/2A/10/L1/21/S1", withCpv.path());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "'',                                       digital_link.path",
      "/,                                        digital_link.path",
      "01/09520123456788/10/A,                   digital_link.path",
      "//01/09520123456788,                      digital_link.empty_segment",
      "/01/09520123456788//10/A,                 digital_link.empty_segment",
      "/01/09520123456788/10/A//,                digital_link.empty_segment",
      "/01,                                      digital_link.missing_value",
      "/01/09520123456788/10,                    digital_link.missing_value",
      "/01/09520123456788/10/A/21,               digital_link.missing_value",
      "/t/7K3Q9XWD7K3Q9XWD,                      digital_link.primary_key",
      "/414/9520123456788,                       digital_link.primary_key",
      "/10/A/01/09520123456788,                  digital_link.primary_key",
      "/01/09520123456788/17/261231,             digital_link.unknown_ai",
      "/01/09520123456788/10/A/99/x,             digital_link.unknown_ai",
      "/01/09520123456788/01/09520123456788,     digital_link.duplicate_ai",
      "/01/09520123456788/10/A/10/B,             digital_link.duplicate_ai",
      "/01/09520123456788/10/A/21/1/21/2,        digital_link.duplicate_ai",
      "/01/09520123456788/21/1/10/A,             digital_link.qualifier_order",
      "/01/09520123456788/10/A/22/X,             digital_link.qualifier_order",
      "/01/09520123456788/21/1/22/X,             digital_link.qualifier_order",
      "/01/09520123456788/10/A%2,                digital_link.percent_encoding",
      "/01/09520123456788/10/A%G1,               digital_link.percent_encoding",
      "/01/09520123456788/10/%,                  digital_link.percent_encoding",
      "/01/09520123456788/10/%E6%89,             digital_link.percent_encoding",
      "/01/09520123456788/10/%FF,                digital_link.percent_encoding",
      "/01/09520123456788/10/a b,                digital_link.percent_encoding",
      "/01/09520123456788/10/a\"b,               digital_link.percent_encoding",
      "/01/09520123456788/10/批次,                digital_link.percent_encoding",
      "/01/09520123456788/10/A?x=1,              digital_link.percent_encoding",
      "/01/09520123456788/10/%E6%89%B9,          lot.charset",
      "/01/09520123456788/10/a%20b,              lot.charset",
      "/01/09520123456788/10/a%23b,              lot.charset",
      "/01/09520123456788/10/A/21/a~b,           serial.charset",
      "/01/09520123456788/22/%7E,                cpv.charset",
      "/01/09520123456789/10/A,                  gtin.check_digit",
      "/01/952012345678/10/A,                    gtin.check_digit",
      "/01/1234567/10/A,                         gtin.length",
      "/01/0952012345678A/10/A,                  gtin.digits"})
  @DisplayName("an invalid path is refused with the reason a 400 page can name")
  void invalidPaths(String path, String code) {
    assertEquals(code, parseFailure(path).code());
  }

  private static ParseFailure parseFailure(String path) {
    return assertThrows(ParseFailure.class, () -> DigitalLink.parsePath(path), path);
  }
}
