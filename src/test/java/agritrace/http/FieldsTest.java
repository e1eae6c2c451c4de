package agritrace.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    for (String bad : new String[] {null, "", "not-a-uuid", "0f8fad5b-d9cb-469f-a165-70867728950",
        "0f8fad5b-d9cb-469f-a165-70867728950e0", "0f8fad5bd9cb-469f-a165-70867728950e-", "0f8fad5b-d9cb-469f-a165-70867728950g",
        "0f8fad5b-d9cb-469f-a165-7086772895０e", "0f8fad5b-d9cb-469f-a165-7086772895Ａe", "f-f-f-f-f", "0f8fad5b+d9cb-469f-a165-70867728950e"}) {
      assertNull(Fields.parseUuid(bad), bad);
    }
  }
}
