package agritrace.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validated reads of a request's JSON fields. Every failure is a 400 that names the field and
 * says what a valid value looks like.
 */
public final class Fields {

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\-]{4,18}");

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
      throw ApiError.invalid(name, "field.required");
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
      throw ApiError.invalid(name, "field.not_text");
    }
    String value = storable(name, s).strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > max) {
      throw ApiError.invalid(name, "field.too_long", "max", max);
    }
    return value;
  }

  /** A required secret, taken exactly as sent (no trimming), of 1 to {@code max} characters. */
  public String secret(String name, int max) {
    Object raw = json.getValue(name);
    if (!(raw instanceof String value) || value.isEmpty()) {
      throw ApiError.invalid(name, raw == null ? "field.required" : "field.not_text");
    }
    storable(name, value);
    if (value.length() > max) {
      throw ApiError.invalid(name, "field.too_long", "max", max);
    }
    return value;
  }

  /**
   * The text itself, if PostgreSQL can store it and read it back as sent: no NUL character (text
   * cannot hold one) and no half of a surrogate pair (UTF-8 cannot write one; it would be stored
   * as "?"). Otherwise a 400 naming the field.
   */
  public static String storable(String name, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || Character.isLowSurrogate(c)
          || Character.isHighSurrogate(c) && (++i == text.length() || !Character.isLowSurrogate(text.charAt(i)))) {
        throw ApiError.invalid(name, "field.not_storable");
      }
    }
    return text;
  }

  /**
   * Every text in a JSON value, names included, {@link #storable}: a body may be kept as sent
   * (a test's content), unknown fields and all. A fault names its field as a path
   * ({@code answers[0].note}).
   */
  public static void storableTree(String path, Object value) {
    if (value instanceof String text) {
      storable(path, text);
    } else if (value instanceof JsonObject object) {
      for (var entry : object) {
        storable(path.isEmpty() ? "body" : path, entry.getKey());
        storableTree(path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), entry.getValue());
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        storableTree(path + "[" + i + "]", array.getValue(i));
      }
    }
  }

  /** The canonical 36-character form of a UUID, or null when the text is not one. */
  public static UUID parseUuid(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    // Read by hand rather than by a regular expression and UUID.fromString: a sync reads a thousand.
    if (text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-' || text.charAt(23) != '-') {
      return null;
    }
    long a = number(text, 0, 8, 16);
    long b = number(text, 9, 13, 16);
    long c = number(text, 14, 18, 16);
    long d = number(text, 19, 23, 16);
    long e = number(text, 24, 36, 16);
    if ((a | b | c | d | e) < 0) {
      return null;
    }
    return new UUID(a << 32 | b << 16 | c, d << 48 | e);
  }

  /**
   * The number written from {@code from} to {@code to} (at most 12 digits) in base 10 or 16 (hex
   * digits in either case), or -1 if any character is not such a digit.
   */
  private static long number(String text, int from, int to, int radix) {
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0'
          : radix == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10
          : radix == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) {
        return -1;
      }
      value = value * radix + digit;
    }
    return value;
  }

  /** A required string that must be one of {@code allowed}. */
  public String oneOf(String name, Set<String> allowed) {
    String value = text(name, 10_000);
    if (!allowed.contains(value)) {
      throw ApiError.invalid(name, "field.one_of", "allowed", allowed.stream().sorted().toList());
    }
    return value;
  }

  /** A required ISO date (yyyy-MM-dd). */
  public LocalDate date(String name) {
    String value = text(name, 10);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(name, "field.date");
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
      throw ApiError.invalid(name, "field.uuid");
    }
    return id;
  }

  /** A decimal number within [min, max] (min exclusive when {@code positive}); null when absent and optional. */
  public BigDecimal number(String name, double min, double max, boolean required) {
    Object raw = json.getValue(name);
    if (raw == null) {
      if (required) {
        throw ApiError.invalid(name, "field.required");
      }
      return null;
    }
    if (!(raw instanceof Number n) || n instanceof Double d && !Double.isFinite(d)
        || n instanceof Float f && !Float.isFinite(f)) {
      // 1e309 is read as an infinite double: no number a field can hold
      throw ApiError.invalid(name, "field.not_number");
    }
    BigDecimal value = new BigDecimal(n.toString());
    if (value.doubleValue() < min || value.doubleValue() > max) {
      throw ApiError.invalid(name, "field.range", "min", plain(min), "max", plain(max));
    }
    return value;
  }

  /** A positive decimal number up to {@code max}. */
  public BigDecimal positive(String name, double max, boolean required) {
    BigDecimal value = number(name, 0, max, required);
    if (value != null && value.signum() <= 0) {
      throw ApiError.invalid(name, "field.positive");
    }
    return value;
  }

  /** A whole number within [min, max]; null when absent and optional. */
  public Integer integer(String name, int min, int max, boolean required) {
    BigDecimal value = number(name, min, max, required);
    if (value == null) {
      return null;
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw ApiError.invalid(name, "field.whole");
    }
    return value.intValueExact();
  }

  /** An RFC 3339 timestamp that includes its UTC offset, e.g. 2026-11-27T08:30:00+08:00. */
  public OffsetDateTime timestamp(String name, boolean required) {
    String value = required ? text(name, 40) : optionalText(name, 40);
    if (value == null) {
      return null;
    }
    OffsetDateTime quick = parseTimestamp(value);
    if (quick != null) {
      return quick;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(name, "field.timestamp");
    }
  }

  /**
   * The shape phones send, yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM), read by hand; null for
   * any other text or an impossible value, which the general parser then accepts or refuses. A
   * sync reads hundreds of these, and the general parser took a fifth of the server's CPU.
   */
  static OffsetDateTime parseTimestamp(String text) {
    int n = text.length();
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = (int) number(text, 0, 4, 10);
    int month = (int) number(text, 5, 7, 10);
    int day = (int) number(text, 8, 10, 10);
    int hour = (int) number(text, 11, 13, 10);
    int minute = (int) number(text, 14, 16, 10);
    int second = (int) number(text, 17, 19, 10);
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && number(text, i, i + 1, 10) >= 0) {
        nanos = nanos * 10 + (text.charAt(i++) - '0');
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (n - i == 1 && text.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (n - i == 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
      int hours = (int) number(text, i + 1, i + 3, 10);
      int minutes = (int) number(text, i + 4, i + 6, 10);
      if (hours < 0 || minutes < 0 || minutes > 59) {
        return null;
      }
      offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** An optional list of short strings. */
  public List<String> textList(String name, int maxItems, int maxLength) {
    Object raw = json.getValue(name);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array) || array.size() > maxItems) {
      throw ApiError.invalid(name, "field.text_list", "max", maxItems);
    }
    List<String> values = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank() || s.length() > maxLength) {
        throw ApiError.invalid(name, "field.text_list_items", "maxLength", maxLength);
      }
      values.add(storable(name, s).strip());
    }
    return values;
  }

  /** An optional JSON object. */
  public JsonObject object(String name) {
    Object raw = json.getValue(name);
    if (raw != null && !(raw instanceof JsonObject)) {
      throw ApiError.invalid(name, "field.object");
    }
    return (JsonObject) raw;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A phone number: digits, spaces and dashes, an optional leading +. */
  public String phone(String name, boolean required) {
    String value = required ? text(name, 20) : optionalText(name, 20);
    if (value != null && !PHONE.matcher(value).matches()) {
      throw ApiError.invalid(name, "field.phone");
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
    throw ApiError.invalid(name, "field.whole_range", "min", min, "max", max);
  }

  /** A query parameter that must be one of {@code allowed} (named in that order when it is not), or null when absent. */
  public static String queryOneOf(io.vertx.ext.web.RoutingContext ctx, String name, java.util.List<String> allowed) {
    String value = ctx.queryParams().get(name);
    if (value != null && !allowed.contains(value)) {
      throw ApiError.invalid(name, "field.one_of", "allowed", allowed);
    }
    return value;
  }

  /** A query parameter as sent, or null when absent; one PostgreSQL cannot store ({@link #storable}) is a 400. */
  public static String queryText(io.vertx.ext.web.RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null ? null : storable(name, value);
  }

  /**
   * A search term from the query as an ILIKE pattern matching it anywhere (its own % and _ taken
   * literally), or null when none was given; a term longer than {@code max} is a 400.
   */
  public static String querySearch(io.vertx.ext.web.RoutingContext ctx, String name, int max) {
    String term = queryText(ctx, name);
    if (term == null || term.isBlank()) {
      return null;
    }
    if (term.length() > max) {
      throw ApiError.invalid(name, "field.too_long", "max", max);
    }
    return "%" + term.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
