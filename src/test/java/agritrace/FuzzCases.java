package agritrace;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The bad (and the unusual but valid) requests for one operation, made from what the spec says of
 * its parameters and body: types, {@code required}, {@code enum}, {@code format},
 * {@code maxLength}, {@code minimum}/{@code maximum}.
 */
final class FuzzCases {

  /**
   * One request: what it tries, the field at fault when {@code invalid} (null when none), the path
   * (spec form, filled later), the query and the body.
   */
  record Case(String what, boolean invalid, String field, String path, String query, String contentType, Buffer body) {
  }

  /** Text a person could type: stored exactly, shown escaped. */
  static final List<String> UNUSUAL = List.of(
      "🥬 青菜 🍅 👨‍🌾", "\u202Eمزرعة\u202C 农场", "'; DROP TABLE batches; -- \" OR 1=1", "<script>alert(1)</script> & \"q\" 'a'");

  /** Raw JSON string literals no text may hold: a NUL, lone surrogates (as JSON escapes). */
  private static final List<String> NOT_TEXT = List.of("\"a\\u0000b\"", "\"\\ud800x\"", "\"x\\udfff\"");

  private static final List<String> PAIRED = List.of("corrects", "correctionReason");

  private static final String RAW = "@@raw@@";
  private static final String HUGE = "x".repeat(100_000);

  private final Spec spec;
  private final Spec.Operation operation;
  private final List<Case> cases = new ArrayList<>();
  /** The query parameters the spec requires, each with its example (or first allowed value). */
  private final Map<String, String> required = new LinkedHashMap<>();

  private FuzzCases(Spec spec, Spec.Operation operation) {
    this.spec = spec;
    this.operation = operation;
    for (Map<String, Object> parameter : operation.parameters("query")) {
      if (Boolean.TRUE.equals(parameter.get("required"))) {
        Map<String, Object> schema = spec.schema(parameter.get("schema"));
        Object value = parameter.get("example") != null ? parameter.get("example")
            : schema.get("enum") instanceof List<?> allowed ? allowed.get(0) : schema.get("default");
        required.put((String) parameter.get("name"), encode(String.valueOf(value)));
      }
    }
  }

  /** The required query parameters, with {@code name} set to {@code value} (already encoded). */
  private String query(String name, String value) {
    Map<String, String> query = new LinkedHashMap<>(required);
    if (name != null) {
      query.put(name, value);
    }
    return String.join("&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** The cases for the operation, the first being its valid base request (its body from {@code base}). */
  static List<Case> of(Spec spec, Spec.Operation operation, Supplier<JsonObject> base) {
    FuzzCases f = new FuzzCases(spec, operation);
    Map<String, Map<String, Object>> bodies = spec.bodies(operation);
    boolean json = bodies.containsKey("application/json");
    f.add("the spec's example", false, null, operation.path(), f.query(null, null), json ? base.get() : null, bodies);
    f.pathCases(json ? base : null, bodies);
    f.queryCases(json ? base : null, bodies);
    if (json) {
      f.jsonCases(bodies.get("application/json"), base);
    }
    bodies.keySet().stream().filter(type -> !type.equals("application/json")).findFirst()
        .ifPresent(f::rawCases);
    return f.made() == null ? f.cases : f.cases.stream().map(c -> new Case(c.what(), c.invalid(), c.field(),
        c.path().replace("{" + f.made() + "}", UUID.randomUUID().toString()), c.query(), c.contentType(), c.body())).toList();
  }

  /** A PUT's last path parameter: an id the phone made for what it puts (a photo), a new one for each request. */
  private String made() {
    List<Map<String, Object>> path = operation.parameters("path");
    if (!operation.verb().equals("put") || path.isEmpty()) {
      return null;
    }
    String last = (String) path.get(path.size() - 1).get("name");
    return operation.path().endsWith("{" + last + "}") ? last : null;
  }

  private void add(String what, boolean invalid, String field, String path, String query, JsonObject body,
      Map<String, Map<String, Object>> bodies) {
    if (body != null) {
      cases.add(new Case(what, invalid, field, path, query, "application/json", body.toBuffer()));
    } else if (!bodies.isEmpty()) {
      String type = bodies.keySet().iterator().next();
      cases.add(new Case(what, invalid, field, path, query, type, Buffer.buffer(validRaw(type))));
    } else {
      cases.add(new Case(what, invalid, field, path, query, null, null));
    }
  }

  // ---- path and query ----

  private void pathCases(Supplier<JsonObject> base, Map<String, Map<String, Object>> bodies) {
    for (Map<String, Object> parameter : operation.parameters("path")) {
      String name = (String) parameter.get("name");
      // A new id the phone made for what it puts is no fault.
      boolean made = name.equals(made());
      String unknown = UUID.randomUUID().toString();
      for (String bad : List.of("not-a-uuid", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", unknown,
          "00000000-0000-0000-0000-00000000000g", "7K3Q9XWD2M5R8T0V")) {
        String path = operation.path().replace("{" + name + "}", bad);
        boolean invalid = !(made && bad.equals(unknown));
        add("{" + name + "} = " + bad, invalid, null, path, query(null, null), base == null ? null : base.get(), bodies);
      }
    }
  }

  private void queryCases(Supplier<JsonObject> base, Map<String, Map<String, Object>> bodies) {
    for (Map<String, Object> parameter : operation.parameters("query")) {
      String name = (String) parameter.get("name");
      Map<String, Object> schema = spec.schema(parameter.get("schema"));
      List<Object[]> values = new ArrayList<>(); // {raw query value (already encoded), invalid?}
      String type = type(schema);
      if (type.equals("integer") || type.equals("number")) {
        for (String n : List.of("-1", "0", "abc", "1.5", "1e309", "99999999999999999999", "-0", "0x10", "%00")) {
          values.add(new Object[] {n, !inRange(schema, n, type.equals("integer"))});
        }
      } else if (schema.get("enum") != null) {
        values.add(new Object[] {"no_such_value", true});
        values.add(new Object[] {"%00", true});
      } else if ("uuid".equals(schema.get("format"))) {
        values.add(new Object[] {"not-a-uuid", true});
        values.add(new Object[] {"%27%20OR%201%3D1", true});
      } else if (name.equals("since")) {
        for (String cursor : List.of("garbage%21%21", "-5", "99999999999999999999.zz", "1.not-a-uuid", "%00")) {
          values.add(new Object[] {cursor, true});
        }
      } else {
        for (String text : List.of("%00", "%ED%A0%80", "%FF%FE", encode("'; DROP TABLE batches; --"),
            encode("<script>alert(1)</script>"), encode("🥬 \u202E"))) {
          values.add(new Object[] {text, false});
        }
      }
      if (schema.get("maxLength") instanceof Integer max) {
        values.add(new Object[] {"x".repeat(max + 1), true});
      }
      for (Object[] value : values) {
        add("?" + name + "=" + value[0], (Boolean) value[1], name, operation.path(), query(name, (String) value[0]),
            base == null ? null : base.get(), bodies);
      }
    }
  }

  // ---- JSON bodies ----

  private void jsonCases(Map<String, Object> schema, Supplier<JsonObject> base) {
    String path = operation.path();
    for (String malformed : List.of("{\"a\":", "", "[]", "\"text\"", "null", "12", "{\"a\":1}}", "{'a':1}",
        "[".repeat(5_000), "{\"a\":\"" + "x".repeat(1_100_000) + "\"}")) {
      cases.add(new Case("malformed JSON " + abbreviate(malformed), true, null, path, query(null, null), "application/json",
          Buffer.buffer(malformed)));
    }
    cases.add(new Case("invalid UTF-8", true, null, path, query(null, null), "application/json",
        Buffer.buffer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'})));
    cases.add(new Case("JSON sent as text/plain", true, null, path, query(null, null), "text/plain", base.get().toBuffer()));
    cases.add(new Case("an unknown field", false, null, path, query(null, null), "application/json",
        base.get().put("zzUnknownField", "<script>alert(1)</script>").toBuffer()));
    List<?> required = Spec.required(schema);
    spec.propertiesOf(schema).forEach((name, property) -> {
      if (required.contains(name)) {
        JsonObject missing = base.get();
        missing.remove(name);
        cases.add(json("no " + name, true, name, missing));
        cases.add(json(name + " = null", true, name, base.get().putNull(name)));
      }
      // A correction needs both corrects and correctionReason, and the base request is no correction:
      // either alone may be refused for the other, or be ignored.
      if (!PAIRED.contains(name)) {
        fieldCases(name, property, base);
      }
      nestedCases(name, property, base);
    });
  }

  private void fieldCases(String name, Map<String, Object> property, Supplier<JsonObject> base) {
    String type = type(property);
    switch (type) {
      case "string" -> {
        cases.add(json(name + " = 12345", true, name, base.get().put(name, 12345)));
        cases.add(json(name + " = {}", true, name, base.get().put(name, new JsonObject().put("x", 1))));
        boolean constrained = property.get("enum") != null || property.get("format") != null
            || property.get("pattern") != null;
        for (String raw : NOT_TEXT) {
          cases.add(raw(name + " = " + raw, true, name, base.get(), name, raw));
        }
        if (property.get("enum") != null) {
          cases.add(json(name + " = an unknown value", true, name, base.get().put(name, "no_such_value")));
        }
        String format = (String) property.get("format");
        if ("uuid".equals(format)) {
          for (String bad : List.of("not-a-uuid", "0b9f6c3e5a1d4c2e9f3a7d2b8e4c1a60", "' OR 1=1 --")) {
            cases.add(json(name + " = " + bad, true, name, base.get().put(name, bad)));
          }
          if (!name.equals("id")) {
            cases.add(json(name + " = an unknown id", true, name, base.get().put(name, UUID.randomUUID().toString())));
          }
        } else if ("date".equals(format)) {
          cases.add(json(name + " = 2026-02-30", true, name, base.get().put(name, "2026-02-30")));
          cases.add(json(name + " = yesterday", true, name, base.get().put(name, "yesterday")));
        } else if ("date-time".equals(format)) {
          cases.add(json(name + " = 2026-13-01T00:00:00Z", true, name, base.get().put(name, "2026-13-01T00:00:00Z")));
          cases.add(json(name + " = now", true, name, base.get().put(name, "now")));
        }
        if (property.get("pattern") instanceof String pattern && !"¡no!".matches(pattern)) {
          cases.add(json(name + " = a value its pattern refuses", true, name, base.get().put(name, "¡no!")));
        }
        Integer max = property.get("maxLength") instanceof Integer m ? m : null;
        if (max != null) {
          cases.add(json(name + " of " + (max + 1) + " characters", true, name, base.get().put(name, "字".repeat(max + 1))));
        }
        cases.add(json(name + " of 100 KB", max != null || constrained, name, base.get().put(name, HUGE)));
        if (!constrained) {
          for (String text : UNUSUAL) {
            cases.add(json(name + " = " + text, false, name, base.get().put(name, text)));
          }
        }
      }
      case "integer", "number" -> {
        cases.add(json(name + " = \"12\"", true, name, base.get().put(name, "12")));
        cases.add(json(name + " = true", true, name, base.get().put(name, true)));
        for (String n : List.of("-1", "0", "-0", "1.5", "1e309", "-1e309", "9223372036854775808", "1e-400")) {
          cases.add(raw(name + " = " + n, !inRange(property, n, type.equals("integer")), name, base.get(), name, n));
        }
      }
      case "boolean" -> {
        cases.add(json(name + " = \"true\"", true, name, base.get().put(name, "true")));
        cases.add(json(name + " = 1", true, name, base.get().put(name, 1)));
      }
      case "array" -> {
        cases.add(json(name + " = \"x\"", true, name, base.get().put(name, "x")));
        cases.add(json(name + " = {}", true, name, base.get().put(name, new JsonObject())));
        cases.add(json(name + " = [null, 12]", true, name, base.get().put(name, new JsonArray().addNull().add(12))));
        if (property.get("minItems") instanceof Integer min && min > 0) {
          cases.add(json(name + " = []", true, name, base.get().put(name, new JsonArray())));
        }
        if (property.get("maxItems") instanceof Integer max && base.get().getValue(name) instanceof JsonArray some
            && !some.isEmpty()) {
          JsonArray many = new JsonArray();
          for (int i = 0; i <= max; i++) {
            many.add(some.getValue(0));
          }
          cases.add(json(name + " of " + (max + 1) + " items", true, name, base.get().put(name, many)));
        }
      }
      case "object" -> {
        cases.add(json(name + " = \"x\"", true, name, base.get().put(name, "x")));
        cases.add(json(name + " = [1]", true, name, base.get().put(name, new JsonArray().add(1))));
      }
      default -> {
        // no single type (anyOf, oneOf): only the body-wide cases
      }
    }
  }

  /** One level down, for lists of objects (a sync's records, a checklist's items): wrong types and bad text. */
  private void nestedCases(String name, Map<String, Object> property, Supplier<JsonObject> base) {
    if (!type(property).equals("array") || !(base.get().getValue(name) instanceof JsonArray array)
        || array.isEmpty() || !(array.getValue(0) instanceof JsonObject)) {
      return;
    }
    Map<String, Object> items = spec.schema(property.get("items"));
    for (String inner : spec.propertiesOf(items).keySet()) {
      String what = name + "[0]." + inner;
      cases.add(nested(what + " = 12345", base, name, inner, 12345));
      cases.add(nested(what + " = {}", base, name, inner, new JsonObject()));
      cases.add(nested(what + " = 1e309", base, name, inner, RAW + "1e309"));
      cases.add(nested(what + " = NUL", base, name, inner, RAW + "\"a\\u0000b\""));
      cases.add(nested(what + " = a lone surrogate", base, name, inner, RAW + "\"\\ud800\""));
    }
  }

  private Case nested(String what, Supplier<JsonObject> base, String list, String field, Object value) {
    JsonObject body = base.get();
    JsonObject first = body.getJsonArray(list).getJsonObject(0);
    String text;
    if (value instanceof String s && s.startsWith(RAW)) {
      first.put(field, RAW);
      text = body.encode().replace("\"" + RAW + "\"", s.substring(RAW.length()));
    } else {
      first.put(field, value);
      text = body.encode();
    }
    // A sync answers 200 with each record's outcome, so a nested fault need not fail the request.
    return new Case(what, false, null, operation.path(), query(null, null), "application/json", Buffer.buffer(text));
  }

  private Case json(String what, boolean invalid, String field, JsonObject body) {
    return new Case(what, invalid, field, operation.path(), query(null, null), "application/json", body.toBuffer());
  }

  /** The body with {@code name} set to a raw JSON literal (1e309, "\ud800") no JSON library writes. */
  private Case raw(String what, boolean invalid, String field, JsonObject body, String name, String literal) {
    String text = body.put(name, RAW).encode().replace("\"" + RAW + "\"", literal);
    return new Case(what, invalid, field, operation.path(), query(null, null), "application/json", Buffer.buffer(text));
  }

  // ---- other bodies: photos, CSV files ----

  private void rawCases(String type) {
    List<byte[]> garbage = new ArrayList<>();
    if (type.startsWith("image/")) {
      garbage.add("not an image".getBytes(StandardCharsets.UTF_8));
      garbage.add(new byte[0]);
      garbage.add(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0});
      garbage.add(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0x7f});
      garbage.add(new byte[6 * 1024 * 1024]);
    } else {
      garbage.add(new byte[0]);
      garbage.add(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, '\n', 0});
      garbage.add("code,parent\n\"unterminated,x\n".getBytes(StandardCharsets.UTF_8));
      garbage.add("no,such,columns\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
      garbage.add(("code,parent,name_zh,name_en,aliases\nbad\u0000code,,菜,Veg,\n").getBytes(StandardCharsets.UTF_8));
      garbage.add(new byte[] {'c', 'o', 'd', 'e', '\n', (byte) 0xc3, (byte) 0x28, '\n'});
      garbage.add(("code,parent,name_zh,name_en,aliases\n" + "x".repeat(100_000) + ",,菜,Veg,\n").getBytes(StandardCharsets.UTF_8));
    }
    for (byte[] bytes : garbage) {
      cases.add(new Case(type + " garbage of " + bytes.length + " bytes", true, null, operation.path(), query(null, null), type,
          Buffer.buffer(bytes)));
    }
    cases.add(new Case(type + " sent as application/json", true, null, operation.path(), query(null, null), "application/json",
        Buffer.buffer("{}")));
  }

  private static byte[] validRaw(String type) {
    try {
      return type.startsWith("image/") ? Dataset.jpeg() : "code,parent,name_zh,name_en,aliases\n".getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the spec's words ----

  static String type(Map<String, Object> schema) {
    Object type = schema.get("type");
    if (type instanceof List<?> types) {
      type = types.stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
    }
    return type == null ? "" : type.toString();
  }

  /** Whether a number literal is one the spec allows: finite, whole for an integer, within its bounds. */
  static boolean inRange(Map<String, Object> schema, String literal, boolean integer) {
    BigDecimal value;
    try {
      value = new BigDecimal(literal);
    } catch (NumberFormatException e) {
      return false;
    }
    if (literal.contains("e309")) {
      return false; // not a finite double
    }
    if (literal.contains("e-400")) {
      value = BigDecimal.ZERO; // below the least double: read as 0, by this server as by JavaScript
    }
    if (integer && value.stripTrailingZeros().scale() > 0) {
      return false;
    }
    if (schema.get("minimum") instanceof Number min && value.compareTo(new BigDecimal(min.toString())) < 0) {
      return false;
    }
    if (schema.get("maximum") instanceof Number max && value.compareTo(new BigDecimal(max.toString())) > 0) {
      return false;
    }
    if (schema.get("exclusiveMinimum") instanceof Number min && value.compareTo(new BigDecimal(min.toString())) <= 0) {
      return false;
    }
    if (schema.get("exclusiveMaximum") instanceof Number max && value.compareTo(new BigDecimal(max.toString())) >= 0) {
      return false;
    }
    return true;
  }

  /** A YAML example as JSON: SnakeYAML reads unquoted dates and times as {@link Date}. */
  static Object json(Object yaml) {
    if (yaml instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.put(k.toString(), json(v)));
      return object;
    }
    if (yaml instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(v -> array.add(json(v)));
      return array;
    }
    if (yaml instanceof Date date) {
      Instant instant = date.toInstant();
      return instant.equals(instant.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant())
          ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString() : instant.toString();
    }
    return yaml;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…(" + text.length() + ")" : text;
  }
}
