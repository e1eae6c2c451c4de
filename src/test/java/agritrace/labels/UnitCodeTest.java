package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitCodeTest {

  @Test
  @DisplayName("100,000 new codes are all different, 16 characters of Crockford's base32")
  void randomCodesAreDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String code = UnitCode.random().value();
      assertEquals(16, code.length());
      assertTrue(code.chars().allMatch(c -> UnitCode.ALPHABET.indexOf(c) >= 0), code);
      assertTrue(seen.add(code), code);
    }
  }

  @Test
  @DisplayName("every one of the 80 bits varies: each position takes every one of the 32 characters")
  void everyPositionIsRandom() {
    @SuppressWarnings("unchecked")
    Set<Character>[] seen = new Set[UnitCode.LENGTH];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = new HashSet<>();
    }
    for (int n = 0; n < 20_000; n++) {
      String code = UnitCode.random().value();
      for (int i = 0; i < code.length(); i++) {
        seen[i].add(code.charAt(i));
      }
    }
    for (int i = 0; i < seen.length; i++) {
      assertEquals(32, seen[i].size(), "position " + i);
    }
  }

  @Test
  @DisplayName("the bits of the random source map onto the characters five at a time, in order")
  void bitLayout() {
    Random allOnes = new Random() {
      @Override
      public void nextBytes(byte[] bytes) {
        java.util.Arrays.fill(bytes, (byte) 0xFF);
      }
    };
    assertEquals("ZZZZZZZZZZZZZZZZ", UnitCode.random(allOnes).value());
    Random counting = new Random() {
      @Override
      public void nextBytes(byte[] bytes) {
        // 00000 00001 00010 00011 ... : the first eight characters 0-7, then 8-F
        long high = 0;
        for (int i = 0; i < 8; i++) {
          high = high << 5 | i;
        }
        long low = 0;
        for (int i = 8; i < 16; i++) {
          low = low << 5 | i;
        }
        for (int i = 0; i < 5; i++) {
          bytes[i] = (byte) (high >>> (32 - 8 * i));
          bytes[5 + i] = (byte) (low >>> (32 - 8 * i));
        }
      }
    };
    assertEquals("0123456789ABCDEF", UnitCode.random(counting).value());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
      "7K3Q9XWD2M4N6P8R",
      "7k3q9xwd2m4n6p8r",
      "7K3Q-9XWD-2M4N-6P8R",
      "' 7K3Q 9XWD 2M4N 6P8R '",
      "７Ｋ３Ｑ－９ＸＷＤ－２Ｍ４Ｎ－６Ｐ８Ｒ"})
  @DisplayName("a code typed in lower case, in groups, with spaces or full-width is the same code")
  void typedForms(String typed) {
    assertEquals(new UnitCode("7K3Q9XWD2M4N6P8R"), UnitCode.parse(typed));
  }

  @Test
  @DisplayName("I and L are read as 1, O as 0")
  void lookalikes() {
    assertEquals("1100000011000000", UnitCode.parse("IlOo-oooo-LiOO-0000").value());
  }

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @CsvSource({
      "7K3Q9XWD2M4N6P8,     unit_code.length",
      "7K3Q9XWD2M4N6P8RR,   unit_code.length",
      "----,                unit_code.length",
      "7K3Q9XWD2M4N6P8U,    unit_code.charset",
      "7K3Q9XWD2M4N6P8#,    unit_code.charset",
      "7K3Q9XWD_2M4N6P8R,   unit_code.charset",
      "https://x.cn/t/7K3Q, unit_code.charset",
      "批次7K3Q9XWD2M4N6P8,  unit_code.charset",
      "'   ',               unit_code.missing"})
  @DisplayName("garbage, a wrong length or a U is refused with its reason")
  void garbage(String typed, String code) {
    assertEquals(code, assertThrows(ParseFailure.class, () -> UnitCode.parse(typed)).code());
  }

  @Test
  @DisplayName("a code prints in four groups of four")
  void grouped() {
    assertEquals("7K3Q-9XWD-2M4N-6P8R", new UnitCode("7K3Q9XWD2M4N6P8R").grouped());
    assertEquals("unit_code.charset", assertThrows(ParseFailure.class, () -> new UnitCode("7k3q9xwd2m4n6p8r")).code());
  }
}
