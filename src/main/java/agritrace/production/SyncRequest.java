package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reading a sync request: up to 500 records of any type, each {@code {"type", "data"}}, each read
 * on its own (a record that breaks a rule is rejected, the others go on), and a record sent twice
 * in one request answered by its first copy. Items of a type a {@link SyncHandler} takes are
 * kept as sent, for it to read.
 */
final class SyncRequest {

  static final int MAX_RECORDS = 500;

  private SyncRequest() {
  }

  /** The request's records in order, each read and checked on its own; {@code handled}: the handlers' types. */
  static List<SyncItem> read(Fields body, OffsetDateTime now, Set<String> handled) {
    Object raw = body.json().getValue("records");
    if (!(raw instanceof JsonArray array)) {
      throw ApiError.invalid("records", "sync.records_list");
    }
    if (array.isEmpty() || array.size() > MAX_RECORDS) {
      throw ApiError.invalid("records", "sync.records_count", "max", MAX_RECORDS);
    }
    List<SyncItem> items = new ArrayList<>(array.size());
    for (Object entry : array) {
      items.add(item(entry, now, handled));
    }
    markRepeats(items);
    return items;
  }

  /** One record alone, as the single-record endpoints take it. */
  static List<SyncItem> one(RecordType type, Fields data, OffsetDateTime now) {
    return List.of(SyncItem.read(Records.read(type, data, now)));
  }

  private static SyncItem item(Object entry, OffsetDateTime now, Set<String> handled) {
    JsonObject envelope = entry instanceof JsonObject o ? o : new JsonObject();
    RecordType type = envelope.getValue("type") instanceof String t ? RecordType.of(t) : null;
    Object data = envelope.getValue("data");
    UUID id = data instanceof JsonObject d && d.getValue("id") instanceof String s ? Fields.parseUuid(s) : null;
    try {
      Fields.storableTree("", data); // named as the record's own fields are
    } catch (ApiError e) {
      return SyncItem.unreadable(id, type, e);
    }
    if (envelope.getValue("type") instanceof String t && handled.contains(t)) {
      SyncItem item = SyncItem.handled(id, t, data instanceof JsonObject fields ? fields : null);
      if (item.data == null) {
        item.reject(ApiError.invalid("data", "sync.record_data"));
      }
      return item;
    }
    try {
      if (type == null) {
        throw ApiError.invalid("type", "sync.record_type");
      }
      if (!(data instanceof JsonObject fields)) {
        throw ApiError.invalid("data", "sync.record_data");
      }
      return SyncItem.read(Records.read(type, new Fields(fields), now));
    } catch (ApiError e) {
      return SyncItem.unreadable(id, type, e);
    }
  }

  /** A record sent again in the same request waits for its first copy's outcome ({@link SyncItem#settleCopy}). */
  private static void markRepeats(List<SyncItem> items) {
    Map<Map.Entry<RecordType, UUID>, SyncItem> first = new HashMap<>();
    for (SyncItem item : items) {
      if (item.record != null) {
        SyncItem earlier = first.putIfAbsent(Map.entry(item.record.type(), item.record.id()), item);
        if (earlier != null) {
          item.repeats(earlier);
        }
      }
    }
  }
}
