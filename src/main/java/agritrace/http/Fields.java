package agritrace.http;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validated reads of a request's JSON fields. Every failure is a 400 that names the field and
 * says what a valid value looks like.
 */
public final class Fields {

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\-]{4,18}");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JsonObject json;

  public Fields(JsonObject json) {
    this.json = json;
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String name) {
    return json.getValue(name) != null;
  }

  /** A required string, trimmed, of 1 to {@code max} characters. */
  public String text(String name, int max) {
    String value = optionalText(name, max);
    if (value == null) {
      throw ApiError.invalid(name, name + " is required");
    }
    return value;
  }

  /** An optional string, trimmed; blank counts as absent. */
  public String optionalText(String name, int max) {
    Object raw = json.getValue(name);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String s)) {
      throw ApiError.invalid(name, name + " must be a string");
    }
    String value = s.strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > max) {
      throw ApiError.invalid(name, name + " must be at most " + max + " characters");
    }
    return value;
  }

  /** A required secret, taken exactly as sent (no trimming), of 1 to {@code max} characters. */
  public String secret(String name, int max) {
    Object raw = json.getValue(name);
    if (!(raw instanceof String value) || value.isEmpty()) {
      throw ApiError.invalid(name, name + (raw == null ? " is required" : " must be a non-empty string"));
    }
    if (value.length() > max) {
      throw ApiError.invalid(name, name + " must be at most " + max + " characters");
    }
    return value;
  }

  /** The canonical 36-character form of a UUID, or null when the text is not one. */
  public static UUID parseUuid(String text) {
    return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
  }

  /** A required string that must be one of {@code allowed}. */
  public String oneOf(String name, Set<String> allowed) {
    String value = text(name, 10_000);
    if (!allowed.contains(value)) {
      throw ApiError.invalid(name, name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  /** A required ISO date (yyyy-MM-dd). */
  public LocalDate date(String name) {
    String value = text(name, 10);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(name, name + " must be a date like 2026-03-01");
    }
  }

  /** An optional id. */
  public UUID optionalUuid(String name) {
    String value = optionalText(name, 36);
    if (value == null) {
      return null;
    }
    UUID id = parseUuid(value);
    if (id == null) {
      throw ApiError.invalid(name, name + " must be an id (UUID)");
    }
    return id;
  }

  /** A phone number: digits, spaces and dashes, an optional leading +. */
  public String phone(String name, boolean required) {
    String value = required ? text(name, 20) : optionalText(name, 20);
    if (value != null && !PHONE.matcher(value).matches()) {
      throw ApiError.invalid(name, name + " must be a phone number (digits, optional +, spaces or dashes)");
    }
    return value;
  }

  /** The id in a path parameter; a malformed id cannot name anything, so it is a 404. */
  public static UUID pathId(io.vertx.ext.web.RoutingContext ctx, String param, String what) {
    UUID id = parseUuid(ctx.pathParam(param));
    if (id == null) {
      throw ApiError.notFound(what);
    }
    return id;
  }

  /** A whole-number query parameter within bounds, or its default when absent. */
  public static int queryInt(io.vertx.ext.web.RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like any out-of-range value
    }
    throw ApiError.invalid(name, name + " must be a whole number from " + min + " to " + max);
  }
}
