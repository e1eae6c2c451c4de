package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The photo reader finds every symbol the label files draw, also those ZXing's detector misses at their first scale. */
class PhotoScanReadTest {

  @Test
  @DisplayName("2,000 label files of random codes (Digital Links and /t/ addresses, 3 and 4 px a module) all read back to their URL")
  void everyLabelFileReads() {
    // About 2 in 100 of these Digital Links are missed by ZXing's detector at 3 px a module and more
    // when the picture is read only as it is.
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String code = UnitCode.random().value();
      String url = i % 2 == 0 ? "http://localhost:43567/01/09506000134352/10/P0040-20261201-001/21/" + code
          : "http://localhost:43567/t/" + code;
      String read = PhotoScan.read(QrImages.png(QrImages.encode(url), 3 + i % 4 / 2));
      if (!url.equals(read)) {
        missed.add(url + " read as " + read);
      }
    }
    assertEquals(List.of(), missed);
  }
}
