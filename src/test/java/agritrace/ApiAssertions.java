package agritrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Assertions on the API's answers, shared by every test class. */
public final class ApiAssertions {

  private ApiAssertions() {
  }

  /** The response is the JSON problem body with this status, code and (when given) field. */
  public static void assertProblem(Api.Response r, int status, String code, String field) {
    String body = r.raw().bodyAsString();
    assertEquals(status, r.status(), () -> "status, body was: " + body);
    assertEquals(code, r.error(), () -> "error code, body was: " + body);
    assertNotNull(r.json().getString("message"), "a message for a person");
    assertFalse(body.contains("Exception") || body.contains("\tat "), () -> "no stack trace: " + body);
    if (field != null) {
      assertEquals(field, r.field(), () -> "field, body was: " + body);
    }
  }

  public static void assertStatus(Api.Response r, int status) {
    assertEquals(status, r.status(), () -> "status, body was: " + r.raw().bodyAsString());
  }
}
