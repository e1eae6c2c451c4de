package agritrace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  @DisplayName("a server-made id is a version 7 UUID that starts with its time and sorts by it")
  void timeOrdered() {
    long at = 1_795_838_713_718L;
    UUID id = Ids.timeOrdered(at);
    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    assertEquals(at, id.getMostSignificantBits() >>> 16);
    assertEquals(Long.toHexString(at), id.toString().replace("-", "").substring(0, 12).replaceFirst("^0+", ""));
    assertNotEquals(id, Ids.timeOrdered(at));
    UUID later = Ids.timeOrdered(at + 1);
    assertTrue(later.toString().compareTo(id.toString()) > 0, "ids of a later millisecond sort after");
    UUID now = Ids.timeOrdered();
    long made = now.getMostSignificantBits() >>> 16;
    assertTrue(Math.abs(System.currentTimeMillis() - made) < 60_000, "timeOrdered() uses the current time");
  }
}
