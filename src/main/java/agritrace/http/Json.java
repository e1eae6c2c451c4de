package agritrace.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Reading JSON request bodies and sending JSON responses: the one helper for both. */
public final class Json {

  private Json() {
  }

  /**
   * The request body as a JSON object, or a 415 (not JSON) or 400 (malformed, empty, not an
   * object, or holding text PostgreSQL cannot store: {@link Fields#storableTree}) problem.
   */
  public static Fields body(RoutingContext ctx) {
    Fields body = parsed(ctx);
    Fields.storableTree("", body.json());
    return body;
  }

  /**
   * A sync's body: parsed as {@link #body} but not checked whole, for each record is checked on
   * its own, so that one bad record is rejected and the others are stored.
   */
  public static Fields syncBody(RoutingContext ctx) {
    return parsed(ctx);
  }

  private static Fields parsed(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ApiError(415, "unsupported_media_type", Message.of("error.json_only"), null);
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      throw new ApiError(400, "malformed_json", Message.of("error.body_empty"), null);
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException e) {
      throw new ApiError(400, "malformed_json", Message.of("error.body_not_json"), null);
    }
    JsonObject object;
    if (parsed instanceof JsonObject json) {
      object = json;
    } else if (parsed instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) map;
      object = new JsonObject(fields);
    } else {
      throw new ApiError(400, "malformed_json", Message.of("error.body_not_object"), null);
    }
    return new Fields(object);
  }

  /** Sends {@code body} as JSON: a JSON object or any value Jackson encodes, or a Buffer of JSON already encoded. */
  public static void send(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body instanceof Buffer encoded ? encoded
            : body instanceof JsonObject o ? o.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body));
  }

  /** A timestamp as RFC 3339 text, always with seconds. */
  public static String time(OffsetDateTime t) {
    return t == null ? null : t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  public static void ok(RoutingContext ctx, Object body) {
    send(ctx, 200, body);
  }

  public static void created(RoutingContext ctx, String id) {
    send(ctx, 201, new JsonObject().put("id", id));
  }
}
