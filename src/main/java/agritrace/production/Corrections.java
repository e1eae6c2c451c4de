package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Message;
import agritrace.production.Records.Operation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Corrections: each names a stored record of this producer (any of its versions) and becomes
 * its next revision. A correction of a correction sent in the same request waits for the one it
 * corrects, so a phone may queue several fixes of one record.
 */
final class Corrections {

  private static final String TARGETS = "SELECT * FROM %s WHERE id = ANY($1)";
  /** Locks the roots in id order, so concurrent corrections of one record take turns and never deadlock. */
  private static final String LOCK = "SELECT id FROM %s WHERE id = ANY($1) ORDER BY id FOR UPDATE";
  private static final String LATEST =
      "SELECT root_id, max(revision) AS revision FROM %s WHERE revision > 0 AND root_id = ANY($1) GROUP BY root_id";

  private Corrections() {
  }

  /** Answers the corrections already stored (a phone sending again) before any is numbered. */
  static Future<Void> markStored(SyncWrite w, RecordType type) {
    return StoredRecords.mark(w, type, w.pending(type, true));
  }

  /** Stores the pending corrections of a type, in waves. */
  static Future<Void> store(SyncWrite w, RecordType type) {
    List<SyncItem> pending = w.pending(type, true);
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<UUID> waiting = new HashSet<>();
    pending.forEach(item -> waiting.add(item.record.id()));
    List<SyncItem> ready = pending.stream().filter(item -> !waiting.contains(item.record.corrects())).toList();
    if (ready.isEmpty()) {
      pending.forEach(item -> item.reject(ApiError.invalid("corrects", "records.correction_circle")));
      return Future.succeededFuture();
    }
    return numbered(w, type, ready).compose(v -> store(w, type));
  }

  /** Finds and locks each target's root, numbers the corrections after its latest revision, and stores them. */
  private static Future<Void> numbered(SyncWrite w, RecordType type, List<SyncItem> ready) {
    UUID[] targets = ready.stream().map(item -> item.record.corrects()).distinct().toArray(UUID[]::new);
    return w.tx.preparedQuery(TARGETS.formatted(type.table())).execute(Tuple.of((Object) targets))
        .compose(rows -> {
          Map<UUID, Row> own = new HashMap<>();
          rows.forEach(row -> {
            if (row.getUUID("producer_id").equals(w.caller.producerId())) {
              own.put(row.getUUID("id"), row);
            }
          });
          List<SyncItem> accepted = new ArrayList<>();
          for (SyncItem item : ready) {
            Row target = own.get(item.record.corrects());
            if (target == null) {
              item.reject(ApiError.invalid("corrects", "records.corrects_unknown", "type", Message.of("record." + type.id())));
            } else if (item.record instanceof Operation op && !op.operation().id().equals(target.getString("type"))) {
              item.reject(ApiError.invalid("type", "records.correction_keeps_type",
                  "type", Message.of("operation." + target.getString("type"))));
            } else {
              w.roots.put(item.record.corrects(), target.getUUID("root_id"));
              accepted.add(item);
            }
          }
          UUID[] lock = accepted.stream().map(item -> w.roots.get(item.record.corrects())).distinct().sorted()
              .toArray(UUID[]::new);
          return w.tx.preparedQuery(LOCK.formatted(type.table())).execute(Tuple.of((Object) lock))
              .compose(locked -> w.tx.preparedQuery(LATEST.formatted(type.table())).execute(Tuple.of((Object) lock)))
              .compose(latest -> {
                Map<UUID, Integer> revision = new HashMap<>();
                latest.forEach(row -> revision.put(row.getUUID("root_id"), row.getInteger("revision")));
                List<UUID> roots = new ArrayList<>();
                List<Integer> revisions = new ArrayList<>();
                for (SyncItem item : accepted) {
                  UUID root = w.roots.get(item.record.corrects());
                  roots.add(root);
                  revisions.add(revision.merge(root, 1, Integer::sum));
                }
                return RecordStore.corrections(w, type, accepted, roots, revisions);
              });
        });
  }
}
