package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaskSelectionTest {

  @Test
  @DisplayName("for 3,000 label URIs the symbol is ZXing's own, module for module, with the mask ZXing chooses")
  void sameAsZxingForLabelUris() throws Exception {
    Random random = new Random(7);
    Set<Integer> masks = new HashSet<>();
    for (int i = 0; i < 3000; i++) {
      String uri = i % 2 == 0
          ? DigitalLink.ofUnit(Gtin.parse("09520123456788"), "L" + i, UnitCode.random(random).value())
              .uri("https://trace.example.cn")
          : "https://trace.example.cn/t/" + UnitCode.random(random).value();
      masks.add(assertSame(uri, ErrorCorrectionLevel.M));
    }
    assertEquals(8, masks.size(), "every mask is chosen for some URI");
  }

  @Test
  @DisplayName("every version from 1 to 40 and every level gives ZXing's symbol, for bytes, digits and alphanumerics")
  void sameAsZxingForEveryVersionAndLevel() throws Exception {
    Random random = new Random(11);
    Set<Integer> versions = new HashSet<>();
    String bytes = "abcdefghijklmnopqrstuvwxyz/:.%-_~ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    String alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:";
    for (int length = 1; length <= 2900; length += 1 + length / 12) {
      for (ErrorCorrectionLevel level : ErrorCorrectionLevel.values()) {
        for (String alphabet : new String[] {bytes, alphanumeric, "0123456789"}) {
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < length * (alphabet.length() == 10 ? 2 : 1); i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          QRCode zxing;
          try {
            zxing = Encoder.encode(text.toString(), level);
          } catch (com.google.zxing.WriterException tooLong) {
            continue;
          }
          versions.add(zxing.getVersion().getVersionNumber());
          assertSame(text.toString(), level);
        }
      }
    }
    for (int v = 1; v <= 40; v++) {
      assertTrue(versions.contains(v), "version " + v + " was tried");
    }
  }

  private static int assertSame(String text, ErrorCorrectionLevel level) throws Exception {
    QRCode expected = Encoder.encode(text, level);
    QRCode actual = MaskSelection.encode(text, level);
    assertEquals(expected.getMaskPattern(), actual.getMaskPattern(), text);
    assertEquals(expected.getVersion(), actual.getVersion(), text);
    assertEquals(expected.getMatrix().toString(), actual.getMatrix().toString(), text);
    return actual.getMaskPattern();
  }
}
