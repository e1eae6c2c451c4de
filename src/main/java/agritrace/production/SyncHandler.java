package agritrace.production;

import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Message;
import agritrace.http.Messages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Items of the offline sync that are not production records (a quality test), each written by
 * the pillar that owns it, registered by type in {@code agritrace.Server}. They are written after
 * the request's production records (so a harvest sent with its test has made its batch), one at a
 * time, each in its own transaction, and answered like the records.
 */
public interface SyncHandler {

  /** The item type it takes, as the item's {@code "type"} names it. */
  String type();

  /**
   * Writes one item's {@code data}, as its own endpoint would. A failure with an
   * {@link agritrace.http.ApiError} is the item's answer: a 409 is a {@code conflict}, any other a
   * {@code rejected} with its reason and field; any other failure fails the request.
   */
  Future<Written> write(Caller caller, Fields data, Messages.Language language);

  /**
   * An item written: {@code created} now or a {@code duplicate} of what is stored; {@code said}
   * tells the sender what it did, and {@code details} are put into the item's answer as they are.
   */
  record Written(boolean created, Message said, JsonObject details) {
  }
}
