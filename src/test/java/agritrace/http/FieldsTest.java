package agritrace.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @Test
  @DisplayName("a UUID is taken only in its canonical 36-character form, in either case")
  void uuidForms() {
    UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    assertEquals(id, Fields.parseUuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
    assertEquals(id, Fields.parseUuid("0F8FAD5B-D9CB-469F-A165-70867728950E"));
    for (String edge : new String[] {"00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "80000000-0000-7000-8000-000000000001", "019ac8f1-2b3c-7d4e-9f60-a1b2c3d4e5f6"}) {
      assertEquals(UUID.fromString(edge), Fields.parseUuid(edge), edge);
    }
    for (int i = 0; i < 1000; i++) {
      UUID random = UUID.randomUUID();
      assertEquals(random, Fields.parseUuid(random.toString()));
    }
    for (String bad : new String[] {null, "", "not-a-uuid", "0f8fad5b-d9cb-469f-a165-70867728950",
        "0f8fad5b-d9cb-469f-a165-70867728950e0", "0f8fad5bd9cb-469f-a165-70867728950e-", "0f8fad5b-d9cb-469f-a165-70867728950g",
        "0f8fad5b-d9cb-469f-a165-7086772895０e", "0f8fad5b-d9cb-469f-a165-7086772895Ａe", "f-f-f-f-f", "0f8fad5b+d9cb-469f-a165-70867728950e"}) {
      assertNull(Fields.parseUuid(bad), bad);
    }
  }

  @Test
  @DisplayName("a timestamp read by hand is the one the general parser reads; other shapes and impossible values are left to it")
  void timestampsReadByHand() {
    for (String usual : new String[] {"2026-11-27T08:30:00+08:00", "2026-11-27T08:30:00Z", "2026-11-27T08:30:00-05:30",
        "2026-11-27T08:30:00.5+08:00", "2026-11-27T08:30:00.123456789Z", "2024-02-29T23:59:59-00:00",
        "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00-18:00", "1999-12-31T16:00:00.000+08:00"}) {
      OffsetDateTime quick = Fields.parseTimestamp(usual);
      assertNotNull(quick, usual);
      assertEquals(OffsetDateTime.parse(usual), quick, usual);
    }
    // Shapes the general parser also takes: lower case, no seconds, an empty fraction, an offset with seconds.
    for (String other : new String[] {"2026-11-27t08:30:00+08:00", "2026-11-27T08:30:00z", "2026-11-27T08:30+08:00",
        "2026-11-27T08:30:00.Z", "2026-11-27T08:30:00+08:00:00"}) {
      assertNull(Fields.parseTimestamp(other), other);
      OffsetDateTime.parse(other);
    }
    for (String bad : new String[] {"", "2026-11-27", "2026-11-27T08:30:00", "2026-02-30T08:30:00+08:00",
        "2025-02-29T08:30:00Z", "2026-13-01T08:30:00Z", "2026-11-27T24:00:00Z", "2026-11-27T08:60:00Z",
        "2026-11-27T08:30:60Z", "2026-11-27T08:30:00+19:00", "2026-11-27T08:30:00+08:60", "2026-11-27T08:30:00.1234567890Z", "2026-11-27T08:30:00+0800", "2026-11-27 08:30:00+08:00",
        "２026-11-27T08:30:00Z", "2026-11-27T08:30:00+08:00 ", "-026-11-27T08:30:00Z", "2026-11-27T08:30:00.12a+08:00"}) {
      assertNull(Fields.parseTimestamp(bad), bad);
      assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(bad), bad);
    }
  }
}
