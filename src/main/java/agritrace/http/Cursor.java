package agritrace.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * A place in a list's change stream, which a phone sends back as {@code ?since=} to catch up: the
 * transaction that wrote a record ({@code xid}) and the record's id. Without an id it is a
 * horizon: every record written by a transaction below {@code xid} has been answered. Clients see
 * opaque text: {@code 8123} or {@code 8123.0193a1b2-...}.
 */
public record Cursor(long xid, UUID id) {

  /** The {@code since} of the request, null when there is none; malformed is a 400 on {@code since}. */
  public static Cursor since(RoutingContext ctx) {
    String raw = ctx.queryParams().get("since");
    if (raw == null) {
      return null;
    }
    Cursor cursor = parse(raw);
    if (cursor == null) {
      throw ApiError.invalid("since", "field.cursor");
    }
    if (ctx.queryParams().get("offset") != null) {
      throw ApiError.invalid("offset", "field.offset_with_since");
    }
    return cursor;
  }

  static Cursor parse(String text) {
    int dot = text.indexOf('.');
    String xid = dot < 0 ? text : text.substring(0, dot);
    if (xid.isEmpty() || xid.length() > 18 || !xid.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    if (dot < 0) {
      return new Cursor(Long.parseLong(xid), null);
    }
    UUID id = Fields.parseUuid(text.substring(dot + 1));
    return id == null ? null : new Cursor(Long.parseLong(xid), id);
  }

  @Override
  public String toString() {
    return id == null ? Long.toString(xid) : xid + "." + id;
  }
}
