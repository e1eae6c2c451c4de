package agritrace.production;

import agritrace.http.ApiError;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What became of one record sent by a phone: created, duplicate or rejected (with the reason). */
record Outcome(UUID id, RecordType type, String status, String message, String field, JsonObject batch) {

  static Outcome rejected(UUID id, RecordType type, ApiError why) {
    return new Outcome(id, type, "rejected", why.getMessage(), why.field(), null);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id == null ? null : id.toString())
        .put("type", type == null ? null : type.id()).put("status", status);
    if (message != null) {
      json.put("message", message);
    }
    if (field != null) {
      json.put("field", field);
    }
    if (batch != null) {
      json.put("batch", batch);
    }
    return json;
  }
}
