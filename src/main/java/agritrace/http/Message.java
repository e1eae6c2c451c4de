package agritrace.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Something the server says to a person, as a stable code and its arguments, never as a
 * sentence: the sentence is rendered from the message catalogue in the reader's language
 * ({@link Messages}). Stored rows keep the code and arguments, so a record written today reads
 * in Chinese or English tomorrow. An argument may itself be a message (rendered in the same
 * language) or a list of them.
 *
 * @param code a key of every catalogue, e.g. {@code phi.inside_interval}
 * @param args the values its sentence names, e.g. {@code {"inputName": "吡虫啉"}}
 */
public record Message(String code, JsonObject args) {

  /** The key of an argument that holds whole sentences, joined as clauses ({@link #clauses}). */
  static final String CLAUSES = "clauses";

  /** An argument of several sentences, rendered one after the other as clauses. */
  public static JsonObject clauses(java.util.List<Message> sentences) {
    JsonArray items = new JsonArray();
    sentences.forEach(m -> items.add(m.toJson()));
    return new JsonObject().put(CLAUSES, items);
  }

  /** A message from its code and alternating argument names and values. */
  public static Message of(String code, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("arguments come in name, value pairs: " + code);
    }
    JsonObject args = new JsonObject();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], json(namesAndValues[i + 1]));
    }
    return new Message(code, args);
  }

  /** A message as stored or sent: {@code {"code", "args"}}. */
  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("args", args);
  }

  /** The message stored as {@link #toJson()}; null for null. */
  public static Message fromJson(JsonObject json) {
    return json == null ? null : new Message(json.getString("code"), json.getJsonObject("args", new JsonObject()));
  }

  private static Object json(Object value) {
    if (value instanceof Message m) {
      return m.toJson();
    }
    if (value instanceof Iterable<?> items && !(value instanceof JsonArray) && !(value instanceof JsonObject)) {
      JsonArray array = new JsonArray();
      items.forEach(item -> array.add(json(item)));
      return array;
    }
    if (value instanceof java.util.UUID || value instanceof java.time.temporal.TemporalAccessor) {
      return value.toString();
    }
    return value;
  }
}
