package agritrace.production;

import agritrace.http.Caller;
import io.vertx.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The state one sync's write shares between its steps, inside its transaction. */
final class SyncWrite {

  final SqlClient tx;
  final Caller caller;
  final List<SyncItem> items;
  /** Whether operation ids already stored are skipped, or fail the insert (see {@link RecordWriter}). */
  final boolean skipStored;
  /** Any version's id of a plot, input or operation the request names, to its record's root id. */
  final Map<UUID, UUID> roots = new HashMap<>();
  /** The longest interval in days of each input an operation names. */
  final Map<UUID, Integer> inputDays = new HashMap<>();
  final HarvestJudge judge = new HarvestJudge();

  SyncWrite(SqlClient tx, Caller caller, List<SyncItem> items, boolean skipStored) {
    this.tx = tx;
    this.caller = caller;
    this.items = items;
    this.skipStored = skipStored;
  }

  /** The items still to store of a type, originals or corrections. */
  List<SyncItem> pending(RecordType type, boolean corrections) {
    return items.stream().filter(item -> item.pending(type, corrections)).toList();
  }

  /** The root of the record any of whose versions has this id, as far as this write has learnt it. */
  UUID root(UUID id) {
    return roots.getOrDefault(id, id);
  }
}
