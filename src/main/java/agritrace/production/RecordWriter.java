package agritrace.production;

import agritrace.db.Sql;
import agritrace.http.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Stores the records of one request from one producer in one transaction, each once, and judges
 * the harvests they bear on. Most syncs carry only operations never sent before, so those are
 * inserted without looking each id up first; if one is already stored (a phone sending again,
 * or the same sync arriving twice at once), that transaction fails on the key and changes
 * nothing, and the write runs again, skipping and comparing the stored ids.
 */
final class RecordWriter {

  /**
   * A sync's statements are planned once per connection, not for each execution, with table
   * scans, hash joins and merge joins off while they are planned, so a plan made while the tables
   * were small stays an index walk as they grow (scripts/bench/README.md has the measurements).
   */
  static final String PLANNED_ONCE = "SET LOCAL plan_cache_mode = force_generic_plan; "
      + "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";

  private final Pool pool;

  RecordWriter(Pool pool) {
    this.pool = pool;
  }

  /** Stores the pending items and answers every item; those answered on reading are left as they are. */
  Future<List<SyncItem>> write(Caller caller, List<SyncItem> items) {
    List<SyncItem> open = items.stream().filter(SyncItem::pending).toList();
    return attempt(caller, items, false)
        .recover(failure -> {
          if (!Sql.uniqueViolation(failure, RecordInserts.OPERATION_KEY)) {
            return Future.failedFuture(failure);
          }
          open.forEach(SyncItem::reopen);
          return attempt(caller, items, true);
        })
        .map(written -> {
          written.forEach(SyncItem::settleCopy);
          return written;
        });
  }

  private Future<List<SyncItem>> attempt(Caller caller, List<SyncItem> items, boolean skipStored) {
    return pool.withTransaction(conn -> {
      // Sent without waiting for its answer: the connection runs it before the statements that follow.
      Future<?> planned = conn.query(PLANNED_ONCE).execute();
      SyncWrite w = new SyncWrite(conn, caller, items, skipStored);
      Future<List<SyncItem>> written = Future.<Void>succeededFuture()
          .compose(v -> Corrections.markStored(w, RecordType.PLOT))
          .compose(v -> Corrections.markStored(w, RecordType.INPUT))
          .compose(v -> RecordStore.originals(w, RecordType.PLOT))
          .compose(v -> Corrections.store(w, RecordType.PLOT))
          .compose(v -> RecordStore.originals(w, RecordType.INPUT))
          .compose(v -> Corrections.store(w, RecordType.INPUT))
          .compose(v -> References.check(w))
          .compose(v -> Corrections.markStored(w, RecordType.OPERATION))
          .compose(v -> RecordStore.originals(w, RecordType.OPERATION))
          .compose(v -> Corrections.store(w, RecordType.OPERATION))
          .compose(v -> w.judge.judge(w))
          .map(v -> items);
      return Future.join(planned, written).map(all -> written.result());
    });
  }
}
