package agritrace.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A minimal JSON Schema (draft-07) check for the keywords GS1's linkset and resolver description
 * file schemas use (test/resources/gs1): type, properties, patternProperties,
 * additionalProperties false, required, items, pattern, enum and format uri. Other keywords
 * (titles, descriptions, defaults) say nothing about validity and are ignored.
 */
final class SchemaCheck {

  private SchemaCheck() {
  }

  /** The schema (or other JSON file) test/resources/gs1/{name}. */
  static JsonObject gs1(String name) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream("/gs1/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What in {@code value} breaks {@code schema}, one line each, at its JSON pointer; empty when it is valid. */
  static List<String> errors(JsonObject schema, Object value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "", errors);
    return errors;
  }

  private static void check(JsonObject schema, Object value, String at, List<String> errors) {
    String type = schema.getString("type");
    if (type != null && !is(type, value)) {
      errors.add(at + ": not of type " + type + ": " + value);
      return;
    }
    if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
      errors.add(at + ": " + value + " is none of " + schema.getJsonArray("enum"));
    }
    if (value instanceof String text) {
      if (schema.containsKey("pattern") && !Pattern.compile(schema.getString("pattern")).matcher(text).find()) {
        errors.add(at + ": '" + text + "' does not match " + schema.getString("pattern"));
      }
      if ("uri".equals(schema.getString("format")) && !absoluteUri(text)) {
        errors.add(at + ": '" + text + "' is not an absolute URI");
      }
    }
    if (value instanceof JsonArray array && schema.getValue("items") instanceof JsonObject items) {
      for (int i = 0; i < array.size(); i++) {
        check(items, array.getValue(i), at + "/" + i, errors);
      }
    }
    if (value instanceof JsonObject object) {
      for (Object required : schema.getJsonArray("required", new JsonArray())) {
        if (!object.containsKey((String) required)) {
          errors.add(at + ": lacks " + required);
        }
      }
      JsonObject properties = schema.getJsonObject("properties", new JsonObject());
      JsonObject patterns = schema.getJsonObject("patternProperties", new JsonObject());
      for (Map.Entry<String, Object> member : object) {
        String key = member.getKey();
        boolean described = false;
        if (properties.containsKey(key)) {
          described = true;
          check(properties.getJsonObject(key), member.getValue(), at + "/" + key, errors);
        }
        for (String pattern : patterns.fieldNames()) {
          if (Pattern.compile(pattern).matcher(key).find()) {
            described = true;
            check(patterns.getJsonObject(pattern), member.getValue(), at + "/" + key, errors);
          }
        }
        if (!described && Boolean.FALSE.equals(schema.getValue("additionalProperties"))) {
          errors.add(at + ": " + key + " is not allowed");
        }
      }
    }
  }

  private static boolean is(String type, Object value) {
    return switch (type) {
      case "object" -> value instanceof JsonObject;
      case "array" -> value instanceof JsonArray;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "number" -> value instanceof Number;
      case "integer" -> value instanceof Integer || value instanceof Long;
      default -> throw new IllegalArgumentException("a type this check does not know: " + type);
    };
  }

  private static boolean absoluteUri(String text) {
    try {
      return new URI(text).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
