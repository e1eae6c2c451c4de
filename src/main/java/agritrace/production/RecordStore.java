package agritrace.production;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Storing a request's originals of one type, and the waves of its corrections once they are numbered. */
final class RecordStore {

  private RecordStore() {
  }

  /** Stores the pending originals of a type: each is its own root, revision 0. */
  static Future<Void> originals(SyncWrite w, RecordType type) {
    List<SyncItem> items = w.pending(type, false);
    List<Tuple> rows = new ArrayList<>(items.size());
    items.forEach(item -> rows.add(RecordInserts.row(item.record, item.record.id(), 0, w.caller, w.roots)));
    return insert(w, type, items, rows, false);
  }

  /**
   * Stores corrections whose targets' roots ({@code roots}) and revisions ({@code revisions},
   * in the order of {@code items}) are known.
   */
  static Future<Void> corrections(SyncWrite w, RecordType type, List<SyncItem> items, List<UUID> roots,
      List<Integer> revisions) {
    List<Tuple> rows = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      rows.add(RecordInserts.row(items.get(i).record, roots.get(i), revisions.get(i), w.caller, w.roots));
    }
    return insert(w, type, items, rows, true);
  }

  /** Inserts the rows; the items whose ids turn out to be stored already are answered by {@link StoredRecords}. */
  private static Future<Void> insert(SyncWrite w, RecordType type, List<SyncItem> items, List<Tuple> rows,
      boolean corrections) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    return RecordInserts.insert(w.tx, type, rows, w.skipStored).compose(created -> {
      List<SyncItem> skipped = new ArrayList<>();
      for (SyncItem item : items) {
        if (created.contains(item.record.id())) {
          item.created();
          w.judge.noteStored(w, item.record, corrections);
        } else {
          skipped.add(item);
        }
      }
      return StoredRecords.mark(w, type, skipped);
    });
  }
}
