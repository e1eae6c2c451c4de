package agritrace;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks every operation of mobile-api/openapi.yaml whose path names something, filled with
 * producer A's real ids, as another producer's admin and recorder with a malformed body: each
 * must answer 403 or 404 without reading the body, and change nothing. A new endpoint is walked
 * as soon as it is in the spec.
 */
@ExtendWith(VertxExtension.class)
class AccessWalkTest {

  /** Bodies no route accepts: a wrong type and a blank name, and JSON that does not parse. */
  private static final List<String> MALFORMED = List.of("{\"phone\": 12, \"name\": \"\"}", "{\"phone\":");

  @Test
  @DisplayName("another producer's admin and recorder get 403 or 404 on every operation naming a producer's data, and change nothing")
  void outsidersAreRefusedEverywhere(Vertx vertx) throws Exception {
    Api api = new Api(vertx);
    Farm a = new Farm(api);
    Map<String, String> ids = Dataset.of(a);
    String b = api.newProducer(a.admin);
    Map<String, String> outsiders = Map.of(
        "producer_admin", api.newUser(a.admin, b, "producer_admin"),
        "recorder", api.newUser(a.admin, b, "recorder"));
    Map<String, Long> before = Dataset.counts(a);

    List<String> answered = new ArrayList<>();
    int calls = 0;
    for (Spec.Operation operation : Spec.load().operations()) {
      // Public operations (security: []) need no login and name no producer's data.
      if (!operation.hasPathParameters() || operation.isPublic()) {
        continue;
      }
      String url = Dataset.fill(operation.path(), ids);
      HttpMethod method = HttpMethod.valueOf(operation.verb().toUpperCase());
      for (var outsider : outsiders.entrySet()) {
        List<Api.Response> responses = new ArrayList<>();
        if (method == HttpMethod.GET) {
          responses.add(api.get(url, outsider.getValue()));
        } else {
          MALFORMED.forEach(body -> responses.add(
              api.sendRaw(method, url, outsider.getValue(), "application/json", Buffer.buffer(body))));
        }
        for (Api.Response r : responses) {
          calls++;
          if (r.status() != 403 && r.status() != 404) {
            answered.add(operation.name() + " as " + outsider.getKey() + ": " + r.status() + " "
                + r.raw().bodyAsString());
          }
        }
      }
    }
    assertTrue(calls > 20, "the walk called the operations: " + calls);
    assertEquals(before, Dataset.counts(a), "producer A's rows after the walk");
    assertStatus(api.get("/api/v1/auth/me", a.recorder), 200);
    assertTrue(answered.isEmpty(), "answered other than 403 or 404:\n" + String.join("\n", answered));
  }
}
