package agritrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends every operation of mobile-api/openapi.yaml, as a caller who may act on producer A's real
 * data (so the body is really read), the bad requests {@link FuzzCases} makes from the spec: each
 * must answer a 4xx with the error body (naming the field at fault), none a 5xx, and a rejected
 * request must change no table's row count. An operation is fuzzed as soon as it is in the spec.
 */
@ExtendWith(VertxExtension.class)
class BadInputFuzzTest {

  /** The roles tried, in this order, for the first that may act on an operation. */
  private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  private static final List<String> ROLES = List.of("producer_admin", "recorder", "tester", "inspector", "platform_admin");

  @Test
  @DisplayName("bad input on every operation of the spec gets a 4xx error naming the field, never a 5xx, and changes nothing")
  void badInputEverywhere(Vertx vertx) throws Exception {
    Api api = new Api(vertx).with("X-Forwarded-For", Api.newAddress());
    Farm a = new Farm(api);
    Map<String, String> ids = new HashMap<>(Dataset.of(a));
    ids.put("language", "en");
    // The spec's operation example sprays a pesticide: give it one of A's.
    ids.put("inputId", a.create("input", Farm.pesticide(7)));
    // The account the user operations reset, disable and enable: none of the callers.
    ids.put("userId", api.get("/api/v1/auth/me", api.newUser(a.admin, a.producerId, "recorder")).json().getString("id"));
    Spec spec = Spec.load();
    // The spec's inspection example answers the items of its checklist example: load that one for A.
    Spec.Operation checklists = spec.operations().stream()
        .filter(o -> o.name().equals("POST /api/v1/reference/checklists")).findFirst().orElseThrow();
    Api.Response checklist = api.post("/api/v1/reference/checklists", a.admin,
        ours(spec.example(checklists, "application/json"), ids).put("code", "fuzz_" + UUID.randomUUID().toString().substring(0, 8)));
    ids.put("templateId", checklist.json().getString("id"));
    Fingerprint fingerprint = new Fingerprint();
    Callers shared = new Callers(api, a);

    List<String> problems = new ArrayList<>();
    List<String> refusedExamples = new ArrayList<>();
    int sent = 0;
    int operations = 0;
    int echoes = 0;
    for (Spec.Operation operation : spec.operations()) {
      operations++;
      // Operations on the caller's own session (logging out, a new password) get accounts of their own.
      Callers callers = operation.path().startsWith("/api/v1/auth/") ? new Callers(api, a) : shared;
      Supplier<JsonObject> base = () -> ours(spec.example(operation, "application/json"), ids);
      List<FuzzCases.Case> cases = FuzzCases.of(spec, operation, base);
      HttpMethod method = HttpMethod.valueOf(operation.verb().toUpperCase());
      String role = operation.isPublic() ? "nobody" : callers.mayAct(method, probe(cases), ids);
      if (role == null) {
        problems.add(operation.name() + ": no role may act on producer A's data");
        continue;
      }
      Map<String, Long> last = fingerprint.now();
      boolean baseValid = false;
      for (FuzzCases.Case c : cases) {
        Api.Response r = send(api, method, c, callers.token(role), ids);
        sent++;
        int status = r.status();
        String line = operation.name() + " [" + c.what() + "] as " + role + ": " + status + " " + abbreviate(r);
        if (c == cases.get(0)) {
          baseValid = status < 300;
          if (!baseValid) {
            refusedExamples.add(line);
          }
        }
        JsonObject error = status >= 400 ? errorBody(r) : null;
        if (status >= 500) {
          problems.add("5xx: " + line);
        } else if (status >= 400 && error == null) {
          problems.add("no error body: " + line);
        } else if (status < 400 && c.invalid() && !everyRecordRejected(r)) {
          problems.add("accepted: " + line);
        } else if (status == 400 && c.invalid() && c.field() != null && baseValid
            && !names(error.getString("field"), c.field())) {
          problems.add("field not " + c.field() + ": " + line);
        }
        String typed = typed(c);
        String echoed = status < 300 && typed != null ? echoed(r, c.field()) : null;
        echoes += echoed == null ? 0 : 1;
        if (echoed != null && !echoed.equals(typed.strip())) {
          problems.add("not kept as typed (" + echoed + "): " + line);
        }
        if (method != HttpMethod.GET) {
          Map<String, Long> now = fingerprint.now();
          if ((status >= 400 || everyRecordRejected(r)) && !now.equals(last)) {
            problems.add("changed " + Fingerprint.changes(last, now) + " on a rejected request: " + line);
          }
          last = now;
        }
      }
      callers.renew(role);
      keepReleased(api, shared, ids.get("batchId"));
    }
    System.out.println("BadInputFuzzTest: " + sent + " requests on " + operations + " operations, " + echoes
        + " unusual texts read back as typed; examples refused:\n"
        + String.join("\n", refusedExamples));
    assertTrue(sent > 1000, "the fuzzer sent its requests: " + sent);
    assertTrue(echoes > 10, "unusual texts were read back from the answers: " + echoes);
    assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
  }

  @Test
  @DisplayName("every operation answers a garbage token 401 and a garbage Accept-Language without a 5xx, and an unreadable request gets the error body too")
  void badHeadersEverywhere(Vertx vertx) throws Exception {
    Api api = new Api(vertx);
    Farm a = new Farm(api);
    Map<String, String> ids = new HashMap<>(Dataset.of(a));
    ids.put("language", "en");
    Spec spec = Spec.load();
    List<String> problems = new ArrayList<>();
    Api odd = api.with("Accept-Language", "<script>;q=abc, zz-ZZ;q=1e309, *;q=-1");
    for (Spec.Operation operation : spec.operations()) {
      FuzzCases.Case base = FuzzCases.of(spec, operation, () -> ours(spec.example(operation, "application/json"), ids)).get(0);
      HttpMethod method = HttpMethod.valueOf(operation.verb().toUpperCase());
      if (!operation.isPublic()) {
        for (String token : List.of("x".repeat(4_000), "' OR 1=1 --", "<script>", "null")) {
          Api.Response r = send(api, method, base, token, ids);
          if (r.status() != 401 || errorBody(r) == null) {
            problems.add(operation.name() + " with token " + token.substring(0, Math.min(20, token.length())) + ": "
                + r.status() + " " + abbreviate(r));
          }
        }
      }
      Api.Response r = send(odd, method, base, operation.isPublic() ? null : a.admin, ids);
      if (r.status() >= 500 || r.status() >= 400 && errorBody(r) == null) {
        problems.add(operation.name() + " with a garbage Accept-Language: " + r.status() + " " + abbreviate(r));
      }
    }
    // Requests the HTTP server cannot read at all get the same error body.
    Map<Integer, Api.Response> unreadable = Map.of(
        414, api.get("/api/v1/producers?q=" + "x".repeat(10_000), a.admin),
        431, api.with("X-Padding", "x".repeat(10_000)).get("/api/v1/auth/me", a.admin));
    unreadable.forEach((status, r) -> {
      if (r.status() != status || errorBody(r) == null) {
        problems.add("a request the server cannot read: " + r.status() + " " + abbreviate(r) + ", not " + status);
      }
    });
    assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
  }

  @Test
  @DisplayName("a sync whose one record holds a NUL or half a surrogate pair rejects that record, naming the field, and stores the others")
  void unstorableTextRejectsOnlyItsRecord(Vertx vertx) {
    Farm a = new Farm(new Api(vertx));
    JsonObject good = Farm.plot();
    JsonObject nul = Farm.plot().put("name", "一号\u0000大棚");
    JsonObject half = Farm.plot().put("crop", "@@half@@");
    JsonArray records = new JsonArray().add(Farm.record("plot", good)).add(Farm.record("plot", nul))
        .add(Farm.record("plot", half));
    String body = new JsonObject().put("records", records).encode().replace("\"@@half@@\"", "\"青菜\\ud83e\"");
    Api.Response r = a.api.sendRaw(HttpMethod.POST, "/api/v1/sync", a.recorder, "application/json",
        io.vertx.core.buffer.Buffer.buffer(body));
    assertEquals(200, r.status(), r.raw().bodyAsString());
    JsonArray results = r.json().getJsonArray("results");
    assertEquals("created", results.getJsonObject(0).getString("status"), results.encode());
    for (int i = 1; i <= 2; i++) {
      JsonObject result = results.getJsonObject(i);
      assertEquals("rejected", result.getString("status"), result.encode());
      assertEquals("field.not_storable", result.getString("code"), result.encode());
      assertEquals(i == 1 ? "name" : "crop", result.getString("field"), result.encode());
    }
    assertEquals(1, a.count("production_units"), "only the good plot is stored");
  }

  /**
   * Producer A's batch released again, as an inspector would, after an operation held it: the
   * operations that need a released batch (packing, certificates) then read their bodies.
   */
  private static void keepReleased(Api api, Callers callers, String batch) {
    if (!"released".equals(api.get("/api/v1/batches/" + batch, callers.token("inspector")).json().getString("status"))) {
      api.post("/api/v1/batches/" + batch + "/release", callers.token("inspector"), new JsonObject().put("reason", "复检合格"));
    }
  }

  /** The request that tells whether a caller may act: a bad body if the operation reads one, else its base request. */
  private static FuzzCases.Case probe(List<FuzzCases.Case> cases) {
    return cases.stream().filter(c -> c.invalid() && c.body() != null && c.query().equals(cases.get(0).query())
        && c.path().equals(cases.get(0).path())).findFirst().orElse(cases.get(0));
  }

  private static Api.Response send(Api api, HttpMethod method, FuzzCases.Case c, String token, Map<String, String> ids) {
    String url = Dataset.fill(c.path(), ids) + (c.query().isEmpty() ? "" : "?" + c.query());
    return c.body() == null ? api.request(method, url, token) : api.sendRaw(method, url, token, c.contentType(), c.body());
  }

  /** The spec's example with producer A's ids in it: a new id for the record itself, A's for what it names. */
  private static JsonObject ours(Object example, Map<String, String> ids) {
    return example == null ? new JsonObject() : (JsonObject) ours(FuzzCases.json(example), ids, "");
  }

  private static Object ours(Object node, Map<String, String> ids, String key) {
    if (node instanceof JsonObject object) {
      JsonObject mine = new JsonObject();
      object.forEach(e -> {
        if (!e.getKey().equals("corrects") && !e.getKey().equals("correctionReason")) {
          mine.put(e.getKey(), ours(e.getValue(), ids, e.getKey()));
        }
      });
      return mine;
    }
    if (node instanceof JsonArray array) {
      JsonArray mine = new JsonArray();
      array.forEach(v -> mine.add(ours(v, ids, key)));
      return mine;
    }
    if (!(node instanceof String text)) {
      return node;
    }
    if (ids.containsKey(key)) {
      return ids.get(key); // a field named as one of A's things: commodity, producerId, inputId...
    }
    if (!UUID_SHAPE.matcher(text).matches()) {
      return node; // ids in the spec's examples are UUIDs; other values (an item's id "rules_posted") stay
    }
    if (key.equals("id")) {
      return UUID.randomUUID().toString();
    }
    if (key.endsWith("Id")) {
      String thing = key.substring(0, key.length() - 2);
      return ids.getOrDefault(thing + "s/recordId", text);
    }
    return node;
  }

  /** The unusual but valid text a case sends in its field ({@link FuzzCases#UNUSUAL}), or null. */
  private static String typed(FuzzCases.Case c) {
    if (c.invalid() || c.field() == null || !"application/json".equals(c.contentType())) {
      return null;
    }
    return new JsonObject(c.body()).getValue(c.field()) instanceof String text && FuzzCases.UNUSUAL.contains(text)
        ? text : null;
  }

  /** The field as the answer shows what was stored: at its top, or in an object at its top (a test's "test"). */
  private static String echoed(Api.Response r, String field) {
    JsonObject body;
    try {
      body = r.json();
    } catch (RuntimeException e) {
      return null;
    }
    if (body == null) {
      return null;
    }
    if (body.getValue(field) instanceof String text) {
      return text;
    }
    for (var entry : body) {
      if (entry.getValue() instanceof JsonObject inner && inner.getValue(field) instanceof String text) {
        return text;
      }
    }
    return null;
  }

  /** A sync answers 200 with each record's outcome: bad records are rejected one by one. */
  private static boolean everyRecordRejected(Api.Response r) {
    if (r.status() != 200 || !r.raw().bodyAsString().startsWith("{")) {
      return false;
    }
    JsonObject body = r.json();
    return body.getInteger("rejected", 0) > 0 && body.getInteger("created", 0) == 0 && body.getInteger("duplicate", 0) == 0;
  }

  private static boolean names(String actual, String expected) {
    return actual != null && (actual.equals(expected) || actual.startsWith(expected + ".") || actual.startsWith(expected + "["));
  }

  /** The error body, if the answer is one: {@code error}, {@code code} and {@code message} as text. */
  private static JsonObject errorBody(Api.Response r) {
    try {
      JsonObject body = r.json();
      return body != null && body.getValue("error") instanceof String && body.getValue("code") instanceof String
          && body.getValue("message") instanceof String ? body : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String abbreviate(Api.Response r) {
    String body = r.raw().bodyAsString();
    if (body == null) {
      return "";
    }
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  /** A logged-in account of each role, of producer A where the role belongs to a producer. */
  private static final class Callers {
    private final Api api;
    private final Farm a;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    Callers(Api api, Farm a) {
      this.api = api;
      this.a = a;
    }

    String token(String role) {
      if (role.equals("nobody")) {
        return null;
      }
      return tokens.computeIfAbsent(role, r -> api.newUser(a.admin, r.equals("inspector") || r.equals("platform_admin")
          ? null : a.producerId, r));
    }

    /** The first role whose answer to the probe is not a refusal, or null when every role is refused. */
    String mayAct(HttpMethod method, FuzzCases.Case probe, Map<String, String> ids) {
      String readable = null;
      for (String role : ROLES) {
        int status = send(api, method, probe, token(role), ids).status();
        if (status != 401 && status != 403 && status != 404) {
          return role;
        }
        if (status == 404 && readable == null) {
          readable = role;
        }
      }
      return readable;
    }

    /** A new account in place of one whose session an operation ended. */
    void renew(String role) {
      if (!role.equals("nobody") && api.get("/api/v1/auth/me", tokens.get(role)).status() == 401) {
        tokens.remove(role);
      }
    }
  }
}
