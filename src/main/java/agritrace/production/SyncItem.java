package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.production.Records.ProductionRecord;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * One record of a sync request, from reading to its outcome: {@code created}, {@code duplicate}
 * (the same as what is stored), {@code conflict} (its id is stored with other content) or
 * {@code rejected} (with the reason and the field at fault). An item of a type a
 * {@link SyncHandler} takes is carried along as sent, for its handler to write.
 */
final class SyncItem {

  enum Status { CREATED, DUPLICATE, CONFLICT, REJECTED }

  /** The record as read; null when it could not be read (then it is rejected). */
  final ProductionRecord record;
  private final UUID id;
  private final RecordType type;
  private Status status;
  private Message message;
  private String field;
  /** The batch a harvest made, as it stands after the write. */
  Batch batch;
  /** For a record the request sends again, its first copy, whose outcome decides this one's. */
  private SyncItem firstCopy;
  /** For an item a handler writes: its type, and its data as sent. */
  final String handledType;
  final JsonObject data;
  /** What a handler put into the item's answer. */
  private JsonObject details;

  private SyncItem(ProductionRecord record, UUID id, RecordType type, String handledType, JsonObject data) {
    this.record = record;
    this.id = id;
    this.type = type;
    this.handledType = handledType;
    this.data = data;
  }

  static SyncItem read(ProductionRecord record) {
    return new SyncItem(record, record.id(), record.type(), null, null);
  }

  /** A record that could not be read: {@code id} and {@code type} as far as they could be. */
  static SyncItem unreadable(UUID id, RecordType type, ApiError why) {
    SyncItem item = new SyncItem(null, id, type, null, null);
    item.reject(why);
    return item;
  }

  /** An item for the handler of {@code type} to write; {@code id} is its data's id as far as it reads. */
  static SyncItem handled(UUID id, String type, JsonObject data) {
    return new SyncItem(null, id, null, type, data);
  }

  /** A production record still to be stored: read, neither answered nor refused yet, and not a copy of another. */
  boolean pending() {
    return status == null && firstCopy == null && record != null;
  }

  /** A production record, whether or not it could be read. */
  boolean production() {
    return handledType == null;
  }

  /** The handler's answer: written now or before. */
  void written(SyncHandler.Written written) {
    status = written.created() ? Status.CREATED : Status.DUPLICATE;
    message = written.said();
    details = written.details();
  }

  /** The handler's refusal: a 409 is a conflict, anything else a rejection. */
  void refused(ApiError why) {
    status = why.status() == 409 ? Status.CONFLICT : Status.REJECTED;
    message = why.message();
    field = why.field();
  }

  /** Still to be stored, of this type, and an original or a correction as asked. */
  boolean pending(RecordType of, boolean correction) {
    return pending() && type == of && (record.corrects() != null) == correction;
  }

  /** This record is sent again in the request: it is answered once its first copy is. */
  void repeats(SyncItem first) {
    firstCopy = first;
  }

  /**
   * A copy sent again in the same request: stored (or already stored) with its first copy, or
   * refused with it; a copy that says something else is a conflict.
   */
  void settleCopy() {
    if (firstCopy == null || status != null) {
      return;
    }
    if (!RecordContent.same(firstCopy.record, record)) {
      conflict();
    } else if (firstCopy.status == Status.CREATED || firstCopy.status == Status.DUPLICATE) {
      duplicate(Message.of("sync.sent_twice"));
      batch = firstCopy.batch;
    } else {
      status = firstCopy.status;
      message = firstCopy.message;
      field = firstCopy.field;
    }
  }

  boolean isHarvest() {
    return record instanceof Records.Operation op && op.operation() == OperationType.HARVEST;
  }

  /** Back to pending, for a write tried again from the start. */
  void reopen() {
    status = null;
    message = null;
    field = null;
    batch = null;
  }

  Status status() {
    return status;
  }

  void created() {
    status = Status.CREATED;
  }

  void duplicate(Message why) {
    status = Status.DUPLICATE;
    message = why;
  }

  void conflict() {
    status = Status.CONFLICT;
    message = Message.of("records.conflict", "id", id);
    field = "id";
  }

  void reject(ApiError why) {
    status = Status.REJECTED;
    message = why.message();
    field = why.field();
  }

  /** The refusal as an error, for the single-record endpoints. */
  ApiError error() {
    return status == Status.CONFLICT ? new ApiError(409, "conflict", message, field)
        : new ApiError(400, "invalid_field", message, field);
  }

  JsonObject toJson(Messages.Language language) {
    JsonObject json = new JsonObject().put("id", id == null ? null : id.toString())
        .put("type", handledType != null ? handledType : type == null ? null : type.id())
        .put("status", status.name().toLowerCase());
    Message said = message == null && batch != null && batch.status() == BatchStatus.HELD
        ? Message.of("sync.recorded_held", "lotCode", batch.lotCode(), "reason", batch.reason()) : message;
    if (said != null) {
      json.mergeIn(Messages.toJson(said, language));
    }
    if (field != null) {
      json.put("field", field);
    }
    if (batch != null) {
      json.put("batch", batch.toJson(language));
    }
    if (details != null) {
      json.mergeIn(details);
    }
    return json;
  }
}
