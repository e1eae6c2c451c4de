package agritrace.production;

import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A batch (批次) as it stands: made by a harvest, named by its lot code, with the status and the
 * reason of its latest event.
 *
 * @param details what the latest event found (e.g. {@code violations}), or null
 */
public record Batch(UUID id, UUID producerId, UUID harvestId, String lotCode, OffsetDateTime createdAt,
    BatchStatus status, Message reason, JsonObject details) {

  /** A row of {@link Batches}' batch queries. */
  static Batch from(Row row) {
    return new Batch(row.getUUID("id"), row.getUUID("producer_id"), row.getUUID("harvest_id"),
        row.getString("lot_code"), row.getOffsetDateTime("created_at"), BatchStatus.of(row.getString("status")),
        reason(row), row.getJsonObject("details"));
  }

  /** An event's reason: its message, or for events stored before messages had codes, the sentence stored. */
  static Message reason(Row row) {
    JsonObject message = row.getJsonObject("message");
    return message != null ? Message.fromJson(message) : Message.of("legacy.text", "text", row.getString("reason"));
  }

  /** Whether it is held because a pre-harvest interval or withdrawal period was broken. */
  public boolean heldForInterval() {
    return status == BatchStatus.HELD
        && (reason.code().equals("batch.held_at_harvest") || reason.code().equals("batch.held_after_record"));
  }

  /** The code of the reason of its latest event. */
  public String reasonCode() {
    return reason.code();
  }

  /** The batch as the API shows it, its reason in the reader's language. */
  public JsonObject toJson(Messages.Language language) {
    return new JsonObject()
        .put("id", id.toString())
        .put("lotCode", lotCode)
        .put("producerId", producerId.toString())
        .put("harvestId", harvestId.toString())
        .put("status", status.id())
        .put("reason", Messages.toJson(reason, language))
        .put("violations", details == null ? null : details.getJsonArray("violations", new JsonArray()))
        .put("createdAt", Json.time(createdAt));
  }
}
