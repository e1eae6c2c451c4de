package agritrace.production;

import agritrace.http.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records whose id is already stored: a duplicate when this producer's record says the same
 * ({@link RecordContent}), a conflict when it says something else (a change needs a correction),
 * and rejected when the id is another producer's.
 */
final class StoredRecords {

  /** The stored rows, with the root of the record each sent correction names. */
  private static final String STORED = """
      SELECT s.*, (SELECT c.root_id FROM %1$s c WHERE c.id = q.corrects) AS corrects_root
      FROM unnest($1::uuid[], $2::uuid[]) q(id, corrects) JOIN %1$s s ON s.id = q.id""";

  private StoredRecords() {
  }

  /** Answers each item whose id is stored; the others stay pending. */
  static Future<Void> mark(SyncWrite w, RecordType type, List<SyncItem> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<UUID, SyncItem> byId = new HashMap<>();
    items.forEach(item -> byId.put(item.record.id(), item));
    return w.tx.preparedQuery(STORED.formatted(type.table()))
        .execute(Tuple.tuple()
            .addArrayOfUUID(items.stream().map(item -> item.record.id()).toArray(UUID[]::new))
            .addArrayOfUUID(items.stream().map(item -> item.record.corrects()).toArray(UUID[]::new)))
        .map(rows -> {
          for (Row row : rows) {
            SyncItem item = byId.get(row.getUUID("id"));
            if (!row.getUUID("producer_id").equals(w.caller.producerId())) {
              item.reject(ApiError.invalid("id", "records.id_taken"));
            } else if (RecordContent.same(item.record, w::root, row.getUUID("corrects_root"), row)) {
              item.duplicate(null);
            } else {
              item.conflict();
            }
          }
          return null;
        });
  }
}
