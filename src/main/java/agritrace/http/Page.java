package agritrace.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One page of a list endpoint: {@code limit} and {@code offset} read from the query, and the
 * answer {@code {"items", "limit", "offset"}}, with {@code next} on the lists a phone catches up
 * on ({@link Cursor}). The one paging helper of every list.
 */
public record Page(int limit, int offset) {

  private static final int MAX_LIMIT = 500;

  /** The page the query asks for; {@code limit} defaults to {@code defaultLimit}, at most 500. */
  public static Page of(RoutingContext ctx, int defaultLimit) {
    return new Page(Fields.queryInt(ctx, "limit", defaultLimit, 1, MAX_LIMIT),
        Fields.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE));
  }

  public JsonObject answer(JsonArray items) {
    return new JsonObject().put("items", items).put("limit", limit).put("offset", offset);
  }

  /** The answer with the cursor to ask {@code ?since=} from next. */
  public JsonObject answer(JsonArray items, Cursor next) {
    return answer(items).put("next", next.toString());
  }
}
